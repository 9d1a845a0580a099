// Retention: the schedules, an archived document's class and disposition,
// class changes and extensions, what falls due, and holds (冻结).
#include "json/shapes.h"
#include "server/json_input.h"
#include "server/router.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Status Schedules(Exchange& ex) {
  Object::Ptr j = new Object();
  j->set("schedules", json::SchedulesJson(ex.repo()));
  return ex.SendJson(j);
}

Status Show(Exchange& ex) {
  auto status = ex.repo().Retention(ex.actor(), ex.param("ref"));
  if (!status.ok()) return status.status();
  return ex.SendJson(json::RetentionJson(*status));
}

Status SetClass(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto cls = StringOr(*body, "class", true);
  auto reason = StringOr(*body, "reason", true);
  for (const Status* s : {&cls.status(), &reason.status()}) {
    if (!s->ok()) return *s;
  }
  auto status = ex.repo().SetRetentionClass(ex.actor(), ex.param("ref"), *cls, *reason);
  if (!status.ok()) return status.status();
  return ex.SendJson(json::RetentionJson(*status));
}

Status Extend(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto until = StringOr(*body, "until", true);
  auto reason = StringOr(*body, "reason", true);
  for (const Status* s : {&until.status(), &reason.status()}) {
    if (!s->ok()) return *s;
  }
  auto status = ex.repo().ExtendRetention(ex.actor(), ex.param("ref"), *until, *reason);
  if (!status.ok()) return status.status();
  return ex.SendJson(json::RetentionJson(*status));
}

Status Due(Exchange& ex) {
  DueQuery query;
  query.as_of = ex.query("as_of").value_or("");
  auto within = ex.QueryInt("within", 0, 0, 365 * 200);
  if (!within.ok()) return within.status();
  query.within_days = static_cast<int>(*within);
  auto report = ex.repo().RetentionDue(ex.actor(), query);
  if (!report.ok()) return report.status();
  return ex.SendJson(json::DueJson(*report));
}

Status Holds(Exchange& ex) {
  auto holds = ex.repo().Holds(ex.actor(), ex.query("all").value_or("") == "true");
  if (!holds.ok()) return holds.status();
  Array::Ptr list = new Array();
  for (const auto& h : *holds) list->add(json::HoldJson(h));
  Object::Ptr j = new Object();
  j->set("holds", list);
  return ex.SendJson(j);
}

// {ref, file, reason, authority} holds a document or its file;
// {query: {type, status, dept, counterparty, from, to}, reason, authority} what a filter matches.
Status PlaceHold(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  HoldRequest request;
  auto ref = StringOr(*body, "ref");
  auto file = BoolField(*body, "file");
  auto reason = StringOr(*body, "reason", true);
  auto authority = StringOr(*body, "authority", true);
  for (const Status* s : {&ref.status(), &file.status(), &reason.status(), &authority.status()}) {
    if (!s->ok()) return *s;
  }
  request.ref = *ref;
  request.reason = *reason;
  request.authority = *authority;
  if (auto query = (*body)->getObject("query")) {
    if (!ref->empty())
      return Status::InvalidArgument("a hold takes a 'ref' or a 'query', not both");
    for (auto [name, field] : {std::pair{"type", &request.query.type},
                               {"status", &request.query.status},
                               {"dept", &request.query.dept},
                               {"counterparty", &request.query.counterparty},
                               {"from", &request.query.from},
                               {"to", &request.query.to}}) {
      auto value = StringField(query, name);
      if (!value.ok()) return value.status().WithContext("query");
      *field = *value;
    }
    request.scope = HoldScope::kQuery;
  } else {
    if (ref->empty())
      return Status::InvalidArgument("a hold needs a 'ref' (a document) or a 'query'");
    request.scope = file->value_or(false) ? HoldScope::kFile : HoldScope::kDocument;
  }
  auto hold = ex.repo().PlaceHold(ex.actor(), request);
  if (!hold.ok()) return hold.status();
  return ex.SendJson(json::HoldJson(*hold), 201);
}

Status ReleaseHold(Exchange& ex) {
  auto id = ex.NumberParam("id", "hold");
  if (!id.ok()) return id.status();
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto reason = StringOr(*body, "reason", true);
  if (!reason.ok()) return reason.status();
  auto hold = ex.repo().ReleaseHold(ex.actor(), *id, *reason);
  if (!hold.ok()) return hold.status();
  return ex.SendJson(json::HoldJson(*hold));
}

}  // namespace

void AddRetentionRoutes(Router& r) {
  r.Add({"GET", "/api/v1/retention/schedules", "retention",
         "The retention schedules in force and their classes", Schedules});
  r.Add({"GET",
         "/api/v1/retention/due",
         "retention",
         "Archived documents whose disposition falls due, with the holds on each (archivist, "
         "legal, director, admin)",
         Due,
         Access::kSignedIn,
         Body::kNone,
         {{"as_of", "string", "as of this date (default today)"},
          {"within", "integer", "and the next N days"}}});
  r.Add({"GET", "/api/v1/documents/{ref}/retention", "retention",
         "An archived document's class, clock, disposition date and holds", Show});
  r.Add({"PUT", "/api/v1/documents/{ref}/retention", "retention",
         "Change an archived document's class ({class, reason}) (archivist)", SetClass,
         Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/documents/{ref}/retention/extension", "retention",
         "Keep an archived document until a later date ({until, reason}) (archivist)", Extend,
         Access::kSignedIn, Body::kJson});
  r.Add({"GET",
         "/api/v1/holds",
         "retention",
         "Holds on what the user may see (archivist, legal, director, admin)",
         Holds,
         Access::kSignedIn,
         Body::kNone,
         {{"all", "boolean", "released holds too"}}});
  r.Add(
      {"POST", "/api/v1/holds", "retention",
       "Place a hold on a document, its file, or what a query matches (archivist, legal, director)",
       PlaceHold, Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/holds/{id}/release", "retention",
         "Release a hold ({reason}) (archivist, legal, director)", ReleaseHold, Access::kSignedIn,
         Body::kJson});
}

}  // namespace dossier::server
