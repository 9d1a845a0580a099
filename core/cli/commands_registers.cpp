// Commands of the registers: the circulation log (借阅), the seal-usage
// register (印章使用登记) and the contract ledger (合同台账).
#include <CLI/CLI.hpp>

#include "cli/context.h"
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
  app.add_flag("--original", o->request.original, "The paper original rather than the electronic file");
  app.add_option("--note", o->request.note, "Purpose or remarks");
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto loan = s->repo->Lend(s->actor, o->ref, o->request);
    if (!loan.ok()) return ctx.Fail(loan.status());
    if (ctx.json) PrintJson(ctx.out, json::LoanJson(*loan));
    else ctx.out << o->ref << (loan->original ? " (original)" : "") << " lent to " << loan->borrower << " until " << loan->due << "\n";
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
    if (ctx.json) PrintJson(ctx.out, json::LoanJson(*loan));
    else ctx.out << o->ref << " returned by " << loan->borrower << "\n";
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
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : *loans) {
      std::string state = !l.returned_at.empty() ? "returned " + l.returned_at.substr(0, 10) : (l.overdue ? "OVERDUE" : "out");
      rows.push_back({l.document_number, l.original ? "original" : "file", l.borrower, l.lent_at.substr(0, 10), l.due, state});
    }
    PrintTable(ctx.out, {"number", "what", "borrower", "lent", "due", "state"}, rows);
    ctx.out << loans->size() << " loan(s)\n";
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
  request->add_option("--seal", o->seal, "The seal, e.g. 合同专用章 (see config/seals.json)")->required();
  request->add_option("--purpose", o->purpose, "What it is used for")->required();
  auto* approve = app.add_subcommand("approve", "The seal's keeper approves a request");
  auto* reject = app.add_subcommand("reject", "The seal's keeper rejects a request (with --comment)");
  auto* use = app.add_subcommand("use", "Record that the seal was used");
  auto* ret = app.add_subcommand("return", "The keeper records the seal's return");
  for (auto* sub : {approve, reject, use, ret}) sub->add_option("ID", o->id, "The seal use's number (see 'seal list')")->required();
  for (auto* sub : {approve, reject}) sub->add_option("--comment", o->comment, "Comment (a reason to reject)");
  auto* list = app.add_subcommand("list", "The register by seal and period");
  list->add_option("--seal", o->filter.seal, "Only this seal");
  list->add_option("--from", o->filter.from, "Requested on or after (YYYY-MM-DD)");
  list->add_option("--to", o->filter.to, "Requested on or before (YYYY-MM-DD)");
  return [o, request, approve, reject, use, ret](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    Result<SealUse> done = Status::Internal("no seal subcommand");
    if (request->parsed()) done = s->repo->RequestSeal(s->actor, o->ref, o->seal, o->purpose);
    else if (approve->parsed()) done = s->repo->DecideSeal(s->actor, o->id, true, o->comment);
    else if (reject->parsed()) done = s->repo->DecideSeal(s->actor, o->id, false, o->comment);
    else if (use->parsed()) done = s->repo->UseSeal(s->actor, o->id);
    else if (ret->parsed()) done = s->repo->ReturnSeal(s->actor, o->id);
    else {
      auto uses = s->repo->SealRegister(s->actor, o->filter);
      if (!uses.ok()) return ctx.Fail(uses.status());
      if (ctx.json) {
        Array::Ptr arr = new Array();
        for (const auto& u : *uses) arr->add(json::SealJson(u));
        PrintJson(ctx.out, arr);
        return 0;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& u : *uses) {
        rows.push_back({std::to_string(u.id), u.seal, u.document_number, u.status, u.requested_by,
                        u.requested_at.substr(0, 10), u.decided_by, u.purpose});
      }
      PrintTable(ctx.out, {"id", "seal", "number", "status", "requested by", "on", "decided by", "purpose"}, rows);
      ctx.out << uses->size() << " seal use(s)\n";
      return 0;
    }
    if (!done.ok()) return ctx.Fail(done.status());
    if (ctx.json) PrintJson(ctx.out, json::SealJson(*done));
    else ctx.out << "seal use " << done->id << " (" << done->seal << " on " << done->document_number << "): " << done->status << "\n";
    return 0;
  };
}

void PrintLedgerRows(std::ostream& out, const Ledger& l) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : l.rows) {
    rows.push_back({r.document.number, r.document.title, r.document.counterparty, LedgerAmountText(r),
                    r.signing_date.empty() ? "-" : r.signing_date, LedgerTermText(r), LedgerStateText(r), r.document.dept,
                    r.owner, LedgerAmendmentsText(r), LedgerPerformanceText(r)});
  }
  PrintTable(out, {"number", "title", "counterparty", "amount", "signed", "term", "status", "dept", "owner",
                   "amendments", "performance"},
             rows);
  for (const auto& r : l.rows) {
    for (const auto& n : r.notes) out << "note: " << r.document.number << ": " << n << "\n";
  }
}

void PrintLedgerGroups(std::ostream& out, const Ledger& l) {
  std::vector<std::vector<std::string>> rows;
  auto add = [&rows](const LedgerGroup& g) {
    rows.push_back({g.key.empty() ? "(none)" : g.key, FiguresText(g.all), FiguresText(g.signed_),
                    FiguresText(g.in_performance), FiguresText(g.completed), FiguresText(g.terminated),
                    FiguresText(g.overdue), FiguresText(g.unsigned_)});
  };
  for (const auto& g : l.groups) add(g);
  add(l.totals);
  PrintTable(out, {std::string(LedgerGroupingCode(l.query.by)), "contracts", "signed", "in performance", "completed",
                   "terminated", "past end, open", "not signed"},
             rows);
}

Handler DefineLedger(CLI::App& app) {
  struct Opts {
    std::string from, to, dept, counterparty, as_of, by;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--from", o->from, "Contracts signed (or, unsigned, registered) on or after this date");
  app.add_option("--to", o->to, "... on or before this date");
  app.add_option("--by", o->by, "Statistics by month, quarter, year, dept, counterparty or status");
  app.add_option("--dept", o->dept, "Only this department's contracts; 本部门 (or mine): your own");
  app.add_option("--counterparty", o->counterparty, "Only contracts with a counterparty containing this text");
  app.add_option("--as-of", o->as_of, "Judge 'past end date' on this day (default: today)");
  return [o](Context& ctx) {
    LedgerQuery q;
    if (!o->by.empty()) {
      auto by = ParseLedgerGrouping(o->by);
      if (!by || *by == LedgerGrouping::kNone) {
        return ctx.Fail(Status::InvalidArgument("--by '" + o->by + "': use month, quarter, year, dept, counterparty or status"));
      }
      q.by = *by;
    }
    auto optional = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
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
    if (q.by == LedgerGrouping::kNone) PrintLedgerRows(ctx.out, *ledger);
    else PrintLedgerGroups(ctx.out, *ledger);
    const auto& t = ledger->totals;
    ctx.out << t.all.count << " contract(s), as of " << ledger->as_of << ": signed " << FiguresText(t.signed_)
            << "; in performance " << FiguresText(t.in_performance) << "; completed " << FiguresText(t.completed)
            << "; terminated " << FiguresText(t.terminated) << "; past end date, open " << FiguresText(t.overdue)
            << "; not signed " << FiguresText(t.unsigned_) << "\n";
    return 0;
  };
}

}  // namespace

const std::vector<Command>& RegisterCommands() {
  static const std::vector<Command> kCommands = {
      {"ledger", "The contract ledger (合同台账) and its statistics by period, department, counterparty, status", DefineLedger},
      {"lend", "Lend a document's file or paper original to a user until a date (借阅)", DefineLend},
      {"return", "Record the return of a lent document", DefineReturn},
      {"loans", "The circulation log: what is out, with whom, until when; overdue", DefineLoans},
      {"seal", "Seal-usage register: request, approve, reject, use, return, list (印章使用登记)", DefineSeal},
  };
  return kCommands;
}

}  // namespace dossier::cli
