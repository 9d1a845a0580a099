// verify finds every kind of tampering the issue names, and names it.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "dossier/repository.h"
#include "support/edit_catalog.h"
#include "support/samples.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::TempDir;

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Repository::Init(dir_ / "repo").ok());
    Reopen();
    NewDocument doc;
    doc.type = "contract";
    doc.title = "服务器采购合同";
    doc.metadata_json = testing::ContractMeta();
    doc.files = {FileInput{dir_.Write("contract.txt", std::string(3000, 'x') + "合同正文"), ""}};
    auto r = repo_->Register(admin_, doc);
    ASSERT_TRUE(r.ok()) << r.status().message();
    doc_ = *r;
    ASSERT_TRUE(repo_
                    ->AddVersion(admin_, doc_.summary.number,
                                 VersionChange{.title = "服务器采购合同（二）"})
                    .ok());
    auto report = repo_->Verify(admin_);
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->clean());
  }
  void Reopen() {
    repo_.reset();
    auto repo = Repository::Open(dir_ / "repo");
    ASSERT_TRUE(repo.ok()) << repo.status().message();
    repo_ = std::move(*repo);
    admin_ = *repo_->ActorFor("admin");
  }
  void Sql(const std::string& sql) { testing::EditCatalog(dir_ / "repo", sql); }

  std::string ProblemsText() {
    auto report = repo_->Verify(admin_);
    EXPECT_TRUE(report.ok());
    std::string all;
    for (const auto& p : report->problems) all += p.message + "\n";
    return all;
  }

  TempDir dir_;
  std::unique_ptr<Repository> repo_;
  Actor admin_;
  Document doc_;
};

TEST_F(VerifyTest, DetectsAHandEditedVersionRow) {
  Sql("UPDATE versions SET metadata = replace(metadata, '120000', '1200000') WHERE version = 1");
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find("does not match its recorded digest"), std::string::npos) << problems;
}

TEST_F(VerifyTest, DetectsAHandEditedDocumentRow) {
  Sql("UPDATE documents SET confidentiality = 0");
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find("confidentiality differs"), std::string::npos) << problems;
}

TEST_F(VerifyTest, DetectsADeletedAuditRow) {
  Sql("DELETE FROM audit WHERE seq = 3");
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find("audit entries 3..3 are missing"), std::string::npos) << problems;
}

TEST_F(VerifyTest, DetectsTheLastAuditRowRemoved) {
  Sql("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)");
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find("recorded head"), std::string::npos) << problems;
}

TEST_F(VerifyTest, DetectsAnAlteredAuditRow) {
  Sql("UPDATE audit SET actor = 'mallory' WHERE seq = 3");
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find("was altered"), std::string::npos) << problems;
}

TEST_F(VerifyTest, DetectsAFlippedByteInAStoredBlob) {
  std::string sha = doc_.current.files[0].sha256;
  // The contract text is small, so it sits in a pack: find it as the catalog says.
  std::string pack;
  int64_t offset = -1, stored = 0;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "repo" / "catalog.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT pack, pack_offset, stored_size FROM blobs WHERE sha256 = ?", -1,
                       &st, nullptr);
    sqlite3_bind_text(st, 1, sha.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    pack = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    offset = sqlite3_column_int64(st, 1);
    stored = sqlite3_column_int64(st, 2);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  ASSERT_FALSE(pack.empty());
  auto path = dir_ / "repo" / "store" / "packs" / (pack + ".pack");
  std::string raw = testing::ReadAll(path);
  raw[static_cast<size_t>(offset + stored - 3)] ^= 0x20;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << raw;
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find(sha), std::string::npos) << problems;
}

TEST_F(VerifyTest, DetectsANumberingGap) {
  Sql("UPDATE number_sequences SET last = last + 1");
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find("sequence 2 is missing"), std::string::npos) << problems;
}

// The scope's sequence row deleted: numbers check saw nothing and every later
// add in that scope failed as an internal error (a number already taken).
TEST_F(VerifyTest, DetectsANumberSequenceRowDeleted) {
  Sql("DELETE FROM number_sequences WHERE type = 'contract'");
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find("has no sequence row"), std::string::npos) << problems;
  EXPECT_NE(problems.find(doc_.summary.number), std::string::npos) << problems;
}

TEST_F(VerifyTest, DetectsMetadataThatNoLongerMatchesItsSchema) {
  // A company tightens its contract schema after the fact.
  auto type_file = dir_ / "repo" / "config" / "types" / "contract.json";
  std::string text = testing::ReadAll(type_file);
  const std::string before = R"("required": ["parties", "subject", "amount", "department"])";
  auto pos = text.find(before);
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, before.size(),
               R"("required": ["parties", "subject", "amount", "department", "x_required"])");
  std::ofstream(type_file, std::ios::trunc) << text;
  Reopen();
  std::string problems = ProblemsText();
  EXPECT_NE(problems.find("x_required"), std::string::npos) << problems;
}

TEST_F(VerifyTest, AMalformedTypeFileIsRefusedAtOpenNamingFileAndField) {
  auto type_file = dir_ / "repo" / "config" / "types" / "report.json";
  std::ofstream(type_file, std::ios::trunc)
      << R"({"code":"report","name_zh":"报告","name_en":"Report","retention":"D10","numbering":{"template":"BG-{year}"},"schema":{}})";
  repo_.reset();
  auto r = Repository::Open(dir_ / "repo");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("report.json"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("counter"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace dossier
