# Golden values for core/regress, computed independently with R:
# lm() with explicit factor dummies for every fixed effect, sandwich-style
# matrix formulas for the covariances with Stata/reghdfe small-sample factors,
# and cross-checks against plm (within estimator) and sandwich::vcovHC/vcovCL
# where their conventions coincide.
#
# Run from this folder:  Rscript gen_golden.R /path/to/shared/data/panels/grunfeld.csv
# Writes golden.json (cases and the generated panel's data).
suppressPackageStartupMessages({library(jsonlite); library(plm); library(sandwich)})
args <- commandArgs(trailingOnly = TRUE)
grunfeld <- read.csv(if (length(args) > 0) args[1] else "../../../../shared/data/panels/grunfeld.csv")

# Generated unbalanced panel with singletons, an id-invariant regressor and
# a collinear one.
set.seed(20261201)
nid <- 60; nt <- 12
pan <- expand.grid(t = 1:nt, id = 1:nid)[, c("id", "t")]
pan <- pan[runif(nrow(pan)) > 0.25, ]
pan <- rbind(pan, data.frame(id = 61, t = 3), data.frame(id = 62, t = 5), data.frame(id = 62, t = 13))
pan$region <- (pan$id - 1) %/% 10
pan$x1 <- rnorm(nrow(pan)) + 0.3 * pan$id / 10
pan$x2 <- rnorm(nrow(pan)) + 0.1 * pan$t
idfe <- rnorm(62); tfe <- rnorm(13)
pan$xid <- round(idfe[pan$id] * 3, 3)     # constant within id: absorbed by the id FE
pan$xcol <- pan$x1 - 2 * pan$x2            # collinear with x1 and x2
pan$y <- 1 + 0.5 * pan$x1 - 0.25 * pan$x2 + 0.2 * pan$xid + idfe[pan$id] + tfe[pan$t] +
  rnorm(nrow(pan)) * (1 + 0.5 * abs(pan$x1))
pan <- pan[order(runif(nrow(pan))), ]
rownames(pan) <- NULL
pan$w <- round(runif(nrow(pan), 0.5, 2), 3)  # analytic weights (drawn last: other columns unchanged)
pan$x1 <- round(pan$x1, 6); pan$x2 <- round(pan$x2, 6); pan$xcol <- pan$x1 - 2 * pan$x2
pan$y <- round(pan$y, 6)

drop_singletons <- function(d, fe) {
  repeat {
    bad <- rep(FALSE, nrow(d))
    for (f in fe) { tab <- table(d[[f]]); bad <- bad | (tab[as.character(d[[f]])] == 1) }
    if (!any(bad)) return(d)
    d <- d[!bad, ]
  }
}

# fit returns the golden values of one case.
fit <- function(label, data, dname, y, x, fe, vc, wt = NULL) {
  d <- data
  nsing <- 0
  if (length(fe) > 0) { n0 <- nrow(d); d <- drop_singletons(d, fe); nsing <- n0 - nrow(d) }
  n <- nrow(d)
  w <- if (is.null(wt)) rep(1, n) else d[[wt]]; sw <- sqrt(w)
  wmean <- function(v) sum(w * v) / sum(w)
  fefac <- lapply(fe, function(f) factor(d[[f]]))
  D <- if (length(fe) > 0) model.matrix(as.formula(paste("~", paste(sprintf("fefac[[%d]]", seq_along(fe)), collapse = "+")))) else matrix(1, n, 1)
  # Partial the fixed effects (or the constant) out of y and x by least squares.
  part <- function(v) as.vector(qr.resid(qr(D * sw), v * sw)) / sw
  yt <- part(d[[y]])
  X <- as.matrix(d[, x, drop = FALSE])
  # Drop regressors as Stata does: absorbed/constant, then collinear in order.
  kept <- c(); dropped <- c()
  for (j in seq_along(x)) {
    xt <- part(X[, j]); before <- sum(w * (X[, j] - wmean(X[, j]))^2)
    if (before == 0 || sum(w * xt^2) <= 1e-9 * before) { dropped <- c(dropped, x[j]); next }
    if (length(kept) > 0) {
      Xk <- sapply(kept, function(k) part(X[, k]))
      r <- qr.resid(qr(Xk * sw), xt * sw)
      if (sum(r^2) <= 1e-9 * sum(w * xt^2)) { dropped <- c(dropped, x[j]); next }
    }
    kept <- c(kept, x[j])
  }
  # The full dummy regression (independent of the partialling above).
  Dm <- D[, -1, drop = FALSE]
  full <- if (ncol(Dm) > 0) lm(d[[y]] ~ X[, kept, drop = FALSE] + Dm, weights = w) else lm(d[[y]] ~ X[, kept, drop = FALSE], weights = w)
  b_full <- coef(full)[1 + seq_along(kept)]
  e <- residuals(full)
  Xt <- sapply(kept, function(k) part(d[[k]]))
  Xt <- matrix(Xt, nrow = n)
  b <- as.vector(solve(crossprod(Xt, w * Xt), crossprod(Xt, w * yt)))
  stopifnot(max(abs(b - b_full) / abs(b)) < 1e-9)
  xbar <- apply(X[, kept, drop = FALSE], 2, wmean); ybar <- wmean(d[[y]])
  cons <- ybar - sum(xbar * b)
  Z <- cbind(sweep(Xt, 2, xbar, "+"), 1)   # regression on [x~ + xbar, 1]
  bread <- solve(crossprod(Z, w * Z))
  kx <- length(kept)
  rankD <- qr(D)$rank                       # exact parameters absorbed incl. constant
  K <- kx + rankD
  rss <- sum(w * e^2)
  S <- Z * (w * e)
  meat <- function(g) { Sg <- rowsum(S, g); crossprod(Sg) }
  if (vc == "iid") {
    V <- rss / (n - K) * bread; df <- n - K; ncl <- NULL; KV <- K
  } else if (vc == "hc1") {
    V <- n / (n - K) * bread %*% crossprod(S) %*% bread; df <- n - K; ncl <- NULL; KV <- K
  } else {
    cl <- strsplit(sub("cluster:", "", vc), "+", fixed = TRUE)[[1]]
    # Fixed effects nested in a cluster variable are not counted (reghdfe).
    nested <- sapply(fe, function(f) any(sapply(cl, function(c) all(tapply(d[[c]], d[[f]], function(v) length(unique(v))) == 1))))
    open <- fe[!nested]
    KV <- kx + 1
    if (length(open) > 0) {
      Do <- model.matrix(as.formula(paste("~", paste(sprintf("factor(%s)", open), collapse = "+"))), data = d)
      KV <- kx + qr(Do)$rank
    }
    G <- sapply(cl, function(c) length(unique(d[[c]])))
    if (length(cl) == 1) {
      M <- meat(d[[cl[1]]]); Gm <- G[1]
    } else {
      M <- meat(d[[cl[1]]]) + meat(d[[cl[2]]]) - meat(paste(d[[cl[1]]], d[[cl[2]]]))
      Gm <- min(G)
    }
    q <- Gm / (Gm - 1) * (n - 1) / (n - KV)
    V <- q * bread %*% M %*% bread
    ev <- eigen(V, symmetric = TRUE)
    if (any(ev$values < 0)) V <- ev$vectors %*% diag(pmax(ev$values, 0)) %*% t(ev$vectors)
    df <- Gm - 1; ncl <- as.list(setNames(G, cl))
  }
  coefs <- c(b, cons)
  se <- sqrt(diag(V))
  tt <- coefs / se
  p <- 2 * pt(abs(tt), df, lower.tail = FALSE)
  crit <- qt(0.975, df)
  names_ <- c(kept, if (length(fe) > 0) "_cons" else "(Intercept)")
  tss <- sum(w * (d[[y]] - ybar)^2)
  r2 <- 1 - rss / tss
  Fst <- if (kx > 0) tryCatch(as.numeric(t(b) %*% solve(V[1:kx, 1:kx, drop = FALSE], b)) / kx, error = function(e) { message(label, ": F not computable"); NA }) else NA
  # Cross-checks with packaged estimators where conventions coincide.
  if (vc == "iid") {
    stopifnot(abs(summary(full)$r.squared - r2) < 1e-10)
    stopifnot(max(abs(sqrt(diag(vcov(full)))[1 + seq_len(kx)] - se[seq_len(kx)]) / se[seq_len(kx)]) < 1e-9)
    if (length(fe) %in% 1:2 && is.null(wt)) {
      tm <- if (length(fe) == 2) fe[2] else if (dname == "grunfeld") "year" else if (fe[1] == "t") "id" else "t"
      pd <- pdata.frame(d, index = c(fe[1], tm))
      pm <- plm(as.formula(paste(y, "~", paste(kept, collapse = "+"))), data = pd, model = "within",
                effect = if (length(fe) == 2) "twoways" else "individual")
      if (length(fe) == 1 || dname == "grunfeld") stopifnot(max(abs(coef(pm) - b) / abs(b)) < 1e-9)
    }
  }
  if (vc == "hc1") {
    v2 <- vcovHC(full, type = "HC1")
    stopifnot(max(abs(sqrt(diag(v2))[1 + seq_len(kx)] - se[seq_len(kx)]) / se[seq_len(kx)]) < 1e-9)
  }
  if (vc %in% c("cluster:firm", "cluster:id") && KV == K) {
    v2 <- vcovCL(full, cluster = d[[sub("cluster:", "", vc)]], type = "HC1")
    stopifnot(max(abs(sqrt(diag(v2))[1 + seq_len(kx)] - se[seq_len(kx)]) / se[seq_len(kx)]) < 1e-9)
  }
  list(label = label, data = dname, y = y, x = I(x), fe = I(fe), vcov = vc,
       names = I(names_), coef = coefs, se = se, tstat = tt, pvalue = p, lo = coefs - crit * se, hi = coefs + crit * se,
       nobs = n, singletons = nsing, r2 = r2, r2_adj = 1 - (1 - r2) * (n - 1) / (n - K),
       r2_within = 1 - rss / sum(w * yt^2), weights = if (is.null(wt)) NA else wt, f = Fst, df = df, k = K, kvcov = KV,
       nclusters = ncl, dropped = I(if (is.null(dropped)) character(0) else dropped))
}

cases <- list()
add <- function(...) cases[[length(cases) + 1]] <<- fit(...)
gx <- c("value", "capital")
for (vc in c("iid", "hc1", "cluster:firm", "cluster:firm+year")) {
  add(paste("grunfeld pooled", vc), grunfeld, "grunfeld", "inv", gx, character(0), vc)
  add(paste("grunfeld firm FE", vc), grunfeld, "grunfeld", "inv", gx, "firm", vc)
  add(paste("grunfeld two-way FE", vc), grunfeld, "grunfeld", "inv", gx, c("firm", "year"), vc)
}
px <- c("x1", "x2", "xid", "xcol")
for (vc in c("iid", "hc1", "cluster:id", "cluster:region", "cluster:id+t", "cluster:region+t")) {
  add(paste("panel two-way FE", vc), pan, "panel", "y", px, c("id", "t"), vc)
}
add("panel one-way FE t, cluster:id", pan, "panel", "y", px, "t", "cluster:id")
add("panel pooled hc1", pan, "panel", "y", c("x1", "x2", "xid"), character(0), "hc1")
for (vc in c("iid", "hc1", "cluster:id", "cluster:id+t")) {
  add(paste("panel weighted two-way FE", vc), pan, "panel", "y", px, c("id", "t"), vc, "w")
}
add("panel weighted pooled cluster:id", pan, "panel", "y", c("x1", "x2"), character(0), "cluster:id", "w")
add("panel three-way FE (region nests id)", pan, "panel", "y", c("x1", "x2"), c("id", "t", "region"), "iid")

out <- list(source = "core/regress/testdata/gen_golden.R", r_version = R.version.string,
            plm = as.character(packageVersion("plm")), sandwich = as.character(packageVersion("sandwich")),
            panel = as.list(pan), cases = cases)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", na = "null"), "golden.json")
cat("wrote", length(cases), "cases\n")
