// Destruction lists: their lines, sign-offs and execution, and what a destroyed document leaves
// (repository/disposal.cpp, disposal_execute.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_DISPOSAL_STORE_H_
#define DOSSIER_CATALOG_DISPOSAL_STORE_H_

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

class DisposalStore {
 public:
  virtual ~DisposalStore() = default;

  struct DisposalRow {
    std::string doc_id;
    std::string status;
    std::string as_of;
    std::string roles;  // JSON array of role codes
    std::string proposed_at, proposed_by;
    std::string decided_at, reject_by, reject_reason;
    std::string executed_at, executed_by;
    std::string certificate_id;
  };
  struct DisposalLineRow {
    int line = 0;
    std::string doc_id;
    std::string state;
    std::string note;
  };
  virtual Status InsertDisposalList(const DisposalRow& row) = 0;
  virtual Status UpdateDisposalList(const DisposalRow& row) = 0;
  virtual Result<std::optional<DisposalRow>> FindDisposalList(const std::string& doc_id) = 0;
  /// Lists by proposal, oldest first; `status` "" for all.
  virtual Result<std::vector<DisposalRow>> ListDisposalLists(const std::string& status) = 0;
  virtual Status InsertDisposalLine(const std::string& list_id, const DisposalLineRow& line) = 0;
  virtual Status SetDisposalLine(const std::string& list_id, int line, const std::string& state,
                                 const std::string& note) = 0;
  virtual Result<std::vector<DisposalLineRow>> ListDisposalLines(const std::string& list_id) = 0;
  /// How many listed (not taken off) lines of the list are at each marking.
  virtual Result<std::map<Confidentiality, int>> ListedMarkings(const std::string& list_id) = 0;
  /// The state of one line ("" when there is no such line).
  virtual Result<std::string> DisposalLineState(const std::string& list_id, int line) = 0;
  /// The open list (proposed, approved, executing) on which the document is listed; "" if none.
  virtual Result<std::string> OpenDisposalListOf(const std::string& doc_id) = 0;
  virtual Status InsertDisposalApproval(const std::string& list_id,
                                        const DisposalApproval& approval) = 0;
  virtual Result<std::vector<DisposalApproval>> ListDisposalApprovals(
      const std::string& list_id) = 0;
  virtual Status ClearDisposalApprovals(const std::string& list_id) = 0;
  struct DestroyedContent {
    int64_t files = 0;
    int64_t blobs = 0;
    uint64_t bytes = 0;
  };
  /// Destroys a document's content inside the caller's transaction (out of
  /// the search index first: SearchIndex::RemoveDocument): its versions lose their metadata and
  /// files, content no kept version refers to is queued for removal from
  /// the store (blob_removals), its resolutions go; the document is marked
  /// destroyed with its residual record.
  virtual Result<DestroyedContent> DestroyContent(const std::string& doc_id,
                                                  const std::string& list_id, const std::string& at,
                                                  const std::string& by) = 0;
  struct DestroyedRow {
    std::string list_id;
    std::string destroyed_at;
    std::string destroyed_by;
    uint64_t bytes = 0;
  };
  virtual Result<std::optional<DestroyedRow>> FindDestroyed(const std::string& doc_id) = 0;
  /// Archive rows whose 'disposed' mark disagrees with the destroyed and
  /// transferred records, as "NUMBER: what".
  virtual Result<std::vector<std::string>> CheckDisposedMarks() = 0;
  /// The ids of every destroyed document.
  virtual Result<std::set<std::string>> ListDestroyed() = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_DISPOSAL_STORE_H_
