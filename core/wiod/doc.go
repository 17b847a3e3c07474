// Package wiod reads the World Input-Output Database layouts and holds its
// sector classifications.
//
// # Layouts
//
// Three file layouts are read from CSV, gzip CSV or XLSX (see package table
// for format detection), detected from the header (DetectLayout) unless
// Options.Layout forces one:
//
//   - World: the official long-wide world table of the R and Stata versions
//     of WIOD (Timmer et al. 2015, Review of International Economics 23:
//     575–605; Timmer et al. 2016 for the 2016 release): columns
//     IndustryCode, IndustryDescription, Country, RNr, Year, then one column
//     <Country><RNr> per using sector (the intermediate block), then the
//     final-use columns <Country><RNr> (five per country, numbered after
//     the industries: RNr 36–40 in the 2013 release), then TOT. Sector rows come first in
//     column order; bottom rows have Country "TOT" (VA, GO and, in 2016,
//     II_fob, TXSP, …). ReadWorld streams the rows straight into Z.
//   - National: the WIOD 2016 national tables: Year, Code, Description,
//     Origin, the 56 using industries, final uses (CONS_h, CONS_np, CONS_g,
//     GFCF, INVEN, EXP), GO; one block of Domestic rows per year.
//     ReadNational returns one IOTable per year.
//   - SEA: Socio-Economic Accounts: country, variable, description, code, one
//     column per year. ReadSEA returns an SEATable.
//
// TablesFrom, FromTable and SEAFromTable do the same on an already parsed
// table.Table (the browser stores imports that way), with the same checks
// and messages, rows counted as lines (row i is line i+2).
//
// # Conventions
//
//   - The intermediate block of a world table ends where a country seen in an
//     earlier run of columns comes back (the final-use block starts again
//     with the first country); with a single country, the number of sector
//     rows decides. Row k's Country and RNr must spell column k's name.
//   - X is the GO bottom row (world) or GO column (national); it is required
//     and must be ≥ 0. VA is the VA bottom row (nil when absent: national
//     tables have none). FinalDemand is the row sum of the final-use columns;
//     the TOT column is ignored.
//   - Empty, NA and "." cells are missing; a missing value where a number is
//     needed (Z, final use, GO) is an error, never a silent zero. SEA values
//     may be missing (NaN).
//   - A world file holds one year: a second year is ErrMixedYears. A national
//     file holds each year's rows together.
//
// Errors are *table.ParseError values naming the file, line and column and
// wrapping a sentinel of this package (ErrLayout, ErrLabels, ErrMixedYears,
// ErrMissingGO, ErrNegativeOutput, ErrClassification) or of package table.
//
// # Classifications
//
// Preset("wiod2016") and Preset("wiod2013") give the paper's sector sets
// (digital, services, manufacturing, technology groups; see Preset for the
// lists and the ISIC rev. 3 → rev. 4 mapping behind the 2013 technology
// groups); ReadClassification reads a user's JSON file with the same keys.
// Industries2016 and Industries2013 list the releases' industry codes in
// table order.
package wiod
