// `dossier export`: documents and registers out of the repository through
// the export plugins (csv, xlsx, json, jsonl, ...). The command belongs to
// the core so that a missing plugin is named instead of being an unknown
// command; what may leave the repository is decided by the core.
#include <CLI/CLI.hpp>
#include <set>

#include "cli/context.h"
#include "cli/output.h"
#include "dossier/files.h"
#include "dossier/plugin.h"
#include "json/shapes.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string FormatsText(const LoadedPlugins& plugins) {
  std::string out;
  for (const auto& e : plugins.exporters) out += (out.empty() ? "" : ", ") + e->Format();
  return out.empty() ? "none" : out;
}

int ListFormats(Context& ctx, const LoadedPlugins& plugins) {
  if (ctx.json) {
    Array::Ptr arr = new Array();
    for (const auto& e : plugins.exporters) arr->add(json::ExporterJson(*e));
    PrintJson(ctx.out, arr);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : plugins.exporters) {
    std::string ext, opts;
    for (const auto& s : e->Extensions()) ext += (ext.empty() ? "" : " ") + s;
    for (const auto& o : e->Options()) opts += (opts.empty() ? "" : ", ") + o.name + "=" + o.values;
    rows.push_back(
        {e->Format(), ext, e->Tabular() ? "table" : "documents", opts, e->Description()});
  }
  if (rows.empty()) {
    ctx.out << "No export plugin is installed (see 'dossier plugins').\n";
    return 0;
  }
  PrintTable(ctx.out, {"format", "files", "writes", "options", "description"}, rows);
  return 0;
}

Handler DefineExport(CLI::App& app) {
  struct Opts {
    std::string format, output, labels;
    ExportAsk ask;
    bool list = false, query = false;
  };
  auto o = std::make_shared<Opts>();
  ExportAsk& ask = o->ask;
  app.add_option("FORMAT", o->format,
                 "csv, xlsx, json, jsonl, ... ('dossier export --list' shows them)");
  app.add_option("REF", ask.refs,
                 "The documents to export (numbers or ids); leave out to use the filters");
  app.add_flag("--list", o->list, "List the export formats the installed plugins provide");
  app.add_flag(
      "--query", o->query,
      "Choose the documents by the filters (as 'render --query'; the default without REFs)");
  app.add_option("-o,--output", o->output, "The file (or folder) to write");
  app.add_option("--table", ask.table,
                 "Tabular formats: list | ledger | loans | seals | catalogue | due | destruction "
                 "(default list)");
  app.add_option("--type", ask.type, "Only this document type");
  app.add_option("--status", ask.status, "Only this status");
  app.add_option("--dept", ask.dept, "Only this department");
  app.add_option("--counterparty", ask.counterparty, "Counterparty name contains this");
  app.add_option("--from", ask.from,
                 "Date on or after (YYYY-MM-DD): document date; ledger date; seal request");
  app.add_option("--to", ask.to, "Date on or before (YYYY-MM-DD)");
  app.add_option("--limit", ask.limit, "At most this many documents");
  app.add_option("--archived-in", ask.archived_in, "Only documents archived in this year");
  app.add_option("--as-of", ask.as_of,
                 "Ledger: the day overdue is judged on; due: due by then (default today)");
  app.add_option("--within", ask.within, "Due: also what falls due in the next N days");
  app.add_option("--destruction-list", ask.destruction_list,
                 "Destruction: the destruction list (XH-...)");
  app.add_flag("--out", ask.out_only, "Loans: only those not returned");
  app.add_flag("--overdue", ask.overdue, "Loans: only those out past their due date");
  app.add_option("--seal", ask.seal, "Seals: only this seal");
  app.add_option("--labels", o->labels, "Tabular formats: header labels zh | en (default zh)");
  app.add_option("-O,--option", ask.options, "A format's option, NAME=VALUE (see --list)");
  return [o](Context& ctx) {
    auto plugins = LoadPlugins(PluginFoldersFromEnvironment());
    if (o->list) return ListFormats(ctx, plugins);
    if (o->format.empty())
      return ctx.Fail(
          Status::InvalidArgument("name a FORMAT (one of: " + FormatsText(plugins) + ")"));
    auto exporter = plugins.ExporterFor(o->format);
    if (!exporter) {
      return ctx.Fail(Status::InvalidArgument("no installed plugin exports '" + o->format +
                                              "' (installed formats: " + FormatsText(plugins) +
                                              "; see 'dossier plugins')"));
    }
    if (o->output.empty()) return ctx.Fail(Status::InvalidArgument("name the output with -o PATH"));
    if (o->query && !o->ask.refs.empty()) {
      return ctx.Fail(Status::InvalidArgument("give REFs or --query with filters, not both"));
    }
    ExportAsk asked = o->ask;
    if (!o->labels.empty()) asked.options.push_back("labels=" + o->labels);
    auto made = MakeExportRequest(*exporter, asked);
    if (!made.ok()) return ctx.Fail(made.status());
    ExportRequest& request = *made;
    request.output = o->output;
    request.renderer = plugins.RendererFor("pdf");
    request.exported_at = NowUtcIso();

    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    request.exported_by = s->actor.name;
    auto report = exporter->Export(*s->repo, s->actor, request);
    if (!report.ok()) return ctx.Fail(report.status());
    if (ctx.json) {
      Object::Ptr j = new Object();
      j->set("format", o->format);
      j->set(exporter->Tabular() ? "rows" : "documents", report->documents);
      j->set("files", report->files);
      j->set("bytes", report->bytes);
      Array::Ptr outs = new Array();
      for (const auto& p : report->outputs) outs->add(p.string());
      j->set("outputs", outs);
      PrintJson(ctx.out, j);
      return 0;
    }
    ctx.out << "exported " << report->documents
            << (exporter->Tabular() ? " row(s)" : " document(s)");
    if (report->files > 0) ctx.out << ", " << report->files << " file(s)";
    ctx.out << " as " << o->format << ", " << HumanBytes(report->bytes) << ":\n";
    for (const auto& p : report->outputs) ctx.out << "  " << p.string() << "\n";
    return 0;
  };
}

Handler DefineImport(CLI::App& app) {
  struct Opts {
    std::vector<std::string> packages;
    std::string format;
    bool dry_run = false;
    bool accept_unsigned = false;
    std::vector<std::string> options;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("PACKAGE", o->packages,
                 "A package made by 'dossier export' (a bag folder, .zip or .tar.gz); the bags of "
                 "a split export "
                 "together")
      ->required();
  app.add_option("--format", o->format,
                 "The package's format (default: recognised from the package)");
  app.add_flag("--dry-run", o->dry_run,
               "Check the whole package and report what would be imported; write nothing");
  app.add_flag("--accept-unsigned", o->accept_unsigned,
               "Take records that are unsigned or signed by a key not trusted here ('dossier "
               "trust'), marked at "
               "least 秘密; the trail says so");
  app.add_option("-O,--option", o->options,
                 "A format's option, NAME=VALUE (max-total, max-ratio for bagit)");
  return [o](Context& ctx) {
    auto plugins = LoadPlugins(PluginFoldersFromEnvironment());
    std::shared_ptr<Importer> importer = o->format.empty() ? plugins.ImporterOf(o->packages.front())
                                                           : plugins.ImporterFor(o->format);
    if (!importer && !o->format.empty()) {
      return ctx.Fail(Status::InvalidArgument("no installed plugin imports '" + o->format +
                                              "' (see 'dossier plugins')"));
    }
    if (!importer) {
      const std::string& first = o->packages.front();
      std::error_code ec;
      if (!std::filesystem::exists(first, ec))
        return ctx.Fail(Status::NotFound(first + " does not exist"));
      return ctx.Fail(
          Status::InvalidArgument(first +
                                  " is not a package any installed plugin reads (a BagIt "
                                  "folder, .zip or .tar.gz made by 'dossier export bagit')"));
    }
    auto options =
        CheckPluginOptions(importer->Format() + " import", importer->Options(), o->options);
    if (!options.ok()) return ctx.Fail(options.status());
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    ImportRequest request;
    for (const auto& p : o->packages) request.packages.emplace_back(p);
    request.options = *options;
    request.dry_run = o->dry_run;
    request.accept_unsigned = o->accept_unsigned;
    std::string named = o->packages.size() == 1 ? o->packages.front()
                                                : std::to_string(o->packages.size()) + " packages";
    auto report = importer->Import(*s->repo, s->actor, request);
    if (!report.ok())
      return ctx.Fail(report.status().WithContext("import of " + named + " (nothing was written)"));
    if (ctx.json) {
      auto j = json::ImportReportJson(importer->Format(), o->dry_run, *report);
      PrintJson(ctx.out, j);
      return 0;
    }
    ctx.out << (o->dry_run ? "would import " : "imported ") << report->documents << " document(s), "
            << report->versions << " version(s), " << report->files << " distinct file(s), "
            << HumanBytes(report->bytes) << (o->dry_run ? " (dry run: nothing written)" : "")
            << "\n";
    for (const auto& n : report->numbers) ctx.out << "  " << n << "\n";
    return 0;
  };
}

// The rejected rows as they were, with the reason in a last column, for
// correcting and importing again.
Status WriteRejects(const std::filesystem::path& path, const CsvTable& table,
                    const std::vector<RowProblem>& rejected) {
  std::map<int, std::string> why;
  for (const auto& r : rejected) why[r.line] = r.reason;
  std::string out = "\xEF\xBB\xBF";
  // Opened in a spreadsheet to be corrected: formulas neutralised as in exports.
  auto record = [&](std::vector<std::string> fields, const std::string& last) {
    fields.push_back(last);
    for (auto& f : fields) f = NeutraliseFormula(f, CellKind::kText);
    out += CsvRecord(fields);
  };
  record(table.header, "原因");
  for (const auto& row : table.rows) {
    if (why.count(row.line))
      record(row.fields, "line " + std::to_string(row.line) + ": " + why[row.line]);
  }
  return WriteFileAtomic(path, out);
}

Handler DefineImportCsv(CLI::App& app) {
  struct Opts {
    std::string type, file, encoding, rejects;
    std::vector<std::string> maps, sets;
    bool dry_run = false, partial = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("TYPE", o->type, "The document type every row becomes")->required();
  app.add_option("FILE", o->file, "The CSV exported from the legacy ledger")->required();
  app.add_option("--map", o->maps,
                 "COLUMN=field (text) or COLUMN:=field (JSON: numbers); field is title, "
                 "confidentiality or a metadata path")
      ->required();
  app.add_option("--set", o->sets,
                 "key=value or key:=json that every row gets (parties.0.role=甲方)");
  app.add_option("--encoding", o->encoding, "utf-8 | gb18030 (default: detected)");
  app.add_flag("--dry-run", o->dry_run,
               "Check every row and report the bad ones; register nothing");
  app.add_flag("--partial", o->partial,
               "Register the valid rows even if some are not; write the others to --rejects");
  app.add_option("--rejects", o->rejects,
                 "Where --partial writes the rejected rows (default FILE.rejects.csv)");
  return [o](Context& ctx) {
    auto bytes = ReadFileToString(o->file);
    if (!bytes.ok()) return ctx.Fail(bytes.status());
    auto table = ParseCsvTable(*bytes, o->encoding);
    if (!table.ok()) return ctx.Fail(table.status().WithContext(o->file));
    TableImportRequest request;
    request.type = o->type;
    request.source = std::filesystem::path(o->file).filename().string();
    request.table = std::move(*table);
    request.dry_run = o->dry_run;
    request.partial = o->partial;
    auto sets = ParseSets(o->sets);
    if (!sets.ok()) return ctx.Fail(sets.status());
    request.set = std::move(*sets);
    for (const auto& m : o->maps) {
      auto mapping = ParseColumnMapping(m);
      if (!mapping.ok()) return ctx.Fail(mapping.status());
      request.mappings.push_back(*mapping);
    }
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto report = s->repo->ImportTable(s->actor, request);
    if (!report.ok()) return ctx.Fail(report.status());
    std::string rejects = o->rejects.empty() ? o->file + ".rejects.csv" : o->rejects;
    bool wrote_rejects = report->written && !report->rejected.empty();
    if (wrote_rejects) {
      if (Status w = WriteRejects(rejects, request.table, report->rejected); !w.ok())
        return ctx.Fail(w);
    }
    if (ctx.json) {
      Object::Ptr j = new Object();
      j->set("encoding", request.table.encoding);
      j->set("rows", report->rows);
      j->set("valid", report->valid);
      j->set("written", report->written);
      Array::Ptr numbers = new Array(), problems = new Array();
      for (const auto& n : report->numbers) numbers->add(n);
      for (const auto& p : report->rejected) {
        Object::Ptr x = new Object();
        x->set("line", p.line);
        x->set("reason", p.reason);
        problems->add(x);
      }
      j->set("numbers", numbers);
      j->set("rejected", problems);
      if (wrote_rejects) j->set("rejects_file", rejects);
      PrintJson(ctx.out, j);
    } else {
      for (const auto& p : report->rejected)
        ctx.out << "line " << p.line << ": " << p.reason << "\n";
      ctx.out << report->rows << " row(s) read (" << request.table.encoding << "), "
              << report->valid << " valid, " << report->rejected.size() << " rejected; ";
      if (report->written)
        ctx.out << report->numbers.size() << " document(s) registered";
      else if (o->dry_run)
        ctx.out << "dry run: nothing registered";
      else
        ctx.out << "nothing registered (fix the rows, or --partial to register the valid ones)";
      ctx.out << "\n";
      if (wrote_rejects) ctx.out << "rejected rows, with the reason: " << rejects << "\n";
    }
    // Bad rows are an error (exit 1), unless --partial registered the others as asked.
    return !report->rejected.empty() && !(o->partial && report->written) ? 1 : 0;
  };
}

Handler DefineTransfer(CLI::App& app) {
  struct Opts {
    std::vector<std::string> refs, options;
    std::string to, note, output, type, dept, counterparty, from, until, cls;
    int archived_in = 0;
  };
  auto o = std::make_shared<Opts>();
  app.add_option(
      "REF", o->refs,
      "The archived documents to hand over (else --archived-in, --class or the filters)");
  app.add_option(
      "--class", o->cls,
      "The archived documents of this retention class (its action at expiry must be transfer)");
  app.add_option("--archived-in", o->archived_in, "The documents archived in this year");
  app.add_option("--type", o->type, "Only this document type");
  app.add_option("--dept", o->dept, "Only this department");
  app.add_option("--counterparty", o->counterparty, "Counterparty name contains this");
  app.add_option("--from", o->from, "Document date on or after (YYYY-MM-DD)");
  app.add_option("--to-date", o->until, "Document date on or before (YYYY-MM-DD)");
  app.add_option("--to", o->to, "The receiving archive (接收单位)")->required();
  app.add_option("--note", o->note, "A note kept with the transfer record");
  app.add_option("-o,--output", o->output, "The package: a folder, .zip or .tar.gz")->required();
  app.add_option("-O,--option", o->options,
                 "Options of the bagit export (max-size=2G, rendition=no, organization=...)");
  return [o](Context& ctx) {
    auto plugins = LoadPlugins(PluginFoldersFromEnvironment());
    auto exporter = plugins.ExporterFor("bagit");
    if (!exporter)
      return ctx.Fail(Status::InvalidArgument(
          "transfer writes BagIt packages; the bagit plugin is not installed"));
    std::vector<std::string> given = o->options;
    given.push_back("catalogue=yes");
    auto options = CheckPluginOptions("format bagit", exporter->Options(), given);
    if (!options.ok()) return ctx.Fail(options.status());
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());

    // The archived documents chosen: the REFs as given (each must be
    // archived), else those of the year or the filters that are archived.
    std::vector<std::string> refs = o->refs;
    if (!o->cls.empty()) {
      if (!refs.empty())
        return ctx.Fail(Status::InvalidArgument("transfer takes REFs or --class, not both"));
      const RetentionClass* cls = nullptr;
      auto schedules = s->repo->RetentionSchedules();
      for (const auto& schedule : schedules) {
        for (const auto& c : schedule.classes) {
          if (c.code == o->cls) cls = &c;
        }
      }
      if (cls == nullptr)
        return ctx.Fail(Status::InvalidArgument("unknown retention class '" + o->cls + "'"));
      if (cls->action != RetentionAction::kTransfer) {
        return ctx.Fail(Status::InvalidArgument("class " + cls->code + "'s action at expiry is " +
                                                std::string(RetentionActionCode(cls->action)) +
                                                ", not transfer"));
      }
    }
    if (refs.empty()) {
      ExportSelection selection;
      auto opt = [](const std::string& v) {
        return v.empty() ? std::nullopt : std::optional<std::string>(v);
      };
      selection.filter.type = opt(o->type);
      selection.filter.dept = opt(o->dept);
      selection.filter.counterparty = opt(o->counterparty);
      selection.filter.from = opt(o->from);
      selection.filter.to = opt(o->until);
      if (o->archived_in != 0) selection.archived_in = o->archived_in;
      auto chosen = s->repo->ExportSelectionOf(s->actor, selection);
      if (!chosen.ok()) return ctx.Fail(chosen.status());
      for (const auto& d : *chosen) {
        auto archived = s->repo->ArchiveInfo(s->actor, d.id);
        if (!archived.ok()) return ctx.Fail(archived.status());
        if (*archived && (o->cls.empty() || (*archived)->retention == o->cls) &&
            d.status == "archived") {
          refs.push_back(d.id);
        }
      }
      if (refs.empty())
        return ctx.Fail(
            Status::InvalidArgument("no archived document matches; nothing to transfer"));
    }
    // Checked before the package is made, recorded once it is complete.
    auto checked = s->repo->RecordTransfer(s->actor, refs, o->to, o->note, {}, true);
    if (!checked.ok()) return ctx.Fail(checked.status());
    ExportRequest request;
    request.selection.refs = refs;
    request.output = o->output;
    request.options = *options;
    request.renderer = plugins.RendererFor("pdf");
    request.exported_by = s->actor.name;
    request.exported_at = NowUtcIso();
    auto report = exporter->Export(*s->repo, s->actor, request);
    if (!report.ok())
      return ctx.Fail(report.status().WithContext("transfer package (nothing was recorded)"));
    std::vector<std::string> packages;
    for (const auto& p : report->outputs) packages.push_back(p.string());
    auto record = s->repo->RecordTransfer(s->actor, refs, o->to, o->note, packages);
    if (!record.ok())
      return ctx.Fail(
          record.status().WithContext("the package was written but the transfer not recorded"));
    if (ctx.json) {
      Object::Ptr j = new Object();
      j->set("transfer", record->seq);
      j->set("at", record->at);
      j->set("recipient", record->recipient);
      Array::Ptr numbers = new Array(), outs = new Array();
      for (const auto& n : record->numbers) numbers->add(n);
      for (const auto& p : packages) outs->add(p);
      j->set("numbers", numbers);
      j->set("packages", outs);
      j->set("bytes", report->bytes);
      PrintJson(ctx.out, j);
      return 0;
    }
    ctx.out << "transfer " << record->seq << ": " << record->numbers.size()
            << " archived document(s) to " << record->recipient << ", " << HumanBytes(report->bytes)
            << ", with 归档文件目录.csv:\n";
    for (const auto& p : packages) ctx.out << "  " << p << "\n";
    return 0;
  };
}

}  // namespace

const std::vector<Command>& ExportCommands() {
  static const std::vector<Command> kCommands = {
      {"export",
       "Export documents or a register: csv, xlsx, json, jsonl, ... (through the export plugins)",
       DefineExport},
      {"import",
       "Import a package made by 'dossier export bagit' into this repository (archivist, admin)",
       DefineImport},
      {"import-csv",
       "Register the rows of a legacy ledger (CSV, UTF-8 or GB18030) as documents of one type",
       DefineImportCsv},
      {"transfer",
       "Hand archived documents over to another archive (移交): BagIt packages with the catalogue, "
       "recorded (archivist)",
       DefineTransfer},
  };
  return kCommands;
}

}  // namespace dossier::cli
