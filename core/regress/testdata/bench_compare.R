# Reference timings for the BenchmarkFit* cases with R's plm (within
# estimator, two-way effects, cluster-robust covariance by the first FE).
# Same shapes and DGP as bench_test.go (different random numbers).
# Usage: Rscript bench_compare.R [paper|large]...
suppressPackageStartupMessages({library(plm); library(sandwich)})
gen <- function(n, k, g1, g2, balanced) {
  set.seed(1)
  id <- (seq_len(n) - 1) %% g1
  t <- if (balanced) (seq_len(n) - 1) %/% g1 else sample.int(g2, n, replace = TRUE) - 1
  a <- rnorm(g1)
  d <- data.frame(id = id, t = t)
  y <- a[id + 1] + 0.1 * t
  for (j in seq_len(k)) {
    x <- rnorm(n) + 0.5 * a[id + 1] + 0.05 * t
    d[[paste0("x", j)]] <- x
    y <- y + j * 0.1 * x
  }
  d$y <- y + rnorm(n)
  if (!balanced) d <- d[!duplicated(d[, c("id", "t")]), ]  # plm needs unique (id, t)
  d
}
run <- function(label, d, reps) {
  f <- as.formula(paste("y ~", paste(grep("^x", names(d), value = TRUE), collapse = "+")))
  pd <- pdata.frame(d, index = c("id", "t"))
  times <- replicate(reps, system.time({
    m <- plm(f, data = pd, model = "within", effect = "twoways")
    v <- vcovHC(m, method = "arellano", type = "HC1", cluster = "group")
  })[["elapsed"]])
  cat(sprintf("%s: plm within twoways + vcovHC(cluster=group), %d rows: median %.3f s over %d runs\n",
              label, nrow(d), median(times), reps))
}
args <- commandArgs(trailingOnly = TRUE)
if (length(args) == 0) args <- "paper"
for (a in args) {
  if (a == "paper") run("paper", gen(11340, 5, 756, 15, TRUE), 5)
  if (a == "large") run("large", gen(1e6, 5, 1e5, 20, FALSE), 1)
}
