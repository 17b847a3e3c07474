// Package formula parses and evaluates wiodlab's model formulas and sample
// filters.
//
// A formula is written in the style of R's fixest (Bergé 2018):
//
//	y ~ x1 + L.x2 + L(1/2).x3 | fe1 + fe2^fe3 | endo1 + endo2 ~ z1 + z2
//
// sections separated by "|": the dependent variable and exogenous regressors;
// the fixed effects, where a^b is the interaction (one level per combination
// observed); the IV part, the last section, the one containing "~". "- 1",
// "+ 0" or a lone "0" drop the intercept. Variables may carry Stata's
// time-series operators (L. lag, F. lead, D. difference, with an order: L2.x,
// D2.x; ranges L(1/3).x), which need a panel (BuildOptions.Panel) and never
// bridge gaps (see package panel). Terms are named as Stata names them: x,
// L.x, L2.x, F.x, D.x. Names that are not identifiers are written between
// backquotes: `gross output`.
//
// A sample filter uses Stata's `if` syntax: comparisons (== != < <= > >=)
// between columns, numbers, "strings" and the missing value ".", joined by &,
// | and !, with parentheses, and Stata's missing(), inlist() and inrange(). Missing values compare as in Stata: a missing
// number is larger than any number, so `x > 5` keeps rows where x is missing
// (unless x is in the model, which drops them anyway).
//
// Build evaluates a formula on a table into a Design: operators are applied
// on the whole table through the panel index (a lag may come from a row the
// filter excludes, as in Stata), then the filter, then every row with a
// missing value in a used variable (terms, fixed effects, cluster variables)
// is dropped, and the fixed effects and clusters are coded 0..G-1 in sorted
// order of their levels, so that permuting rows permutes the design and
// nothing else.
//
// Syntax errors are *Error values naming the token and its 1-based column,
// and print the source with a caret under the offending token:
//
//	formula: unexpected "+" at column 10: y ~ x1 + + x2
//	                                               ^
//
// References: L. Bergé (2018), "Efficient estimation of maximum likelihood
// models with multiple fixed-effects: the R package FENmlm", CREA Discussion
// Papers 13 (the fixest formula); StataCorp, [U] 11.4.4 Time-series varlists,
// [U] 12.2.1 Missing values, [U] 13.2 Operators.
package formula
