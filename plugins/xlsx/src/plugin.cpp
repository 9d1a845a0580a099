// Entry points of the XLSX export plugin (libdossier_xlsx.so): the tables of
// the core as one workbook, a sheet per table (the ledger: its rows, then a
// sheet per statistic), written by libxlsxwriter (Debian's
// libxlsxwriter-dev) in its constant-memory mode.
#include <xlsxwriter.h>

#include <map>
#include <memory>
#include <set>

#include "dossier/files.h"
#include "dossier/plugin.h"
#include "dossier/repository.h"
#include "xlsx_cells.h"

namespace dossier::xlsx {

namespace {

Status XlsxError(lxw_error error, const std::string& where) {
  return Status::IoError("xlsx: " + where + ": " + lxw_strerror(error));
}

// The formats of one workbook, made once each.
class Formats {
 public:
  explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {}
  lxw_format* Header() {
    if (!header_) {
      header_ = workbook_add_format(workbook_);
      format_set_bold(header_);
    }
    return header_;
  }
  lxw_format* Number(const std::string& num_format) {
    auto it = formats_.find(num_format);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(workbook_);
    format_set_num_format(f, num_format.c_str());
    formats_[num_format] = f;
    return f;
  }

 private:
  lxw_workbook* workbook_;
  lxw_format* header_ = nullptr;
  std::map<std::string, lxw_format*> formats_;
};

lxw_datetime ToLxw(const DateTime& d) { return {d.year, d.month, d.day, d.hour, d.minute, d.second}; }

// Writes one cell typed by its column; a cell that does not parse as its
// kind is written as text rather than lost.
lxw_error WriteCell(lxw_worksheet* sheet, Formats& formats, lxw_row_t r, lxw_col_t c, const TableColumn& column,
                    const std::vector<std::string>& row, const std::map<std::string, size_t>& index) {
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
      if (auto d = ParseDateTime(cell)) {
        lxw_datetime dt = ToLxw(*d);
        return worksheet_write_datetime(sheet, r, c, &dt, formats.Number("yyyy-mm-dd hh:mm:ss"));
      }
      break;
    case CellKind::kInteger:
      if (auto n = ParseNumber(cell)) return worksheet_write_number(sheet, r, c, *n, formats.Number("0"));
      break;
    case CellKind::kPercent:
      if (auto n = ParseNumber(cell)) return worksheet_write_number(sheet, r, c, *n, formats.Number("0.0\"%\""));
      break;
    case CellKind::kAmount:
      if (auto n = ParseNumber(cell)) {
        std::string currency = column.currency;
        if (auto it = index.find(column.currency_column); currency.empty() && it != index.end()) {
          currency = row[it->second];
        }
        return worksheet_write_number(sheet, r, c, *n,
                                      formats.Number(currency.empty() ? "#,##0.00" : CurrencyFormat(currency)));
      }
      break;
    case CellKind::kText:
      break;
  }
  return worksheet_write_string(sheet, r, c, cell.c_str(), nullptr);
}

Status WriteSheet(lxw_workbook* workbook, Formats& formats, const Table& table, const std::string& labels,
                  std::set<std::string>& names) {
  std::string name = SheetName(table.title, names);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) return Status::IoError("xlsx: cannot add sheet '" + name + "'");
  std::map<std::string, size_t> index;
  for (size_t c = 0; c < table.columns.size(); ++c) index[table.columns[c].key] = c;
  // Widths before any row: in constant-memory mode rows go straight to disk.
  auto widths = ColumnWidths(table, labels);
  for (size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const auto& col = table.columns[c];
    const std::string& label = ColumnLabel(col, labels);
    if (lxw_error e = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), label.c_str(), formats.Header())) {
      return XlsxError(e, name + " header");
    }
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    for (size_t c = 0; c < row.size() && c < table.columns.size(); ++c) {
      lxw_error e = WriteCell(sheet, formats, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                              table.columns[c], row, index);
      if (e != LXW_NO_ERROR) {
        return XlsxError(e, name + " row " + std::to_string(r + 2) + " column '" + table.columns[c].key + "'");
      }
    }
  }
  return Status::Ok();
}

class XlsxExporter : public Exporter {
 public:
  std::string Format() const override { return "xlsx"; }
  std::vector<std::string> Extensions() const override { return {".xlsx"}; }
  std::string Description() const override {
    return "Excel workbook: typed cells (amounts in their currency, dates), frozen header, a sheet per statistic";
  }
  std::vector<ExportOptionInfo> Options() const override {
    return {{"labels", "zh|en", "header row in Chinese (default) or English labels"}};
  }
  bool Tabular() const override { return true; }

  Result<ExportReport> Export(const Repository& repo, const Actor& actor, const ExportRequest& request) const override {
    auto labels_option = TableLabelsOption(request.options);
    if (!labels_option.ok()) return labels_option.status();
    const std::string& labels = *labels_option;
    if (request.output.extension() != ".xlsx") {
      return Status::InvalidArgument("output " + request.output.string() + ": an Excel export is named *.xlsx");
    }
    auto tables = repo.ExportTables(actor, request.table, {Format(), request.output.string()});
    if (!tables.ok()) return tables.status();
    auto file = AtomicFile::Create(request.output);
    if (!file.ok()) return file.status();
    lxw_workbook_options options = {LXW_TRUE, nullptr, LXW_FALSE};
    lxw_workbook* workbook = workbook_new_opt((*file)->temp_path().c_str(), &options);
    if (workbook == nullptr) return Status::IoError("xlsx: cannot start a workbook at " + (*file)->temp_path().string());
    Formats formats(workbook);
    std::set<std::string> names;
    Status written = Status::Ok();
    for (const auto& t : *tables) {
      written = WriteSheet(workbook, formats, t, labels, names);
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

const DossierPluginInfo kInfo = {"xlsx", "0.1.0", "Excel (XLSX) export of the list, the contract ledger and the registers",
                                 "export:xlsx"};

void Register(PluginRegistry& registry) { registry.AddExporter(std::make_shared<XlsxExporter>()); }

}  // namespace

}  // namespace dossier::xlsx

DOSSIER_DECLARE_PLUGIN(&dossier::xlsx::kInfo, dossier::xlsx::Register)
