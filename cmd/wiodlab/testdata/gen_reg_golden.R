# Golden values for the CLI `wiodlab reg` end to end: CSV reading,
# winsorising, lags, --if filter, estimation and JSON. Independent
# computation in R: explicit lags by (firm, year - 1), winsor2's percentile
# rule (Stata _pctile = R quantile type 2) on the whole table before the
# filter, lm() with factor dummies, sandwich::vcovHC / vcovCL.
#
# Run from this folder: Rscript gen_reg_golden.R /path/to/shared/data/panels/grunfeld.csv
suppressPackageStartupMessages({library(jsonlite); library(sandwich)})
args <- commandArgs(trailingOnly = TRUE)
g <- read.csv(if (length(args) > 0) args[1] else "../../../../shared/data/panels/grunfeld.csv")

winsor <- function(v, p) {
  lo <- quantile(v, p, type = 2, names = FALSE); hi <- quantile(v, 1 - p, type = 2, names = FALSE)
  pmin(pmax(v, lo), hi)
}
lagged <- function(d, v) {
  key <- paste(d$firm, d$year); lkey <- paste(d$firm, d$year - 1)
  d[[v]][match(lkey, key)]
}

one <- function(label, args, d, y, x, fe, vc) {
  d <- d[complete.cases(d[, c(y, x, fe)]), ]
  n <- nrow(d)
  f <- paste(y, "~", paste(x, collapse = "+"), if (length(fe)) paste("+", paste(sprintf("factor(%s)", fe), collapse = "+")) else "")
  m <- lm(as.formula(f), data = d)
  K <- m$rank
  b <- coef(m)[x]
  V <- switch(vc,
    iid = vcov(m),
    hc1 = vcovHC(m, type = "HC1"),
    "cluster:firm" = vcovCL(m, cluster = d$firm, type = "HC1") * (n - K) / (n - (length(x) + 1)))  # firm FE nested in firm clusters: K = regressors + constant
  se <- sqrt(diag(V))[x]
  out <- list(label = label, args = I(args), nobs = n, coef = as.list(b), se = as.list(se))
  if (length(fe) == 0) {
    out$coef[["(Intercept)"]] <- unname(coef(m)[1]); out$se[["(Intercept)"]] <- unname(sqrt(diag(V))[1])
  } else {
    out$coef[["_cons"]] <- mean(d[[y]]) - sum(colMeans(d[, x, drop = FALSE]) * b)
  }
  out$r2 <- summary(m)$r.squared
  out$r2_adj <- summary(m)$adj.r.squared
  out
}

data <- "GRUNFELD"
cases <- list(
  one("pooled iid", c("--data", data, "--formula", "inv ~ value + capital", "--json"),
      g, "inv", c("value", "capital"), character(0), "iid"),
  { w <- g; w$inv <- winsor(w$inv, 0.05); w$value <- winsor(w$value, 0.05)
    one("winsorised firm FE hc1", c("--data", data, "--formula", "inv ~ value + capital | firm", "--winsor", "inv,value:0.05", "--vcov", "hc1", "--json"),
        w, "inv", c("value", "capital"), "firm", "hc1") },
  { l <- g; l$L.capital <- lagged(g, "capital"); l <- l[l$year != 1950, ]
    one("lag, filter, firm FE, cluster firm", c("--data", data, "--formula", "inv ~ value + L.capital | firm", "--panel", "firm,year",
        "--if", "year != 1950", "--vcov", "cluster:firm", "--json"),
        l, "inv", c("value", "L.capital"), "firm", "cluster:firm") }
)
writeLines(toJSON(list(source = "cmd/wiodlab/testdata/gen_reg_golden.R", r_version = R.version.string, cases = cases),
                  auto_unbox = TRUE, digits = NA), "reg_golden.json")
cat("wrote", length(cases), "cases\n")
