/**
 * engram's one CSV reader ({@link engram.core.csv.CsvReader}: streaming RFC 4180, quoted line breaks, errors naming
 * file, line and column as {@link engram.core.csv.InputException}) and one writer ({@link engram.core.csv.CsvWriter}:
 * one quoting rule), with the spreadsheet-formula rule ({@link engram.core.csv.CsvCells}) as an option of both.
 * Out of scope: what the columns of any file mean (engram.core.format, docs/data-formats.md).
 */
package engram.core.csv;
