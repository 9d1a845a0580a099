// Commands of retention: the schedules, each archived document's class and
// disposition date, class changes and extensions, what falls due, and holds
// (冻结).
#include <CLI/CLI.hpp>
#include <map>

#include "cli/context.h"
#include "cli/local_time.h"
#include "cli/output.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string Period(const RetentionClass& c, const Names& names) {
  return c.permanent
             ? names.Say("永久", "permanent")
             : names.Say(std::to_string(c.years) + " 年", std::to_string(c.years) + " years");
}

// The events a clock starts at and the actions at expiry, as an archivist names them.
std::string EventName(RetentionEvent event, const Names& names) {
  static const std::map<std::string, const char*> kZh = {{"archive_date", "归档之日"},
                                                         {"document_date", "文件形成之日"},
                                                         {"contract_closed", "合同终结之日"},
                                                         {"fiscal_year_end", "会计年度终了"}};
  std::string code(RetentionEventCode(event));
  auto it = kZh.find(code);
  return it == kZh.end() ? code : names.Say(it->second, code);
}

std::string ActionName(RetentionAction action, const Names& names) {
  return names.Code(RetentionActionNames(), std::string(RetentionActionCode(action)));
}

int PrintClasses(Context& ctx, const Repository& repo) {
  auto schedules = repo.RetentionSchedules();
  if (ctx.json) {
    PrintJson(ctx.out, json::SchedulesJson(repo));
    return 0;
  }
  Names names = ctx.NamesFor(repo);
  for (const auto& s : schedules) {
    ctx.out << s.name << ": " << s.title << names.Say("（会计年度终了于 ", " (fiscal year ends ")
            << s.fiscal_year_end << names.Say("）", ")") << "\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : s.classes) {
      rows.push_back({c.code, c.name_zh, Period(c, names), EventName(c.starts, names),
                      ActionName(c.action, names)});
    }
    PrintTable(
        ctx.out,
        {names.Say("类别", "class"), names.Say("名称", "name"), names.Say("保管期限", "period"),
         names.Say("起算", "clock starts"), names.Say("到期处置", "at expiry")},
        rows);
  }
  return 0;
}

void PrintStatus(Context& ctx, const std::string& number, const RetentionStatus& r) {
  ctx.out << number << "  class " << r.cls.code << " " << r.cls.name_zh << " (" << r.schedule
          << ")\n";
  ctx.out << "  disposition:  " << DescribeDisposition(r) << "\n";
  if (r.transferred) ctx.out << "  transferred to another archive: nothing more falls due here\n";
  for (const auto& h : r.holds) {
    ctx.out << "  held:         hold " << h.id << ", " << h.reason << " (" << h.authority << ", "
            << h.placed_by << ")\n";
  }
}

int PrintDue(Context& ctx, const Repository& repo, const DueReport& report) {
  if (ctx.json) {
    PrintJson(ctx.out, json::DueJson(report));
    return 0;
  }
  Names names = ctx.NamesFor(repo);
  ctx.out << names.Say("截至 ", "Due by ") << report.until
          << (report.until != report.as_of
                  ? names.Say("（以 " + report.as_of + " 计）", " (as of " + report.as_of + ")")
                  : "")
          << names.Say(" 到期", "") << "\n";
  std::map<RetentionAction, std::vector<const DueItem*>> groups;
  for (const auto& item : report.items) groups[item.retention.cls.action].push_back(&item);
  int held = 0;
  for (const auto& [action, items] : groups) {
    ctx.out << "\n" << ActionName(action, names) << " (" << items.size() << ")\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto* item : items) {
      std::string holds;
      for (const auto& h : item->retention.holds) {
        holds += (holds.empty() ? names.Say("冻结：", "held: ") : ", ") + std::to_string(h.id);
      }
      held += item->retention.held() ? 1 : 0;
      rows.push_back({item->document.number, item->retention.record.archive_code,
                      item->document.title, item->retention.cls.code,
                      item->retention.disposition_date, holds});
    }
    PrintTable(
        ctx.out,
        {names.Say("编号", "number"), "档号", names.Say("题名", "title"),
         names.Say("保管期限", "class"), names.Say("到期日", "due"), names.Say("冻结", "holds")},
        rows);
  }
  if (names.lang() == Lang::kZh) {
    ctx.out << "\n共 " << report.items.size() << " 份到期，其中冻结 " << held << " 份";
    if (report.hidden > 0) ctx.out << "；另有 " << report.hidden << " 份超出你的可阅密级";
  } else {
    ctx.out << "\n" << report.items.size() << " document(s) due, " << held << " of them held";
    if (report.hidden > 0) ctx.out << "; " << report.hidden << " more above your clearance";
  }
  ctx.out << "\n";
  for (const auto& p : report.problems) ctx.out << "warning: " << p << "\n";
  return 0;
}

Handler DefineRetention(CLI::App& app) {
  struct Opts {
    std::string ref, cls, reason, until;
    DueQuery due;
  };
  auto o = std::make_shared<Opts>();
  app.require_subcommand(1);
  auto* classes = app.add_subcommand("classes", "The retention schedules and their classes");
  auto* show =
      app.add_subcommand("show", "An archived document's class, disposition date and holds");
  show->add_option("REF", o->ref, "Document number or id")->required();
  auto* set =
      app.add_subcommand("set", "Change an archived document's class, with a reason (archivist)");
  set->add_option("REF", o->ref, "Document number or id")->required();
  set->add_option("CLASS", o->cls, "The new class (see 'retention classes')")->required();
  set->add_option("--reason", o->reason, "Why (appraisal, a rule)")->required();
  auto* extend =
      app.add_subcommand("extend", "Keep an archived document longer after a review (archivist)");
  extend->add_option("REF", o->ref, "Document number or id")->required();
  extend->add_option("--until", o->until, "Kept until this date (YYYY-MM-DD)")->required();
  extend->add_option("--reason", o->reason, "The appraisal's opinion")->required();
  auto* due = app.add_subcommand(
      "due", "What reaches its disposition, by action (destroy, review, transfer)");
  due->add_option("--as-of", o->due.as_of, "As of this date (YYYY-MM-DD; default today)");
  due->add_option("--within", o->due.within_days, "Also what falls due in the next N days");
  return [o, classes, show, set, extend, due](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    if (classes->parsed()) return PrintClasses(ctx, *s->repo);
    if (due->parsed()) {
      auto report = s->repo->RetentionDue(s->actor, o->due);
      if (!report.ok()) return ctx.Fail(report.status());
      return PrintDue(ctx, *s->repo, *report);
    }
    Result<RetentionStatus> status = Status::Internal("no retention subcommand");
    if (show->parsed()) status = s->repo->Retention(s->actor, o->ref);
    if (set->parsed()) status = s->repo->SetRetentionClass(s->actor, o->ref, o->cls, o->reason);
    if (extend->parsed()) status = s->repo->ExtendRetention(s->actor, o->ref, o->until, o->reason);
    if (!status.ok()) return ctx.Fail(status.status());
    if (ctx.json)
      PrintJson(ctx.out, RetentionJson(*status));
    else
      PrintStatus(ctx, status->record.document_number, *status);
    return 0;
  };
}

Handler DefineHold(CLI::App& app) {
  struct Opts {
    std::string ref, reason, authority, type, status, dept, counterparty, from, to;
    bool file = false, all = false;
    int64_t id = 0;
  };
  auto o = std::make_shared<Opts>();
  app.require_subcommand(1);
  auto* place = app.add_subcommand(
      "place", "Hold a document, its whole file (--file), or what a filter matches");
  place->add_option("REF", o->ref, "Document number or id (none: hold what the filters match)");
  place->add_flag("--file", o->file, "The whole contract file REF belongs to");
  place->add_option("--type", o->type, "Filter: type");
  place->add_option("--status", o->status, "Filter: status");
  place->add_option("--dept", o->dept, "Filter: department");
  place->add_option("--counterparty", o->counterparty, "Filter: counterparty (part of the name)");
  place->add_option("--from", o->from, "Filter: dated on or after (YYYY-MM-DD)");
  place->add_option("--to", o->to, "Filter: dated on or before (YYYY-MM-DD)");
  place->add_option("--reason", o->reason, "Why: a dispute, an audit, litigation")->required();
  place->add_option("--authority", o->authority, "Who ordered it: a court, legal, a director")
      ->required();
  auto* release = app.add_subcommand("release", "Release a hold, with a reason");
  release->add_option("ID", o->id, "The hold's number (see 'hold list')")->required();
  release->add_option("--reason", o->reason, "Why: dispute settled, debts cleared")->required();
  auto* list = app.add_subcommand("list", "Active holds (--all: released ones too)");
  list->add_flag("--all", o->all, "Released holds too");
  return [o, place, release, list](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    if (list->parsed()) {
      auto holds = s->repo->Holds(s->actor, o->all);
      if (!holds.ok()) return ctx.Fail(holds.status());
      if (ctx.json) {
        Array::Ptr arr = new Array();
        for (const auto& h : *holds) arr->add(HoldJson(h));
        PrintJson(ctx.out, arr);
        return 0;
      }
      Names names = ctx.NamesFor(*s->repo);
      static const std::map<std::string, const char*> kScopes = {
          {"document", "文档"}, {"file", "案卷"}, {"query", "条件"}};
      std::vector<std::vector<std::string>> rows;
      for (const auto& h : *holds) {
        std::string scope(HoldScopeCode(h.scope));
        auto zh = kScopes.find(scope);
        rows.push_back({std::to_string(h.id),
                        zh == kScopes.end() ? scope : names.Say(zh->second, scope), h.label,
                        h.reason, h.authority, LocalDate(h.placed_at) + " " + h.placed_by,
                        h.active() ? names.Say("冻结中", "active")
                                   : names.Say("已解除 ", "released ") + LocalDate(h.released_at)});
      }
      PrintTable(ctx.out,
                 {names.Say("编号", "hold"), names.Say("范围", "scope"), names.Say("对象", "on"),
                  names.Say("原因", "reason"), names.Say("依据", "authority"),
                  names.Say("冻结", "placed"), names.Say("状态", "state")},
                 rows);
      ctx.out << names.Say("共 " + std::to_string(holds->size()) + " 项冻结",
                           std::to_string(holds->size()) + " hold(s)")
              << "\n";
      return 0;
    }
    Result<Hold> hold = Status::Internal("no hold subcommand");
    if (release->parsed()) hold = s->repo->ReleaseHold(s->actor, o->id, o->reason);
    if (place->parsed()) {
      HoldRequest request;
      request.reason = o->reason;
      request.authority = o->authority;
      auto opt = [](const std::string& v) {
        return v.empty() ? std::nullopt : std::optional<std::string>(v);
      };
      request.query.type = opt(o->type);
      request.query.status = opt(o->status);
      request.query.dept = opt(o->dept);
      request.query.counterparty = opt(o->counterparty);
      request.query.from = opt(o->from);
      request.query.to = opt(o->to);
      bool filtered = request.query.type || request.query.status || request.query.dept ||
                      request.query.counterparty || request.query.from || request.query.to;
      if (!o->ref.empty() && filtered) {
        return ctx.Fail(Status::InvalidArgument("hold place takes a REF or filters, not both"));
      }
      if (o->ref.empty() && o->file)
        return ctx.Fail(Status::InvalidArgument("--file needs a REF: a document of the file"));
      request.scope =
          !o->ref.empty() ? (o->file ? HoldScope::kFile : HoldScope::kDocument) : HoldScope::kQuery;
      request.ref = o->ref;
      hold = s->repo->PlaceHold(s->actor, request);
    }
    if (!hold.ok()) return ctx.Fail(hold.status());
    if (ctx.json)
      PrintJson(ctx.out, HoldJson(*hold));
    else if (hold->active()) {
      const Names names = ctx.NamesFor(*s->repo);
      const std::string id = std::to_string(hold->id);
      ctx.out << names.Say(
                     "已冻结（第 " + id + " 号）：",
                     "Hold " + id + " placed on " + std::string(HoldScopeCode(hold->scope)) + " ")
              << hold->label << "\n";
    } else {
      const Names names = ctx.NamesFor(*s->repo);
      const std::string id = std::to_string(hold->id);
      ctx.out << names.Say("已解除第 " + id + " 号冻结：" + hold->label + "\n",
                           "Hold " + id + " on " + hold->label + " released\n");
    }
    return 0;
  };
}

}  // namespace

const std::vector<Command>& RetentionCommands() {
  static const std::vector<Command> commands = {
      {"retention",
       "Retention: classes, an archived document's disposition date, class changes, what falls due",
       DefineRetention},
      {"hold", "Holds (冻结 / legal hold) that stop destruction: place, release, list", DefineHold},
  };
  return commands;
}

}  // namespace dossier::cli
