// Retention of archived documents: each one's class and clock, extensions, what may fall due, and
// holds (repository/retention.cpp, holds.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_RETENTION_STORE_H_
#define DOSSIER_CATALOG_RETENTION_STORE_H_

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

class RetentionStore {
 public:
  virtual ~RetentionStore() = default;

  struct RetentionRow {
    DocumentRow doc;
    ArchiveRecord record;  // class, reason, code, piece, archive date
    std::string unit_id;
    std::string clock_event;
    std::string clock_start;
    std::string extended_until;
    bool transferred = false;
  };
  virtual Result<std::optional<RetentionRow>> FindRetention(const std::string& doc_id) = 0;
  virtual Status SetRetentionClass(const std::string& doc_id, const std::string& retention,
                                   const std::string& reason, const std::string& clock_event,
                                   const std::string& clock_start) = 0;
  virtual Status SetExtendedUntil(const std::string& doc_id, const std::string& until) = 0;
  /// What may be due, per class: clocks of `clock_event` started on or
  /// before `latest` ("" for none), and clocks of another event or not set
  /// (the schedule changed since), which the caller computes again.
  struct ClassCutoff {
    std::string retention;
    std::string clock_event;
    std::string latest;
  };
  /// The archived documents (not transferred, not destroyed) that may be
  /// due under those cutoffs, in one pass over the archive in id order
  /// (reading a million records by index order cost random lookups).
  virtual Status ForEachDueCandidate(const std::vector<ClassCutoff>& cutoffs,
                                     const std::function<Status(RetentionRow&)>& fn) = 0;
  /// How many archived documents each retention class has, but for the
  /// classes in `skip` (not counted).
  virtual Result<std::map<std::string, int64_t>> CountByRetentionClass(
      const std::set<std::string>& skip) = 0;
  virtual Result<int64_t> InsertHold(const Hold& hold) = 0;
  virtual Status ReleaseHold(int64_t id, const std::string& at, const std::string& by,
                             const std::string& reason) = 0;
  virtual Result<std::optional<Hold>> FindHold(int64_t id) = 0;
  virtual Result<std::vector<Hold>> ListHolds(bool active_only) = 0;
  /// The ids of the documents a file hold on `main_id` covers: the main
  /// document, the pieces archived in its unit, and those linked to it as
  /// amends, terminates or attachment-of.
  virtual Result<std::vector<std::string>> FileMembers(const std::string& main_id) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_RETENTION_STORE_H_
