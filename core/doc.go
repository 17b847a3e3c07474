// Package core is the root of wiodlab's numerical core: pure Go, no syscall/js.
//
// Sub-packages, one idea each:
//
//	table    columnar tables; CSV (plain/gzip) and XLSX readers
//	wiod     WIOD layouts (world, national, SEA) and sector classifications
//	ioa      input-output coefficients, Leontief solves, dependence indicators
//	formula  the fixest-style formula language
//	panel    panel index, lags, fixed-effect absorption
//	regress  OLS / FE estimation and results
//	vcov     covariance estimators and small-sample corrections
//	iv       2SLS and identification statistics
//	dpd      difference and system GMM
//	dea      DEA distance functions and the Malmquist index
//	report   publication tables and plots
//	study    the paper's pipeline and the demo data generator
package core
