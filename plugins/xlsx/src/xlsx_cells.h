// How the cells of a core table become typed spreadsheet cells: dates and
// times as Excel dates, amounts as numbers in their currency's format,
// sheet names Excel accepts, column widths that fit Chinese text.
#ifndef DOSSIER_PLUGINS_XLSX_XLSX_CELLS_H_
#define DOSSIER_PLUGINS_XLSX_XLSX_CELLS_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/export.h"

namespace dossier::xlsx {

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  double second = 0;
};

/// "2026-03-01" (kDate); nullopt when the text is not one (it is then
/// written as text).
std::optional<DateTime> ParseDate(std::string_view text);
/// The wall-clock time of "2026-03-01 16:30:00 +08:00" (a kDateTime cell as
/// CellText shows it, in the shown zone); nullopt when the text is not one.
std::optional<DateTime> ParseShownTime(std::string_view text);
/// "1234.50", "-3", "72.5": nullopt when the text is not a plain number.
std::optional<double> ParseNumber(std::string_view text);

/// The Excel number format of amounts in `currency` (ISO 4217).
std::string CurrencyFormat(std::string_view currency);

/// A sheet name Excel accepts, unique among `taken` (which it joins): at most
/// 31 characters, none of []:*?/\ , not empty.
std::string SheetName(std::string_view wanted, std::set<std::string>& taken);

/// Width in Excel's character units: CJK and other wide characters count 2.
double TextWidth(std::string_view text);
/// The width of each column: its header and cells, between 6 and 60.
std::vector<double> ColumnWidths(const Table& table, std::string_view labels);

}  // namespace dossier::xlsx

#endif  // DOSSIER_PLUGINS_XLSX_XLSX_CELLS_H_
