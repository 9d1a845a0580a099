// Holds (冻结 / legal hold, see dossier/retention.h): placed on a document, a
// contract's whole file, or everything a filter matches, each with a reason
// and the authority that ordered it; released, never deleted; both audited.
#include <Poco/JSON/Object.h>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/hold_query.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

std::string_view HoldScopeCode(HoldScope scope) {
  switch (scope) {
    case HoldScope::kDocument:
      return "document";
    case HoldScope::kFile:
      return "file";
    case HoldScope::kQuery:
      return "query";
  }
  return "document";
}

namespace {

// The audit trail's object of a hold: the document it names, or the hold itself.
std::string HoldObject(const Hold& hold) {
  return hold.scope == HoldScope::kQuery ? "hold/" + std::to_string(hold.id) : hold.target_id;
}

}  // namespace

std::string DescribeHoldQuery(const ListFilter& q) {
  std::string text;
  auto add = [&](const char* name, const char* op, const std::optional<std::string>& v) {
    if (v) text += (text.empty() ? "" : ", ") + std::string(name) + op + *v;
  };
  add("type", " = ", q.type);
  add("status", " = ", q.status);
  add("dept", " = ", q.dept);
  add("counterparty", " ~ ", q.counterparty);
  add("from", " ", q.from);
  add("to", " ", q.to);
  return text;
}

Result<Hold> Repository::Impl::InsertHold(Catalog& c, const Actor& actor, const std::string& now,
                                          Hold hold) const {
  hold.placed_at = now;
  hold.placed_by = actor.name;
  auto id = c.InsertHold(hold);
  if (!id.ok()) return id.status();
  hold.id = *id;
  Object::Ptr details = new Object();
  details->set("id", hold.id);
  details->set("scope", std::string(HoldScopeCode(hold.scope)));
  details->set("label", hold.label);
  details->set("reason", hold.reason);
  details->set("authority", hold.authority);
  DOSSIER_RETURN_IF_ERROR(
      AppendAudit(c, now, actor.name, "hold", HoldObject(hold), CanonicalJson(Var(details))));
  return hold;
}

Result<Hold> Repository::PlaceHold(const Actor& actor, const HoldRequest& request) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kLegal, Role::kDirector}, "place holds"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(request.reason, "reason", true));
  DOSSIER_RETURN_IF_ERROR(ValidateText(request.authority, "authority", true));
  Hold hold;
  hold.scope = request.scope;
  hold.reason = request.reason;
  hold.authority = request.authority;
  if (request.scope == HoldScope::kQuery) {
    const ListFilter& q = request.query;
    if (!q.type && !q.status && !q.dept && !q.counterparty && !q.from && !q.to) {
      return Status::InvalidArgument(
          "a query hold needs a filter: --type, --status, --dept, --counterparty, --from or --to");
    }
    DOSSIER_RETURN_IF_ERROR(impl_->CheckTypeFilter(q.type));
    for (const auto* date : {&q.from, &q.to}) {
      if (*date && !IsIsoDate(**date))
        return Status::InvalidArgument("date '" + **date + "' is not YYYY-MM-DD");
    }
    for (const auto* text : {&q.status, &q.dept, &q.counterparty}) {
      if (*text) DOSSIER_RETURN_IF_ERROR(ValidateText(**text, "filter", true));
    }
    hold.query = q;
    hold.query.limit = 0;
    hold.label = DescribeHoldQuery(q);
  }
  Hold placed;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    if (request.scope != HoldScope::kQuery) {
      auto row = impl_->Resolve(c, actor, request.ref);
      if (!row.ok()) return row.status();
      if (row->summary.status == kStatusDestroyed) {
        return Status::InvalidArgument(
            row->summary.number +
            " was destroyed: only its residual record remains, there is nothing to hold");
      }
      hold.target_id = row->summary.id;
      hold.label = row->summary.number;
      if (request.scope == HoldScope::kFile) {
        // A piece names its file: the unit it is archived in, else the contract it belongs to.
        auto unit = c.UnitOf(row->summary.id);
        if (!unit.ok()) return unit.status();
        std::string main = *unit;
        if (main.empty()) {
          auto relations = c.RelationsOf(row->summary.id);
          if (!relations.ok()) return relations.status();
          for (const auto& r : *relations) {
            if (r.from_id == row->summary.id && kFileRelations.count(r.kind)) main = r.to_id;
          }
        }
        if (!main.empty() && main != row->summary.id) {
          auto head = c.FindDocumentById(main);
          if (!head.ok()) return head.status();
          if (*head) {
            hold.target_id = main;
            hold.label = (*head)->summary.number;
          }
        }
      }
    }
    auto active = c.ListHolds(true);
    if (!active.ok()) return active.status();
    for (const auto& h : *active) {
      if (h.scope == hold.scope && h.target_id == hold.target_id && h.label == hold.label) {
        return Status::InvalidArgument(hold.label + " is already held (hold " +
                                       std::to_string(h.id) + ", " + h.reason + ")");
      }
    }
    auto inserted = impl_->InsertHold(c, actor, impl_->Now(), hold);
    if (!inserted.ok()) return inserted.status();
    placed = *inserted;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return placed;
}

Result<Hold> Repository::ReleaseHold(const Actor& actor, int64_t id, const std::string& reason) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kLegal, Role::kDirector}, "release holds"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(reason, "reason", true));
  Hold released;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto hold = c.FindHold(id);
    if (!hold.ok()) return hold.status();
    if (!*hold) return Status::NotFound("no hold " + std::to_string(id));
    if (!(*hold)->active()) {
      return Status::InvalidArgument("hold " + std::to_string(id) + " was released on " +
                                     (*hold)->released_at + " by " + (*hold)->released_by);
    }
    if ((*hold)->scope != HoldScope::kQuery) {
      auto target = c.FindDocumentById((*hold)->target_id);
      if (!target.ok()) return target.status();
      if (*target && !actor.CanSee((*target)->summary.confidentiality))
        return Status::NotFound("no hold " + std::to_string(id));
    }
    std::string now = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(c.ReleaseHold(id, now, actor.name, reason));
    released = **hold;
    released.released_at = now;
    released.released_by = actor.name;
    released.release_reason = reason;
    Object::Ptr details = new Object();
    details->set("id", id);
    details->set("reason", reason);
    return AppendAudit(c, now, actor.name, "hold-release", HoldObject(released),
                       CanonicalJson(Var(details)));
  });
  if (!s.ok()) return s;
  return released;
}

Result<std::vector<Hold>> Repository::Holds(const Actor& actor, bool include_released) const {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(
      actor, {Role::kArchivist, Role::kLegal, Role::kDirector, Role::kAdmin}, "see holds"));
  return impl_->ReadSnapshot<std::vector<Hold>>([&](Catalog& c) -> Result<std::vector<Hold>> {
    auto holds = c.ListHolds(!include_released);
    if (!holds.ok()) return holds.status();
    std::vector<Hold> out;
    for (auto& h : *holds) {
      if (h.scope != HoldScope::kQuery) {
        auto target = c.FindDocumentById(h.target_id);
        if (!target.ok()) return target.status();
        if (*target && !actor.CanSee((*target)->summary.confidentiality))
          continue;  // no trace of what they may not see
      }
      out.push_back(std::move(h));
    }
    return out;
  });
}

}  // namespace dossier
