// The catalog layer: migrations, bound parameters, transactions.
#include <gtest/gtest.h>

#include "catalog/sqlite/migrations.h"
#include "catalog/sqlite/sqlite_catalog.h"
#include "resources/resources.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::TempDir;

std::unique_ptr<SqliteDb> OpenDb(const TempDir& dir) {
  auto db = SqliteDb::Open(dir / "catalog.db", true);
  EXPECT_TRUE(db.ok()) << db.status().message();
  return std::move(*db);
}

int64_t Count(SqliteDb& db, const std::string& sql) {
  auto s = db.Prepare(sql);
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(*s->Step());
  return s->Int(0);
}

TEST(Migrations, ApplyOnceAndAreRecorded) {
  TempDir dir;
  auto db = OpenDb(dir);
  ASSERT_TRUE(ApplyMigrations(*db, "2026-01-01T00:00:00.000Z").ok());
  ASSERT_TRUE(ApplyMigrations(*db, "2026-01-02T00:00:00.000Z").ok());  // nothing new: no error
  int64_t embedded = 0;
  for (const auto& r : resources::All()) embedded += r.path.rfind("db/", 0) == 0;
  EXPECT_GE(embedded, 4);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM schema_migrations"), embedded);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'documents'"), 1);
}

TEST(Migrations, RefuseACatalogFromANewerDossier) {
  TempDir dir;
  auto db = OpenDb(dir);
  ASSERT_TRUE(ApplyMigrations(*db, "t").ok());
  ASSERT_TRUE(
      db->ExecScript("INSERT INTO schema_migrations VALUES (999, 'db/999_future.sql', 't')").ok());
  Status s = ApplyMigrations(*db, "t");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("999"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("newer dossier"), std::string::npos) << s.message();
}

TEST(Catalog, ParametersAreBoundNotPasted) {
  TempDir dir;
  auto db = OpenDb(dir);
  ASSERT_TRUE(ApplyMigrations(*db, "t").ok());
  SqliteCatalog catalog(std::move(db));
  std::string hostile = "x'); DROP TABLE users; --";
  User u{hostile, Role::kClerk, Confidentiality::kInternal, true, "t"};
  ASSERT_TRUE(catalog.InsertUser(u).ok());
  auto found = catalog.FindUser(hostile);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, hostile);
  EXPECT_EQ(catalog.ListUsers()->size(), 1u);
}

TEST(Catalog, ARolledBackTransactionLeavesNoTraceAndConsumesNoSequence) {
  TempDir dir;
  auto db = OpenDb(dir);
  ASSERT_TRUE(ApplyMigrations(*db, "t").ok());
  SqliteCatalog catalog(std::move(db));
  {
    auto tx = catalog.BeginWrite();
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ(*catalog.NextSequence("HT-2026-SW-{#}", "contract"), 1);
    EXPECT_EQ(*catalog.NextSequence("HT-2026-SW-{#}", "contract"), 2);
  }  // not committed
  auto tx = catalog.BeginWrite();
  EXPECT_EQ(*catalog.NextSequence("HT-2026-SW-{#}", "contract"), 1);
  EXPECT_EQ(*catalog.NextSequence("HT-2026-FW-{#}", "contract"), 1);
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(catalog.ListScopes()->size(), 2u);
}

TEST(Catalog, ASavepointRolledBackUndoesItsWorkAndTheTransactionGoesOn) {
  TempDir dir;
  auto db = OpenDb(dir);
  ASSERT_TRUE(ApplyMigrations(*db, "t").ok());
  SqliteCatalog catalog(std::move(db));
  auto tx = catalog.BeginWrite();
  ASSERT_TRUE(tx.ok());
  EXPECT_EQ(*catalog.NextSequence("A-{#}", "contract"), 1);
  {
    auto undone = catalog.BeginSavepoint();
    ASSERT_TRUE(undone.ok());
    EXPECT_EQ(*catalog.NextSequence("A-{#}", "contract"), 2);
    EXPECT_EQ(*catalog.NextSequence("B-{#}", "contract"), 1);
    ASSERT_TRUE(undone->RollBack().ok());
  }
  {
    auto kept = catalog.BeginSavepoint();
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(*catalog.NextSequence("A-{#}", "contract"), 2);
    ASSERT_TRUE(kept->Release().ok());
  }
  {
    auto dropped = catalog.BeginSavepoint();  // neither released nor rolled back
    ASSERT_TRUE(dropped.ok());
    EXPECT_EQ(*catalog.NextSequence("C-{#}", "contract"), 1);
  }
  ASSERT_TRUE(tx->Commit().ok());
  auto scopes = catalog.ListScopes();
  ASSERT_TRUE(scopes.ok());
  ASSERT_EQ(scopes->size(), 1u);  // B and C were undone
  EXPECT_EQ((*scopes)[0].scope, "A-{#}");
  EXPECT_EQ((*scopes)[0].last, 2);
}

TEST(Catalog, ListFilterEscapesLikeWildcards) {
  TempDir dir;
  auto db = OpenDb(dir);
  ASSERT_TRUE(ApplyMigrations(*db, "t").ok());
  SqliteCatalog catalog(std::move(db));
  auto add = [&](const std::string& id, const std::string& counterparty) {
    DocumentRow row;
    row.summary.id = id;
    row.summary.type = "contract";
    row.summary.number = "N-" + id;
    row.summary.title = "t";
    row.summary.status = "registered";
    row.summary.current_version = 1;
    row.summary.counterparty = counterparty;
    row.summary.created_at = "t";
    row.summary.created_by = "admin";
    row.number_scope = "N-{#}";
    row.number_seq = 1;
    ASSERT_TRUE(catalog.InsertDocument(row).ok());
  };
  add("a1", "100%科技");
  add("a2", "1000科技");
  ListFilter f;
  f.counterparty = "100%";
  auto rows = catalog.ListDocuments(f, 3);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].summary.id, "a1");
}

}  // namespace
}  // namespace dossier
