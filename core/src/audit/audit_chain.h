// Appending to and checking the audit trail's hash chain.
//
// hash(entry) = SHA-256 over the previous entry's hash and the entry's
// fields, each written as "<byte length>:<bytes>" so that no two different
// entries hash the same text. The newest seq and hash are also kept in the
// meta table, so that removing the last entries is detected too.
#ifndef DOSSIER_AUDIT_AUDIT_CHAIN_H_
#define DOSSIER_AUDIT_AUDIT_CHAIN_H_

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "dossier/audit.h"
#include "dossier/verify.h"

namespace dossier {

std::string AuditEntryHash(const AuditEntry& entry);

/// Appends an entry inside the caller's write transaction.
Status AppendAudit(Catalog& catalog, const std::string& at, const std::string& actor,
                   const std::string& action, const std::string& object,
                   const std::string& details_json);

/// Checks sequence continuity, every hash and the recorded head; adds a
/// problem for each break. Returns the number of entries read.
Result<int64_t> CheckAuditChain(Catalog& catalog, std::vector<IntegrityProblem>& problems);

}  // namespace dossier

#endif  // DOSSIER_AUDIT_AUDIT_CHAIN_H_
