// CSV as RFC 4180 writes it and as Excel reads Chinese: UTF-8 with a
// byte-order mark, CRLF line ends, fields quoted when they hold a comma,
// quote, CR or LF, quotes doubled. A text cell that a spreadsheet would take
// for a formula (=, +, -, @, or a leading tab or CR) is prefixed with an
// apostrophe so that opening the file never runs it (CSV injection).
#ifndef DOSSIER_PLUGINS_CSV_CSV_WRITER_H_
#define DOSSIER_PLUGINS_CSV_CSV_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "dossier/export.h"

namespace dossier::csv {

/// The byte-order mark that makes Excel read the file as UTF-8.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/// `cell` as it goes into the file: neutralised if it looks like a formula
/// (NeutraliseFormula, the core's rule for every spreadsheet file), then
/// quoted if needed.
std::string Field(std::string_view cell, CellKind kind);

/// One record, CRLF-terminated, its cells as people read them in `labels`
/// (CellText: codes by their names, times in the shown zone).
std::string Record(const std::vector<std::string>& cells, const std::vector<TableColumn>& columns,
                   std::string_view labels);

/// The header record: labels in Chinese ("zh") or English ("en").
std::string Header(const std::vector<TableColumn>& columns, std::string_view labels);

}  // namespace dossier::csv

#endif  // DOSSIER_PLUGINS_CSV_CSV_WRITER_H_
