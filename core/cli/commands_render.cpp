// `dossier render`: documents and registers to PDF through the templates of
// the PDF plugin. The command belongs to the core so that, without the
// plugin, it says what is missing instead of being an unknown command.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "cli/context.h"
#include "cli/output.h"
#include "dossier/files.h"
#include "dossier/plugin.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Status NoRenderer() {
  std::string searched;
  for (const auto& d : PluginSearchPath()) searched += (searched.empty() ? "" : ", ") + d;
  return Status::InvalidArgument("the PDF plugin is not installed: no plugin provides 'render' (searched " + searched +
                             "; see 'dossier plugins')");
}

int ListTemplates(Context& ctx, const Renderer& renderer, const Repository& repo) {
  auto templates = renderer.Templates(repo);
  if (!templates.ok()) return ctx.Fail(templates.status());
  if (ctx.json) {
    Array::Ptr arr = new Array();
    for (const auto& t : *templates) {
      Object::Ptr x = new Object();
      x->set("name", t.name);
      x->set("title", t.title);
      Array::Ptr types = new Array();
      for (const auto& ty : t.types) types->add(ty);
      x->set("types", types);
      x->set("source", t.source);
      arr->add(x);
    }
    PrintJson(ctx.out, arr);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : *templates) {
    std::string types;
    for (const auto& ty : t.types) types += (types.empty() ? "" : ", ") + ty;
    rows.push_back({t.name, t.title, types.empty() ? "(register)" : types, t.source});
  }
  PrintTable(ctx.out, {"template", "title", "renders", "source"}, rows);
  return 0;
}

// "2026-11-23 14:05 UTC": when an export was made, for its watermark.
std::string NowUtcMinutes() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// A temporary folder removed when it goes out of scope.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dossier-render-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

Handler DefineRender(CLI::App& app) {
  struct Opts {
    std::string ref, template_name, output, from, to, by;
    bool list = false, attach = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "Document number or id (omit for a register template such as 'ledger')");
  app.add_option("--template", o->template_name, "Template name (default: the one for the document's type)");
  app.add_option("-o,--output", o->output, "Output file (default: NUMBER.pdf in the current folder)");
  app.add_flag("--attach", o->attach, "Store the PDF as a file of a new version of the document");
  app.add_flag("--list", o->list, "List the templates");
  app.add_option("--from", o->from, "Ledger: contracts from this date");
  app.add_option("--to", o->to, "Ledger: contracts to this date");
  app.add_option("--by", o->by, "Ledger: statistics by month, quarter, year, dept, counterparty or status");
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto plugins = LoadPlugins();
    auto renderer = plugins.RendererFor("pdf");
    if (!renderer) return ctx.Fail(NoRenderer());
    if (o->list) return ListTemplates(ctx, *renderer, *s->repo);
    if (o->ref.empty() && o->template_name.empty()) {
      return ctx.Fail(Status::InvalidArgument("name a document (REF) or a register template (--template ledger)"));
    }
    if (o->attach && o->ref.empty()) return ctx.Fail(Status::InvalidArgument("--attach needs a document (REF)"));

    RenderRequest request;
    request.ref = o->ref;
    request.template_name = o->template_name;
    if (!o->from.empty()) request.ledger.from = o->from;
    if (!o->to.empty()) request.ledger.to = o->to;
    if (!o->by.empty()) {
      auto by = ParseLedgerGrouping(o->by);
      if (!by) return ctx.Fail(Status::InvalidArgument("--by '" + o->by + "': use month, quarter, year, dept, counterparty or status"));
      request.ledger.by = *by;
    }
    // A stored rendition is the document's own text: no watermark of who printed it.
    if (!o->attach) {
      request.exported_by = s->actor.name;
      request.exported_at = NowUtcMinutes();
    }
    auto rendition = renderer->Render(*s->repo, s->actor, request);
    if (!rendition.ok()) return ctx.Fail(rendition.status());

    if (o->attach) {
      ScratchDir scratch;
      if (scratch.path().empty()) return ctx.Fail(Status::Internal("cannot create a temporary folder"));
      auto file = scratch.path() / rendition->file_name;
      Status w = WriteFileAtomic(file, rendition->content);
      if (!w.ok()) return ctx.Fail(w);
      VersionChange change;
      change.add_files = {FileInput{file.string(), rendition->file_name}};
      change.comment = "rendered with template " + rendition->template_name;
      auto version = s->repo->AddVersion(s->actor, o->ref, change);
      if (!version.ok()) return ctx.Fail(version.status());
      if (ctx.json) {
        Object::Ptr x = new Object();
        x->set("file", rendition->file_name);
        x->set("version", version->number);
        x->set("pages", rendition->pages);
        x->set("bytes", static_cast<uint64_t>(rendition->content.size()));
        x->set("template", rendition->template_name);
        PrintJson(ctx.out, x);
      } else {
        ctx.out << "Attached " << rendition->file_name << " (" << rendition->pages << " page(s), "
                << HumanBytes(rendition->content.size()) << ") as version " << version->number << " of " << o->ref << "\n";
      }
      return 0;
    }
    std::filesystem::path out(o->output.empty() ? rendition->file_name : o->output);
    Status w = WriteFileAtomic(out, rendition->content);
    if (!w.ok()) return ctx.Fail(w);
    if (ctx.json) {
      Object::Ptr x = new Object();
      x->set("file", out.string());
      x->set("pages", rendition->pages);
      x->set("bytes", static_cast<uint64_t>(rendition->content.size()));
      x->set("template", rendition->template_name);
      PrintJson(ctx.out, x);
    } else {
      ctx.out << "Wrote " << out.string() << " (" << rendition->pages << " page(s), " << HumanBytes(rendition->content.size())
              << ", template " << rendition->template_name << ")\n";
    }
    return 0;
  };
}

}  // namespace

const std::vector<Command>& RenderCommands() {
  static const std::vector<Command> kCommands = {
      {"render", "Render a document or the ledger to PDF through a template (PDF plugin); --list shows the templates", DefineRender},
  };
  return kCommands;
}

}  // namespace dossier::cli
