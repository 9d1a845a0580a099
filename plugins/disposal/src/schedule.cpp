#include "schedule.h"

#include <Poco/JSON/Array.h>

#include <set>

namespace dossier::disposal {

Result<ScheduleReport> RunSchedule(Repository& repo, const Actor& actor, const std::string& as_of,
                                   int within_days) {
  ScheduleReport report;
  auto finished = repo.FinishDisposals(actor);
  if (!finished.ok()) return finished.status();
  report.finished = std::move(*finished);

  // What is due now and free goes on a new list; "nothing to propose" is a quiet day.
  DisposalProposal proposal;
  proposal.as_of = as_of;
  proposal.note = "定期处置自动编制（disposal schedule）";
  auto list = repo.ProposeDisposal(actor, proposal);
  if (list.ok()) {
    report.proposed = list->number;
    report.proposed_lines = static_cast<int>(list->lines.size());
  } else if (!list.status().IsInvalidArgument() ||
             list.status().message().rfind("nothing to propose", 0) != 0) {
    return list.status();
  }

  auto lists = repo.DisposalLists(actor, "");
  if (!lists.ok()) return lists.status();
  std::set<std::string> listed;
  for (auto& l : *lists) {
    if (l.status == "proposed" || l.status == "approved" || l.status == "executing") {
      for (const auto& line : l.lines) {
        if (line.state == "listed") listed.insert(line.document_id);
      }
    }
    if (l.status == "proposed") report.awaiting_signoff.push_back(l);
    if (l.status == "approved") report.awaiting_execution.push_back(l);
  }

  DueQuery query;
  query.as_of = as_of;
  query.within_days = within_days >= 0 ? within_days : repo.DisposalSettings().notice_days;
  auto due = repo.RetentionDue(actor, query);
  if (!due.ok()) return due.status();
  report.as_of = due->as_of;
  report.until = due->until;
  for (const auto& item : due->items) {
    if (listed.count(item.document.id) || item.document.status != "archived") continue;
    switch (item.retention.cls.action) {
      case RetentionAction::kDestroy:
        ++report.due_destroy;
        break;
      case RetentionAction::kReview:
        ++report.due_review;
        break;
      case RetentionAction::kTransfer:
        ++report.due_transfer;
        break;
    }
    if (item.retention.held()) ++report.held;
  }
  return report;
}

Poco::JSON::Object::Ptr ScheduleJson(const ScheduleReport& r) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("as_of", r.as_of);
  o->set("until", r.until);
  Array::Ptr finished = new Array();
  for (const auto& f : r.finished) finished->add(f.list_number);
  o->set("finished", finished);
  o->set("proposed", r.proposed);
  o->set("proposed_lines", r.proposed_lines);
  Array::Ptr signoff = new Array(), execution = new Array();
  for (const auto& l : r.awaiting_signoff) {
    Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    x->set("number", l.number);
    Array::Ptr awaiting = new Array();
    for (Role role : l.Awaiting()) awaiting->add(std::string(RoleCode(role)));
    x->set("awaiting", awaiting);
    signoff->add(x);
  }
  for (const auto& l : r.awaiting_execution) execution->add(l.number);
  o->set("awaiting_signoff", signoff);
  o->set("awaiting_execution", execution);
  Object::Ptr due = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  due->set("destroy", r.due_destroy);
  due->set("review", r.due_review);
  due->set("transfer", r.due_transfer);
  due->set("held", r.held);
  o->set("falling_due", due);
  return o;
}

}  // namespace dossier::disposal
