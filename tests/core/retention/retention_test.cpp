// Retention of archived documents: class and disposition date, class changes
// and extensions, holds, and what falls due.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "support/archive_fixture.h"

namespace dossier {
namespace {

class RetentionTest : public testing::ArchiveFixture {
 protected:
  DueReport Due(const std::string& as_of, int within = 0, const std::string& who = "档案员") {
    auto report = repo_->RetentionDue(A(who), DueQuery{as_of, within});
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? *report : DueReport{};
  }
  static std::vector<std::string> Numbers(const DueReport& report) {
    std::vector<std::string> out;
    for (const auto& item : report.items) out.push_back(item.document.number);
    return out;
  }
  std::vector<AuditEntry> AuditOf(const std::string& ref, const std::string& action) {
    std::vector<AuditEntry> out;
    auto trail = repo_->Audit(admin_, ref);
    EXPECT_TRUE(trail.ok()) << trail.status().message();
    for (const auto& e : trail.ok() ? *trail : std::vector<AuditEntry>{}) {
      if (e.action == action) out.push_back(e);
    }
    return out;
  }
};

TEST_F(RetentionTest, AnArchivedContractCountsFromJanuaryFirstAfterItsArchiveDate) {
  std::string n = ArchivedContract();
  auto status = repo_->Retention(A("张三"), n);
  ASSERT_TRUE(status.ok()) << status.status().message();
  EXPECT_EQ(status->cls.code, "D30");
  EXPECT_EQ(status->cls.action, RetentionAction::kReview);
  EXPECT_EQ(status->clock_start, "2026-03-01");
  EXPECT_EQ(status->disposition_date, "2057-01-01");  // 30 years from 2027-01-01
  EXPECT_FALSE(status->held());

  EXPECT_TRUE(Due("2056-12-31").items.empty());
  EXPECT_EQ(Numbers(Due("2056-12-31", 1)), Numbers(Due("2057-01-01")));
  auto due = Due("2057-01-01");
  // The whole file falls due together: the contract and its approval form.
  ASSERT_EQ(due.items.size(), 2u);
  EXPECT_EQ(due.items[0].retention.cls.action, RetentionAction::kReview);
  EXPECT_EQ(due.items[0].retention.disposition_date, "2057-01-01");
  EXPECT_TRUE(
      repo_->Retention(A("张三"), Contract(10'000, true, false)).status().IsInvalidArgument());
}

TEST_F(RetentionTest, OnlyThoseWhoMayDecideSeeWhatIsDueAndBadDatesAreRefused) {
  ArchivedContract();
  EXPECT_TRUE(repo_->RetentionDue(A("张三"), {}).status().IsPermissionDenied());
  EXPECT_TRUE(repo_->RetentionDue(A("王律师"), {"2057-01-01", 0}).ok());
  auto bad = repo_->RetentionDue(A("档案员"), {"2057-13-01", 0});
  ASSERT_TRUE(bad.status().IsInvalidArgument());
  EXPECT_NE(bad.status().message().find("2057-13-01"), std::string::npos);
  EXPECT_TRUE(repo_->RetentionDue(A("档案员"), {"2057-01-01", -1}).status().IsInvalidArgument());
}

TEST_F(RetentionTest, ChangingTheClassIsTheArchivistsWithAReasonAndIsAudited) {
  std::string n = ArchivedContract();
  EXPECT_TRUE(repo_->SetRetentionClass(A("李经理"), n, "D10", "x").status().IsPermissionDenied());
  EXPECT_TRUE(repo_->SetRetentionClass(A("档案员"), n, "D10", "").status().IsInvalidArgument());
  auto unknown = repo_->SetRetentionClass(A("档案员"), n, "D99", "鉴定");
  ASSERT_TRUE(unknown.status().IsInvalidArgument());
  EXPECT_NE(unknown.status().message().find("D10"), std::string::npos)
      << unknown.status().message();
  EXPECT_TRUE(repo_->SetRetentionClass(A("档案员"), n, "D30", "鉴定").status().IsInvalidArgument());

  auto changed = repo_->SetRetentionClass(A("档案员"), n, "D10", "鉴定小组意见：无长期保存价值");
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->disposition_date, "2037-01-01");
  EXPECT_EQ(changed->cls.action, RetentionAction::kDestroy);
  EXPECT_EQ(repo_->ArchiveInfo(A("张三"), n)->value().retention, "D10");
  auto audit = AuditOf(n, "retention");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "档案员");
  EXPECT_NE(audit[0].details_json.find("\"from\":\"D30\""), std::string::npos)
      << audit[0].details_json;
  EXPECT_NE(audit[0].details_json.find("无长期保存价值"), std::string::npos);
  // Only the contract changed class: its approval form is still due later.
  auto due = Due("2037-01-01");
  ASSERT_EQ(Numbers(due), std::vector<std::string>{n});
  EXPECT_EQ(due.items[0].retention.cls.action, RetentionAction::kDestroy);
  ExpectVerifies();
}

TEST_F(RetentionTest, AReviewCanKeepADocumentLonger) {
  std::string n = ArchivedContract();
  auto shorter = repo_->ExtendRetention(A("档案员"), n, "2050-01-01", "鉴定");
  ASSERT_TRUE(shorter.status().IsInvalidArgument());
  EXPECT_NE(shorter.status().message().find("2057-01-01"), std::string::npos)
      << shorter.status().message();
  EXPECT_TRUE(
      repo_->ExtendRetention(A("档案员"), n, "2060-02-30", "鉴定").status().IsInvalidArgument());
  EXPECT_TRUE(
      repo_->ExtendRetention(A("王律师"), n, "2067-01-01", "鉴定").status().IsPermissionDenied());
  auto kept = repo_->ExtendRetention(A("档案员"), n, "2067-01-01", "鉴定：仍有参考价值，延长十年");
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(kept->computed_date, "2057-01-01");
  EXPECT_EQ(kept->disposition_date, "2067-01-01");
  EXPECT_EQ(Due("2057-01-01").items.size(), 1u);  // the approval form only
  EXPECT_EQ(Due("2067-01-01").items.size(), 2u);
  EXPECT_EQ(AuditOf(n, "retention-extend").size(), 1u);
  // Permanent material has no date to extend.
  std::string major = ArchivedContract(2'000'000);
  EXPECT_TRUE(
      repo_->ExtendRetention(A("档案员"), major, "2099-01-01", "x").status().IsInvalidArgument());
}

TEST_F(RetentionTest, HoldsCoverADocumentAFileOrAQueryUntilReleased) {
  std::string a = ArchivedContract(50'000, "北京华信科技有限公司");
  std::string b = ArchivedContract(60'000, "上海东方贸易有限公司");
  std::string form_b = repo_->ArchiveUnitOf(A("档案员"), b)->pieces[1].document.number;

  EXPECT_TRUE(repo_->PlaceHold(A("张三"), {HoldScope::kDocument, a, {}, "诉讼", "法务部"})
                  .status()
                  .IsPermissionDenied());
  EXPECT_TRUE(repo_->PlaceHold(A("王律师"), {HoldScope::kDocument, a, {}, "", "法务部"})
                  .status()
                  .IsInvalidArgument());
  auto doc_hold =
      repo_->PlaceHold(A("王律师"), {HoldScope::kDocument, a, {}, "合同纠纷诉讼中", "法务部"});
  ASSERT_TRUE(doc_hold.ok()) << doc_hold.status().message();
  auto twice = repo_->PlaceHold(A("王律师"), {HoldScope::kDocument, a, {}, "again", "法务部"});
  EXPECT_TRUE(twice.status().IsInvalidArgument());
  // A file hold placed through one of its pieces covers the whole file.
  auto file_hold =
      repo_->PlaceHold(A("档案员"), {HoldScope::kFile, form_b, {}, "审计调阅", "审计部"});
  ASSERT_TRUE(file_hold.ok()) << file_hold.status().message();
  EXPECT_EQ(file_hold->label, b);
  ListFilter query;
  query.counterparty = "华信";
  auto query_hold =
      repo_->PlaceHold(A("陈总"), {HoldScope::kQuery, "", query, "对方涉诉", "总经理办公会"});
  ASSERT_TRUE(query_hold.ok()) << query_hold.status().message();
  EXPECT_TRUE(repo_->PlaceHold(A("陈总"), {HoldScope::kQuery, "", {}, "x", "y"})
                  .status()
                  .IsInvalidArgument());

  auto due = Due("2057-01-01");
  ASSERT_EQ(due.items.size(), 4u);
  for (const auto& item : due.items) {
    EXPECT_TRUE(item.retention.held()) << item.document.number;
    if (item.document.number == a) {
      EXPECT_EQ(item.retention.holds.size(), 2u);  // the document and the query
    }
  }
  EXPECT_EQ(repo_->Retention(A("张三"), form_b)->holds.size(), 1u);

  EXPECT_TRUE(repo_->ReleaseHold(A("王律师"), file_hold->id, "").status().IsInvalidArgument());
  auto released = repo_->ReleaseHold(A("王律师"), file_hold->id, "审计结束");
  ASSERT_TRUE(released.ok()) << released.status().message();
  EXPECT_TRUE(repo_->ReleaseHold(A("王律师"), file_hold->id, "again").status().IsInvalidArgument());
  EXPECT_TRUE(repo_->ReleaseHold(A("王律师"), 999, "x").status().IsNotFound());
  EXPECT_FALSE(repo_->Retention(A("张三"), b)->held());
  EXPECT_TRUE(repo_->Retention(A("张三"), a)->held());
  EXPECT_EQ(repo_->Holds(A("档案员"), false)->size(), 2u);
  EXPECT_EQ(repo_->Holds(A("档案员"), true)->size(), 3u);
  EXPECT_EQ(AuditOf(b, "hold").size(), 1u);
  EXPECT_EQ(AuditOf(b, "hold-release").size(), 1u);
  ExpectVerifies();
}

TEST_F(RetentionTest, AContractWithOpenMattersIsHeldFromArchivingUntilSettled) {
  std::string n = ArchivedContract(50'000, "北京华信科技有限公司", /*open_matters=*/true);
  auto status = repo_->Retention(A("档案员"), n);
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->holds.size(), 1u);
  EXPECT_EQ(status->holds[0].authority, "metadata: open_matters");
  EXPECT_EQ(status->holds[0].scope, HoldScope::kFile);
  ASSERT_TRUE(repo_->ReleaseHold(A("档案员"), status->holds[0].id, "尾款已结清").ok());
  EXPECT_FALSE(repo_->Retention(A("档案员"), n)->held());
}

TEST_F(RetentionTest, DueDocumentsAboveClearanceAreCountedNotShown) {
  std::string n = Contract(50'000);
  ApprovalForm(n);
  ASSERT_TRUE(repo_->SetConfidentiality(A("李经理"), n, Confidentiality::kSecret, "商业秘密").ok());
  ASSERT_TRUE(repo_->Archive(A("档案员"), n, {}).ok());
  ASSERT_TRUE(
      repo_->UpdateUser(admin_, "王律师", std::nullopt, Confidentiality::kInternal, std::nullopt)
          .ok());
  auto due = Due("2057-01-01", 0, "王律师");
  ASSERT_EQ(due.items.size(), 1u);  // the approval form
  EXPECT_NE(due.items[0].document.number, n);
  EXPECT_EQ(due.hidden, 1);
}

TEST_F(RetentionTest, AChangedScheduleAppliesToWhatIsAlreadyArchived) {
  std::string n = ArchivedContract();
  // The company's own table: D30 counts from the document's date, and is destroyed.
  std::filesystem::create_directories(dir_ / "repo/config/retention");
  std::ofstream(dir_ / "repo/config/retention/business.json") << R"({
    "schedule": "business", "title": "本公司保管期限表", "fiscal_year_end": "12-31",
    "classes": [
      {"code": "Y", "name_zh": "永久", "permanent": true, "starts": "archive_date", "action": "transfer"},
      {"code": "D30", "name_zh": "定期30年", "years": 30, "starts": "document_date", "counting": "day_after", "action": "destroy"},
      {"code": "D10", "name_zh": "定期10年", "years": 10, "starts": "archive_date", "action": "destroy"}]})";
  OpenOptions options;
  options.clock = clock_;
  repo_ = *Repository::Open(dir_ / "repo", options);
  auto status = repo_->Retention(A("档案员"), n);
  ASSERT_TRUE(status.ok()) << status.status().message();
  EXPECT_EQ(status->clock_start, "2026-03-01");       // the contract's date (signing)
  EXPECT_EQ(status->disposition_date, "2056-03-02");  // from the day after, 30 years
  EXPECT_EQ(Numbers(Due("2056-03-02")).size(), 2u);
  EXPECT_TRUE(Due("2056-03-01").items.empty());

  // A broken schedule stops the repository from opening, naming file and field.
  std::ofstream(dir_ / "repo/config/retention/business.json")
      << R"({"schedule": "business", "classes": [
      {"code": "D30", "name_zh": "定期30年", "years": 30, "starts": "signing", "action": "destroy"}]})";
  auto broken = Repository::Open(dir_ / "repo", options);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("business.json"), std::string::npos)
      << broken.status().message();
  EXPECT_NE(broken.status().message().find("starts"), std::string::npos)
      << broken.status().message();
}

// A class or a hold changed behind the core's back (an archive row edited to
// make a permanent contract destroyable, a hold lifted without a trace) is
// what verify must catch: the audit trail says otherwise.
TEST_F(RetentionTest, VerifyCatchesRetentionAndHoldsChangedBehindTheCoresBack) {
  std::string n = ArchivedContract(2'000'000);  // major: Y
  auto hold = repo_->PlaceHold(A("王律师"), {HoldScope::kFile, n, {}, "诉讼", "法务部"});
  ASSERT_TRUE(hold.ok());
  ExpectVerifies();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "repo/catalog.db").c_str(), &db), SQLITE_OK);
  for (const char* sql :
       {"UPDATE archives SET retention = 'D10'",
        "UPDATE holds SET released_at = '2026-03-02', released_by = 'x', release_reason = 'x'"}) {
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }
  sqlite3_close(db);
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  std::string all;
  for (const auto& p : report->problems) all += p.message + "\n";
  EXPECT_NE(all.find(n + ": its retention class D10 differs from the audit trail's Y"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("hold " + std::to_string(hold->id) +
                     ": its released_at is '2026-03-02', the audit trail says ''"),
            std::string::npos)
      << all;
}

}  // namespace
}  // namespace dossier
