// verify holds every register beside the documents to the audit trail: a
// row edited, forged or deleted behind Dossier's back with plain SQL — the
// attacks of issue 20 §2 — is reported, naming the row and what differs,
// where before each ended "OK: no problems found".
#include <gtest/gtest.h>

#include "support/archive_fixture.h"
#include "support/edit_catalog.h"

namespace dossier {
namespace {

struct Tampering {
  std::string name;
  std::string sql;       // what the attacker runs on catalog.db
  std::string expected;  // a part of the problem verify reports
};

// Named by its case in failure messages, not as bytes.
void PrintTo(const Tampering& t, std::ostream* os) { *os << t.name; }

class VerifyRegistersTest : public testing::ArchiveFixture,
                            public ::testing::WithParamInterface<Tampering> {
 protected:
  void SetUp() override {
    ArchiveFixture::SetUp();
    // A major contract (legal, finance and the director approve), archived,
    // with a loan returned and one out, a seal used, and holds.
    contract_ = ArchivedContract(2'000'000);
    ASSERT_TRUE(
        repo_->Lend(A("档案员"), contract_, LoanRequest{"李经理", "2026-03-20", true, "审计借阅"})
            .ok());
    ASSERT_TRUE(repo_->Return(A("档案员"), contract_, "李经理", "").ok());
    ASSERT_TRUE(
        repo_->Lend(A("档案员"), contract_, LoanRequest{"王律师", "2026-04-01", false, ""}).ok());
    auto use = repo_->RequestSeal(A("张三"), contract_, "合同专用章", "补充协议盖章");
    ASSERT_TRUE(use.ok()) << use.status().message();
    ASSERT_TRUE(repo_->DecideSeal(A("王律师"), use->id, true, "同意").ok());
    ASSERT_TRUE(repo_->UseSeal(A("张三"), use->id).ok());
    ASSERT_TRUE(
        repo_->PlaceHold(A("王律师"), {HoldScope::kDocument, contract_, {}, "诉讼", "法务部"})
            .ok());
    ListFilter query;
    query.counterparty = "华信";
    ASSERT_TRUE(
        repo_->PlaceHold(A("王律师"), {HoldScope::kQuery, "", query, "调查", "法务部"}).ok());
    // Minutes reviewed (their two resolutions tracked), distributed, one resolution done.
    NewDocument minutes;
    minutes.type = "meeting-minutes";
    minutes.title = "采购进度会议纪要";
    minutes.metadata_json = testing::MinutesMeta();
    const std::string second = R"({"text":"下周提交验收方案","owner":"张三","due":"2026-04-16"})";
    minutes.metadata_json.insert(minutes.metadata_json.find("}],\"distribution\"") + 1,
                                 "," + second);
    auto registered = repo_->Register(A("张三"), minutes);
    ASSERT_TRUE(registered.ok()) << registered.status().message();
    Step("李经理", registered->summary.number, "approve");
    Step("张三", registered->summary.number, "distribute");
    ASSERT_TRUE(repo_->CompleteResolution(A("张三"), registered->summary.number, 1, "已确认").ok());
    ExpectVerifies();
  }
  std::string Problems() {
    auto report = repo_->Verify(admin_);
    EXPECT_TRUE(report.ok()) << report.status().message();
    std::string all;
    for (const auto& p : report->problems) all += p.message + "\n";
    return all;
  }

  std::string contract_;
};

TEST_P(VerifyRegistersTest, IsReported) {
  const Tampering& t = GetParam();
  testing::EditCatalog(dir_ / "repo", t.sql);
  std::string problems = Problems();
  EXPECT_NE(problems.find(t.expected), std::string::npos) << t.sql << "\nreported:\n" << problems;
}

INSTANTIATE_TEST_SUITE_P(
    Issue20, VerifyRegistersTest,
    ::testing::Values(
        Tampering{"ClerkPromotedToDirector",
                  "UPDATE users SET role = 'director', clearance = 3 WHERE name = '张三'",
                  "user 张三: its clearance is '3', the audit trail says '1'"},
        Tampering{"UserAddedWithoutTrace",
                  "INSERT INTO users (name, role, clearance, created_at) "
                  "VALUES ('mallory', 'admin', 3, '2026-01-01T00:00:00Z')",
                  "user mallory has no audit entry"},
        Tampering{"UserDeactivatedSilently", "UPDATE users SET active = 0 WHERE name = '王律师'",
                  "user 王律师: its active is '0', the audit trail says '1'"},
        Tampering{"UserMovedToAnotherDepartment",
                  "UPDATE users SET department = '财务部' WHERE name = '张三'",
                  "user 张三: its department is '财务部', the audit trail says ''"},
        Tampering{"ApprovalReattributedToLegal",
                  "UPDATE steps SET actor = '王律师', role = 'legal' WHERE actor = '陈总' AND "
                  "action = 'approve'",
                  "by 陈总 as director on"},
        Tampering{"StepDeleted", "DELETE FROM steps WHERE actor = '赵会计'",
                  "by 赵会计 as finance on 2026-03-01T12:00:"},
        Tampering{"HoldQueryEmptied", "UPDATE holds SET query = '{}' WHERE scope = 'query'",
                  "its filter () is not the one it was placed with (counterparty ~ 华信)"},
        Tampering{"HoldLiftedSilently", "DELETE FROM holds WHERE scope = 'document'",
                  "is in the audit trail but missing"},
        Tampering{"HoldReasonRewritten", "UPDATE holds SET reason = '无' WHERE scope = 'document'",
                  "its reason is '无', the audit trail says '诉讼'"},
        Tampering{"LoanForged",
                  "INSERT INTO loans (doc_id, borrower, original, lent_at, lent_by, due, note) "
                  "SELECT doc_id, '张三', 1, '2026-03-05T08:00:00Z', '档案员', '2026-03-09', '' "
                  "FROM loans LIMIT 1",
                  "to 张三 on 2026-03-05T08:00:00Z (due 2026-03-09, out) has no audit entry that "
                  "explains it"},
        Tampering{"LoanMarkedReturned",
                  "UPDATE loans SET returned_at = '2026-03-02T00:00:00Z', returned_by = '档案员' "
                  "WHERE borrower = '王律师'",
                  "to 王律师 on"},
        Tampering{"LoanDeleted", "DELETE FROM loans WHERE borrower = '李经理'", "to 李经理 on"},
        Tampering{
            "SealUseForged",
            "INSERT INTO seal_uses (doc_id, seal, purpose, status, requested_by, requested_at) "
            "SELECT doc_id, '公章', '私用', 'used', '张三', '2026-03-03T00:00:00Z' FROM seal_uses",
            "seal use 2 has no audit entry"},
        Tampering{"SealPurposeRewritten", "UPDATE seal_uses SET purpose = '其他'",
                  "seal use 1: its purpose is '其他', the audit trail says '补充协议盖章'"},
        Tampering{"ResolutionMarkedDone",
                  "UPDATE resolutions SET status = 'done', done_at = '2026-03-02T00:00:00Z', "
                  "done_by = '张三' WHERE item = 2",
                  "resolution 2: its done_at is '2026-03-02T00:00:00Z', the audit trail says ''"},
        Tampering{"ResolutionOwnerChanged", "UPDATE resolutions SET owner = '王五' WHERE item = 1",
                  "resolution 1: its owner is '王五', the audit trail says '张三'"},
        Tampering{"DistributionDeleted", "DELETE FROM distributions WHERE recipient = '财务部'",
                  "the copy to 财务部 by 张三 on"},
        Tampering{"DistributionForged",
                  "INSERT INTO distributions (doc_id, recipient, at, by, note) "
                  "SELECT doc_id, '法务部', at, by, note FROM distributions LIMIT 1",
                  "the copy to 法务部 by 张三 on"},
        Tampering{"RetentionClockMovedTo1990", "UPDATE archives SET clock_start = '1990-01-01'",
                  "its archive record's clock_start is '1990-01-01', the audit trail says '"},
        Tampering{"ArchiveCodeRewritten",
                  "UPDATE archives SET archive_code = 'X-1' WHERE piece = 1",
                  "its archive record's archive_code is 'X-1'"},
        Tampering{"CounterpartyRewritten",
                  "UPDATE documents SET counterparty = '别家公司' WHERE type = 'contract'",
                  "its counterparty is '别家公司', its metadata says '北京华信科技有限公司'"},
        Tampering{"DepartmentRewritten",
                  "UPDATE documents SET dept = '财务部' WHERE type = 'contract'",
                  "its department is '财务部', its metadata says '商务部'"},
        Tampering{"DateRewritten",
                  "UPDATE documents SET doc_date = '2020-01-01' WHERE type = 'contract'",
                  "its date is '2020-01-01'"},
        Tampering{"CreatorRewritten",
                  "UPDATE documents SET created_by = '陈总' WHERE type = 'contract'",
                  "it was registered by 张三 as the audit trail says, the catalog says 陈总"},
        Tampering{"SecretDocumentErased",
                  "PRAGMA foreign_keys = OFF; DELETE FROM version_files WHERE doc_id IN (SELECT id "
                  "FROM documents WHERE "
                  "type = 'approval-form'); DELETE FROM versions WHERE doc_id IN (SELECT id FROM "
                  "documents WHERE type = "
                  "'approval-form'); DELETE FROM relations WHERE from_id IN (SELECT id FROM "
                  "documents WHERE type = "
                  "'approval-form'); DELETE FROM archives WHERE doc_id IN (SELECT id FROM "
                  "documents WHERE type = "
                  "'approval-form'); DELETE FROM documents WHERE type = 'approval-form'",
                  "is registered in the audit trail but missing from the catalog"}),
    [](const ::testing::TestParamInfo<Tampering>& info) { return info.param.name; });

}  // namespace
}  // namespace dossier
