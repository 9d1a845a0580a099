// `dossier search` and `dossier reindex`: full-text and metadata search over
// what the acting user may see (docs/search.md).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.h"
#include "cli/output.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Handler DefineSearch(CLI::App& app) {
  struct Opts {
    std::vector<std::string> words;
    std::string type, dept, counterparty, status, from, to, retention;
    std::optional<double> amount_min, amount_max;
    bool archived = false, not_archived = false, all_versions = false;
    int limit = 20;
  };
  auto o = std::make_shared<Opts>();
  app.add_option(
      "QUERY", o->words,
      "Words and \"phrases\" (all must match), OR, NOT or -word, prefix* of Latin words; "
      "leave out for a metadata-only search");
  app.add_option("--type", o->type, "Only this document type");
  app.add_option("--dept", o->dept, "Only this department; 本部门 (or mine): your own");
  app.add_option("--counterparty", o->counterparty, "Counterparty name contains this");
  app.add_option("--status", o->status, "Only this status");
  app.add_option("--from", o->from, "Document date on or after (YYYY-MM-DD)");
  app.add_option("--to", o->to, "Document date on or before (YYYY-MM-DD)");
  app.add_option("--amount-min", o->amount_min, "Amount at least this");
  app.add_option("--amount-max", o->amount_max, "Amount at most this");
  app.add_option("--retention", o->retention,
                 "Archived under this retention class (Y, D30, D10, ...)");
  auto* archived = app.add_flag("--archived", o->archived, "Only archived documents");
  app.add_flag("--not-archived", o->not_archived, "Only documents not archived")
      ->excludes(archived);
  app.add_flag("--all-versions", o->all_versions,
               "Search the text of every version, not only the newest");
  app.add_option("--limit", o->limit, "At most this many results (default 20)");
  return [o](Context& ctx) {
    SearchRequest r;
    for (const auto& w : o->words) r.query += (r.query.empty() ? "" : " ") + w;
    auto opt = [](const std::string& v) {
      return v.empty() ? std::nullopt : std::optional<std::string>(v);
    };
    r.type = opt(o->type);
    r.dept = opt(o->dept);
    r.counterparty = opt(o->counterparty);
    r.status = opt(o->status);
    r.from = opt(o->from);
    r.to = opt(o->to);
    r.retention = opt(o->retention);
    r.amount_min = o->amount_min;
    r.amount_max = o->amount_max;
    if (o->archived) r.archived = true;
    if (o->not_archived) r.archived = false;
    r.all_versions = o->all_versions;
    r.limit = o->limit;
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto result = s->repo->Search(s->actor, r);
    if (!result.ok()) return ctx.Fail(result.status());
    if (ctx.json) {
      PrintJson(ctx.out, json::SearchResultJson(*result));
      return 0;
    }
    Names names = ctx.NamesFor(*s->repo);
    for (const auto& h : result->hits) {
      ctx.out << h.document.number << "  " << h.document.title << "\n    "
              << names.Type(h.document.type);
      if (!h.document.doc_date.empty()) ctx.out << " · " << h.document.doc_date;
      if (h.version != h.document.current_version) ctx.out << " · version " << h.version;
      ctx.out << "\n";
      if (!h.snippet.empty()) {
        std::string one_line = h.snippet;
        for (auto& ch : one_line) {
          if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
        }
        ctx.out << "    " << one_line << "\n";
      }
    }
    if (r.all_versions) {
      // A hit is a version then; the total counts documents.
      ctx.out << result->hits.size() << " version(s) shown, of " << result->total
              << " matching document(s)\n";
    } else {
      ctx.out << result->hits.size() << " of " << result->total << " match(es)\n";
    }
    return 0;
  };
}

Handler DefineReindex(CLI::App& app) {
  (void)app;
  return [](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    ProgressFn progress = TerminalProgress("reindex");
    Status done = s->repo->Reindex(s->actor, progress);
    ClearProgress(progress);
    if (!done.ok()) return ctx.Fail(done);
    if (ctx.json) {
      Object::Ptr j = new Object();
      j->set("reindexed", true);
      PrintJson(ctx.out, j);
    } else {
      ctx.out << "The search index was rebuilt.\n";
    }
    return 0;
  };
}

}  // namespace

const std::vector<Command>& SearchCommands() {
  static const std::vector<Command> kCommands = {
      {"search", "Full-text and metadata search: best matches first, with snippets", DefineSearch},
      {"reindex", "Rebuild the search index from the catalog (archivist, admin)", DefineReindex},
  };
  return kCommands;
}

}  // namespace dossier::cli
