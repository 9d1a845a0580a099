// `dossier render`: documents and registers to PDF through the templates of
// the PDF plugin. The command belongs to the core so that, without the
// plugin, it says what is missing instead of being an unknown command.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <thread>

#include "cli/context.h"
#include "cli/output.h"
#include "dossier/files.h"
#include "dossier/plugin.h"
#include "json/shapes.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Status NoRenderer() {
  std::string searched;
  for (const auto& d : PluginSearchPath(PluginFoldersFromEnvironment()))
    searched += (searched.empty() ? "" : ", ") + d;
  return Status::InvalidArgument(
      "the PDF plugin is not installed: no plugin provides 'render' (searched " + searched +
      "; see 'dossier plugins')");
}

int ListTemplates(Context& ctx, const Renderer& renderer, const Repository& repo) {
  auto templates = renderer.Templates(repo);
  if (!templates.ok()) return ctx.Fail(templates.status());
  if (ctx.json) {
    Array::Ptr arr = new Array();
    for (const auto& t : *templates) arr->add(json::TemplateJson(t));
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

struct BatchResult {
  size_t rendered = 0;
  uint64_t bytes = 0;
  int pages = 0;
  std::vector<std::pair<std::string, std::string>> failed;  // ref, why
  double seconds = 0;
};

// Renders many documents into `dir` on `jobs` threads, with progress on a terminal.
BatchResult RenderBatch(Context& ctx, const Renderer& renderer, const Session& s,
                        const std::vector<std::string>& refs, const RenderRequest& base,
                        const std::filesystem::path& dir, int jobs) {
  BatchResult result;
  std::atomic<size_t> next{0};
  std::mutex mutex;
  bool progress = ::isatty(2) && !ctx.json;
  auto start = std::chrono::steady_clock::now();
  auto work = [&]() {
    for (size_t i = next++; i < refs.size(); i = next++) {
      RenderRequest request = base;
      request.ref = refs[i];
      auto rendition = renderer.Render(*s.repo, s.actor, request);
      Status written = rendition.ok() ? WriteFileAtomic(dir / rendition->file_name,
                                                        rendition->content, Sync::kLater)
                                      : rendition.status();
      std::lock_guard<std::mutex> lock(mutex);
      if (!written.ok()) {
        result.failed.emplace_back(refs[i], written.message());
      } else {
        ++result.rendered;
        result.bytes += rendition->content.size();
        result.pages += rendition->pages;
      }
      size_t done = result.rendered + result.failed.size();
      if (progress && (done % 20 == 0 || done == refs.size())) {
        std::fprintf(stderr, "\rrendered %zu/%zu", done, refs.size());
        if (done == refs.size()) std::fprintf(stderr, "\n");
      }
    }
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < jobs; ++j) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  // One sync for the whole batch; the command reports success only after it.
  if (Status synced = SyncFileSystem(dir); !synced.ok())
    result.failed.emplace_back(dir.string(), synced.message());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

int ReportBatch(Context& ctx, const Names& names, const BatchResult& r,
                const std::filesystem::path& dir) {
  if (ctx.json) {
    Object::Ptr x = new Object();
    x->set("rendered", static_cast<uint64_t>(r.rendered));
    x->set("pages", r.pages);
    x->set("bytes", r.bytes);
    x->set("seconds", r.seconds);
    Array::Ptr failed = new Array();
    for (const auto& [ref, why] : r.failed) {
      Object::Ptr f = new Object();
      f->set("ref", ref);
      f->set("error", why);
      failed->add(f);
    }
    x->set("failed", failed);
    PrintJson(ctx.out, x);
  } else {
    char rate[64];
    const double per_second = r.seconds > 0 ? r.rendered / r.seconds : 0.0;
    std::snprintf(rate, sizeof rate,
                  names.lang() == Lang::kZh ? "%.1f 秒，每秒 %.0f 份" : "%.1f s, %.0f documents/s",
                  r.seconds, per_second);
    const std::string count = std::to_string(r.rendered), pages = std::to_string(r.pages),
                      size = HumanBytes(r.bytes);
    ctx.out << names.Say("已生成 " + count + " 份文件，存于 " + dir.string() + "（" + pages +
                             " 页，" + size + "，" + rate + "）",
                         "Rendered " + count + " document(s) into " + dir.string() + " (" + pages +
                             " pages, " + size + ", " + rate + ")");
    if (!r.failed.empty())
      ctx.out << names.Say("；" + std::to_string(r.failed.size()) + " 份失败：",
                           "; " + std::to_string(r.failed.size()) + " failed:");
    ctx.out << "\n";
    for (const auto& [ref, why] : r.failed) ctx.out << "  " << ref << ": " << why << "\n";
  }
  return r.failed.empty() ? 0 : 1;
}

Handler DefineRender(CLI::App& app) {
  struct Opts {
    std::vector<std::string> refs;
    std::string template_name, output, from, to, by, type, status, dept;
    bool list = false, attach = false, query = false;
    int jobs = 0;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->refs,
                 "Document numbers or ids (omit for a register template such as 'ledger')");
  app.add_option("--template", o->template_name,
                 "Template name (default: the one for the document's type)");
  app.add_option("-o,--output", o->output,
                 "Output file; a folder for several documents (default: NUMBER.pdf here, or "
                 "NUMBER-TEMPLATE.pdf for another template; never replaced)");
  app.add_flag("--attach", o->attach, "Store the PDF as a file of a new version of the document");
  app.add_flag("--list", o->list, "List the templates");
  app.add_flag("--query", o->query,
               "Render every document matching --type, --status, --dept, --from, --to into -o DIR");
  app.add_option("--type", o->type, "With --query: document type");
  app.add_option("--status", o->status, "With --query: status");
  app.add_option("--dept", o->dept, "With --query: department");
  app.add_option("--from", o->from, "Ledger, or --query: from this date");
  app.add_option("--to", o->to, "Ledger, or --query: to this date");
  app.add_option("--by", o->by,
                 "Ledger: statistics by month, quarter, year, dept, counterparty or status");
  app.add_option("-j,--jobs", o->jobs, "Documents rendered at once (default: the number of cores)");
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto plugins = LoadPlugins(PluginFoldersFromEnvironment());
    auto renderer = plugins.RendererFor("pdf");
    if (!renderer) return ctx.Fail(NoRenderer());
    if (o->list) return ListTemplates(ctx, *renderer, *s->repo);
    bool batch = o->query || o->refs.size() > 1;
    if (batch) {
      if (o->attach)
        return ctx.Fail(Status::InvalidArgument("--attach renders one document at a time"));
      if (o->output.empty())
        return ctx.Fail(Status::InvalidArgument("rendering several documents needs -o DIR"));
      std::vector<std::string> refs = o->refs;
      if (o->query) {
        ListFilter filter;
        auto optional = [](const std::string& v) {
          return v.empty() ? std::nullopt : std::optional<std::string>(v);
        };
        filter.type = optional(o->type);
        filter.status = optional(o->status);
        filter.dept = optional(o->dept);
        filter.from = optional(o->from);
        filter.to = optional(o->to);
        auto docs = s->repo->List(s->actor, filter);
        if (!docs.ok()) return ctx.Fail(docs.status());
        for (const auto& d : *docs) refs.push_back(d.number);
      }
      std::error_code ec;
      std::filesystem::create_directories(o->output, ec);
      if (ec || !std::filesystem::is_directory(o->output)) {
        return ctx.Fail(
            Status::InvalidArgument("-o " + o->output + " is not a folder that can be created"));
      }
      RenderRequest base;
      base.template_name = o->template_name;
      base.exported_by = s->actor.name;
      base.exported_at = NowLocalMinutes();
      int jobs = o->jobs > 0 ? o->jobs
                             : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
      return ReportBatch(ctx, ctx.NamesFor(*s->repo),
                         RenderBatch(ctx, *renderer, *s, refs, base, o->output, jobs), o->output);
    }
    std::string ref = o->refs.empty() ? "" : o->refs.front();
    if (ref.empty() && o->template_name.empty()) {
      return ctx.Fail(Status::InvalidArgument(
          "name a document (REF) or a register template (--template ledger)"));
    }
    if (o->attach && ref.empty())
      return ctx.Fail(Status::InvalidArgument("--attach needs a document (REF)"));

    RenderRequest request;
    request.ref = ref;
    request.template_name = o->template_name;
    if (!o->from.empty()) request.ledger.from = o->from;
    if (!o->to.empty()) request.ledger.to = o->to;
    if (!o->by.empty()) {
      auto by = ParseLedgerGrouping(o->by);
      if (!by)
        return ctx.Fail(Status::InvalidArgument(
            "--by '" + o->by + "': use month, quarter, year, dept, counterparty or status"));
      request.ledger.by = *by;
    }
    if (o->attach) {
      auto attached = AttachRendition(*s->repo, s->actor, *renderer, request);
      if (!attached.ok()) return ctx.Fail(attached.status());
      const Rendition& rendition = attached->rendition;
      if (ctx.json) {
        Object::Ptr x = new Object();
        x->set("file", rendition.file_name);
        x->set("version", attached->version.number);
        x->set("pages", rendition.pages);
        x->set("bytes", static_cast<uint64_t>(rendition.content.size()));
        x->set("template", rendition.template_name);
        PrintJson(ctx.out, x);
      } else {
        const Names names = ctx.NamesFor(*s->repo);
        const std::string pages = std::to_string(rendition.pages),
                          version = std::to_string(attached->version.number);
        const std::string size = HumanBytes(rendition.content.size());
        ctx.out << names.Say("已附加 " + rendition.file_name + "（" + pages + " 页，" + size +
                                 "），为 " + ref + " 的第 " + version + " 版\n",
                             "Attached " + rendition.file_name + " (" + pages + " page(s), " +
                                 size + ") as version " + version + " of " + ref + "\n");
      }
      return 0;
    }
    request.exported_by = s->actor.name;
    request.exported_at = NowLocalMinutes();
    auto rendition = renderer->Render(*s->repo, s->actor, request);
    if (!rendition.ok()) return ctx.Fail(rendition.status());
    std::filesystem::path out(o->output.empty() ? rendition->file_name : o->output);
    // A name the user gave may be replaced; a default name never replaces a file.
    std::error_code ec;
    if (o->output.empty() && std::filesystem::exists(out, ec)) {
      return ctx.Fail(Status::AlreadyExists(
          out.string() + " already exists here; name the output with -o FILE, or move it away"));
    }
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
      const Names names = ctx.NamesFor(*s->repo);
      const std::string pages = std::to_string(rendition->pages),
                        size = HumanBytes(rendition->content.size());
      ctx.out << names.Say("已写入 " + out.string() + "（" + pages + " 页，" + size + "，模板 " +
                               rendition->template_name + "）\n",
                           "Wrote " + out.string() + " (" + pages + " page(s), " + size +
                               ", template " + rendition->template_name + ")\n");
    }
    return 0;
  };
}

}  // namespace

const std::vector<Command>& RenderCommands() {
  static const std::vector<Command> kCommands = {
      {"render",
       "Render a document or the ledger to PDF through a template (PDF plugin); --list shows the "
       "templates",
       DefineRender},
  };
  return kCommands;
}

}  // namespace dossier::cli
