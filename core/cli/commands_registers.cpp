// Commands of the registers: the circulation log (借阅), the seal-usage
// register (印章使用登记) and the contract ledger (合同台账).
#include <CLI/CLI.hpp>
#include <map>

#include "cli/context.h"
#include "cli/local_time.h"
#include "cli/output.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Handler DefineLend(CLI::App& app) {
  struct Opts {
    std::string ref;
    LoanRequest request;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "Document number or id")->required();
  app.add_option("--to", o->request.borrower, "The user who borrows it")->required();
  app.add_option("--due", o->request.due, "Due date, YYYY-MM-DD")->required();
  app.add_flag("--original", o->request.original,
               "The paper original rather than the electronic file");
  app.add_option("--note", o->request.note, "Purpose or remarks");
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto loan = s->repo->Lend(s->actor, o->ref, o->request);
    if (!loan.ok()) return ctx.Fail(loan.status());
    if (ctx.json)
      PrintJson(ctx.out, json::LoanJson(*loan));
    else
      ctx.out << o->ref << (loan->original ? " (original)" : "") << " lent to " << loan->borrower
              << " until " << loan->due << "\n";
    return 0;
  };
}

Handler DefineReturn(CLI::App& app) {
  struct Opts {
    std::string ref, borrower, note;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "Document number or id")->required();
  app.add_option("--borrower", o->borrower, "Whose loan, when several are out");
  app.add_option("--note", o->note, "Condition on return, remarks");
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto loan = s->repo->Return(s->actor, o->ref, o->borrower, o->note);
    if (!loan.ok()) return ctx.Fail(loan.status());
    if (ctx.json)
      PrintJson(ctx.out, json::LoanJson(*loan));
    else
      ctx.out << o->ref << " returned by " << loan->borrower << "\n";
    return 0;
  };
}

Handler DefineLoans(CLI::App& app) {
  auto filter = std::make_shared<LoanFilter>();
  app.add_flag("--out", filter->out, "Only what is out");
  app.add_flag("--overdue", filter->overdue, "Only what is out past its due date");
  return [filter](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto loans = s->repo->Loans(s->actor, *filter);
    if (!loans.ok()) return ctx.Fail(loans.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& l : *loans) arr->add(json::LoanJson(l));
      PrintJson(ctx.out, arr);
      return 0;
    }
    Names names = ctx.NamesFor(*s->repo);
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : *loans) {
      std::string state = !l.returned_at.empty()
                              ? names.Say("已归还 ", "returned ") + LocalDate(l.returned_at)
                          : l.overdue ? names.Say("逾期未还", "OVERDUE")
                                      : names.Say("借出中", "out");
      rows.push_back({l.document_number,
                      l.original ? names.Say("原件", "original") : names.Say("电子文件", "file"),
                      l.borrower, LocalDate(l.lent_at), l.due, state});
    }
    PrintTable(
        ctx.out,
        {names.Say("编号", "number"), names.Say("借阅物", "what"), names.Say("借阅人", "borrower"),
         names.Say("借出日期", "lent"), names.Say("应还日期", "due"), names.Say("状态", "state")},
        rows);
    ctx.out << names.Say("共 " + std::to_string(loans->size()) + " 笔借阅",
                         std::to_string(loans->size()) + " loan(s)")
            << "\n";
    return 0;
  };
}

Handler DefineSeal(CLI::App& app) {
  struct Opts {
    std::string ref, seal, purpose, comment;
    int64_t id = 0;
    SealFilter filter;
  };
  auto o = std::make_shared<Opts>();
  app.require_subcommand(1);
  auto* request = app.add_subcommand("request", "Ask to use a seal on a document");
  request->add_option("REF", o->ref, "Document number or id")->required();
  request->add_option("--seal", o->seal, "The seal, e.g. 合同专用章 (see config/seals.json)")
      ->required();
  request->add_option("--purpose", o->purpose, "What it is used for")->required();
  auto* approve = app.add_subcommand("approve", "The seal's keeper approves a request");
  auto* reject =
      app.add_subcommand("reject", "The seal's keeper rejects a request (with --comment)");
  auto* use = app.add_subcommand("use", "Record that the seal was used");
  auto* ret = app.add_subcommand("return", "The keeper records the seal's return");
  for (auto* sub : {approve, reject, use, ret})
    sub->add_option("ID", o->id, "The seal use's number (see 'seal list')")->required();
  for (auto* sub : {approve, reject})
    sub->add_option("--comment", o->comment, "Comment (a reason to reject)");
  auto* list = app.add_subcommand("list", "The register by seal and period");
  list->add_option("--seal", o->filter.seal, "Only this seal");
  list->add_option("--from", o->filter.from, "Requested on or after (YYYY-MM-DD)");
  list->add_option("--to", o->filter.to, "Requested on or before (YYYY-MM-DD)");
  return [o, request, approve, reject, use, ret](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    Result<SealUse> done = Status::Internal("no seal subcommand");
    if (request->parsed())
      done = s->repo->RequestSeal(s->actor, o->ref, o->seal, o->purpose);
    else if (approve->parsed())
      done = s->repo->DecideSeal(s->actor, o->id, true, o->comment);
    else if (reject->parsed())
      done = s->repo->DecideSeal(s->actor, o->id, false, o->comment);
    else if (use->parsed())
      done = s->repo->UseSeal(s->actor, o->id);
    else if (ret->parsed())
      done = s->repo->ReturnSeal(s->actor, o->id);
    else {
      auto uses = s->repo->SealRegister(s->actor, o->filter);
      if (!uses.ok()) return ctx.Fail(uses.status());
      if (ctx.json) {
        Array::Ptr arr = new Array();
        for (const auto& u : *uses) arr->add(json::SealJson(u));
        PrintJson(ctx.out, arr);
        return 0;
      }
      Names names = ctx.NamesFor(*s->repo);
      std::vector<std::vector<std::string>> rows;
      for (const auto& u : *uses) {
        rows.push_back({std::to_string(u.id), u.seal, u.document_number,
                        names.Code(SealStatusNames(), u.status), u.requested_by,
                        LocalDate(u.requested_at), u.decided_by, u.purpose});
      }
      PrintTable(ctx.out,
                 {names.Say("序号", "id"), names.Say("印章", "seal"), names.Say("文档", "number"),
                  names.Say("状态", "status"), names.Say("申请人", "requested by"),
                  names.Say("申请日期", "on"), names.Say("审批人", "decided by"),
                  names.Say("用途", "purpose")},
                 rows);
      ctx.out << names.Say("共 " + std::to_string(uses->size()) + " 次用印",
                           std::to_string(uses->size()) + " seal use(s)")
              << "\n";
      return 0;
    }
    if (!done.ok()) return ctx.Fail(done.status());
    if (ctx.json)
      PrintJson(ctx.out, json::SealJson(*done));
    else
      ctx.out << "seal use " << done->id << " (" << done->seal << " on " << done->document_number
              << "): " << done->status << "\n";
    return 0;
  };
}

void PrintLedgerRows(std::ostream& out, const Ledger& l, const Names& names) {
  std::vector<std::vector<std::string>> rows;
  const std::string lang = names.Say("zh", "en");
  for (const auto& r : l.rows) {
    rows.push_back({r.document.number, r.document.title, r.document.counterparty,
                    LedgerAmountText(r, lang), r.signing_date.empty() ? "-" : r.signing_date,
                    LedgerTermText(r), names.Say(LedgerStateTextZh(r), LedgerStateText(r)),
                    r.document.dept, r.owner, LedgerAmendmentsText(r, lang),
                    LedgerPerformanceText(r, lang)});
  }
  PrintTable(
      out,
      {names.Say("合同编号", "number"), names.Say("合同名称", "title"),
       names.Say("相对方", "counterparty"), names.Say("金额", "amount"),
       names.Say("签订日期", "signed"), names.Say("履行期限", "term"), names.Say("状态", "status"),
       names.Say("承办部门", "dept"), names.Say("责任人", "owner"), names.Say("变更", "amendments"),
       names.Say("履行", "performance")},
      rows);
  for (const auto& r : l.rows) {
    for (const auto& n : r.notes)
      out << names.Say("注：", "note: ") << r.document.number << ": " << n << "\n";
  }
}

void PrintLedgerGroups(std::ostream& out, const Ledger& l, const Names& names) {
  static const std::map<std::string, std::pair<const char*, const char*>> kBy = {
      {"month", {"月份", "month"}},
      {"quarter", {"季度", "quarter"}},
      {"year", {"年度", "year"}},
      {"dept", {"部门", "dept"}},
      {"counterparty", {"相对方", "counterparty"}},
      {"status", {"状态", "status"}}};
  std::vector<std::vector<std::string>> rows;
  auto add = [&](const LedgerGroup& g, bool total) {
    std::string key = total           ? names.Say("合计", "total")
                      : g.key.empty() ? names.Say("（无）", "(none)")
                                      : g.key;
    rows.push_back({key, FiguresText(g.all), FiguresText(g.signed_), FiguresText(g.in_performance),
                    FiguresText(g.completed), FiguresText(g.terminated), FiguresText(g.overdue),
                    FiguresText(g.unsigned_)});
  };
  for (const auto& g : l.groups) add(g, false);
  add(l.totals, true);
  std::string by(LedgerGroupingCode(l.query.by));
  auto named = kBy.find(by);
  PrintTable(out,
             {named == kBy.end() ? by : names.Say(named->second.first, named->second.second),
              names.Say("合同", "contracts"), names.Say("已签订", "signed"),
              names.Say("履行中", "in performance"), names.Say("履行完毕", "completed"),
              names.Say("已解除", "terminated"), names.Say("逾期未结", "past end, open"),
              names.Say("未签订", "not signed")},
             rows);
}

Handler DefineLedger(CLI::App& app) {
  struct Opts {
    std::string from, to, dept, counterparty, as_of, by;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--from", o->from,
                 "Contracts signed (or, unsigned, registered) on or after this date");
  app.add_option("--to", o->to, "... on or before this date");
  app.add_option("--by", o->by, "Statistics by month, quarter, year, dept, counterparty or status");
  app.add_option("--dept", o->dept, "Only this department's contracts; 本部门 (or mine): your own");
  app.add_option("--counterparty", o->counterparty,
                 "Only contracts with a counterparty containing this text");
  app.add_option("--as-of", o->as_of, "Judge 'past end date' on this day (default: today)");
  return [o](Context& ctx) {
    LedgerQuery q;
    if (!o->by.empty()) {
      auto by = ParseLedgerGrouping(o->by);
      if (!by || *by == LedgerGrouping::kNone) {
        return ctx.Fail(Status::InvalidArgument(
            "--by '" + o->by + "': use month, quarter, year, dept, counterparty or status"));
      }
      q.by = *by;
    }
    auto optional = [](const std::string& v) {
      return v.empty() ? std::nullopt : std::optional<std::string>(v);
    };
    q.from = optional(o->from);
    q.to = optional(o->to);
    q.dept = optional(o->dept);
    q.counterparty = optional(o->counterparty);
    q.as_of = optional(o->as_of);
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto ledger = s->repo->ContractLedger(s->actor, q);
    if (!ledger.ok()) return ctx.Fail(ledger.status());
    if (ctx.json) {
      PrintJson(ctx.out, json::LedgerJson(*ledger));
      return 0;
    }
    Names names = ctx.NamesFor(*s->repo);
    if (q.by == LedgerGrouping::kNone)
      PrintLedgerRows(ctx.out, *ledger, names);
    else
      PrintLedgerGroups(ctx.out, *ledger, names);
    const auto& t = ledger->totals;
    if (names.lang() == Lang::kZh) {
      ctx.out << "共 " << t.all.count << " 份合同，截至 " << ledger->as_of << "：已签订 "
              << FiguresText(t.signed_) << "；履行中 " << FiguresText(t.in_performance)
              << "；履行完毕 " << FiguresText(t.completed) << "；已解除 "
              << FiguresText(t.terminated) << "；逾期未结 " << FiguresText(t.overdue) << "；未签订 "
              << FiguresText(t.unsigned_) << "\n";
      return 0;
    }
    ctx.out << t.all.count << " contract(s), as of " << ledger->as_of << ": signed "
            << FiguresText(t.signed_) << "; in performance " << FiguresText(t.in_performance)
            << "; completed " << FiguresText(t.completed) << "; terminated "
            << FiguresText(t.terminated) << "; past end date, open " << FiguresText(t.overdue)
            << "; not signed " << FiguresText(t.unsigned_) << "\n";
    return 0;
  };
}

}  // namespace

const std::vector<Command>& RegisterCommands() {
  static const std::vector<Command> kCommands = {
      {"ledger",
       "The contract ledger (合同台账) and its statistics by period, department, counterparty, "
       "status",
       DefineLedger},
      {"lend", "Lend a document's file or paper original to a user until a date (借阅)",
       DefineLend},
      {"return", "Record the return of a lent document", DefineReturn},
      {"loans", "The circulation log: what is out, with whom, until when; overdue", DefineLoans},
      {"seal", "Seal-usage register: request, approve, reject, use, return, list (印章使用登记)",
       DefineSeal},
  };
  return kCommands;
}

}  // namespace dossier::cli
