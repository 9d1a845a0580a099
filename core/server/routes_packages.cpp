// Exports and imports through the plugins: a register or documents
// downloaded as csv, xlsx, json, jsonl or a BagIt package; a package
// uploaded and imported. What may leave or enter is the core's to decide;
// here the plugin's output is made in a private temporary folder, sent, and
// removed.
#include <Poco/Zip/Compress.h>

#include <fstream>

#include "dossier/clock.h"
#include "dossier/files.h"
#include "dossier/plugin.h"
#include "json/shapes.h"
#include "server/router.h"
#include "server/uploads.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// "a,b,c" as its non-empty items.
std::vector<std::string> CommaList(const std::optional<std::string>& text) {
  std::vector<std::string> out;
  if (!text) return out;
  size_t pos = 0;
  while (pos <= text->size()) {
    size_t end = text->find(',', pos);
    if (end == std::string::npos) end = text->size();
    if (end > pos) out.push_back(text->substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string FormatsText(const LoadedPlugins& plugins) {
  std::string out;
  for (const auto& e : plugins.exporters) out += (out.empty() ? "" : ", ") + e->Format();
  return out.empty() ? "none" : out;
}

Status Formats(Exchange& ex) {
  Array::Ptr list = new Array();
  for (const auto& e : ex.plugins().exporters) list->add(json::ExporterJson(*e));
  Object::Ptr j = new Object();
  j->set("formats", list);
  return ex.SendJson(j);
}

Result<ExportAsk> AskOf(const Exchange& ex) {
  ExportAsk ask;
  ask.refs = CommaList(ex.query("refs"));
  ask.table = ex.query("table").value_or("list");
  for (auto [name, field] :
       {std::pair{"type", &ask.type}, std::pair{"status", &ask.status},
        std::pair{"dept", &ask.dept}, std::pair{"counterparty", &ask.counterparty},
        std::pair{"from", &ask.from}, std::pair{"to", &ask.to}, std::pair{"as_of", &ask.as_of},
        std::pair{"seal", &ask.seal}, std::pair{"destruction_list", &ask.destruction_list}}) {
    *field = ex.query(name).value_or("");
  }
  for (auto [name, field, max] :
       {std::tuple{"limit", &ask.limit, 1000000}, std::tuple{"archived_in", &ask.archived_in, 9999},
        std::tuple{"within", &ask.within, 36500}}) {
    auto n = ex.QueryInt(name, 0, 0, max);
    if (!n.ok()) return n.status();
    *field = static_cast<int>(*n);
  }
  ask.out_only = ex.query("out").value_or("") == "true";
  ask.overdue = ex.query("overdue").value_or("") == "true";
  ask.options = CommaList(ex.query("options"));
  if (auto labels = ex.query("labels"); labels && !labels->empty())
    ask.options.push_back("labels=" + *labels);
  return ask;
}

// The file extension to write: the one asked for among the format's, else
// its first that is a file (a folder cannot be sent).
Result<std::string> ExtensionFor(const Exchange& ex, const Exporter& exporter) {
  auto asked = ex.query("extension");
  std::string files;
  for (const auto& e : exporter.Extensions()) {
    if (e == "/") continue;
    if (!asked || *asked == e) return e;
    files += (files.empty() ? "" : ", ") + e;
  }
  return Status::InvalidArgument("extension '" + asked.value_or("") + "': format " +
                                 exporter.Format() + " writes " +
                                 (files.empty() ? "no single file" : files));
}

// Several outputs (a table and its statistics, the bags of a split export)
// travel as one zip.
Result<std::filesystem::path> OneFile(const std::vector<std::filesystem::path>& outputs,
                                      const std::filesystem::path& zip) {
  if (outputs.size() == 1 && std::filesystem::is_regular_file(outputs.front()))
    return outputs.front();
  std::ofstream out(zip, std::ios::binary);
  Poco::Zip::Compress compress(out, true);
  for (const auto& p : outputs) {
    if (!std::filesystem::is_regular_file(p))
      return Status::Internal("an export wrote a folder: " + p.filename().string());
    compress.addFile(Poco::Path(p.string()), Poco::Path(p.filename().string()));
  }
  compress.close();
  out.close();
  if (!out) return Status::IoError("cannot write the zip of the export's files");
  return zip;
}

Status Export(Exchange& ex) {
  auto exporter = ex.plugins().ExporterFor(ex.param("format"));
  if (!exporter) {
    return Status::NotFound("no export format '" + ex.param("format") +
                            "' on this server (it has: " + FormatsText(ex.plugins()) + ")");
  }
  auto ask = AskOf(ex);
  if (!ask.ok()) return ask.status();
  auto request = MakeExportRequest(*exporter, *ask);
  if (!request.ok()) return request.status();
  auto extension = ExtensionFor(ex, *exporter);
  if (!extension.ok()) return extension.status();
  auto scratch = TempFolder::Create("dossier-export");
  if (!scratch.ok()) return scratch.status();
  std::string date = NowUtcIso().substr(0, 10);
  std::string base =
      "dossier-" + (exporter->Tabular() ? ask->table : std::string("documents")) + "-" + date;
  request->output = scratch->path() / (base + *extension);
  request->renderer = ex.plugins().RendererFor("pdf");
  request->exported_by = ex.actor().name;
  request->exported_at = NowUtcIso();
  auto report = exporter->Export(ex.repo(), ex.actor(), *request);
  if (!report.ok()) return report.status();
  auto file = OneFile(report->outputs, scratch->path() / (base + ".zip"));
  if (!file.ok()) return file.status();
  auto name = file->filename().string();
  ex.response().set("X-Dossier-Count", std::to_string(report->documents));
  return ex.SendLocalFile(*file, name, ContentTypeOf(name), false);
}

// A message of the importer with the upload's temporary paths put back as
// the client named the files.
Status AsNamed(Status status, const std::vector<FileInput>& files) {
  std::string message = status.message();
  for (const auto& f : files) {
    for (size_t at = message.find(f.path.string()); at != std::string::npos;
         at = message.find(f.path.string())) {
      message.replace(at, f.path.string().size(), f.name);
    }
  }
  return status.WithMessage(message);
}

Status Import(Exchange& ex) {
  auto upload = Upload::Read(ex);
  if (!upload.ok()) return upload.status();
  const auto& files = (*upload)->files();
  if (files.empty())
    return Status::InvalidArgument(
        "packages: send the package as a file part (multipart/form-data)");
  std::shared_ptr<Importer> importer;
  if (auto format = ex.query("format"); format && !format->empty()) {
    importer = ex.plugins().ImporterFor(*format);
    if (!importer)
      return Status::InvalidArgument("format '" + *format +
                                     "': no import plugin on this server reads it");
  } else {
    importer = ex.plugins().ImporterOf(files.front().path);
    if (!importer) {
      return Status::InvalidArgument(files.front().name +
                                     " is not a package any installed plugin reads (a .zip or "
                                     ".tar.gz made by an export as bagit)");
    }
  }
  auto options = CheckPluginOptions(importer->Format() + " import", importer->Options(),
                                    CommaList(ex.query("options")));
  if (!options.ok()) return options.status();
  ImportRequest request;
  for (const auto& f : files) {
    request.packages.push_back(f.path);
    request.names.push_back(f.name);
  }
  request.options = *options;
  request.dry_run = ex.query("dry_run").value_or("") == "true";
  request.accept_unsigned = ex.query("accept_unsigned").value_or("") == "true";
  auto report = importer->Import(ex.repo(), ex.actor(), request);
  if (!report.ok())
    return AsNamed(report.status(), files).WithContext("import (nothing was written)");
  return ex.SendJson(json::ImportReportJson(importer->Format(), request.dry_run, *report),
                     request.dry_run ? 200 : 201);
}

}  // namespace

void AddPackageRoutes(Router& r) {
  r.Add({"GET", "/api/v1/exports", "exports",
         "The export formats this server's plugins provide, with their options", Formats});
  r.Add({"GET",
         "/api/v1/exports/{format}",
         "exports",
         "Download an export: documents (refs, or the filters) or a register (table) in the "
         "format; several files "
         "come as one zip. 秘密/机密 documents exported are audited",
         Export,
         Access::kSignedIn,
         Body::kNone,
         {{"refs", "string", "documents by number or id, comma-separated (else the filters)"},
          {"table", "string",
           "tabular formats: list, ledger, loans, seals, catalogue, due or destruction"},
          {"type", "string", "document type"},
          {"status", "string", "status"},
          {"dept", "string", "department"},
          {"counterparty", "string", "counterparty contains"},
          {"from", "string", "date on or after"},
          {"to", "string", "date on or before"},
          {"limit", "integer", "at most this many documents"},
          {"archived_in", "integer", "only documents archived in this year"},
          {"as_of", "string", "ledger: the day overdue is judged on; due: due by then"},
          {"within", "integer", "due: also what falls due in the next N days"},
          {"destruction_list", "string", "destruction: the list's number"},
          {"out", "boolean", "loans: only those not returned"},
          {"overdue", "boolean", "loans: only overdue ones"},
          {"seal", "string", "seals: only this seal"},
          {"labels", "string", "tabular formats: zh or en headers"},
          {"options", "string", "the format's options, NAME=VALUE, comma-separated"},
          {"extension", "string", "packages: .zip (default) or .tar.gz"}},
         "application/octet-stream"});
  r.Add({"POST",
         "/api/v1/imports",
         "exports",
         "Import packages made by an export (multipart: the package files; the bags of a split "
         "export together): "
         "all of it or nothing (archivist, admin)",
         Import,
         Access::kSignedIn,
         Body::kMultipart,
         {{"format", "string", "the packages' format (default: recognised)"},
          {"dry_run", "boolean", "true: check everything and report; write nothing"},
          {"accept_unsigned", "boolean",
           "true: take records unsigned or signed by a key this repository does not trust, marked "
           "at least 秘密 "
           "(audited)"},
          {"options", "string",
           "the format's options, NAME=VALUE, comma-separated (max-total, max-ratio)"}}});
}

}  // namespace dossier::server
