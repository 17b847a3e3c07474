// Package panel declares a table to be a panel (units observed over integer
// time periods) and provides what Stata's tsset/xtset make available: the
// time-series operators L. (lag), F. (lead) and D. (difference), panel shape
// reports, and winsorising as Stata's winsor2 does it.
//
// Conventions, all Stata's:
//
//   - One row per (unit, time); a duplicate pair is an error naming both rows.
//     Time must be integer-valued; the unit may be any column.
//   - Operators never bridge gaps: L.x at time t is x of the same unit at
//     exactly t-1, missing (NaN) when t-1 is not observed — not the previous
//     observed row. D.x = x - L.x; D2.x = D.(D.x) = x - 2 L.x + L2.x.
//   - Rows with a missing unit or time belong to no unit: their lags and leads
//     are missing and they are nobody's predecessor.
//   - Percentiles follow Stata's default rule for _pctile, pctile,
//     egen pctile() and summarize, detail ([D] pctile, Methods and formulas):
//     with n sorted values and P = n·p/100, x_(⌊P⌋+1) if P is not an integer
//     and (x_(P) + x_(P+1))/2 if it is — the inverse empirical distribution
//     function with averaging (Hyndman and Fan 1996, definition 2; numpy's
//     "averaged_inverted_cdf"). Example (Statalist, 3 Dec 2005, "question about
//     quantiles in summarize"): 32 values, p25 averages the 8th and 9th.
//   - Winsorising (winsor2, Lian Yujun; default cuts(1 99)) replaces values
//     below the lower percentile by it and values above the upper one by it;
//     trimming sets them missing. Percentiles use all non-missing values of
//     the variable (within each by() group when given); missing values stay
//     missing.
//
// References: StataCorp, Stata Base Reference Manual, [TS] tsset, [D] pctile,
// [R] summarize; Hyndman, R. J. and Fan, Y. (1996), "Sample quantiles in
// statistical packages", The American Statistician 50(4): 361–365.
package panel
