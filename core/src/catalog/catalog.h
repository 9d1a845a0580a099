// The catalog: what the core records of documents and everything about
// them, as interfaces by concept (catalog/*_store.h, catalog/search_index.h)
// that one Catalog — one connection's unit of work — brings together. The
// SQLite implementation is the folder catalog/sqlite/, and holds every SQL
// statement of the core: a server database would be another implementation
// of these interfaces, the rest of the core unchanged.
//
// The CatalogPool lends Catalogs to threads one at a time. Callers open
// transactions through a Catalog and call the stores' methods inside them.
#ifndef DOSSIER_CATALOG_CATALOG_H_
#define DOSSIER_CATALOG_CATALOG_H_

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/archive_store.h"
#include "catalog/audit_store.h"
#include "catalog/content_store.h"
#include "catalog/disposal_store.h"
#include "catalog/document_store.h"
#include "catalog/identity_store.h"
#include "catalog/numbering_store.h"
#include "catalog/register_store.h"
#include "catalog/retention_store.h"
#include "catalog/rows.h"
#include "catalog/search_index.h"
#include "catalog/transaction.h"
#include "catalog/workflow_store.h"
#include "dossier/archive.h"
#include "dossier/audit.h"
#include "dossier/disposal.h"
#include "dossier/document.h"
#include "dossier/identity.h"
#include "dossier/lifecycle.h"
#include "dossier/retention.h"
#include "dossier/search.h"
#include "dossier/user.h"
#include "search/term_lists.h"
#include "store/blob_store.h"

namespace dossier {

/// One connection's unit of work: its transactions, and through them the
/// stores of each concept (the interfaces it inherits, each in its own
/// header) and the search index. SqliteCatalog (catalog/sqlite/) is the one
/// implementation; a server database would be another.
class Catalog : public IdentityStore,
                public ContentStore,
                public DocumentStore,
                public WorkflowStore,
                public ArchiveStore,
                public RetentionStore,
                public DisposalStore,
                public RegisterStore,
                public NumberingStore,
                public AuditStore {
 public:
  ~Catalog() override = default;

  /// Creates the catalog of a new repository at `file`, its tables made.
  static Result<std::unique_ptr<Catalog>> Create(const std::filesystem::path& file,
                                                 const std::string& now);
  /// Copies the catalog file `from` to a new file `to` through the database
  /// (one consistent snapshot, a journal left beside it included), as it is:
  /// neither checked nor migrated.
  static Status CopyFile(const std::filesystem::path& from, const std::filesystem::path& to);
  /// Opens the catalog at `file`, outside any pool, for the repository at
  /// `dir` (named in errors). A file that holds no catalog is refused
  /// before anything writes to it; a writable one is brought up to this
  /// dossier's layout, a read-only one must already be.
  static Result<std::unique_ptr<Catalog>> OpenFile(const std::filesystem::path& dir,
                                                   const std::filesystem::path& file,
                                                   bool read_only, const std::string& now,
                                                   SearchOptions search = {});

  /// A write transaction whose commit first brings what the index derives
  /// in step with the rows it changed.
  virtual Result<Transaction> BeginWrite() = 0;
  virtual Result<Transaction> BeginRead() = 0;
  /// A savepoint in the write transaction under way.
  virtual Result<Savepoint> BeginSavepoint() = 0;
  /// The full-text index, in this catalog's transactions.
  virtual SearchIndex& search() = 0;
  /// After a lease that wrote: the connection gives back the cache the
  /// writes grew.
  virtual void ShrinkCacheAfterWrites() = 0;
  /// The whole catalog as one consistent snapshot into a new database file
  /// `file` (writers of other connections go on).
  virtual Status CopyTo(const std::filesystem::path& file) = 0;
  /// The repository's own facts (format, creation time).
  virtual Result<std::optional<std::string>> GetMeta(const std::string& key) = 0;
  virtual Status SetMeta(const std::string& key, const std::string& value) = 0;
};

/// Lends Catalogs (connections) to threads. Connections are opened on
/// demand and kept for reuse.
class CatalogPool {
 public:
  struct Returner {
    CatalogPool* pool;
    void operator()(Catalog* catalog) const { pool->Return(catalog); }
  };
  using Lease = std::unique_ptr<Catalog, Returner>;

  /// Connections to the catalog at `path`; read-only ones when `read_only`.
  explicit CatalogPool(std::filesystem::path path, bool read_only = false,
                       SearchOptions search = {})
      : path_(std::move(path)), read_only_(read_only), search_(search) {}
  ~CatalogPool();
  CatalogPool(const CatalogPool&) = delete;
  CatalogPool& operator=(const CatalogPool&) = delete;

  Result<Lease> Acquire();

 private:
  void Return(Catalog* catalog);

  std::filesystem::path path_;
  bool read_only_;
  SearchOptions search_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Catalog>> idle_;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_CATALOG_H_
