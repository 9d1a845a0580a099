// The catalog's file: made for a new repository, or opened (and brought up to
// this dossier's layout by the migrations of schemas/db/) for an existing one.
#include <fstream>
#include <string_view>

#include "catalog/sqlite/migrations.h"
#include "catalog/sqlite/sqlite_catalog.h"

namespace dossier {

Result<std::unique_ptr<Catalog>> Catalog::Create(const std::filesystem::path& file,
                                                 const std::string& now) {
  DOSSIER_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(file, true));
  DOSSIER_RETURN_IF_ERROR(ApplyMigrations(*db, now));
  return std::unique_ptr<Catalog>(std::make_unique<SqliteCatalog>(std::move(db)));
}

Status Catalog::CopyFile(const std::filesystem::path& from, const std::filesystem::path& to) {
  DOSSIER_ASSIGN_OR_RETURN(auto db, SqliteDb::OpenReadOnly(from));
  return db->CopyTo(to);
}

Result<std::unique_ptr<Catalog>> Catalog::OpenFile(const std::filesystem::path& dir,
                                                   const std::filesystem::path& file,
                                                   bool read_only, const std::string& now,
                                                   SearchOptions search) {
  auto not_a_catalog = [&] {
    return Status::InvalidArgument(dir.string() + " is not a Dossier repository (its " +
                                   file.filename().string() + " holds no catalog)");
  };
  {
    // An empty file (or anything but SQLite) is refused before SQLite
    // opens it, which would make it a database.
    std::ifstream in(file, std::ios::binary);
    char header[16] = {};
    if (!in.read(header, sizeof header) ||
        std::string_view(header, sizeof header) != std::string_view("SQLite format 3\0", 16)) {
      return not_a_catalog();
    }
  }
  DOSSIER_ASSIGN_OR_RETURN(auto db,
                           read_only ? SqliteDb::OpenReadOnly(file) : SqliteDb::Open(file, false));
  {  // A foreign SQLite file is not migrated into a repository.
    DOSSIER_ASSIGN_OR_RETURN(
        auto probe,
        db->Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"));
    auto row = probe.Step();
    if (!row.ok()) return row.status().WithContext(file.string());
    if (!*row || probe.Int(0) == 0) return not_a_catalog();
  }
  if (read_only) {
    DOSSIER_RETURN_IF_ERROR(CheckNoMigrationPending(*db).WithContext(
        dir.string() + " is read-only and cannot be brought up to this dossier's catalog layout"));
  } else {
    DOSSIER_RETURN_IF_ERROR(ApplyMigrations(*db, now));
  }
  return std::unique_ptr<Catalog>(std::make_unique<SqliteCatalog>(std::move(db), search));
}

}  // namespace dossier
