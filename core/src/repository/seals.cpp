// The seal-usage register (印章使用登记).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "util/file_util.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

Result<std::map<std::string, Role>> LoadSeals(const std::filesystem::path& config_dir) {
  auto path = config_dir / "seals.json";
  auto text = ReadConfigOrDefault(config_dir, "seals.json");
  if (!text.ok()) return text.status();
  auto obj = ParseJsonObject(*text, path.string());
  if (!obj.ok()) return obj.status();
  std::map<std::string, Role> seals;
  auto list = (*obj)->getArray("seals");
  if (!list) return Status::InvalidArgument(path.string() + ": 'seals' must be a list");
  for (size_t i = 0; i < list->size(); ++i) {
    auto s = list->getObject(static_cast<unsigned>(i));
    std::string where = path.string() + ": seals[" + std::to_string(i) + "]";
    if (!s) return Status::InvalidArgument(where + " must be an object");
    std::string name = s->optValue<std::string>("name", "");
    auto keeper = ParseRole(s->optValue<std::string>("keeper", ""));
    if (name.empty()) return Status::InvalidArgument(where + ".name is empty");
    if (!keeper) return Status::InvalidArgument(where + ".keeper is not a role");
    seals[name] = *keeper;
  }
  return seals;
}

namespace {

std::string SealDetails(const SealUse& u) {
  Object::Ptr o = new Object();
  o->set("use", u.id);
  o->set("seal", u.seal);
  o->set("status", u.status);
  o->set("purpose", u.purpose);
  o->set("comment", u.comment);
  return CanonicalJson(Var(o));
}

}  // namespace

Result<SealUse> Repository::RequestSeal(const Actor& actor, std::string_view ref,
                                        const std::string& seal, const std::string& purpose) {
  if (!impl_->seals.count(seal)) {
    std::string known;
    for (const auto& [name, role] : impl_->seals) known += (known.empty() ? "" : ", ") + name;
    return Status::InvalidArgument("unknown seal '" + seal + "'; seals: " + known);
  }
  DOSSIER_RETURN_IF_ERROR(ValidateText(purpose, "purpose", true));
  SealUse use;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    use.document_id = row->summary.id;
    use.document_number = row->summary.number;
    use.seal = seal;
    use.purpose = purpose;
    use.status = "requested";
    use.requested_by = actor.name;
    use.requested_at = impl_->Now();
    auto id = c.InsertSealUse(use);
    if (!id.ok()) return id.status();
    use.id = *id;
    return AppendAudit(c, use.requested_at, actor.name, "seal.request", use.document_id,
                       SealDetails(use));
  });
  if (!s.ok()) return s;
  return use;
}

namespace {

// Loads a seal use the actor may see, for a change of state.
Result<SealUse> LoadUse(Catalog& c, const Repository::Impl& impl, const Actor& actor, int64_t id) {
  auto use = c.FindSealUse(id);
  if (!use.ok()) return use.status();
  if (!*use) return Status::NotFound("no seal use " + std::to_string(id));
  auto row = impl.Resolve(c, actor, (*use)->document_id);
  if (!row.ok()) return Status::NotFound("no seal use " + std::to_string(id));
  return **use;
}

}  // namespace

Result<SealUse> Repository::DecideSeal(const Actor& actor, int64_t id, bool approve,
                                       const std::string& comment) {
  DOSSIER_RETURN_IF_ERROR(ValidateText(comment, "comment", !approve));
  SealUse use;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto loaded = LoadUse(c, *impl_, actor, id);
    if (!loaded.ok()) return loaded.status();
    use = *loaded;
    Role keeper = impl_->seals.at(use.seal);
    if (actor.role != keeper) {
      return Status::PermissionDenied(
          use.seal + " is kept by the role " + std::string(RoleCode(keeper)) + "; " + actor.name +
          " (" + std::string(RoleCode(actor.role)) + ") may not decide on its use");
    }
    if (actor.name == use.requested_by)
      return Status::PermissionDenied("nobody approves their own request to use a seal");
    if (use.status != "requested")
      return Status::InvalidArgument("seal use " + std::to_string(id) + " is already " +
                                     use.status);
    use.status = approve ? "approved" : "rejected";
    use.decided_by = actor.name;
    use.decided_at = impl_->Now();
    use.comment = comment;
    DOSSIER_RETURN_IF_ERROR(c.UpdateSealUse(use));
    return AppendAudit(c, use.decided_at, actor.name, approve ? "seal.approve" : "seal.reject",
                       use.document_id, SealDetails(use));
  });
  if (!s.ok()) return s;
  return use;
}

Result<SealUse> Repository::UseSeal(const Actor& actor, int64_t id) {
  SealUse use;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto loaded = LoadUse(c, *impl_, actor, id);
    if (!loaded.ok()) return loaded.status();
    use = *loaded;
    if (actor.name != use.requested_by && actor.role != impl_->seals.at(use.seal)) {
      return Status::PermissionDenied("the requester or the seal's keeper records its use");
    }
    if (use.status != "approved") {
      return Status::InvalidArgument("seal use " + std::to_string(id) + " is " + use.status +
                                     "; only an approved request is used");
    }
    use.status = "used";
    use.used_at = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(c.UpdateSealUse(use));
    return AppendAudit(c, use.used_at, actor.name, "seal.use", use.document_id, SealDetails(use));
  });
  if (!s.ok()) return s;
  return use;
}

Result<SealUse> Repository::ReturnSeal(const Actor& actor, int64_t id) {
  SealUse use;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto loaded = LoadUse(c, *impl_, actor, id);
    if (!loaded.ok()) return loaded.status();
    use = *loaded;
    if (actor.role != impl_->seals.at(use.seal))
      return Status::PermissionDenied("the seal's keeper records its return");
    if (use.status != "used")
      return Status::InvalidArgument("seal use " + std::to_string(id) + " is " + use.status +
                                     ", not in use");
    use.status = "returned";
    use.returned_at = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(c.UpdateSealUse(use));
    return AppendAudit(c, use.returned_at, actor.name, "seal.return", use.document_id,
                       SealDetails(use));
  });
  if (!s.ok()) return s;
  return use;
}

Result<std::vector<SealUse>> Repository::SealRegister(const Actor& actor,
                                                      const SealFilter& filter) const {
  for (const auto* date : {&filter.from, &filter.to}) {
    if (!date->empty() && !IsIsoDate(*date))
      return Status::InvalidArgument("date '" + *date + "' is not YYYY-MM-DD");
  }
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto uses = (*catalog)->ListSealUses(filter, static_cast<int>(actor.clearance));
  if (!uses.ok()) return uses.status();
  for (auto& use : *uses) {
    auto keeper = impl_->seals.find(use.seal);
    if (keeper != impl_->seals.end()) use.keeper = std::string(RoleCode(keeper->second));
  }
  return uses;
}

}  // namespace dossier
