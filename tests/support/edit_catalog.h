// What someone who can write catalog.db does behind Dossier's back: the
// tamper tests edit the catalog with plain SQL, as an attacker would.
#ifndef DOSSIER_TESTS_SUPPORT_EDIT_CATALOG_H_
#define DOSSIER_TESTS_SUPPORT_EDIT_CATALOG_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace dossier::testing {

/// Runs `sql` (one or more statements) on the repository's catalog; the
/// test fails, naming SQLite's error, when a statement does not run.
inline void EditCatalog(const std::filesystem::path& repo, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((repo / "catalog.db").c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << message;
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SUPPORT_EDIT_CATALOG_H_
