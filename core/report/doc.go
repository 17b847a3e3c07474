// Package report renders publication tables and simple plots of estimation
// results.
//
// A Table holds several models side by side (Column values, independent of the
// estimators: coefficient, SE, t, p maps keyed by coefficient name, N,
// adjusted R², extra statistics and yes/no rows such as "Controls" or "FE")
// and renders them in the layout of the paper's tables: for each coefficient,
// the estimate with significance stars and, under it in parentheses, the
// t-statistic (the default, as in the paper) or the standard error; then the
// yes/no rows, the extra statistics (KP rk LM, AR(2) p-value, ...), N and the
// adjusted R². Formats: aligned plain text, Markdown, LaTeX (booktabs), HTML,
// CSV and JSON.
//
// Conventions:
//
//   - Stars come from the p-values the estimator reports: * p < 0.10,
//     ** p < 0.05, *** p < 0.01 (strict inequalities, as esttab's
//     star(* 0.10 ** 0.05 *** 0.01)). A coefficient without a p-value gets no
//     stars; where a column has no t-statistic, t = coef/SE.
//   - Numbers are printed with 3 decimals (Options.Digits); "-0.000" is
//     printed as "0.000". Blank cells mean "not in this model".
//   - Without Table.VarOrder, coefficients appear in the columns' Order, then
//     sorted by name, with the constant (_cons or (Intercept)) last.
//   - User text (titles, labels, variable names, notes) is data, never markup:
//     HTML and SVG escape it (html.EscapeString), LaTeX and Markdown escape
//     their special characters, and CSV cells that a spreadsheet would read as
//     a formula (=, +, @, -letter) are prefixed with an apostrophe.
//   - JSON cannot hold NaN: NaN values become null, so an absent adjusted R²
//     (NaN) is "r2_adj": null; coef, se, tstat, pvalue and stats are always
//     written, as objects.
//
// CoefPlot and LineChart return standalone SVG text for the browser app:
// coefficients with normal-approximation confidence intervals (coef ± 1.96 SE
// at 95%) across models, and series by group.
package report
