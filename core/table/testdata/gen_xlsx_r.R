#!/usr/bin/Rscript
# Writes core/table/testdata/xlsx/r_openxlsx.xlsx with R's openxlsx (a second,
# independent XLSX writer: shared strings, styles, dates, booleans) and
# golden_readxl.json, what R's readxl (a second, independent reader) reads
# from it. Run from the repository root:
#   /usr/bin/Rscript core/table/testdata/gen_xlsx_r.R
# (Debian's r-cran-openxlsx 4.2.5 and r-cran-readxl 1.4.2).
#
# The golden has the layout of golden.json (gen_xlsx_golden.py): per sheet, in
# workbook order, each cell with a value as {"s": text} or {"n": number}, in
# wiodlab's conventions: booleans are 1 and 0, dates ISO 8601 text
# ("2006-01-02", or "2006-01-02T15:04:05"), NA cells omitted. Numbers are
# written with 17 significant digits, which identify a double exactly.
suppressMessages({
  library(openxlsx)
  library(readxl)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
out <- file.path(here, "xlsx")
dir.create(out, showWarnings = FALSE)
path <- file.path(out, "r_openxlsx.xlsx")

set.seed(42)
panel <- data.frame(
  country = rep(c("AUS", "AUT", "BEL", "CHN"), each = 3),
  year = rep(2000:2002, 4),
  dig = round(rnorm(12), 6),
  tiny = rnorm(12) * 1e-9,
  huge = rnorm(12) * 1e12,
  note = c("a & b", "<tag>", "\"quoted\"", "it's", "中文", "Ω", "  spaced  ", "line\nbreak",
           NA, "", "x", "y"),
  flag = rep(c(TRUE, FALSE, NA), 4),
  stringsAsFactors = FALSE
)
panel$dig[c(2, 7)] <- NA
dates <- data.frame(
  what = c("day", "leap", "early"),
  when = as.Date(c("2016-12-31", "2000-02-29", "1900-03-01")),
  stamp = as.POSIXct(c("2021-03-04 05:06:07", "1999-01-02 00:00:00", "2010-06-30 23:59:59"), tz = "UTC"),
  stringsAsFactors = FALSE
)
wb <- createWorkbook()
addWorksheet(wb, "panel")
addWorksheet(wb, "dates")
writeData(wb, "panel", panel)
writeData(wb, "dates", dates)
saveWorkbook(wb, path, overwrite = TRUE)

cell <- function(v) {
  if (is.null(v) || length(v) == 0 || is.na(v)) return(NULL)
  if (is.logical(v)) return(list(n = if (v) 1 else 0))
  if (inherits(v, "POSIXct")) {
    f <- if (format(v, "%H:%M:%S", tz = "UTC") == "00:00:00") "%Y-%m-%d" else "%Y-%m-%dT%H:%M:%S"
    return(list(s = format(v, f, tz = "UTC")))
  }
  if (is.numeric(v)) return(list(n = sprintf("%.17g", v)))
  if (v == "") return(NULL)
  list(s = as.character(v))
}
letters26 <- function(j) {
  s <- ""
  while (j > 0) {
    s <- paste0(LETTERS[(j - 1) %% 26 + 1], s)
    j <- (j - 1) %/% 26
  }
  s
}
golden <- list()
sheets <- list()
for (sh in excel_sheets(path)) {
  d <- read_excel(path, sheet = sh, col_names = FALSE, col_types = "list", trim_ws = FALSE,
                  .name_repair = "minimal")
  cells <- list()
  for (i in seq_len(nrow(d))) for (j in seq_len(ncol(d))) {
    v <- cell(d[[j]][[i]])
    if (!is.null(v)) cells[[paste0(letters26(j), i)]] <- v
  }
  sheets[[length(sheets) + 1]] <- list(sheet = sh, cells = cells)
}
golden[["r_openxlsx.xlsx"]] <- sheets
writeLines(toJSON(golden, auto_unbox = TRUE, pretty = FALSE), file.path(out, "golden_readxl.json"))
