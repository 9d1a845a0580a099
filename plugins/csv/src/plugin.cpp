// Entry points of the CSV export plugin (libdossier_csv.so): a table of the
// core (the list, the ledger and its statistics, the registers) as CSV
// files. A table with statistics gives one file per table beside the first.
#include "dossier/plugin.h"

#include <filesystem>

#include "csv_writer.h"
#include "dossier/files.h"
#include "dossier/repository.h"
#include "dossier/version.h"

namespace dossier::csv {

namespace {

// PATH for the first table; PATH's stem + "-" + the table's name after it,
// so that ledger.csv comes with ledger-by-month.csv, ...
std::filesystem::path OutputFor(const std::filesystem::path& output, size_t index,
                                const Table& table, const Table& first) {
  if (index == 0) return output;
  std::string name = table.name;
  // "ledger-by-month" beside "ledger.csv" reads "ledger-by-month.csv", not
  // "ledger-ledger-by-month.csv".
  if (name.rfind(first.name + "-", 0) == 0) name = name.substr(first.name.size() + 1);
  return output.parent_path() / (output.stem().string() + "-" + name + ".csv");
}

class CsvExporter : public Exporter {
 public:
  std::string Format() const override { return "csv"; }
  std::vector<std::string> Extensions() const override { return {".csv"}; }
  std::string Description() const override {
    return "CSV (RFC 4180), UTF-8 with BOM for Excel, formula-like cells neutralised; one file per "
           "table";
  }
  std::vector<ExportOptionInfo> Options() const override {
    return {{"labels", "zh|en",
             "header and values (states, types, yes/no) in Chinese (default) or English"}};
  }
  bool Tabular() const override { return true; }

  Result<ExportReport> Export(const Repository& repo, const Actor& actor,
                              const ExportRequest& request) const override {
    auto labels_option = TableLabelsOption(request.options);
    if (!labels_option.ok()) return labels_option.status();
    const std::string& labels = *labels_option;
    if (request.output.extension() != ".csv") {
      return Status::InvalidArgument("output " + request.output.string() +
                                     ": a CSV export is named *.csv");
    }
    auto tables = repo.ExportTables(actor, request.table, {Format(), request.output.string()});
    if (!tables.ok()) return tables.status();
    // Every file is written completely before any is published, so that a
    // failure leaves none of them behind.
    std::vector<std::unique_ptr<AtomicFile>> files;
    ExportReport report;
    for (size_t i = 0; i < tables->size(); ++i) {
      const Table& t = (*tables)[i];
      auto path = OutputFor(request.output, i, t, tables->front());
      auto file = AtomicFile::Create(path);
      if (!file.ok()) return file.status();
      DOSSIER_RETURN_IF_ERROR((*file)->Write(kUtf8Bom));
      DOSSIER_RETURN_IF_ERROR((*file)->Write(Header(t.columns, labels)));
      for (const auto& row : t.rows)
        DOSSIER_RETURN_IF_ERROR((*file)->Write(Record(row, t.columns, labels)));
      if (i == 0) report.documents = static_cast<int64_t>(t.rows.size());
      report.bytes += (*file)->bytes_written();
      report.outputs.push_back(path);
      files.push_back(std::move(*file));
    }
    for (auto& f : files) DOSSIER_RETURN_IF_ERROR(f->Commit());
    return report;
  }
};

const DossierPluginInfo kInfo = {"csv", DOSSIER_VERSION,
                                 "CSV export of the list, the contract ledger and the registers",
                                 "export:csv"};

void Register(PluginRegistry& registry) { registry.AddExporter(std::make_shared<CsvExporter>()); }

}  // namespace

}  // namespace dossier::csv

DOSSIER_DECLARE_PLUGIN(&dossier::csv::kInfo, dossier::csv::Register)
