// Migration from a legacy ledger: the rows of a spreadsheet export (CSV,
// UTF-8 or GB18030) registered as documents of one type, each row checked
// against the type's schema. All valid rows in one transaction or none; or,
// when asked, the valid ones, the others reported with their line.
#ifndef DOSSIER_TABLE_IMPORT_H_
#define DOSSIER_TABLE_IMPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"

namespace dossier {

struct CsvRow {
  int line = 0;  // where the record starts in the file (1-based; the header is line 1)
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string encoding;  // "utf-8" or "gb18030": as read
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

/// Parses CSV as RFC 4180 writes it and spreadsheets export it: a byte-order
/// mark, CRLF or LF, quoted fields with doubled quotes and line breaks.
/// `encoding`: "" to detect (UTF-8, else GB18030), "utf-8" or "gb18030".
/// Fails naming the line of an unclosed quote or the encoding that does not
/// fit.
Result<CsvTable> ParseCsvTable(std::string_view bytes, const std::string& encoding);

/// A column of the table mapped to where its value goes: "title", "confidentiality"
/// (公开/内部/秘密/机密), or a metadata path ("parties.0.name"). Written
/// `列名=path` (the value as text) or `列名:=path` (as JSON: numbers, true/false).
struct ColumnMapping {
  std::string column;
  std::string target;
  bool json = false;
};
Result<ColumnMapping> ParseColumnMapping(std::string_view text);

struct TableImportRequest {
  std::string type;
  std::string source;  // the file as the user named it, recorded in each version's comment
  CsvTable table;
  std::vector<ColumnMapping> mappings;
  /// Values every row gets, before its columns ("parties.0.role=甲方").
  std::vector<MetadataAssignment> set;
  bool dry_run = false;  // check every row, write nothing
  bool partial = false;  // register the valid rows even when some are not
};

struct RowProblem {
  int line = 0;
  std::string reason;
};

struct TableImportReport {
  int rows = 0;
  int valid = 0;
  std::vector<RowProblem> rejected;  // by line
  std::vector<std::string> numbers;  // of the documents registered, in row order
  bool written = false;  // false for a dry run, or when rows were invalid without `partial`
};

}  // namespace dossier

#endif  // DOSSIER_TABLE_IMPORT_H_
