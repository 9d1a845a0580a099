#include "audit/audit_chain.h"

#include "util/sha256.h"

namespace dossier {

namespace {
constexpr const char* kHeadSeq = "audit_head_seq";
constexpr const char* kHeadHash = "audit_head_hash";
// The hash the first entry chains to.
const std::string kGenesis(64, '0');

void Field(Sha256& sha, const std::string& value) {
  std::string prefix = std::to_string(value.size()) + ":";
  sha.Update(prefix);
  sha.Update(value);
}
}  // namespace

std::string AuditEntryHash(const AuditEntry& e) {
  Sha256 sha;
  Field(sha, e.prev_hash);
  Field(sha, std::to_string(e.seq));
  Field(sha, e.at);
  Field(sha, e.actor);
  Field(sha, e.action);
  Field(sha, e.object);
  Field(sha, e.details_json);
  return sha.HexDigest();
}

Status AppendAudit(Catalog& catalog, const std::string& at, const std::string& actor,
                   const std::string& action, const std::string& object,
                   const std::string& details_json) {
  auto last = catalog.LastAudit();
  if (!last.ok()) return last.status();
  AuditEntry e;
  e.seq = *last ? (*last)->seq + 1 : 1;
  e.prev_hash = *last ? (*last)->hash : kGenesis;
  e.at = at;
  e.actor = actor;
  e.action = action;
  e.object = object;
  e.details_json = details_json;
  e.hash = AuditEntryHash(e);
  DOSSIER_RETURN_IF_ERROR(catalog.InsertAudit(e));
  DOSSIER_RETURN_IF_ERROR(catalog.SetMeta(kHeadSeq, std::to_string(e.seq)));
  return catalog.SetMeta(kHeadHash, e.hash);
}

Result<int64_t> CheckAuditChain(Catalog& catalog, std::vector<IntegrityProblem>& problems) {
  int64_t expected_seq = 1;
  std::string prev = kGenesis;
  int64_t count = 0;
  Status s = catalog.ForEachAudit([&](const AuditEntry& e) {
    ++count;
    std::string seq = std::to_string(e.seq);
    if (e.seq != expected_seq) {
      problems.push_back({"audit", seq,
                          "audit entries " + std::to_string(expected_seq) + ".." +
                              std::to_string(e.seq - 1) + " are missing"});
    }
    if (e.prev_hash != prev) {
      problems.push_back(
          {"audit", seq, "audit entry " + seq + " does not chain to the entry before it"});
    }
    if (AuditEntryHash(e) != e.hash) {
      problems.push_back(
          {"audit", seq,
           "audit entry " + seq + " (" + e.action + ") was altered: its hash does not match"});
    }
    expected_seq = e.seq + 1;
    prev = e.hash;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  auto head_seq = catalog.GetMeta(kHeadSeq);
  auto head_hash = catalog.GetMeta(kHeadHash);
  if (!head_seq.ok()) return head_seq.status();
  if (!head_hash.ok()) return head_hash.status();
  if (head_seq->value_or("0") != std::to_string(expected_seq - 1) ||
      head_hash->value_or(kGenesis) != prev) {
    problems.push_back({"audit", head_seq->value_or("0"),
                        "the audit trail ends at entry " + std::to_string(expected_seq - 1) +
                            " but the recorded head is entry " + head_seq->value_or("0") +
                            ": entries were removed or added by hand"});
  }
  return count;
}

}  // namespace dossier
