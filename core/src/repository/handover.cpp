// Leaving the company: what a user holds, and handing it over.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>

#include "audit/audit_chain.h"
#include "repository/obligations.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"

namespace dossier {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr int kEveryLevel = static_cast<int>(Confidentiality::kClassified);

bool Unused(const SealUse& use) { return use.status == "requested" || use.status == "approved"; }

}  // namespace

Result<UserObligations> HeldInCatalog(Catalog& c, const std::string& name) {
  UserObligations held;
  auto loans = c.ListLoans(true, kEveryLevel);
  if (!loans.ok()) return loans.status();
  for (auto& l : *loans) {
    if (l.borrower == name) held.loans.push_back(std::move(l));
  }
  std::reverse(held.loans.begin(), held.loans.end());  // in the order lent
  auto resolutions = c.ListResolutions(name, true, kEveryLevel);
  if (!resolutions.ok()) return resolutions.status();
  held.resolutions = std::move(*resolutions);
  auto uses = c.ListSealUses(SealFilter{}, kEveryLevel);
  if (!uses.ok()) return uses.status();
  for (auto& u : *uses) {
    if (u.requested_by == name && Unused(u)) held.seal_requests.push_back(std::move(u));
  }
  return held;
}

Result<std::vector<PendingItem>> ReviewsOnlyFor(const Repository& repo, const std::string& name) {
  std::vector<PendingItem> only;
  auto who = repo.ActorFor(name);
  if (!who.ok())
    return std::vector<PendingItem>();  // unknown or already inactive: waits for nobody
  auto pending = repo.Pending(*who);
  if (!pending.ok()) return pending.status();
  auto users = repo.ListUsers(*who);
  if (!users.ok()) return users.status();
  for (const auto& item : *pending) {
    // Their own documents' next steps are anyone's of the role; reviews may be theirs alone.
    if (item.document.created_by == name) continue;
    // Someone else of the same role: a co-review needs each role's own
    // decision, so finance giving theirs does not stand in for legal.
    bool someone_else = false;
    for (const auto& u : *users) {
      if (u.name == name || !u.active || u.role != who->role) continue;
      Actor other{u.name, u.role, u.clearance, u.department};
      auto life = repo.Lifecycle(other, item.document.number);
      if (life.ok() && !life->actions.empty()) someone_else = true;
      if (someone_else) break;
    }
    if (!someone_else) only.push_back(item);
  }
  return only;
}

std::string DescribeObligations(const std::string& name, const UserObligations& held) {
  std::string out;
  auto add = [&](const std::string& what) { out += (out.empty() ? "" : "; ") + what; };
  for (const auto& l : held.loans) {
    add(std::string(l.original ? "the paper original" : "the file") + " of " + l.document_number +
        " (lent, due " + l.due + ")");
  }
  for (const auto& r : held.resolutions) {
    add("resolution " + std::to_string(r.item) + " of " + r.minutes_number + " (「" + r.text +
        "」, due " + r.due + ")");
  }
  for (const auto& u : held.seal_requests) {
    add("seal request " + std::to_string(u.id) + " (" + u.seal + " for " + u.document_number +
        ", " + u.status + ")");
  }
  for (const auto& p : held.reviews) {
    std::string actions;
    for (const auto& a : p.actions) actions += (actions.empty() ? "" : ", ") + a;
    add("the review of " + p.document.number + " (" + actions +
        "), which no other active user may give");
  }
  return name + " still holds: " + out;
}

Result<UserObligations> Repository::ObligationsOf(const Actor& actor,
                                                  const std::string& name) const {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kAdmin}, "see what a user holds"));
  auto reviews = ReviewsOnlyFor(*this, name);
  if (!reviews.ok()) return reviews.status();
  return impl_->ReadSnapshot<UserObligations>([&](Catalog& c) -> Result<UserObligations> {
    auto user = c.FindUser(name);
    if (!user.ok()) return user.status();
    if (!*user) return Status::NotFound("no user '" + name + "'");
    auto held = HeldInCatalog(c, name);
    if (!held.ok()) return held.status();
    held->reviews = std::move(*reviews);
    return held;
  });
}

Status Repository::DeactivateUser(const Actor& actor, const std::string& name,
                                  const std::string& handover_to) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kAdmin}, "change users"));
  if (handover_to == name) return Status::InvalidArgument("a user cannot hand over to themselves");
  auto reviews = ReviewsOnlyFor(*this, name);
  if (!reviews.ok()) return reviews.status();
  // A review nobody else could give is not handed over: the heir must be able
  // to give it (judged before the write, as the reviews were found).
  std::vector<std::string> cannot;
  if (auto heir = ActorFor(handover_to); heir.ok()) {
    auto leaving = ActorFor(name);
    for (const auto& p : *reviews) {
      auto life = Lifecycle(*heir, p.document.number);
      if (!leaving.ok() || heir->role != leaving->role || !life.ok() || life->actions.empty()) {
        cannot.push_back("the review of " + p.document.number + " (it needs a " +
                         std::string(RoleName(leaving->role)) + ")");
      }
    }
  }
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto leaving = c.FindUser(name);
    if (!leaving.ok()) return leaving.status();
    if (!*leaving) return Status::NotFound("no user '" + name + "'");
    if (!(*leaving)->active) return Status::Conflict(name + " is already deactivated");
    auto taking = c.FindUser(handover_to);
    if (!taking.ok()) return taking.status();
    if (!*taking) return Status::NotFound("no user '" + handover_to + "' to hand over to");
    if (!(*taking)->active)
      return Status::InvalidArgument(handover_to + " is deactivated and cannot take over");
    const User& heir = **taking;
    auto held = HeldInCatalog(c, name);
    if (!held.ok()) return held.status();
    for (const auto& l : held->loans) {
      auto doc = c.FindDocumentById(l.document_id);
      if (!doc.ok()) return doc.status();
      if (*doc && !Actor{heir.name, heir.role, heir.clearance, heir.department}.CanSee(
                      (*doc)->summary.confidentiality)) {
        cannot.push_back(l.document_number + " (" +
                         std::string(ConfidentialityName((*doc)->summary.confidentiality)) +
                         ", above " + heir.name + "'s clearance)");
      }
    }
    if (!cannot.empty()) {
      std::string list;
      for (const auto& s : cannot) list += (list.empty() ? "" : "; ") + s;
      return Status::PermissionDenied(heir.name + " cannot take over " + list +
                                      "; choose another user");
    }
    Object::Ptr details = new Object();
    details->set("to", heir.name);
    Array::Ptr loans = new Array(), resolutions = new Array(), seals = new Array();
    for (const auto& l : held->loans) {
      DOSSIER_RETURN_IF_ERROR(c.SetLoanBorrower(l.id, heir.name));
      Object::Ptr o = new Object();
      o->set("document", l.document_id);
      o->set("original", l.original);
      o->set("due", l.due);
      loans->add(o);
    }
    for (const auto& r : held->resolutions) {
      DOSSIER_RETURN_IF_ERROR(c.SetResolutionOwner(r.minutes_id, r.item, heir.name));
      Object::Ptr o = new Object();
      o->set("document", r.minutes_id);
      o->set("item", r.item);
      resolutions->add(o);
    }
    for (const auto& u : held->seal_requests) {
      DOSSIER_RETURN_IF_ERROR(c.SetSealRequester(u.id, heir.name));
      seals->add(u.id);
    }
    details->set("loans", loans);
    details->set("resolutions", resolutions);
    details->set("seal_uses", seals);
    std::string now = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(AppendAudit(c, now, actor.name, "user.handover", name,
                                        CanonicalJson(Poco::Dynamic::Var(details))));
    User user = **leaving;
    user.active = false;
    return impl_->SaveUser(c, actor, user);
  });
}

}  // namespace dossier
