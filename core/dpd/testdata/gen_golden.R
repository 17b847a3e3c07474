# Golden values for core/dpd from R plm::pgmm (an implementation independent of
# wiodlab), on the Arellano-Bond (1991) EmplUK panel read from
# ../shared/data/panels/emplUK.csv (the same data as plm's EmplUK).
#
# Run from core/dpd:   Rscript testdata/gen_golden.R > testdata/golden.json
#
# Every case records the wiodlab (xtabond2-style) specification that matches it,
# so the Go test can refit and compare key by key. n = log(emp), w = log(wage),
# k = log(capital), ys = log(output), as in Arellano & Bond (1991) and Roodman's
# abdata. Standard errors: plm's robust ones (vcovHC: one-step sandwich, two-step
# Windmeijer), plus the non-robust two-step ones (vcov). AR tests use the robust
# variance (summary(..., robust = TRUE)); plm's "sargan" is the Hansen J (two-step
# weighting).
suppressMessages({library(plm); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) > 0) args[1] else "../../../shared/data/panels/emplUK.csv"
d <- read.csv(path)
d <- pdata.frame(d, index = c("firm", "year"))

ab <- log(emp) ~ lag(log(emp), 1:2) + lag(log(wage), 0:1) + lag(log(capital), 0:2) +
  lag(log(output), 0:2) | lag(log(emp), 2:99)
bb <- log(emp) ~ lag(log(emp), 1) + lag(log(wage), 0:1) + lag(log(capital), 0:1) |
  lag(log(emp), 2:99) + lag(log(wage), 2:99) + lag(log(capital), 2:99)

# plm coefficient names -> Stata names
rename <- function(nm) {
  map <- c("lag(log(emp), 1:2)1" = "L.n", "lag(log(emp), 1:2)2" = "L2.n",
           "lag(log(emp), 1)" = "L.n",
           "lag(log(wage), 0:1)0" = "w", "lag(log(wage), 0:1)1" = "L.w",
           "lag(log(capital), 0:2)0" = "k", "lag(log(capital), 0:2)1" = "L.k",
           "lag(log(capital), 0:2)2" = "L2.k",
           "lag(log(capital), 0:1)0" = "k", "lag(log(capital), 0:1)1" = "L.k",
           "lag(log(output), 0:2)0" = "ys", "lag(log(output), 0:2)1" = "L.ys",
           "lag(log(output), 0:2)2" = "L2.ys", "(Intercept)" = "_cons")
  out <- ifelse(nm %in% names(map), map[nm], paste0("yr", nm))
  unname(out)
}

run <- function(name, f, transformation, model, collapse, wiod) {
  m <- pgmm(f, data = d, effect = "twoways", model = model,
            transformation = transformation, collapse = collapse)
  s <- summary(m, robust = TRUE)
  b <- if (model == "twosteps") m$coefficients[[2]] else m$coefficients
  names(b) <- rename(names(b))
  se <- sqrt(diag(vcovHC(m)))
  names(se) <- names(b)
  senr <- sqrt(diag(vcov(m)))
  names(senr) <- names(b)
  list(name = name, wiodlab = wiod,
       plm_call = paste(deparse(m$call), collapse = " "),
       coef = as.list(b), se = as.list(se), se_nonrobust = as.list(senr),
       ninstruments = ncol(m$W[[1]]), ngroups = length(m$W),
       ar1 = as.numeric(s$m1$statistic), ar1_p = as.numeric(s$m1$p.value),
       ar2 = as.numeric(s$m2$statistic), ar2_p = as.numeric(s$m2$p.value),
       plm_sargan = unname(s$sargan$statistic),
       plm_sargan_df = unname(s$sargan$parameter),
       plm_sargan_p = unname(s$sargan$p.value))
}

abx <- "L.n L2.n w L.w k L.k L2.k ys L.ys L2.ys"
abiv <- "w L.w k L.k L2.k ys L.ys L2.ys"
bbx <- "L.n w L.w k L.k"
cases <- list(
  run("ab_onestep", ab, "d", "onestep", FALSE,
      list(x = abx, gmm = list("n, lag(2 .)"), iv = list(abiv), nolevel = TRUE,
           twostep = FALSE, robust = TRUE, timedummies = TRUE)),
  run("ab_twostep", ab, "d", "twosteps", FALSE,
      list(x = abx, gmm = list("n, lag(2 .)"), iv = list(abiv), nolevel = TRUE,
           twostep = TRUE, robust = TRUE, timedummies = TRUE)),
  run("ab_twostep_collapse", ab, "d", "twosteps", TRUE,
      list(x = abx, gmm = list("n, lag(2 .) collapse"), iv = list(abiv), nolevel = TRUE,
           twostep = TRUE, robust = TRUE, timedummies = TRUE)),
  run("bb_onestep", bb, "ld", "onestep", FALSE,
      list(x = bbx, gmm = list("n w k, lag(2 .)"), iv = list(), nolevel = FALSE,
           twostep = FALSE, robust = TRUE, timedummies = TRUE)),
  run("bb_twostep", bb, "ld", "twosteps", FALSE,
      list(x = bbx, gmm = list("n w k, lag(2 .)"), iv = list(), nolevel = FALSE,
           twostep = TRUE, robust = TRUE, timedummies = TRUE)),
  run("bb_twostep_collapse", bb, "ld", "twosteps", TRUE,
      list(x = bbx, gmm = list("n w k, lag(2 .) collapse"), iv = list(), nolevel = FALSE,
           twostep = TRUE, robust = TRUE, timedummies = TRUE))
)
out <- list(source = paste("R", R.version$major, R.version$minor, "plm", packageVersion("plm")),
            data = "shared/data/panels/emplUK.csv", cases = cases)
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
