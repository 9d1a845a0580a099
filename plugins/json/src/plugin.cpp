// Entry points of the JSON export plugin (libdossier_json.so): documents with
// their metadata, versions (hashes, authors, times) and relations, as one
// JSON document (json) or one record per line (jsonl), following
// schemas/export/dossier-export.schema.json. Records are written as the core
// hands them over, so memory stays flat whatever the export's size.
#include "dossier/plugin.h"

#include <cstdio>

#include "dossier/files.h"
#include "dossier/repository.h"
#include "dossier/version.h"

namespace dossier::json {

namespace {

std::string Quote(const std::string& text) {
  // The envelope's few strings; the records are serialised by the core.
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

class JsonExporter : public Exporter {
 public:
  explicit JsonExporter(bool lines) : lines_(lines) {}
  std::string Format() const override { return lines_ ? "jsonl" : "json"; }
  std::vector<std::string> Extensions() const override { return {lines_ ? ".jsonl" : ".json"}; }
  std::string Description() const override {
    return lines_ ? "JSON Lines: one document record per line (schemas/export)"
                  : "JSON: the documents with metadata, versions and relations (schemas/export)";
  }
  std::vector<ExportOptionInfo> Options() const override {
    return {{"audit", "no|yes", "include each document's audit entries (default no)"}};
  }
  bool Tabular() const override { return false; }

  Result<ExportReport> Export(const Repository& repo, const Actor& actor,
                              const ExportRequest& request) const override {
    bool with_audit = false;
    if (auto it = request.options.find("audit"); it != request.options.end()) {
      if (it->second != "yes" && it->second != "no") {
        return Status::InvalidArgument("audit '" + it->second + "': expected yes or no");
      }
      with_audit = it->second == "yes";
    }
    auto extension = Extensions().front();
    if (request.output.extension() != extension) {
      return Status::InvalidArgument("output " + request.output.string() + ": a " + Format() +
                                     " export is named *" + extension);
    }
    auto file = AtomicFile::Create(request.output);
    if (!file.ok()) return file.status();
    AtomicFile& out = **file;
    // Keys in sorted order, as in every JSON the core writes.
    if (!lines_) DOSSIER_RETURN_IF_ERROR(out.Write("{\"documents\":["));
    bool first = true;
    auto visited = repo.ExportDocuments(
        actor, request.selection, {Format(), request.output.string()},
        [&](const ExportDocument& d, const ExportContent&) -> Status {
          if (!lines_ && !first) DOSSIER_RETURN_IF_ERROR(out.Write(","));
          first = false;
          DOSSIER_RETURN_IF_ERROR(out.Write(ExportDocumentJson(d, with_audit)));
          return lines_ ? out.Write("\n") : Status::Ok();
        });
    if (!visited.ok()) return visited.status();
    if (!lines_) {
      DOSSIER_RETURN_IF_ERROR(out.Write("],\"exported_at\":" + Quote(request.exported_at) +
                                        ",\"exported_by\":" + Quote(request.exported_by) +
                                        ",\"format\":\"dossier-export\",\"format_version\":1}\n"));
    }
    DOSSIER_RETURN_IF_ERROR(out.Commit());
    ExportReport report;
    report.documents = *visited;
    report.bytes = out.bytes_written();
    report.outputs.push_back(request.output);
    return report;
  }

 private:
  bool lines_;
};

const DossierPluginInfo kInfo = {
    "json", DOSSIER_VERSION, "JSON and JSON Lines export of documents with versions and relations",
    "export:json,export:jsonl"};

void Register(PluginRegistry& registry) {
  registry.AddExporter(std::make_shared<JsonExporter>(false));
  registry.AddExporter(std::make_shared<JsonExporter>(true));
}

}  // namespace

}  // namespace dossier::json

DOSSIER_DECLARE_PLUGIN(&dossier::json::kInfo, dossier::json::Register)
