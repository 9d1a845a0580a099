// The audit trail: every change of state appends one entry, in the same
// transaction as the change. Entries are chained: each entry's hash covers
// the previous entry's hash, so a removed or edited entry is detected.
#ifndef DOSSIER_AUDIT_H_
#define DOSSIER_AUDIT_H_

#include <cstdint>
#include <string>

namespace dossier {

struct AuditEntry {
  int64_t seq = 0;
  std::string at;  // ISO 8601, UTC
  std::string actor;
  std::string action;        // "register", "version", "link", "void", ...
  std::string object;        // document id, user name, ...
  std::string details_json;  // canonical JSON
  std::string prev_hash;
  std::string hash;
};

}  // namespace dossier

#endif  // DOSSIER_AUDIT_H_
