// SqliteCatalog's own: the connection, its transactions and savepoints, the
// repository's meta facts; and the pool that lends catalogs to threads. The
// statements of each store are in sqlite_<store>.cpp beside this file.
#include "catalog/sqlite/sqlite_catalog.h"

#include "catalog/sqlite/sqlite_search_index.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

DocumentRow ReadDocument(const Stmt& s) {
  DocumentRow row;
  auto& d = row.summary;
  d.id = s.Text(0);
  d.type = s.Text(1);
  d.number = s.Text(2);
  row.number_scope = s.Text(3);
  row.number_seq = s.Int(4);
  d.title = s.Text(5);
  d.confidentiality = static_cast<Confidentiality>(s.Int(6));
  d.status = s.Text(7);
  d.current_version = static_cast<int>(s.Int(8));
  d.dept = s.Text(9);
  d.counterparty = s.Text(10);
  d.doc_date = s.Text(11);
  d.created_at = s.Text(12);
  d.created_by = s.Text(13);
  row.round = static_cast<int>(s.Int(14));
  return row;
}

// --- meta ---------------------------------------------------------------------

SqliteCatalog::SqliteCatalog(std::unique_ptr<SqliteDb> db, SearchOptions search)
    : db_(std::move(db)), search_index_(std::make_unique<SqliteSearchIndex>(db_.get(), search)) {}

// The search index's statements go before the connection (SqliteDb's
// destructor finalizes what is left).
SqliteCatalog::~SqliteCatalog() { search_index_.reset(); }

SearchIndex& SqliteCatalog::search() { return *search_index_; }

Result<Transaction> SqliteCatalog::BeginWrite() {
  DOSSIER_ASSIGN_OR_RETURN(auto work, SqliteTransaction::BeginWrite(*db_));
  search_index_->StartWrite();
  work->BeforeCommit([this] { return search_index_->FlushTermLists(); });
  return Transaction(std::move(work));
}

Result<Transaction> SqliteCatalog::BeginRead() {
  DOSSIER_ASSIGN_OR_RETURN(auto work, SqliteTransaction::BeginRead(*db_));
  return Transaction(std::move(work));
}

Result<Savepoint> SqliteCatalog::BeginSavepoint() {
  DOSSIER_ASSIGN_OR_RETURN(auto work, SqliteSavepoint::Begin(*db_));
  return Savepoint(std::move(work));
}

Result<std::optional<std::string>> SqliteCatalog::GetMeta(const std::string& key) {
  DOSSIER_PREPARE(s, "SELECT value FROM meta WHERE key = ?");
  s.Bind(1, key);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(s.Text(0));
}

Status SqliteCatalog::SetMeta(const std::string& key, const std::string& value) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                  "value = excluded.value");
  return s.BindAll(key, value).Run();
}

// --- pool -----------------------------------------------------------------------

CatalogPool::~CatalogPool() = default;

Result<CatalogPool::Lease> CatalogPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(c.release(), Returner{this});
    }
  }
  auto db = read_only_ ? SqliteDb::OpenReadOnly(path_) : SqliteDb::Open(path_, false);
  if (!db.ok()) return db.status();
  std::unique_ptr<Catalog> c = std::make_unique<SqliteCatalog>(std::move(*db), search_);
  return Lease(c.release(), Returner{this});
}

void CatalogPool::Return(Catalog* catalog) {
  // A server's connections take turns writing and reading: one that wrote
  // once kept 32 MB of cache for every search after (bench/server: peak
  // memory from 124 to 194 MB between runs). A batch writer holds its lease
  // and keeps the cache while it writes.
  catalog->ShrinkCacheAfterWrites();
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.emplace_back(catalog);  // takes ownership back
}

}  // namespace dossier
