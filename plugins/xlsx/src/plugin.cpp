// Entry points of the XLSX export plugin (libdossier_xlsx.so): the tables of
// the core as one workbook, a sheet per table (the ledger: its rows, then a
// sheet per statistic), written by libxlsxwriter (Debian's
// libxlsxwriter-dev) in its constant-memory mode. Each sheet reads as a
// report: its title, when and by whom it was exported, the header with a
// filter, the rows, totals of the amounts (per currency) and counts, and a
// print setup (A4 landscape, one page wide, the header on every page), in a
// font Chinese Excel has.
#include "dossier/plugin.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "dossier/clock.h"
#include "dossier/files.h"
#include "dossier/repository.h"
#include "dossier/version.h"
#include "xlsx_cells.h"

namespace dossier::xlsx {

namespace {

Status XlsxError(lxw_error error, const std::string& where) {
  return Status::IoError("xlsx: " + where + ": " + lxw_strerror(error));
}

// 宋体 is on every Chinese Windows and what Excel there sets Chinese in;
// Excel's own default (Calibri) has no Chinese glyphs.
constexpr const char* kFont = "宋体";

// The formats of one workbook, made once each.
class Formats {
 public:
  explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {}
  lxw_format* Title() {
    return Make(title_, [](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 14);
    });
  }
  lxw_format* Note() {
    return Make(note_, [](lxw_format* f) { format_set_font_color(f, 0x595959); });
  }
  lxw_format* Header() {
    return Make(header_, [](lxw_format* f) {
      format_set_bold(f);
      format_set_bg_color(f, 0xE7EEF7);
      format_set_bottom(f, LXW_BORDER_THIN);
    });
  }
  lxw_format* Text() {
    return Make(text_, [](lxw_format*) {});
  }
  lxw_format* TotalLabel() {
    return Make(total_label_, [](lxw_format* f) {
      format_set_bold(f);
      format_set_top(f, LXW_BORDER_THIN);
    });
  }
  lxw_format* Number(const std::string& num_format, bool total = false) {
    auto& made = total ? totals_ : formats_;
    auto it = made.find(num_format);
    if (it != made.end()) return it->second;
    lxw_format* f = workbook_add_format(workbook_);
    format_set_font_name(f, kFont);
    format_set_num_format(f, num_format.c_str());
    if (total) {
      format_set_bold(f);
      format_set_top(f, LXW_BORDER_THIN);
    }
    made[num_format] = f;
    return f;
  }

 private:
  template <typename Style>
  lxw_format* Make(lxw_format*& slot, Style style) {
    if (!slot) {
      slot = workbook_add_format(workbook_);
      format_set_font_name(slot, kFont);
      style(slot);
    }
    return slot;
  }
  lxw_workbook* workbook_;
  lxw_format *title_ = nullptr, *note_ = nullptr, *header_ = nullptr, *text_ = nullptr,
             *total_label_ = nullptr;
  std::map<std::string, lxw_format*> formats_, totals_;
};

lxw_datetime ToLxw(const DateTime& d) {
  return {d.year, d.month, d.day, d.hour, d.minute, d.second};
}

// Writes one cell typed by its column; a cell that does not parse as its
// kind is written as text rather than lost. Codes are written by their names,
// times as the wall clock of the shown zone (the header names its offset).
lxw_error WriteCell(lxw_worksheet* sheet, Formats& formats, lxw_row_t r, lxw_col_t c,
                    const TableColumn& column, const std::vector<std::string>& row,
                    const std::map<std::string, size_t>& index, const std::string& labels) {
  const std::string& cell = row[c];
  if (cell.empty()) return LXW_NO_ERROR;
  switch (column.kind) {
    case CellKind::kDate:
      if (auto d = ParseDate(cell)) {
        lxw_datetime dt = ToLxw(*d);
        return worksheet_write_datetime(sheet, r, c, &dt, formats.Number("yyyy-mm-dd"));
      }
      break;
    case CellKind::kDateTime:
      if (auto d = ParseShownTime(CellText(column, cell, labels))) {
        lxw_datetime dt = ToLxw(*d);
        return worksheet_write_datetime(sheet, r, c, &dt, formats.Number("yyyy-mm-dd hh:mm:ss"));
      }
      break;
    case CellKind::kInteger:
      if (auto n = ParseNumber(cell))
        return worksheet_write_number(sheet, r, c, *n, formats.Number("0"));
      break;
    case CellKind::kPercent:
      if (auto n = ParseNumber(cell))
        return worksheet_write_number(sheet, r, c, *n, formats.Number("0.0\"%\""));
      break;
    case CellKind::kAmount:
      if (auto n = ParseNumber(cell)) {
        std::string currency = column.currency;
        if (auto it = index.find(column.currency_column); currency.empty() && it != index.end()) {
          currency = row[it->second];
        }
        return worksheet_write_number(
            sheet, r, c, *n,
            formats.Number(currency.empty() ? "#,##0.00" : CurrencyFormat(currency)));
      }
      break;
    case CellKind::kText:
      break;
  }
  const std::string text = CellText(column, cell, labels);
  return worksheet_write_string(sheet, r, c, text.c_str(), formats.Text());
}

// "+08:00": the offset of the zone times are shown in, now.
std::string ShownOffset() {
  std::string now = FormatLocalTime(NowUtcIso());
  return now.size() > 6 ? now.substr(now.size() - 6) : now;
}

// "C4:C120" for column c over rows first..last (0-based).
std::string Range(lxw_col_t c, lxw_row_t first, lxw_row_t last) {
  std::string column;
  for (int n = c + 1; n > 0; n = (n - 1) / 26)
    column.insert(column.begin(), static_cast<char>('A' + (n - 1) % 26));
  return column + std::to_string(first + 1) + ":" + column + std::to_string(last + 1);
}

// The totals under the rows: counts and fixed-currency amounts summed (of
// the rows the filter shows), amounts whose currency is a column of their own
// summed per currency, a row each — never CNY and USD added together.
Status WriteTotals(lxw_worksheet* sheet, Formats& formats, const Table& table,
                   const std::map<std::string, size_t>& index, lxw_row_t first, lxw_row_t next,
                   const std::string& labels, const std::string& name) {
  if (table.rows.size() < 2) return Status::Ok();  // one row is its own total
  const lxw_row_t last = next - 1;
  std::vector<std::string> currencies;  // of the per-row-currency amounts, in order met
  bool plain = false;                   // a count or a fixed-currency amount to sum
  for (const auto& col : table.columns) {
    if ((col.kind == CellKind::kInteger && col.counted) ||
        (col.kind == CellKind::kAmount && !col.currency.empty())) {
      plain = true;
    }
    if (col.kind != CellKind::kAmount || !col.currency.empty()) continue;
    auto it = index.find(col.currency_column);
    if (it == index.end()) continue;
    for (const auto& row : table.rows) {
      const std::string& cur = row[it->second];
      if (!cur.empty() && std::find(currencies.begin(), currencies.end(), cur) == currencies.end())
        currencies.push_back(cur);
    }
  }
  if (!plain && currencies.empty()) return Status::Ok();
  const std::string total = labels == "en" ? "Total" : "合计";
  size_t rows_needed = std::max<size_t>(1, currencies.size());
  for (size_t k = 0; k < rows_needed; ++k) {
    lxw_row_t r = next + static_cast<lxw_row_t>(k);
    std::string label = currencies.empty() ? total
                                           : total + (labels == "en" ? " " : "（") + currencies[k] +
                                                 (labels == "en" ? "" : "）");
    if (lxw_error e = worksheet_write_string(sheet, r, 0, label.c_str(), formats.TotalLabel()))
      return XlsxError(e, name + " totals");
    for (size_t c = 1; c < table.columns.size(); ++c) {
      const auto& col = table.columns[c];
      const auto cc = static_cast<lxw_col_t>(c);
      std::string formula, num_format;
      double value = 0;
      if (k == 0 && ((col.kind == CellKind::kInteger && col.counted) ||
                     (col.kind == CellKind::kAmount && !col.currency.empty()))) {
        formula = "=SUBTOTAL(109," + Range(cc, first, last) + ")";
        for (const auto& row : table.rows) value += ParseNumber(row[c]).value_or(0);
        num_format = col.kind == CellKind::kInteger ? "0" : CurrencyFormat(col.currency);
      } else if (col.kind == CellKind::kAmount && col.currency.empty() && !currencies.empty()) {
        auto it = index.find(col.currency_column);
        if (it == index.end()) continue;
        const auto cur_col = static_cast<lxw_col_t>(it->second);
        formula = "=SUMIF(" + Range(cur_col, first, last) + ",\"" + currencies[k] + "\"," +
                  Range(cc, first, last) + ")";
        for (const auto& row : table.rows) {
          if (row[it->second] == currencies[k]) value += ParseNumber(row[c]).value_or(0);
        }
        num_format = CurrencyFormat(currencies[k]);
      } else {
        continue;
      }
      if (lxw_error e = worksheet_write_formula_num(sheet, r, cc, formula.c_str(),
                                                    formats.Number(num_format, true), value)) {
        return XlsxError(e, name + " totals column '" + col.key + "'");
      }
    }
  }
  return Status::Ok();
}

// A4 landscape, one page wide, the header row on every page, page numbers.
void SetUpPrinting(lxw_worksheet* sheet, lxw_row_t header_row, const std::string& labels) {
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, header_row, header_row);
  worksheet_set_footer(sheet, labels == "en" ? "&CPage &P of &N" : "&C第 &P 页 共 &N 页");
}

Status WriteSheet(lxw_workbook* workbook, Formats& formats, const Table& table,
                  const std::string& labels, const std::string& exported,
                  std::set<std::string>& names) {
  std::string name = SheetName(table.title, names);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) return Status::IoError("xlsx: cannot add sheet '" + name + "'");
  std::map<std::string, size_t> index;
  for (size_t c = 0; c < table.columns.size(); ++c) index[table.columns[c].key] = c;
  // Widths before any row: in constant-memory mode rows go straight to disk.
  auto widths = ColumnWidths(table, labels);
  for (size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                         nullptr);
  }
  // Row 1 the title, row 2 when and by whom, row 3 the header, then the rows.
  constexpr lxw_row_t kHeader = 2, kFirst = 3;
  const auto last_col =
      static_cast<lxw_col_t>(table.columns.empty() ? 0 : table.columns.size() - 1);
  if (lxw_error e = worksheet_write_string(sheet, 0, 0, table.title.c_str(), formats.Title()))
    return XlsxError(e, name + " title");
  if (lxw_error e = worksheet_write_string(sheet, 1, 0, exported.c_str(), formats.Note()))
    return XlsxError(e, name + " note");
  worksheet_freeze_panes(sheet, kFirst, 0);
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const auto& col = table.columns[c];
    std::string label = ColumnLabel(col, labels);
    // "登记时间（+08:00）": the zone of the wall-clock times below.
    if (col.kind == CellKind::kDateTime)
      label += (labels == "en" ? " (" : "（") + ShownOffset() + (labels == "en" ? ")" : "）");
    if (lxw_error e = worksheet_write_string(sheet, kHeader, static_cast<lxw_col_t>(c),
                                             label.c_str(), formats.Header())) {
      return XlsxError(e, name + " header");
    }
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    for (size_t c = 0; c < row.size() && c < table.columns.size(); ++c) {
      lxw_error e = WriteCell(sheet, formats, static_cast<lxw_row_t>(r + kFirst),
                              static_cast<lxw_col_t>(c), table.columns[c], row, index, labels);
      if (e != LXW_NO_ERROR) {
        return XlsxError(e, name + " row " + std::to_string(r + kFirst + 1) + " column '" +
                                table.columns[c].key + "'");
      }
    }
  }
  const auto next = static_cast<lxw_row_t>(table.rows.size() + kFirst);
  worksheet_autofilter(sheet, kHeader, 0, table.rows.empty() ? kHeader : next - 1, last_col);
  DOSSIER_RETURN_IF_ERROR(WriteTotals(sheet, formats, table, index, kFirst, next, labels, name));
  SetUpPrinting(sheet, kHeader, labels);
  return Status::Ok();
}

// "导出：2026-12-07 19:56 +08:00 · 陈总 · 12 行": when the export was asked for,
// in the zone the front end shows times in (the repository's, or the user's TZ).
std::string ExportedNote(const std::string& exported_at, const std::string& actor, size_t rows,
                         const std::string& labels) {
  std::string when = FormatLocalTime(exported_at.empty() ? NowUtcIso() : exported_at);
  return labels == "en"
             ? "Exported " + when + " by " + actor + " · " + std::to_string(rows) + " row(s)"
             : "导出：" + when + " · " + actor + " · " + std::to_string(rows) + " 行";
}

class XlsxExporter : public Exporter {
 public:
  std::string Format() const override { return "xlsx"; }
  std::vector<std::string> Extensions() const override { return {".xlsx"}; }
  std::string Description() const override {
    return "Excel workbook: typed cells (amounts in their currency, dates), frozen header, a sheet "
           "per statistic";
  }
  std::vector<ExportOptionInfo> Options() const override {
    return {{"labels", "zh|en", "header row in Chinese (default) or English labels"}};
  }
  bool Tabular() const override { return true; }

  Result<ExportReport> Export(const Repository& repo, const Actor& actor,
                              const ExportRequest& request) const override {
    auto labels_option = TableLabelsOption(request.options);
    if (!labels_option.ok()) return labels_option.status();
    const std::string& labels = *labels_option;
    if (request.output.extension() != ".xlsx") {
      return Status::InvalidArgument("output " + request.output.string() +
                                     ": an Excel export is named *.xlsx");
    }
    auto tables = repo.ExportTables(actor, request.table, {Format(), request.output.string()});
    if (!tables.ok()) return tables.status();
    auto file = AtomicFile::Create(request.output);
    if (!file.ok()) return file.status();
    lxw_workbook_options options = {LXW_TRUE, nullptr, LXW_FALSE};
    lxw_workbook* workbook = workbook_new_opt((*file)->temp_path().c_str(), &options);
    if (workbook == nullptr)
      return Status::IoError("xlsx: cannot start a workbook at " + (*file)->temp_path().string());
    Formats formats(workbook);
    std::set<std::string> names;
    Status written = Status::Ok();
    for (const auto& t : *tables) {
      written =
          WriteSheet(workbook, formats, t, labels,
                     ExportedNote(request.exported_at, actor.name, t.rows.size(), labels), names);
      if (!written.ok()) break;
    }
    // workbook_close frees the workbook whatever happens; it writes the file
    // only when nothing failed before.
    lxw_error closed = workbook_close(workbook);
    if (!written.ok()) return written;
    if (closed != LXW_NO_ERROR) return XlsxError(closed, request.output.string());
    DOSSIER_RETURN_IF_ERROR((*file)->Commit());
    ExportReport report;
    report.documents = tables->empty() ? 0 : static_cast<int64_t>(tables->front().rows.size());
    std::error_code ec;
    report.bytes = std::filesystem::file_size(request.output, ec);
    report.outputs.push_back(request.output);
    return report;
  }
};

const DossierPluginInfo kInfo = {
    "xlsx", DOSSIER_VERSION,
    "Excel (XLSX) export of the list, the contract ledger and the registers", "export:xlsx"};

void Register(PluginRegistry& registry) { registry.AddExporter(std::make_shared<XlsxExporter>()); }

}  // namespace

}  // namespace dossier::xlsx

DOSSIER_DECLARE_PLUGIN(&dossier::xlsx::kInfo, dossier::xlsx::Register)
