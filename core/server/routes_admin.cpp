// Users (admin), the audit trail, and verify.
#include "json/shapes.h"
#include "server/json_input.h"
#include "server/metrics.h"
#include "server/router.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Result<std::optional<Role>> RoleField(const Object::Ptr& body) {
  auto text = StringField(body, "role");
  if (!text.ok()) return text.status();
  if (!*text) return std::optional<Role>();
  auto role = ParseRole(**text);
  if (!role)
    return Status::InvalidArgument(
        "unknown role '" + **text +
        "'; roles: clerk, manager, director, legal, finance, archivist, admin");
  return std::optional<Role>(role);
}

Result<std::optional<Confidentiality>> ClearanceField(const Object::Ptr& body) {
  auto text = StringField(body, "clearance");
  if (!text.ok()) return text.status();
  if (!*text) return std::optional<Confidentiality>();
  auto level = ParseConfidentiality(**text);
  if (!level)
    return Status::InvalidArgument("clearance '" + **text + "': use 公开, 内部, 秘密 or 机密");
  return std::optional<Confidentiality>(level);
}

Status ListUsers(Exchange& ex) {
  auto users = ex.repo().ListUsers(ex.actor());
  if (!users.ok()) return users.status();
  Array::Ptr list = new Array();
  for (const auto& u : *users) list->add(json::UserJson(u));
  Object::Ptr j = new Object();
  j->set("users", list);
  return ex.SendJson(j);
}

Status AddUser(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto name = StringOr(*body, "name", true);
  if (!name.ok()) return name.status();
  auto role = RoleField(*body);
  if (!role.ok()) return role.status();
  if (!*role) return Status::InvalidArgument("'role' is missing");
  auto clearance = ClearanceField(*body);
  if (!clearance.ok()) return clearance.status();
  auto department = StringOr(*body, "department");
  if (!department.ok()) return department.status();
  DOSSIER_RETURN_IF_ERROR(ex.repo().AddUser(ex.actor(), *name, **role, *clearance, *department));
  auto password = StringOr(*body, "password");
  if (!password.ok()) return password.status();
  if (!password->empty())
    DOSSIER_RETURN_IF_ERROR(ex.repo().SetPassword(ex.actor(), *name, *password, true));
  return ListUsers(ex);
}

Status UpdateUser(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto role = RoleField(*body);
  if (!role.ok()) return role.status();
  auto clearance = ClearanceField(*body);
  if (!clearance.ok()) return clearance.status();
  auto active = BoolField(*body, "active");
  if (!active.ok()) return active.status();
  auto department = StringField(*body, "department");
  if (!department.ok()) return department.status();
  auto handover_to = StringOr(*body, "handover_to");
  if (!handover_to.ok()) return handover_to.status();
  if (!handover_to->empty()) {
    // Leaving with a handover: nothing else changes in the same request.
    if (*active != false || *role || *clearance || *department) {
      return Status::InvalidArgument("'handover_to' goes with \"active\": false alone");
    }
    DOSSIER_RETURN_IF_ERROR(ex.repo().DeactivateUser(ex.actor(), ex.param("name"), *handover_to));
    return ListUsers(ex);
  }
  DOSSIER_RETURN_IF_ERROR(
      ex.repo().UpdateUser(ex.actor(), ex.param("name"), *role, *clearance, *active, *department));
  return ListUsers(ex);
}

Status SetPassword(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto password = StringOr(*body, "password", true);
  if (!password.ok()) return password.status();
  auto temporary = BoolField(*body, "temporary");
  if (!temporary.ok()) return temporary.status();
  DOSSIER_RETURN_IF_ERROR(
      ex.repo().SetPassword(ex.actor(), ex.param("name"), *password, temporary->value_or(true)));
  return ex.SendNoContent();
}

Status EndUserSessions(Exchange& ex) {
  auto ended = ex.repo().EndSessionsOf(ex.actor(), ex.param("name"));
  if (!ended.ok()) return ended.status();
  Object::Ptr j = new Object();
  j->set("ended", *ended);
  return ex.SendJson(j);
}

Status Audit(Exchange& ex) {
  auto ref = ex.query("ref");
  std::optional<std::string_view> which;
  if (ref && !ref->empty()) which = *ref;
  auto entries = ex.repo().Audit(ex.actor(), which);
  if (!entries.ok()) return entries.status();
  Array::Ptr list = new Array();
  for (const auto& e : *entries) list->add(json::AuditJson(e));
  Object::Ptr j = new Object();
  j->set("entries", list);
  return ex.SendJson(j);
}

Status Verify(Exchange& ex) {
  auto report = ex.repo().Verify(ex.actor());
  if (!report.ok()) return report.status();
  return ex.SendJson(json::VerifyJson(*report));
}

// Reads the catalog: a repository that no longer opens answers 503.
Status Health(Exchange& ex) {
  auto sessions = ex.repo().OpenSessionCount();
  Object::Ptr j = new Object();
  j->set("status", sessions.ok() ? "ok" : "unavailable");
  if (!sessions.ok()) j->set("message", sessions.status().message());
  return ex.SendJson(j, sessions.ok() ? 200 : 503);
}

Status MetricsText(Exchange& ex) {
  auto open = ex.repo().OpenSessionCount();
  std::string body = ex.metrics()->Render(open.ok() ? *open : -1);
  ex.response().setContentType("text/plain; version=0.0.4; charset=utf-8");
  ex.response().sendBuffer(body.data(), body.size());
  return Status::Ok();
}

}  // namespace
Status ListKeys(Exchange& ex) {
  auto keys = ex.repo().ListKeys(ex.actor());
  if (!keys.ok()) return keys.status();
  Array::Ptr list = new Array();
  for (const auto& k : *keys) list->add(json::KeyJson(k));
  Object::Ptr j = new Object();
  j->set("keys", list);
  return ex.SendJson(j);
}

Status TrustKey(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto pem = StringOr(*body, "public_key", true);
  if (!pem.ok()) return pem.status();
  auto label = StringOr(*body, "label", true);
  if (!label.ok()) return label.status();
  auto trusted = ex.repo().TrustKey(ex.actor(), *pem, *label);
  if (!trusted.ok()) return trusted.status();
  return ex.SendJson(json::KeyJson(*trusted), 201);
}

Status DistrustKey(Exchange& ex) {
  DOSSIER_RETURN_IF_ERROR(ex.repo().DistrustKey(ex.actor(), ex.param("key_id")));
  return ex.SendNoContent();
}

void AddAdminRoutes(Router& r) {
  r.Add({"GET", "/healthz", "admin", "200 while the repository is open and the server answers",
         Health, Access::kPublic});
  r.Add({"GET",
         "/metrics",
         "admin",
         "Prometheus text: requests by route and status, latency histograms, open sessions, failed "
         "sign-ins",
         MetricsText,
         Access::kPublic,
         Body::kNone,
         {},
         "text/plain"});
  r.Add({"GET", "/api/v1/users", "admin", "The repository's users", ListUsers});
  r.Add(
      {"POST", "/api/v1/users", "admin",
       "Add a user ({name, role, clearance, password}: a password given here is temporary) (admin)",
       AddUser, Access::kSignedIn, Body::kJson});
  r.Add({"PATCH", "/api/v1/users/{name}", "admin",
         "Change a user's role, clearance or activity ({role, clearance, active}); deactivating "
         "ends their sessions (admin)",
         UpdateUser, Access::kSignedIn, Body::kJson});
  r.Add({"PUT", "/api/v1/users/{name}/password", "admin",
         "Set a user's password ({password, temporary: default true}); their sessions end (admin)",
         SetPassword, Access::kSignedIn, Body::kJson});
  r.Add({"DELETE", "/api/v1/users/{name}/sessions", "admin",
         "End every session of a user (a lost laptop, a departure) and say how many ended (admin)",
         EndUserSessions});
  r.Add({"GET", "/api/v1/keys", "admin",
         "This repository's signing keys (the current one signs its exports) and the keys it "
         "trusts on import "
         "(public halves, PEM)",
         ListKeys});
  r.Add({"POST", "/api/v1/keys", "admin",
         "Trust the records another repository signs with a public key ({public_key: PEM, label}) "
         "(admin)",
         TrustKey, Access::kSignedIn, Body::kJson});
  r.Add({"DELETE", "/api/v1/keys/{key_id}", "admin",
         "Stop trusting a key (not the one signing this repository's exports) (admin)",
         DistrustKey});
  r.Add({"GET",
         "/api/v1/audit",
         "admin",
         "The audit trail: whole (archivist, admin) or of one document (?ref=)",
         Audit,
         Access::kSignedIn,
         Body::kNone,
         {{"ref", "string", "a document"}}});
  r.Add({"GET", "/api/v1/verify", "admin",
         "Check blobs, versions, the audit chain, numbering and metadata (archivist, admin)",
         Verify});
}

}  // namespace dossier::server
