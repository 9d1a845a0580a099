// Checkpoints: the audit trail's head, signed with the repository's key and
// kept outside the repository, and the trail held against them later
// (verify --against). The audit chain's hashes are unkeyed and its head is
// in the catalog, so whoever can write the catalog can rewrite history and
// recompute every hash; what was written elsewhere before cannot be.
#include <Poco/JSON/Object.h>
#include <fcntl.h>
#include <unistd.h>

#include <sstream>

#include "dossier/repository.h"
#include "integrity/ed25519.h"
#include "repository/repository_impl.h"
#include "repository/signing.h"
#include "util/file_util.h"
#include "util/json_util.h"

namespace dossier {

namespace {

constexpr std::string_view kCheckpointDomain = "dossier checkpoint v1\n";

// A checkpoint's fields as a JSON object, with its signature or without.
Poco::JSON::Object::Ptr CheckpointObject(const Checkpoint& c, bool with_signature) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
  o->set("at", c.at);
  o->set("head", c.head);
  o->set("key", c.key);
  o->set("seq", c.seq);
  if (with_signature) o->set("signature", c.signature);
  return o;
}

// What the signature covers: the domain, then the checkpoint's fields as
// canonical JSON (the line without its signature).
std::string SignedCheckpointBytes(const Checkpoint& c) {
  return std::string(kCheckpointDomain) +
         CanonicalJson(Poco::Dynamic::Var(CheckpointObject(c, false)));
}

std::string CheckpointLine(const Checkpoint& c) {
  return CanonicalJson(Poco::Dynamic::Var(CheckpointObject(c, true)));
}

// Appends one line and syncs it: a witness file only ever grows.
Status AppendLine(const std::filesystem::path& file, const std::string& line) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoStatus("cannot open the witness file", file);
  Status s = WriteAll(fd, line + "\n", file).WithContext("the witness file");
  if (s.ok()) s = SyncFd(fd, file);
  ::close(fd);
  return s;
}

}  // namespace

Result<AuditHead> Repository::CurrentAuditHead(const Actor&) const {
  auto last =
      impl_->ReadSnapshot<std::optional<AuditEntry>>([](Catalog& c) { return c.LastAudit(); });
  if (!last.ok()) return last.status();
  if (!*last) return AuditHead{};
  return AuditHead{(*last)->seq, (*last)->hash};
}

Result<Checkpoint> Repository::TakeCheckpoint(const Actor& actor,
                                              const std::filesystem::path& witness) const {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "take a checkpoint"));
  return impl_->SignCheckpoint(witness);
}

Result<Checkpoint> Repository::TakeScheduledCheckpoint(const std::filesystem::path& witness) const {
  if (witness.empty())
    return Status::InvalidArgument("a scheduled checkpoint needs a witness file to go to");
  return impl_->SignCheckpoint(witness);
}

Result<Checkpoint> Repository::Impl::SignCheckpoint(const std::filesystem::path& witness) const {
  if (!witness.empty()) {
    DOSSIER_RETURN_IF_ERROR(
        RequireOutside(witness, root, "the witness file",
                       "whoever can rewrite the repository could rewrite it too"));
  }
  auto key = LoadConfiguredKey(root / "config");
  if (!key.ok()) return key.status();
  if (!*key) {
    return Status::InvalidArgument(
        "this repository has no signing key to sign a checkpoint with: dossier keys generate");
  }
  auto last = ReadSnapshot<std::optional<AuditEntry>>([](Catalog& c) { return c.LastAudit(); });
  if (!last.ok()) return last.status();
  Checkpoint c;
  c.at = Now();
  c.seq = *last ? (*last)->seq : 0;
  c.head = *last ? (*last)->hash : "";
  c.key = Base64Encode((*key)->PublicKey());
  c.key_id = KeyId((*key)->PublicKey());
  auto signature = (*key)->Sign(SignedCheckpointBytes(c));
  if (!signature.ok()) return signature.status();
  c.signature = Base64Encode(*signature);
  c.line = CheckpointLine(c);
  if (!witness.empty()) DOSSIER_RETURN_IF_ERROR(AppendLine(witness, c.line));
  return c;
}

Result<std::vector<IntegrityProblem>> Repository::CheckAgainstWitness(
    const Actor& actor, std::string_view witness_text) const {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "check checkpoints"));
  return impl_->ReadSnapshot<std::vector<IntegrityProblem>>(
      [&](Catalog& c) -> Result<std::vector<IntegrityProblem>> {
        std::vector<IntegrityProblem> problems;
        auto keys = c.ListSigningKeys();
        if (!keys.ok()) return keys.status();
        std::istringstream lines{std::string(witness_text)};
        std::string line;
        int number = 0, checked = 0;
        while (std::getline(lines, line)) {
          ++number;
          if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
          const std::string where = "witness line " + std::to_string(number);
          auto problem = [&](const std::string& message) {
            problems.push_back({"checkpoint", where, where + ": " + message});
          };
          auto o = ParseJsonObject(line, where);
          if (!o.ok()) {
            problem("not a checkpoint (" + o.status().message() + ")");
            continue;
          }
          Checkpoint cp;
          try {
            cp.at = (*o)->getValue<std::string>("at");
            cp.head = (*o)->getValue<std::string>("head");
            cp.key = (*o)->getValue<std::string>("key");
            cp.seq = (*o)->getValue<int64_t>("seq");
            cp.signature = (*o)->getValue<std::string>("signature");
          } catch (const Poco::Exception&) {
            problem("not a checkpoint (it lacks at, head, key, seq or signature)");
            continue;
          }
          auto public_key = Base64Decode(cp.key);
          auto signature = Base64Decode(cp.signature);
          if (!public_key.ok() || !signature.ok()) {
            problem("its key or signature is not Base64");
            continue;
          }
          const std::string key_id = KeyId(*public_key);
          bool known = false;
          for (const auto& k : *keys)
            known = known || (k.public_key == *public_key && k.removed_at.empty());
          if (!known) {
            problem("signed by key " + key_id +
                    ", which is not one of this repository's keys or one it trusts");
            continue;
          }
          if (!VerifyEd25519(*public_key, SignedCheckpointBytes(cp), *signature)) {
            problem("its signature does not match what it says: the line was altered");
            continue;
          }
          ++checked;
          if (cp.seq == 0) continue;  // taken of an empty trail: anything extends it
          auto entry = c.FindAudit(cp.seq);
          if (!entry.ok()) return entry.status();
          if (!*entry) {
            auto last = c.LastAudit();
            if (!last.ok()) return last.status();
            problem("the checkpoint of " + cp.at + " saw the audit trail at entry " +
                    std::to_string(cp.seq) + ", but it now ends at entry " +
                    std::to_string(*last ? (*last)->seq : 0) +
                    ": the repository was rolled back to an older copy");
          } else if ((*entry)->hash != cp.head) {
            problem("the checkpoint of " + cp.at + " saw entry " + std::to_string(cp.seq) +
                    " with hash " + cp.head + ", the trail now has " + (*entry)->hash +
                    ": its history up to there was rewritten");
          }
        }
        if (checked == 0 && problems.empty()) {
          problems.push_back({"checkpoint", "witness", "the witness file holds no checkpoint"});
        }
        return problems;
      });
}

}  // namespace dossier
