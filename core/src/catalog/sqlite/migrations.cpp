#include "catalog/sqlite/migrations.h"

#include <map>

#include "resources/resources.h"

namespace dossier {

namespace {

// "db/001_initial.sql" -> 1; 0 if the name does not follow the pattern.
int MigrationNumber(std::string_view path) {
  if (path.substr(0, 3) != "db/" || path.size() < 8 || path.substr(path.size() - 4) != ".sql")
    return 0;
  int n = 0;
  for (size_t i = 3; i < path.size() && path[i] >= '0' && path[i] <= '9'; ++i)
    n = n * 10 + (path[i] - '0');
  return n;
}

std::map<int, resources::Resource> KnownMigrations() {
  std::map<int, resources::Resource> known;
  for (const auto& r : resources::All()) {
    if (int n = MigrationNumber(r.path); n > 0) known[n] = r;
  }
  return known;
}

// The migrations the catalog records, refusing one this binary does not know.
Result<std::map<int, std::string>> AppliedMigrations(
    SqliteDb& db, const std::map<int, resources::Resource>& known) {
  std::map<int, std::string> applied;
  auto stmt = db.Prepare("SELECT version, name FROM schema_migrations");
  if (!stmt.ok()) return stmt.status();
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    applied[static_cast<int>(stmt->Int(0))] = stmt->Text(1);
  }
  for (const auto& [n, name] : applied) {
    if (!known.count(n)) {
      return Status::InvalidArgument(
          "the catalog has migration " + std::to_string(n) + " (" + name +
          ") that this version of dossier does not know; use a newer dossier");
    }
  }
  return applied;
}

}  // namespace

Status CheckNoMigrationPending(SqliteDb& db) {
  const auto known = KnownMigrations();
  auto applied = AppliedMigrations(db, known);
  if (!applied.ok()) return applied.status();
  for (const auto& [n, res] : known) {
    if (!applied->count(n))
      return Status::InvalidArgument("migration " + std::string(res.path) + " is not applied");
  }
  return Status::Ok();
}

Status ApplyMigrations(SqliteDb& db, const std::string& now) {
  DOSSIER_RETURN_IF_ERROR(
      db.ExecScript("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                    "name TEXT NOT NULL, "
                    "applied_at TEXT NOT NULL)"));
  const auto known = KnownMigrations();
  auto recorded = AppliedMigrations(db, known);
  if (!recorded.ok()) return recorded.status();
  const auto& applied = *recorded;
  for (const auto& [n, res] : known) {
    if (applied.count(n)) continue;
    DOSSIER_ASSIGN_OR_RETURN(auto work, SqliteTransaction::BeginWrite(db));
    Transaction tx(std::move(work));
    // Another process may have applied it while we waited for the lock.
    auto check = db.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
    if (!check.ok()) return check.status();
    check->Bind(1, n);
    auto exists = check->Step();
    if (!exists.ok()) return exists.status();
    if (*exists) continue;
    DOSSIER_RETURN_IF_ERROR(
        db.ExecScript(std::string(res.data)).WithContext("migration " + std::string(res.path)));
    auto rec =
        db.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    if (!rec.ok()) return rec.status();
    rec->BindAll(n, std::string(res.path), now);
    DOSSIER_RETURN_IF_ERROR(rec->Run());
    DOSSIER_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::Ok();
}

}  // namespace dossier
