// The repository's signing keys and the keys of the repositories it trusts
// (keys.h): listed, generated, trusted and no longer trusted, each change
// in the audit trail.
#include <Poco/JSON/Object.h>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "repository/signing.h"
#include "util/json_util.h"

namespace dossier {

namespace {

std::string KeyDetails(const Catalog::KeyRow& key, const std::string& file = "") {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
  o->set("key_id", key.key_id);
  o->set("label", key.label);
  o->set("public_key", Base64Encode(key.public_key));
  if (!file.empty()) o->set("file", file);
  return CanonicalJson(Poco::Dynamic::Var(o));
}

}  // namespace

Result<std::vector<KeyInfo>> Repository::ListKeys(
    const Actor& /*anyone: public keys are public*/) const {
  auto current = LoadConfiguredKey(impl_->root / "config");
  std::string current_id = current.ok() && *current ? KeyId((*current)->PublicKey()) : "";
  auto rows = impl_->ReadSnapshot<std::vector<Catalog::KeyRow>>(
      [](Catalog& c) { return c.ListSigningKeys(); });
  if (!rows.ok()) return rows.status();
  std::vector<KeyInfo> keys;
  for (const auto& r : *rows) {
    keys.push_back(KeyInfo{r.key_id, PublicKeyPem(r.public_key), r.label, r.own,
                           r.key_id == current_id, r.added_at, r.added_by, r.removed_at});
  }
  return keys;
}

Result<KeyInfo> Repository::GenerateSigningKey(const Actor& actor,
                                               const std::filesystem::path& key_file) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kAdmin}, "make the repository's signing key"));
  std::filesystem::path file =
      key_file.empty() ? DefaultKeyFile(impl_->root) : std::filesystem::absolute(key_file);
  DOSSIER_RETURN_IF_ERROR(RequireOutside(file, impl_->root, "the signing key", kKeyOutsideReason));
  auto current = ConfiguredKeyFile(impl_->root / "config");
  if (!current.ok()) return current.status();
  if (*current == file.lexically_normal()) {
    return Status::AlreadyExists(file.string() +
                                 " is already this repository's signing key; name a new file");
  }
  auto key = CreateOrReuseKeyFile(file);
  if (!key.ok()) return key.status();
  Catalog::KeyRow row = OwnKeyRow(*key, impl_->Now(), actor.name);
  DOSSIER_RETURN_IF_ERROR(impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto existing = c.FindSigningKey(row.key_id);
    if (!existing.ok()) return existing.status();
    if (*existing && !(*existing)->own) {
      return Status::AlreadyExists("key " + row.key_id + " is trusted as another repository's ('" +
                                   (*existing)->label + "'); it cannot also be this one's");
    }
    if (!*existing) DOSSIER_RETURN_IF_ERROR(c.InsertSigningKey(row));
    return AppendAudit(c, row.added_at, actor.name, "key.generate", row.key_id,
                       KeyDetails(row, file.string()));
  }));
  DOSSIER_RETURN_IF_ERROR(WriteSigningConfig(impl_->root / "config", file));
  return KeyInfo{
      row.key_id, PublicKeyPem(row.public_key), row.label, true, true, row.added_at, row.added_by,
      ""};
}

Result<KeyInfo> Repository::TrustKey(const Actor& actor, const std::string& public_key_pem,
                                     const std::string& label) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kAdmin}, "trust another repository's key"));
  DOSSIER_RETURN_IF_ERROR(ValidateLine(label, "the key's label", true));
  auto raw = PublicKeyFromPem(public_key_pem);
  if (!raw.ok()) return raw.status().WithContext("the key");
  Catalog::KeyRow row{KeyId(*raw), *raw, label, false, impl_->Now(), actor.name, ""};
  DOSSIER_RETURN_IF_ERROR(impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto existing = c.FindSigningKey(row.key_id);
    if (!existing.ok()) return existing.status();
    if (*existing && (*existing)->removed_at.empty()) {
      return Status::AlreadyExists("key " + row.key_id + " is already trusted, as '" +
                                   (*existing)->label + "'");
    }
    if (*existing && (*existing)->own) {
      return Status::InvalidArgument(
          "key " + row.key_id + " was this repository's own; it is not trusted again as another's");
    }
    DOSSIER_RETURN_IF_ERROR(c.InsertSigningKey(row));
    return AppendAudit(c, row.added_at, actor.name, "key.trust", row.key_id, KeyDetails(row));
  }));
  return KeyInfo{
      row.key_id, PublicKeyPem(row.public_key), row.label, false, false, row.added_at, row.added_by,
      ""};
}

Status Repository::DistrustKey(const Actor& actor, const std::string& key_id) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kAdmin}, "stop trusting a key"));
  auto current = LoadConfiguredKey(impl_->root / "config");
  if (current.ok() && *current && KeyId((*current)->PublicKey()) == key_id) {
    return Status::InvalidArgument("key " + key_id +
                                   " signs this repository's exports now; make a new one first "
                                   "('dossier keys generate')");
  }
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto existing = c.FindSigningKey(key_id);
    if (!existing.ok()) return existing.status();
    if (!*existing || !(*existing)->removed_at.empty()) {
      return Status::NotFound("no trusted key " + key_id + " ('dossier keys' lists them)");
    }
    std::string now = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(c.RemoveSigningKey(key_id, now));
    return AppendAudit(c, now, actor.name, "key.distrust", key_id, KeyDetails(**existing));
  });
}

}  // namespace dossier
