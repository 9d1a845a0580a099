// The catalog's index of the content store: which blobs it holds and where (loose or in a pack),
// the files an ingest registered, and the content destruction queued for removal from the store
// (store/, repository/gc.cpp, disposal_execute.cpp, ingest.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_CONTENT_STORE_H_
#define DOSSIER_CATALOG_CONTENT_STORE_H_

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

class ContentStore {
 public:
  virtual ~ContentStore() = default;

  virtual Status InsertBlob(const BlobRow& blob) = 0;  // ignores an existing row
  virtual Result<std::optional<BlobRow>> FindBlob(const std::string& sha256) = 0;
  virtual Result<std::vector<BlobRow>> ListBlobs() = 0;
  struct BlobRemoval {
    BlobLocation location;
    std::string rewrite_to;
  };
  virtual Result<std::vector<BlobRemoval>> ListBlobRemovals() = 0;
  virtual Status SetPackRewrite(const std::string& pack, const std::string& rewrite_to) = 0;
  /// The blobs still kept in a pack, by offset.
  virtual Result<std::vector<BlobRow>> BlobsInPack(const std::string& pack) = 0;
  virtual Status MoveBlob(const std::string& sha256, const std::string& pack, uint64_t offset) = 0;
  /// Forgets the removals done: a loose blob's, or a whole pack's.
  virtual Status DeleteBlobRemoval(const std::string& sha256) = 0;
  virtual Status DeletePackRemovals(const std::string& pack) = 0;
  /// The documents (id, file name, number, title, confidentiality) whose
  /// versions hold a file of this content, the newest registration first.
  struct ContentHolder {
    std::string doc_id, file_name, number, title;
    int confidentiality = 0;
  };
  virtual Result<std::vector<ContentHolder>> DocumentsHoldingContent(const std::string& sha256) = 0;
  /// The number of the document an ingest registered from this path and
  /// content, or nullopt.
  virtual Result<std::optional<std::string>> FindIngested(const std::string& path,
                                                          const std::string& sha256) = 0;
  virtual Status InsertIngested(const std::string& path, const std::string& sha256,
                                const std::string& doc_id, const std::string& at) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_CONTENT_STORE_H_
