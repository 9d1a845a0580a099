// The registers of things in people's hands: loans of originals and files, and uses of seals
// (repository/circulation.cpp, seals.cpp, handover.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_REGISTER_STORE_H_
#define DOSSIER_CATALOG_REGISTER_STORE_H_

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

class RegisterStore {
 public:
  virtual ~RegisterStore() = default;

  virtual Result<int64_t> InsertLoan(const Loan& loan) = 0;
  virtual Status ReturnLoan(int64_t id, const std::string& at, const std::string& by,
                            const std::string& note) = 0;
  /// A user's handover: the loan, the resolution, the seal request become another's.
  virtual Status SetLoanBorrower(int64_t id, const std::string& borrower) = 0;
  virtual Status SetSealRequester(int64_t id, const std::string& requester) = 0;
  /// Loans not yet returned of one document.
  virtual Result<std::vector<Loan>> OpenLoans(const std::string& doc_id) = 0;
  virtual Result<std::vector<Loan>> ListLoans(bool out_only, int max_confidentiality) = 0;
  virtual Result<int64_t> InsertSealUse(const SealUse& use) = 0;
  virtual Status UpdateSealUse(const SealUse& use) = 0;
  virtual Result<std::optional<SealUse>> FindSealUse(int64_t id) = 0;
  virtual Result<std::vector<SealUse>> ListSealUses(const SealFilter& filter,
                                                    int max_confidentiality) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_REGISTER_STORE_H_
