# Run the README's R snippet in a release folder; report what R read, as JSON.
#
# Usage: Rscript r_read.R SNIPPET_FILE RELEASE_DIR
#
# The snippet defines `read_table(name)`; this script reads every table that
# datapackage.json lists with it and prints, per table, the number of rows,
# each column's class, and the text of every cell (dates as YYYY-MM-DD,
# missing values as null), for the test to compare with the CSV.
library(jsonlite)
args <- commandArgs(trailingOnly = TRUE)
snippet <- normalizePath(args[[1]])
setwd(args[[2]])
source(snippet, encoding = "UTF-8")
package <- fromJSON("datapackage.json", simplifyVector = FALSE)
report <- list()
for (resource in package$resources) {
  if (is.null(resource$type) || resource$type != "table") next
  df <- read_table(resource$name)
  cells <- lapply(df, function(col) {
    text <- if (inherits(col, "Date")) format(col, "%Y-%m-%d")
      else if (is.logical(col)) ifelse(col, "true", "false")
      else if (is.numeric(col)) vapply(col, function(x) format(x, scientific = FALSE, digits = 15), "")
      else as.character(col)
    text[is.na(col)] <- NA
    I(text)  # an array even for a table of one row
  })
  report[[resource$name]] <- list(
    rows = nrow(df),
    classes = lapply(df, function(col) class(col)[[1]]),
    cells = cells
  )
}
cat(toJSON(report, auto_unbox = TRUE, na = "null", null = "null", digits = NA))
