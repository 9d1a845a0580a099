// The workflow: a document's state and actions, taking an action, what
// waits for the user.
#include "dossier/messages.h"
#include "json/shapes.h"
#include "server/json_input.h"
#include "server/router.h"

namespace dossier::server {

using Poco::JSON::Object;

namespace {

Status Lifecycle(Exchange& ex) {
  auto life = ex.repo().Lifecycle(ex.actor(), ex.param("ref"));
  if (!life.ok()) return life.status();
  Object::Ptr j = new Object();
  json::AddLifecycleJson(j, *life);
  return ex.SendJson(j);
}

// The document's state as the other one left it, for a 409: the client
// sees what it found instead of what it expected.
Status WithStateFound(Exchange& ex, const Status& refused) {
  if (refused.code() != StatusCode::kConflict) return refused;
  auto life = ex.repo().Lifecycle(ex.actor(), ex.param("ref"));
  if (!life.ok()) return refused;
  Object::Ptr error = new Object();
  error->set("code", "conflict");
  error->set("message", refused.message());
  if (std::string zh = MessageInChinese(refused.message()); !zh.empty())
    error->set("message_zh", zh);
  error->set("state", life->state);
  error->set("state_name", life->state_name_zh);
  Object::Ptr body = new Object();
  body->set("error", error);
  return ex.SendJson(body, 409);
}

Status Transition(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto action = StringOr(*body, "action", true);
  auto comment = StringOr(*body, "comment");
  auto set = AssignmentsField(*body, "set");
  for (const Status* s : {&action.status(), &comment.status(), &set.status()}) {
    if (!s->ok()) return *s;
  }
  auto life =
      ex.repo().Transition(ex.actor(), ex.param("ref"), TransitionRequest{*action, *comment, *set});
  if (!life.ok()) return WithStateFound(ex, life.status());
  Object::Ptr j = new Object();
  json::AddLifecycleJson(j, *life);
  return ex.SendJson(j);
}

Status Pending(Exchange& ex) {
  auto items = ex.repo().Pending(ex.actor());
  if (!items.ok()) return items.status();
  Object::Ptr j = new Object();
  j->set("pending", json::PendingJson(*items));
  return ex.SendJson(j);
}

}  // namespace

void AddWorkflowRoutes(Router& r) {
  r.Add({"GET", "/api/v1/documents/{ref}/lifecycle", "workflow",
         "The document's state, the actions the user may take now, and its review trail",
         Lifecycle});
  r.Add({"POST", "/api/v1/documents/{ref}/transitions", "workflow",
         "Take a workflow action ({action, comment, set}); 409 with the state found when it no "
         "longer applies",
         Transition, Access::kSignedIn, Body::kJson});
  r.Add({"GET", "/api/v1/workflow/pending", "workflow",
         "Documents waiting for the user: reviews their role gives, next steps of their drafts",
         Pending});
}

}  // namespace dossier::server
