// The archive: each archived piece under its 档号 with its unit, and transfers of archived
// documents to another archive (repository/archive.cpp, transfer.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_ARCHIVE_STORE_H_
#define DOSSIER_CATALOG_ARCHIVE_STORE_H_

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

class ArchiveStore {
 public:
  virtual ~ArchiveStore() = default;

  /// Records an archived piece and the clock of its class (the event's code and date).
  virtual Status InsertArchive(const ArchiveRecord& record, const std::string& unit_id,
                               const std::string& code_scope, int64_t code_item,
                               const std::string& clock_event, const std::string& clock_start) = 0;
  /// Item number -> archival codes holding it, in one numbering scope.
  virtual Result<std::map<int64_t, std::vector<std::string>>> ArchiveItemsInScope(
      const std::string& scope) = 0;
  virtual Result<std::optional<ArchiveRecord>> FindArchive(const std::string& doc_id) = 0;
  /// Where an archive record sits: its unit and its 档号's numbering scope.
  struct ArchivePlacement {
    std::string unit_id;
    std::string code_scope;
    int64_t code_item = 0;
  };
  virtual Result<std::optional<ArchivePlacement>> FindArchivePlacement(
      const std::string& doc_id) = 0;
  /// The unit (its main document's id) a document is archived in; "" if none.
  virtual Result<std::string> UnitOf(const std::string& doc_id) = 0;
  /// The records of a unit's pieces, by piece number.
  virtual Result<std::vector<ArchiveRecord>> ListArchiveUnit(const std::string& unit_id) = 0;
  /// True when an archival code already has that piece.
  virtual Result<bool> ArchivePieceTaken(const std::string& archive_code, int piece) = 0;
  virtual Result<int64_t> InsertTransfer(const TransferRecord& record) = 0;
  virtual Status MarkTransferred(const std::string& doc_id, int64_t transfer_seq) = 0;
  /// The transfer of a document, or nullopt; its numbers are those of the
  /// documents at or below `max_confidentiality`.
  virtual Result<std::optional<TransferRecord>> FindTransferOf(const std::string& doc_id,
                                                               int max_confidentiality) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_ARCHIVE_STORE_H_
