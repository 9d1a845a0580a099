// Catalog migrations: numbered SQL files under schemas/db/ (embedded in the
// binary), applied in order on open, each in its own transaction together
// with its row in schema_migrations.
#ifndef DOSSIER_CATALOG_SQLITE_MIGRATIONS_H_
#define DOSSIER_CATALOG_SQLITE_MIGRATIONS_H_

#include "catalog/sqlite/sqlite_db.h"

namespace dossier {

/// Applies every migration not yet recorded. Refuses a catalog that records
/// a migration this binary does not know (it was written by a newer Dossier).
Status ApplyMigrations(SqliteDb& db, const std::string& now);

/// For a catalog opened read-only: Ok when every migration this binary
/// knows is recorded (and none it does not know), else names the first
/// one missing.
Status CheckNoMigrationPending(SqliteDb& db);

}  // namespace dossier

#endif  // DOSSIER_CATALOG_SQLITE_MIGRATIONS_H_
