// The numbering scopes: each one's sequence, and numbers held by documents elsewhere (imported
// packages skipped), never reused (numbering/, repository/documents.cpp, import.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_NUMBERING_STORE_H_
#define DOSSIER_CATALOG_NUMBERING_STORE_H_

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

class NumberingStore {
 public:
  virtual ~NumberingStore() = default;

  /// Advances the scope's sequence and returns the new value (in the caller's transaction).
  virtual Result<int64_t> NextSequence(const std::string& scope, const std::string& type) = 0;
  /// Makes the scope's next number come after `seq` (a number imported).
  virtual Status ReserveSequence(const std::string& scope, const std::string& type,
                                 int64_t seq) = 0;
  virtual Result<std::vector<ScopeRow>> ListScopes() = 0;
  /// Sequences of documents in a scope, with number and status.
  virtual Result<std::vector<DocumentRow>> DocumentsInScope(const std::string& scope) = 0;
  /// The highest sequence handed out in a scope; 0 for a scope never used.
  virtual Result<int64_t> SequenceLast(const std::string& scope) = 0;
  virtual Status MarkNumberElsewhere(const std::string& scope, int64_t seq, int64_t import_seq) = 0;
  virtual Status ClearNumberElsewhere(const std::string& scope, int64_t seq) = 0;
  virtual Result<std::set<int64_t>> NumbersElsewhere(const std::string& scope) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_NUMBERING_STORE_H_
