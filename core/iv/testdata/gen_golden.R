#!/usr/bin/Rscript
# Golden values for core/iv from R: AER::ivreg (2SLS with the fixed effects as
# explicit dummies) and sandwich (vcovHC, vcovCL). Writes golden_r.json.
# Run in this folder: /usr/bin/Rscript gen_golden.R
#
# Conventions reproduced (ivreg2/ivreghdfe with `small`, reghdfe's K):
#   iid      V = vcov(ivreg)                    s^2 = RSS/(N-K)
#   hc1      V = vcovHC(type = "HC1")           N/(N-K)
#   cluster  V = raw * G/(G-1) * (N-1)/(N-K), raw = vcovCL(type = "HC0",
#            cadjust = FALSE); two-way raw = raw_a + raw_b - raw_{a x b},
#            G = min(G_a, G_b)
#   K = regressors + constant + sum over fixed effects NOT nested in a cluster
#       variable of (levels - 1)   (fixed effects here are connected, so this
#       is the rank of the dummies; checked against the LSDV rank for iid/hc1)
# First-stage F = Wald(excluded instruments)/L1 with the same rules applied to
# the first-stage LSDV regression; Sanderson-Windmeijer F = Wald/(L1-K1+1) in
# the regression of the 2SLS residual of d_j on the other endogenous
# regressors on all instruments; partial R2 = (RSS_r - RSS_u)/RSS_r;
# Sargan from summary(ivreg, diagnostics = TRUE); f = Wald test of all slopes / q.
# _cons with fixed effects (reghdfe's): ivreg on the data with the fixed
# effects removed (LSDV residuals) and each variable's mean added back, with an
# intercept; its covariance by the same rules with the same K.
suppressMessages({library(AER); library(sandwich); library(jsonlite)})
d <- read.csv("ivpanel.csv")
cases <- fromJSON("cases.json", simplifyVector = FALSE)

nested <- function(f, cl) all(tapply(d[[cl]], d[[f]], function(v) length(unique(v))) == 1)

vcovRule <- function(m, kind, cls, K) {
  n <- nrow(d)
  if (kind == "iid") return(vcov(m))
  if (kind == "hc1") return(vcovHC(m, type = "HC1"))
  raw <- function(g) vcovCL(m, cluster = g, type = "HC0", cadjust = FALSE)
  if (length(cls) == 1) {
    V <- raw(d[[cls[1]]]); G <- length(unique(d[[cls[1]]]))
  } else {
    a <- d[[cls[1]]]; b <- d[[cls[2]]]
    V <- raw(a) + raw(b) - raw(interaction(a, b, drop = TRUE))
    G <- min(length(unique(a)), length(unique(b)))
  }
  V * G / (G - 1) * (n - 1) / (n - K)
}

wald <- function(b, V) as.numeric(t(b) %*% solve(V, b))

out <- list()
for (cs in cases) {
  endo <- unlist(cs$endo); inst <- unlist(cs$inst); exog <- unlist(cs$exog)
  fes <- unlist(cs$fe); cls <- unlist(cs$cluster)
  kind <- sub(":.*", "", cs$vcov)
  fterms <- if (length(fes)) paste0("factor(", fes, ")") else character(0)
  rhs <- paste(c(endo, exog, fterms), collapse = " + ")
  ins <- paste(c(inst, exog, fterms), collapse = " + ")
  m <- ivreg(as.formula(paste(cs$y, "~", rhs, "|", ins)), data = d)
  n <- nrow(d)
  nonnested <- Filter(function(f) !(kind == "cluster" && any(sapply(cls, function(c) nested(f, c)))), fes)
  levs <- function(fs) sum(vapply(as.character(unlist(fs)), function(f) length(unique(d[[f]])) - 1, numeric(1)))
  absorbed <- levs(nonnested)
  allfe <- levs(fes)
  stopifnot(sum(!is.na(coef(m))) == length(endo) + length(exog) + 1 + allfe)
  K <- length(endo) + length(exog) + 1 + absorbed
  V <- vcovRule(m, kind, cls, K)
  names_out <- c(endo, exog, if (length(fes) == 0) "(Intercept)")
  b <- coef(m)[names_out]; se <- sqrt(diag(V))[names_out]
  s <- summary(m, diagnostics = TRUE)
  sl <- c(endo, exog)
  fall <- wald(coef(m)[sl], V[sl, sl, drop = FALSE]) / length(sl)
  res <- list(name = cs$name, nobs = n, k = K,
              coef = as.list(b), se = as.list(se),
              r2 = s$r.squared, r2_adj = s$adj.r.squared, f = fall)
  if (length(inst) > length(endo)) {
    res$sargan <- unname(s$diagnostics["Sargan", "statistic"])
    res$sargan_p <- unname(s$diagnostics["Sargan", "p-value"])
  }
  # First stages.
  Kfs <- length(inst) + length(exog) + 1 + absorbed
  fsl <- list()
  for (j in seq_along(endo)) {
    fu <- lm(as.formula(paste(endo[j], "~", ins)), data = d)
    fr <- lm(as.formula(paste(endo[j], "~", paste(c(exog, fterms, "1"), collapse = " + "))), data = d)
    Vf <- vcovRule(fu, kind, cls, Kfs)[inst, inst, drop = FALSE]
    bf <- coef(fu)[inst]
    fs <- list(name = endo[j], coef = as.list(bf), se = as.list(sqrt(diag(Vf))),
               f = wald(bf, Vf) / length(inst),
               partial_r2 = (sum(resid(fr)^2) - sum(resid(fu)^2)) / sum(resid(fr)^2))
    if (length(endo) > 1) {
      oth <- endo[-j]
      sw <- ivreg(as.formula(paste(endo[j], "~", paste(c(oth, exog, fterms), collapse = " + "), "|", ins)), data = d)
      d$.e1 <- resid(sw)
      aux <- lm(as.formula(paste(".e1 ~", ins)), data = d)
      Va <- vcovRule(aux, kind, cls, Kfs)[inst, inst, drop = FALSE]
      fs$sw_f <- wald(coef(aux)[inst], Va) / (length(inst) - length(endo) + 1)
    }
    fsl[[j]] <- fs
  }
  res$first_stage <- fsl
  if (length(fes)) {
    vars <- c(cs$y, endo, exog, inst)
    dm <- d
    for (v in vars) dm[[v]] <- resid(lm(as.formula(paste(v, "~", paste(fterms, collapse = " + "))), data = d)) + mean(d[[v]])
    mc <- ivreg(as.formula(paste(cs$y, "~", paste(c(endo, exog), collapse = " + "), "|", paste(c(inst, exog), collapse = " + "))), data = dm)
    kc <- length(coef(mc))
    Vc <- switch(kind,
      iid = vcov(mc) * (n - kc) / (n - K),
      hc1 = vcovHC(mc, type = "HC0") * n / (n - K),
      cluster = {
        raw <- function(g) vcovCL(mc, cluster = g, type = "HC0", cadjust = FALSE)
        if (length(cls) == 1) {
          raw(d[[cls[1]]]) * (function(G) G / (G - 1))(length(unique(d[[cls[1]]]))) * (n - 1) / (n - K)
        } else {
          a <- d[[cls[1]]]; b <- d[[cls[2]]]; G <- min(length(unique(a)), length(unique(b)))
          (raw(a) + raw(b) - raw(interaction(a, b, drop = TRUE))) * G / (G - 1) * (n - 1) / (n - K)
        }
      })
    res$coef[["_cons"]] <- unname(coef(mc)["(Intercept)"])
    vcons <- Vc["(Intercept)", "(Intercept)"]
    if (vcons >= 0) res$se[["_cons"]] <- sqrt(vcons)  # two-way V need not be PSD
    stopifnot(abs(coef(mc)[endo[1]] - coef(m)[endo[1]]) < 1e-8 * abs(coef(m)[endo[1]]))
  }
  out[[length(out) + 1]] <- res
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "golden_r.json")
