// The JSON shapes of destruction: lists (销毁清册) with their lines and
// sign-offs, and what an execution did. Keys keep the order they are set in.
#include <Poco/JSON/Array.h>

#include "json/shapes.h"

namespace dossier::json {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr DisposalListJson(const DisposalList& l) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("number", l.number);
  o->set("title", l.title);
  o->set("status", l.status);
  o->set("as_of", l.as_of);
  o->set("proposed_at", l.proposed_at);
  o->set("proposed_by", l.proposed_by);
  Array::Ptr required = new Array(), awaiting = new Array(), approvals = new Array(),
             lines = new Array();
  for (Role r : l.required) required->add(std::string(RoleCode(r)));
  for (Role r : l.Awaiting()) awaiting->add(std::string(RoleCode(r)));
  for (const auto& a : l.approvals) {
    Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    x->set("role", std::string(RoleCode(a.role)));
    x->set("actor", a.actor);
    x->set("at", a.at);
    x->set("comment", a.comment);
    approvals->add(x);
  }
  for (const auto& line : l.lines) {
    Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    x->set("line", line.line);
    x->set("number", line.number);
    x->set("title", line.title);
    x->set("archive_code", line.archive_code);
    x->set("year", line.year);
    x->set("retention", line.retention);
    x->set("retention_name", line.retention_name);
    x->set("disposition_date", line.disposition_date);
    x->set("years_kept", line.years_kept);
    x->set("state", line.state);
    x->set("note", line.note);
    lines->add(x);
  }
  o->set("required", required);
  o->set("awaiting", awaiting);
  o->set("approvals", approvals);
  o->set("rejected_by", l.reject_by);
  o->set("reject_reason", l.reject_reason);
  o->set("executed_at", l.executed_at);
  o->set("executed_by", l.executed_by);
  o->set("certificate", l.certificate_number);
  o->set("lines", lines);
  o->set("hidden_lines", l.hidden_lines);
  o->set("awaiting_me", l.actor_may_sign);
  return o;
}

Object::Ptr DisposalOutcomeJson(const DisposalOutcome& outcome) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("list", outcome.list_number);
  o->set("destroyed", outcome.destroyed);
  o->set("skipped", outcome.skipped);
  o->set("bytes_reclaimed", static_cast<Poco::UInt64>(outcome.bytes_reclaimed));
  o->set("certificate", outcome.certificate_number);
  return o;
}

}  // namespace dossier::json
