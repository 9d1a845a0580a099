// The audit trail, hash-chained, and what came with imported documents: the imports and each
// document's provenance (audit/, repository/import.cpp, verify.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_AUDIT_STORE_H_
#define DOSSIER_CATALOG_AUDIT_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/rows.h"
#include "dossier/archive.h"
#include "dossier/audit.h"
#include "dossier/disposal.h"
#include "dossier/document.h"
#include "dossier/identity.h"
#include "dossier/lifecycle.h"
#include "dossier/retention.h"
#include "dossier/status.h"
#include "dossier/user.h"
#include "store/blob_store.h"

namespace dossier {

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  virtual Result<int64_t> InsertImport(const std::string& at, const std::string& by,
                                       const std::string& source, const std::string& format,
                                       int64_t documents) = 0;
  virtual Status InsertProvenance(const std::string& doc_id, int64_t import_seq,
                                  const AuditEntry& entry) = 0;
  /// The audit entries a document came with from another repository.
  virtual Result<std::vector<AuditEntry>> ListProvenance(const std::string& doc_id) = 0;
  virtual Status ForEachProvenance(
      const std::function<Status(const std::string& doc_id, const AuditEntry&)>& fn) = 0;
  virtual Result<std::optional<AuditEntry>> LastAudit() = 0;
  virtual Result<std::optional<AuditEntry>> FindAudit(int64_t seq) = 0;
  virtual Status InsertAudit(const AuditEntry& entry) = 0;
  /// The whole trail, or the entries about one object (links to it included).
  virtual Result<std::vector<AuditEntry>> ListAudit(const std::optional<std::string>& object) = 0;
  /// Only the entries whose object is `object` (not links pointing at it).
  virtual Result<std::vector<AuditEntry>> ListAuditOfObject(const std::string& object) = 0;
  virtual Status ForEachAudit(const std::function<Status(const AuditEntry&)>& fn) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_AUDIT_STORE_H_
