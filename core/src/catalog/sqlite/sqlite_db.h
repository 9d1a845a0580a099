// A thin RAII layer over one SQLite connection: prepared statements cached
// per connection, parameters always bound, errors as Status.
//
// Not thread-safe: one SqliteDb per thread at a time (the CatalogPool hands
// connections out one at a time).
#ifndef DOSSIER_CATALOG_SQLITE_SQLITE_DB_H_
#define DOSSIER_CATALOG_SQLITE_SQLITE_DB_H_

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "catalog/transaction.h"
#include "dossier/status.h"

namespace dossier {

class SqliteDb;

/// A prepared statement in use. Resets itself (and frees its bindings) when
/// it goes out of scope, so the cached statement can be used again.
class Stmt {
 public:
  Stmt(SqliteDb* db, sqlite3_stmt* stmt, bool owned) : db_(db), stmt_(stmt), owned_(owned) {}
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;

  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Stmt& Bind(int index, std::string_view value);
  Stmt& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Stmt& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Stmt& Bind(int index, double value);
  Stmt& BindBlob(int index, std::string_view bytes);
  Stmt& Bind(int index, std::nullopt_t);
  Stmt& Bind(int index, const std::optional<std::string>& value);

  /// Binds every argument in order, from index 1.
  template <typename... Args>
  Stmt& BindAll(const Args&... args) {
    int i = 0;
    (Bind(++i, args), ...);
    return *this;
  }

  /// Steps once: true when a row is ready, false when done.
  Result<bool> Step();
  /// Steps to completion (for statements that return no rows).
  Status Run();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_;
  bool owned_;  // not from the cache: finalize instead of reset
  Status bind_error_;
};

class SqliteDb {
 public:
  /// Opens (creating if asked) a database in WAL mode with full sync,
  /// foreign keys on, and a generous busy timeout so that concurrent
  /// processes queue instead of failing.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::filesystem::path& path, bool create);
  /// Opens a catalog that cannot be written (backup media, a write-once
  /// copy, a folder without write permission): read-only, and "immutable"
  /// when SQLite could not make the shared-memory file WAL readers need
  /// (then nothing may write the catalog while it is open).
  static Result<std::unique_ptr<SqliteDb>> OpenReadOnly(const std::filesystem::path& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  /// Runs SQL text that may hold several statements and binds nothing.
  /// Only for fixed text: migrations and pragmas.
  Status ExecScript(const std::string& sql);
  Result<Stmt> Prepare(const std::string& sql);
  Status ErrorStatus(const std::string& what) const;
  /// Copies the database into a new file by SQLite's online backup, all
  /// pages in one step: one read transaction, so one consistent snapshot,
  /// while other connections go on writing (WAL). `file` must not exist.
  Status CopyTo(const std::filesystem::path& file);
  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() const { return db_; }
  /// Gives back the larger page cache a write transaction took (below), for
  /// a connection going back to a pool of mostly readers.
  void ShrinkCacheAfterWrites();

 private:
  friend class Stmt;
  friend class SqliteTransaction;
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  static Result<std::unique_ptr<SqliteDb>> OpenWith(const std::string& name, int flags,
                                                    const std::string& pragmas,
                                                    const std::string& failure);
  void Release(sqlite3_stmt* stmt);

  sqlite3* db_;
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  std::unordered_map<std::string, Cached> cache_;
  std::unordered_map<sqlite3_stmt*, std::string> sql_of_;
  bool large_cache_ = false;  // set by the first write transaction
};

/// Stops what a connection runs once a time budget is spent, through
/// SQLite's progress handler: the statement running then fails (SQLite's
/// "interrupted"), and Passed() tells the caller that this was why. Work the
/// caller does between statements asks Passed() itself. One at a time on a
/// connection.
class Deadline {
 public:
  Deadline(SqliteDb& db, std::chrono::milliseconds budget);
  ~Deadline();
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  bool Passed() const { return std::chrono::steady_clock::now() >= end_; }

 private:
  static int Check(void* self);
  sqlite3* db_;
  std::chrono::steady_clock::time_point end_;
};

/// A write (BEGIN IMMEDIATE) or read (BEGIN) transaction on one connection:
/// the work behind a Catalog's Transaction handle (catalog/transaction.h).
class SqliteTransaction final : public TransactionWork {
 public:
  static Result<std::unique_ptr<SqliteTransaction>> BeginWrite(SqliteDb& db);
  static Result<std::unique_ptr<SqliteTransaction>> BeginRead(SqliteDb& db);

  /// Work that must be part of the transaction however it was used (the
  /// catalog's derived tables): runs first in Commit, which fails if it
  /// fails (the handle then rolls back).
  void BeforeCommit(std::function<Status()> fn) { before_commit_ = std::move(fn); }
  Status Commit() override;
  Status RollBack() override;

 private:
  explicit SqliteTransaction(SqliteDb* db) : db_(db) {}
  SqliteDb* db_;
  std::function<Status()> before_commit_;
};

/// A savepoint on one connection (they nest): the work behind a Catalog's
/// Savepoint handle.
class SqliteSavepoint final : public TransactionWork {
 public:
  static Result<std::unique_ptr<SqliteSavepoint>> Begin(SqliteDb& db);
  Status Commit() override;  // RELEASE
  Status RollBack() override;

 private:
  explicit SqliteSavepoint(SqliteDb* db) : db_(db) {}
  SqliteDb* db_;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_SQLITE_SQLITE_DB_H_
