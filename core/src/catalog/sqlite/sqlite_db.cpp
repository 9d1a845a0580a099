#include "catalog/sqlite/sqlite_db.h"

#include <cstdio>
#include <mutex>

#include "catalog/sqlite/sqlite_search_functions.h"

namespace dossier {

// --- Stmt -------------------------------------------------------------------

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  if (owned_) {
    sqlite3_finalize(stmt_);
  } else {
    db_->Release(stmt_);
  }
}

Stmt::Stmt(Stmt&& other) noexcept
    : db_(other.db_),
      stmt_(other.stmt_),
      owned_(other.owned_),
      bind_error_(std::move(other.bind_error_)) {
  other.stmt_ = nullptr;
}

Stmt& Stmt::Bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) bind_error_ = db_->ErrorStatus("bind");
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view value) {
  if (sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    bind_error_ = db_->ErrorStatus("bind");
  }
  return *this;
}

Stmt& Stmt::BindBlob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    bind_error_ = db_->ErrorStatus("bind");
  }
  return *this;
}

Stmt& Stmt::Bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) bind_error_ = db_->ErrorStatus("bind");
  return *this;
}

Stmt& Stmt::Bind(int index, std::nullopt_t) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) bind_error_ = db_->ErrorStatus("bind");
  return *this;
}

Stmt& Stmt::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : Bind(index, std::nullopt);
}

Result<bool> Stmt::Step() {
  if (!bind_error_.ok()) return bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if (rc == SQLITE_CONSTRAINT) {
    return Status::AlreadyExists(std::string("catalog constraint: ") +
                                 sqlite3_errmsg(db_->handle()));
  }
  return db_->ErrorStatus("step");
}

Status Stmt::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

std::string Stmt::Text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

// --- SqliteDb ---------------------------------------------------------------

namespace {

// SQLite counts every allocation under one process-wide mutex unless told
// not to; the server's threads searching at once queued on it (bench/server).
// Nothing here reads those counts. Only possible before SQLite starts: the
// first catalog opened in the process sets it.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK) sqlite3_initialize();
  });
}

}  // namespace

// The steps both ways of opening share: open with `flags`, wait for writers,
// apply `pragmas`, register the search functions.
Result<std::unique_ptr<SqliteDb>> SqliteDb::OpenWith(const std::string& name, int flags,
                                                     const std::string& pragmas,
                                                     const std::string& failure) {
  ConfigureSqliteOnce();
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(name.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return Status::IoError(failure + ": " + msg);
  }
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
  sqlite3_busy_timeout(raw, 120000);
  sqlite3_extended_result_codes(raw, 0);
  DOSSIER_RETURN_IF_ERROR(db->ExecScript(pragmas));
  std::string error;
  if (RegisterSearchFunctions(raw, &error) != SQLITE_OK) {
    return Status::Internal("cannot set up full-text search on the catalog: " + error);
  }
  return db;
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::filesystem::path& path, bool create) {
  // synchronous=FULL: a commit is on disk before success is reported.
  return OpenWith(path.string(), SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0),
                  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                  "PRAGMA temp_store=MEMORY;",
                  "cannot open catalog " + path.string());
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::OpenReadOnly(const std::filesystem::path& path) {
  // A URI: the path's '%', '?' and '#' escaped, the rest as it is (UTF-8).
  std::string uri = "file:";
  for (char ch : std::filesystem::absolute(path).string()) {
    if (ch == '%' || ch == '?' || ch == '#') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(ch));
      uri += hex;
    } else {
      uri += ch;
    }
  }
  std::error_code ec;
  const bool shared_memory = std::filesystem::exists(path.string() + "-shm", ec);
  const auto wal_size = std::filesystem::file_size(path.string() + "-wal", ec);
  if (!shared_memory && !ec && wal_size > 0) {
    // "immutable" would read the catalog without the changes in its log.
    return Status::IoError(
        path.string() + "-wal holds changes not yet in the catalog, and without " +
        path.filename().string() + "-shm a read-only reader cannot take them in: open the " +
        "repository once where it can be written");
  }
  uri += shared_memory ? "?mode=ro" : "?immutable=1";
  return OpenWith(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                  "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA query_only=ON;",
                  "cannot open catalog " + path.string() + " to read");
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  ReleaseSearchFunctions(db_);
  sqlite3_close(db_);
}

Status SqliteDb::CopyTo(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec))
    return Status::AlreadyExists(file.string() + " exists; a catalog is copied into a new file");
  sqlite3* dest = nullptr;
  int rc =
      sqlite3_open_v2(file.c_str(), &dest,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc);
    sqlite3_close(dest);
    return Status::IoError("cannot create " + file.string() + ": " + msg);
  }
  sqlite3_busy_timeout(dest, 120000);
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", db_, "main");
  if (backup == nullptr) {
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    return Status::IoError("cannot copy the catalog into " + file.string() + ": " + msg);
  }
  // Busy or locked: the source's write lock is only ever held briefly; a
  // step of all pages reads them under one read transaction.
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK);
  sqlite3_backup_finish(backup);
  std::string msg = rc == SQLITE_DONE ? "" : sqlite3_errmsg(dest);
  int closed = sqlite3_close(dest);
  if (rc != SQLITE_DONE)
    return Status::IoError("cannot copy the catalog into " + file.string() + ": " + msg);
  if (closed != SQLITE_OK)
    return Status::IoError("cannot close the catalog's copy " + file.string());
  return Status::Ok();
}

Status SqliteDb::ErrorStatus(const std::string& what) const {
  int code = sqlite3_errcode(db_);
  std::string msg = std::string("catalog ") + what + ": " + sqlite3_errmsg(db_);
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return Status::Corruption(msg);
  if (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
      code == SQLITE_READONLY) {
    return Status::IoError(msg);
  }
  return Status::Internal(msg);
}

Deadline::Deadline(SqliteDb& db, std::chrono::milliseconds budget)
    : db_(db.handle()), end_(std::chrono::steady_clock::now() + budget) {
  // Every thousand virtual-machine steps: a few microseconds apart.
  sqlite3_progress_handler(db_, 1000, &Deadline::Check, this);
}

Deadline::~Deadline() { sqlite3_progress_handler(db_, 0, nullptr, nullptr); }

int Deadline::Check(void* self) { return static_cast<Deadline*>(self)->Passed() ? 1 : 0; }

Status SqliteDb::ExecScript(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    Status s = ErrorStatus(std::string("exec: ") + (err ? err : ""));
    sqlite3_free(err);
    return s;
  }
  return Status::Ok();
}

Result<Stmt> SqliteDb::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Stmt(this, it->second.stmt, false);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return ErrorStatus("prepare");
  }
  if (it != cache_.end()) return Stmt(this, stmt, true);  // the cached one is busy (nested use)
  cache_[sql] = Cached{stmt, true};
  sql_of_[stmt] = sql;
  return Stmt(this, stmt, false);
}

void SqliteDb::Release(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  cache_[sql_of_[stmt]].in_use = false;
}

// --- Transactions and savepoints -----------------------------------------------

Result<std::unique_ptr<SqliteTransaction>> SqliteTransaction::BeginWrite(SqliteDb& db) {
  if (!db.large_cache_) {
    // A batch of registrations touches more pages than SQLite's default
    // 2 MB cache holds; re-reading them from the WAL showed in profiles.
    // Only connections that write get the larger cache: one reading
    // metadata for a batch of renders would fill it with pages it never
    // reads again (5.7 MB of a 29 MB render process).
    DOSSIER_RETURN_IF_ERROR(db.ExecScript("PRAGMA cache_size=-32768;"));
    db.large_cache_ = true;
  }
  DOSSIER_RETURN_IF_ERROR(db.ExecScript("BEGIN IMMEDIATE"));
  return std::unique_ptr<SqliteTransaction>(new SqliteTransaction(&db));
}

void SqliteDb::ShrinkCacheAfterWrites() {
  if (!large_cache_) return;
  // Best effort: a connection that keeps the larger cache only holds more memory.
  if (ExecScript("PRAGMA cache_size=-2000;").ok()) large_cache_ = false;
}

Result<std::unique_ptr<SqliteTransaction>> SqliteTransaction::BeginRead(SqliteDb& db) {
  DOSSIER_RETURN_IF_ERROR(db.ExecScript("BEGIN"));
  return std::unique_ptr<SqliteTransaction>(new SqliteTransaction(&db));
}

Status SqliteTransaction::Commit() {
  if (before_commit_) DOSSIER_RETURN_IF_ERROR(before_commit_());
  return db_->ExecScript("COMMIT");
}

Status SqliteTransaction::RollBack() { return db_->ExecScript("ROLLBACK"); }

// Savepoints of one name nest: RELEASE and ROLLBACK TO name the newest.
Result<std::unique_ptr<SqliteSavepoint>> SqliteSavepoint::Begin(SqliteDb& db) {
  DOSSIER_RETURN_IF_ERROR(db.ExecScript("SAVEPOINT dossier_savepoint"));
  return std::unique_ptr<SqliteSavepoint>(new SqliteSavepoint(&db));
}

Status SqliteSavepoint::Commit() { return db_->ExecScript("RELEASE dossier_savepoint"); }

Status SqliteSavepoint::RollBack() {
  return db_->ExecScript("ROLLBACK TO dossier_savepoint; RELEASE dossier_savepoint");
}

}  // namespace dossier
