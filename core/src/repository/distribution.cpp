// Distribution of copies (副本分发) and the resolutions of minutes.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <set>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;

Status Repository::Distribute(const Actor& actor, std::string_view ref,
                              const std::vector<std::string>& recipients, const std::string& note) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kClerk, Role::kManager, Role::kDirector},
                                            "distribute copies"));
  if (recipients.empty())
    return Status::InvalidArgument("name at least one recipient: --to DEPARTMENT");
  std::set<std::string> seen;
  for (const auto& r : recipients) {
    DOSSIER_RETURN_IF_ERROR(ValidateLine(r, "recipient", true));
    if (!seen.insert(r).second)
      return Status::InvalidArgument("recipient '" + r + "' is named twice");
  }
  DOSSIER_RETURN_IF_ERROR(ValidateText(note, "note", false));
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    const auto& d = row->summary;
    // Copies are of the final text: only once the workflow has frozen it.
    const Workflow* workflow = impl_->workflows->ForType(d.type);
    const WorkflowState* state = workflow ? workflow->State(d.status) : nullptr;
    if (state == nullptr || !state->frozen) {
      return Status::InvalidArgument(d.number + " is " +
                                     (state ? state->name_zh + " (" + d.status + ")" : d.status) +
                                     "; copies are distributed once it is signed");
    }
    std::string now = impl_->Now();
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array();
    for (const auto& r : recipients) {
      DOSSIER_RETURN_IF_ERROR(
          c.InsertDistribution(d.id, DistributionRecord{r, now, actor.name, note}));
      list->add(r);
    }
    Poco::JSON::Object::Ptr details = new Poco::JSON::Object();
    details->set("recipients", list);
    details->set("note", note);
    return AppendAudit(c, now, actor.name, "distribute", d.id, CanonicalJson(Var(details)));
  });
}

Result<std::vector<DistributionRecord>> Repository::Distributions(const Actor& actor,
                                                                  std::string_view ref) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto row = impl_->Resolve(**catalog, actor, ref);
  if (!row.ok()) return row.status();
  return (*catalog)->ListDistributions(row->summary.id);
}

Result<std::vector<Resolution>> Repository::Resolutions(const Actor& actor,
                                                        const ResolutionFilter& filter) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto all = (*catalog)->ListResolutions(filter.owner, filter.open || filter.overdue,
                                         static_cast<int>(actor.clearance));
  if (!all.ok()) return all.status();
  std::string today = LocalDate(impl_->clock->Now());
  std::vector<Resolution> out;
  for (auto& r : *all) {
    if (r.status == "open" && r.due < today) r.status = "overdue";
    if (filter.overdue && r.status != "overdue") continue;
    out.push_back(std::move(r));
  }
  return out;
}

Status Repository::CompleteResolution(const Actor& actor, std::string_view minutes_ref, int item,
                                      const std::string& note) {
  DOSSIER_RETURN_IF_ERROR(ValidateText(note, "note", false));
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, minutes_ref);
    if (!row.ok()) return row.status();
    const auto& d = row->summary;
    auto res = c.FindResolution(d.id, item);
    if (!res.ok()) return res.status();
    if (!*res)
      return Status::InvalidArgument(d.number + " has no tracked resolution " +
                                     std::to_string(item));
    if ((*res)->status == "done") {
      return Status::InvalidArgument("resolution " + std::to_string(item) + " of " + d.number +
                                     " was done on " + (*res)->done_at + " by " + (*res)->done_by);
    }
    bool may = actor.name == (*res)->owner || actor.role == Role::kManager ||
               actor.role == Role::kDirector;
    if (!may) {
      return Status::PermissionDenied(actor.name + " may not close resolution " +
                                      std::to_string(item) + " of " + d.number + "; its owner (" +
                                      (*res)->owner + "), a manager or a director may");
    }
    std::string now = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(c.CompleteResolution(d.id, item, now, actor.name, note));
    Poco::JSON::Object::Ptr details = new Poco::JSON::Object();
    details->set("item", item);
    details->set("note", note);
    return AppendAudit(c, now, actor.name, "resolution.done", d.id, CanonicalJson(Var(details)));
  });
}

}  // namespace dossier
