#include "disposal_command.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "dossier/text_table.h"
#include "json/shapes.h"
#include "schedule.h"

namespace dossier::disposal {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string Roles(const std::vector<Role>& roles) {
  std::string text;
  for (Role r : roles) text += (text.empty() ? "" : ", ") + std::string(RoleCode(r));
  return text;
}

int Fail(CommandContext& ctx, const Status& status) {
  *ctx.err << "dossier: " << status.message() << "\n";
  return status.ExitCode();
}

void PrintJson(CommandContext& ctx, const Poco::Dynamic::Var& value) {
  Poco::JSON::Stringifier::stringify(value, *ctx.out, 0, -1, Poco::JSON_PRESERVE_KEY_ORDER);
  *ctx.out << "\n";
}

void PrintList(CommandContext& ctx, const DisposalList& l) {
  auto& out = *ctx.out;
  out << l.number << "  " << l.title << "\n";
  out << "  status:      " << l.status << "\n";
  out << "  as of:       " << l.as_of << ", proposed " << l.proposed_at << " by " << l.proposed_by
      << "\n";
  out << "  sign-offs:   " << Roles(l.required) << "\n";
  for (const auto& a : l.approvals) {
    out << "    " << RoleCode(a.role) << ": " << a.actor << ", " << a.at
        << (a.comment.empty() ? "" : " — " + a.comment) << "\n";
  }
  if (l.status == "proposed") out << "  awaiting:    " << Roles(l.Awaiting()) << "\n";
  if (l.status == "rejected")
    out << "  rejected:    by " << l.reject_by << ": " << l.reject_reason << "\n";
  if (!l.executed_at.empty())
    out << "  executed:    " << l.executed_at << " by " << l.executed_by << "\n";
  if (!l.certificate_number.empty()) out << "  certificate: " << l.certificate_number << "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : l.lines) {
    rows.push_back({std::to_string(line.line), line.number, line.archive_code, line.title,
                    line.year, line.retention_name, std::to_string(line.years_kept),
                    line.state + (line.note.empty() ? "" : ": " + line.note)});
  }
  PrintTable(out, {"line", "number", "档号", "title", "year", "retention", "years kept", "state"},
             rows);
  if (l.hidden_lines > 0) out << l.hidden_lines << " more line(s) above your clearance\n";
}

int ShowList(CommandContext& ctx, const Result<DisposalList>& list) {
  if (!list.ok()) return Fail(ctx, list.status());
  if (ctx.json)
    PrintJson(ctx, json::DisposalListJson(*list));
  else
    PrintList(ctx, *list);
  return 0;
}

int PrintSchedule(CommandContext& ctx, const ScheduleReport& r) {
  if (ctx.json) {
    PrintJson(ctx, ScheduleJson(r));
    return 0;
  }
  auto& out = *ctx.out;
  out << "Disposal schedule as of " << r.as_of << "\n";
  for (const auto& f : r.finished) {
    out << "  finished the interrupted execution of " << f.list_number
        << (f.certificate_number.empty() ? " (nothing destroyed, no certificate)"
                                         : " (certificate " + f.certificate_number + ")")
        << "\n";
  }
  if (!r.proposed.empty())
    out << "  proposed " << r.proposed << ": " << r.proposed_lines << " line(s)\n";
  else
    out << "  nothing new to propose\n";
  for (const auto& l : r.awaiting_signoff)
    out << "  " << l.number << " awaits the sign-off of " << Roles(l.Awaiting()) << "\n";
  for (const auto& l : r.awaiting_execution)
    out << "  " << l.number << " is approved: 'dossier disposal execute " << l.number << "'\n";
  out << "  falling due by " << r.until << " and on no list: " << r.due_destroy << " to destroy, "
      << r.due_review << " to review, " << r.due_transfer << " to transfer (" << r.held
      << " held)\n";
  return 0;
}

}  // namespace

std::string DisposalCommand::Summary() const {
  return "Destruction lists (销毁清册): propose, sign, reject, take lines off, execute; the daily "
         "schedule";
}

std::string DisposalCommand::Help() const {
  return "Usage: dossier disposal SUBCOMMAND ...\n"
         "  propose [REF...] [--as-of DATE] [--note TEXT]   a list of what is due for destruction "
         "and free\n"
         "                                                 (or of the documents named), archivist\n"
         "  list [--status STATUS]                         the lists: proposed, approved, "
         "rejected, executing, executed\n"
         "  show LIST                                      a list with its lines and sign-offs\n"
         "  remove LIST REF --reason TEXT [--until DATE]   take a line off a proposed list (kept "
         "until DATE)\n"
         "  approve LIST [--comment TEXT]                  sign for your role (each role once, "
         "each by another\n"
         "                                                 person, never the proposer)\n"
         "  reject LIST --reason TEXT                      reject a proposed list\n"
         "  execute LIST                                   destroy what an approved list names "
         "(re-checked now)\n"
         "  schedule [--as-of DATE] [--within DAYS]        the cycle as far as it goes without a "
         "person: finish\n"
         "                                                 interrupted executions, propose what "
         "fell due, report;\n"
         "                                                 safe to run daily from cron\n"
         "The roles that sign are in config/disposal.json. Add --json (before 'disposal') for "
         "JSON.\n";
}

int DisposalCommand::Run(CommandContext& ctx, const std::vector<std::string>& args) const {
  CLI::App app{"dossier disposal"};
  app.name("dossier disposal");
  app.require_subcommand(1);
  std::string list_ref, ref, reason, until, comment, as_of, status;
  std::vector<std::string> refs;
  int within = -1;
  auto* propose = app.add_subcommand("propose", "Propose a destruction list");
  propose->add_option("REF", refs,
                      "Documents to list (default: everything due for destruction and free)");
  propose->add_option("--as-of", as_of, "Due by this date (default today)");
  propose->add_option("--note", comment, "A note on the list");
  auto* list = app.add_subcommand("list", "The destruction lists");
  list->add_option("--status", status, "Only lists in this state");
  auto* show = app.add_subcommand("show", "A list with its lines");
  auto* remove = app.add_subcommand("remove", "Take a line off a proposed list");
  auto* approve = app.add_subcommand("approve", "Sign a list for your role");
  auto* reject = app.add_subcommand("reject", "Reject a proposed list");
  auto* execute = app.add_subcommand("execute", "Execute an approved list");
  for (auto* sub : {show, remove, approve, reject, execute})
    sub->add_option("LIST", list_ref, "The list's number")->required();
  remove->add_option("REF", ref, "The document to take off")->required();
  remove->add_option("--reason", reason, "Why (moved to review, kept longer)")->required();
  remove->add_option("--until", until, "Keep it until this date (YYYY-MM-DD)");
  approve->add_option("--comment", comment, "The appraisal's opinion");
  reject->add_option("--reason", reason, "Why")->required();
  auto* schedule =
      app.add_subcommand("schedule", "Run the cycle as far as it goes without a person");
  schedule->add_option("--as-of", as_of, "As of this date (default today)");
  schedule->add_option("--within", within,
                       "Report what falls due in the next DAYS (default: config/disposal.json)");
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    *ctx.err << "dossier disposal: " << e.what() << "\nRun 'dossier disposal --help'.\n";
    return 1;
  }
  Repository& repo = *ctx.repo;
  if (propose->parsed())
    return ShowList(ctx, repo.ProposeDisposal(ctx.actor, DisposalProposal{as_of, refs, comment}));
  if (show->parsed()) return ShowList(ctx, repo.Disposal(ctx.actor, list_ref));
  if (remove->parsed())
    return ShowList(ctx, repo.RemoveDisposalLine(ctx.actor, list_ref, ref, reason, until));
  if (approve->parsed()) return ShowList(ctx, repo.ApproveDisposal(ctx.actor, list_ref, comment));
  if (reject->parsed()) return ShowList(ctx, repo.RejectDisposal(ctx.actor, list_ref, reason));
  if (list->parsed()) {
    auto lists = repo.DisposalLists(ctx.actor, status);
    if (!lists.ok()) return Fail(ctx, lists.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& l : *lists) arr->add(json::DisposalListJson(l));
      PrintJson(ctx, arr);
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : *lists) {
      int listed =
          static_cast<int>(std::count_if(l.lines.begin(), l.lines.end(), [](const DisposalLine& x) {
            return x.state != "removed";
          }));
      rows.push_back({l.number, l.status, l.as_of, std::to_string(listed), l.proposed_by,
                      l.status == "proposed" ? Roles(l.Awaiting()) : l.certificate_number});
    }
    PrintTable(*ctx.out,
               {"list", "status", "as of", "lines", "proposed by", "awaiting / certificate"}, rows);
    *ctx.out << lists->size() << " list(s)\n";
    return 0;
  }
  if (execute->parsed()) {
    bool terminal = ::isatty(STDERR_FILENO) != 0;
    auto progress = [&](int done, int total) {
      if (terminal) *ctx.err << "\r  disposal: line " << done << "/" << total << std::flush;
    };
    auto outcome = repo.ExecuteDisposal(ctx.actor, list_ref, progress);
    if (terminal) *ctx.err << "\r\033[K" << std::flush;
    if (!outcome.ok()) return Fail(ctx, outcome.status());
    if (ctx.json) {
      PrintJson(ctx, json::DisposalOutcomeJson(*outcome));
    } else {
      *ctx.out << "Executed " << outcome->list_number << ": " << outcome->destroyed
               << " destroyed, " << outcome->skipped << " skipped, "
               << HumanBytes(outcome->bytes_reclaimed) << " of content removed; "
               << (outcome->certificate_number.empty()
                       ? "no certificate (nothing was destroyed; 'dossier disposal show " +
                             outcome->list_number + "' says why each line was skipped)"
                       : "certificate " + outcome->certificate_number)
               << "\n";
    }
    return 0;
  }
  if (schedule->parsed()) {
    auto report = RunSchedule(repo, ctx.actor, as_of, within);
    if (!report.ok()) return Fail(ctx, report.status());
    return PrintSchedule(ctx, *report);
  }
  return 1;
}

}  // namespace dossier::disposal
