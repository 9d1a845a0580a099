// Destruction lists (销毁清册): propose, show, take a line off, sign off,
// reject, execute; and the daily schedule. Every rule is the core's.
#include "json/shapes.h"
#include "schedule.h"
#include "server/json_input.h"
#include "server/router.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Status SendList(Exchange& ex, const Result<DisposalList>& list, int status = 200) {
  if (!list.ok()) return list.status();
  return ex.SendJson(json::DisposalListJson(*list), status);
}

Status Lists(Exchange& ex) {
  auto lists = ex.repo().DisposalLists(ex.actor(), ex.query("status").value_or(""));
  if (!lists.ok()) return lists.status();
  Array::Ptr list = new Array();
  for (const auto& l : *lists) list->add(json::DisposalListJson(l));
  Object::Ptr j = new Object();
  j->set("lists", list);
  return ex.SendJson(j);
}

Status Propose(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto as_of = StringOr(*body, "as_of");
  auto refs = StringListField(*body, "refs");
  auto note = StringOr(*body, "note");
  for (const Status* s : {&as_of.status(), &refs.status(), &note.status()}) {
    if (!s->ok()) return *s;
  }
  return SendList(ex, ex.repo().ProposeDisposal(ex.actor(), DisposalProposal{*as_of, *refs, *note}),
                  201);
}

Status Show(Exchange& ex) { return SendList(ex, ex.repo().Disposal(ex.actor(), ex.param("list"))); }

Status RemoveLine(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto reason = StringOr(*body, "reason", true);
  auto until = StringOr(*body, "until");
  for (const Status* s : {&reason.status(), &until.status()}) {
    if (!s->ok()) return *s;
  }
  return SendList(ex, ex.repo().RemoveDisposalLine(ex.actor(), ex.param("list"), ex.param("ref"),
                                                   *reason, *until));
}

Status Approve(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto comment = StringOr(*body, "comment");
  if (!comment.ok()) return comment.status();
  return SendList(ex, ex.repo().ApproveDisposal(ex.actor(), ex.param("list"), *comment));
}

Status Reject(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto reason = StringOr(*body, "reason", true);
  if (!reason.ok()) return reason.status();
  return SendList(ex, ex.repo().RejectDisposal(ex.actor(), ex.param("list"), *reason));
}

Status Execute(Exchange& ex) {
  auto outcome = ex.repo().ExecuteDisposal(ex.actor(), ex.param("list"));
  if (!outcome.ok()) return outcome.status();
  return ex.SendJson(json::DisposalOutcomeJson(*outcome));
}

Status Schedule(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto as_of = StringOr(*body, "as_of");
  if (!as_of.ok()) return as_of.status();
  int within = -1;
  if ((*body)->has("within")) {
    auto value = (*body)->get("within");
    if (!value.isInteger() || value.convert<int64_t>() < 0 || value.convert<int64_t>() > 36500) {
      return Status::InvalidArgument("'within' must be a whole number of days from 0 to 36500");
    }
    within = value.convert<int>();
  }
  auto report = disposal::RunSchedule(ex.repo(), ex.actor(), *as_of, within);
  if (!report.ok()) return report.status();
  return ex.SendJson(disposal::ScheduleJson(*report));
}

}  // namespace

void AddDisposalRoutes(Router& r) {
  r.Add({"GET",
         "/api/v1/disposal/lists",
         "disposal",
         "The destruction lists the user may see",
         Lists,
         Access::kSignedIn,
         Body::kNone,
         {{"status", "string", "proposed, approved, rejected, executing or executed"}}});
  r.Add({"POST", "/api/v1/disposal/lists", "disposal",
         "Propose a list of what is due for destruction and free ({as_of, refs, note}) (archivist)",
         Propose, Access::kSignedIn, Body::kJson});
  r.Add({"GET", "/api/v1/disposal/lists/{list}", "disposal", "A list with its lines and sign-offs",
         Show});
  r.Add({"POST", "/api/v1/disposal/lists/{list}/lines/{ref}/removal", "disposal",
         "Take a line off a proposed list ({reason, until}) (archivist)", RemoveLine,
         Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/disposal/lists/{list}/approval", "disposal",
         "Sign the list for one's role ({comment}): each role once, each by another person, never "
         "the proposer",
         Approve, Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/disposal/lists/{list}/rejection", "disposal",
         "Reject a proposed list ({reason})", Reject, Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/disposal/lists/{list}/execution", "disposal",
         "Execute an approved list: each line re-checked, destroyed or skipped; a certificate "
         "registered when any was destroyed (archivist)",
         Execute});
  r.Add({"POST", "/api/v1/disposal/schedule", "disposal",
         "The daily cycle as far as it goes without a person ({as_of, within}) (archivist)",
         Schedule, Access::kSignedIn, Body::kJson});
}

}  // namespace dossier::server
