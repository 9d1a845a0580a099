// The contract file and archiving.
#include <gtest/gtest.h>

#include <chrono>

#include "dossier/repository.h"
#include "support/archive_fixture.h"

namespace dossier {
namespace {

using ArchiveTest = testing::ArchiveFixture;

TEST_F(ArchiveTest, ACompleteMajorContractFileIsArchivedPermanentlyAsOneUnit) {
  std::string n = Contract(1'280'000);
  std::string form = ApprovalForm(n);
  std::string letter =
      Attach(n, "correspondence",
             R"({"correspondent":"北京华信科技有限公司","date":"2026-05-01","direction":"来函"})");
  NewDocument am;
  am.type = "amendment";
  am.title = "补充协议（一）";
  am.metadata_json =
      R"({"contract_number":")" + n +
      R"(","department":"商务部","content":"交付期延长","reason":"乙方产能不足","effective_date":"2026-05-01"})";
  std::string amendment = repo_->Register(A("张三"), am)->summary.number;
  ASSERT_TRUE(repo_->Link(A("张三"), amendment, RelationKind::kAmends, n).ok());
  EXPECT_NE(Missing(n).find(amendment + " is not approved"), std::string::npos) << Missing(n);
  Step("张三", amendment, "submit");
  Step("李经理", amendment, "approve");
  Step("陈总", amendment, "approve");
  EXPECT_EQ(Missing(n), "");

  EXPECT_TRUE(repo_->Archive(A("李经理"), n, {}).status().IsPermissionDenied());
  auto records = repo_->Archive(A("档案员"), n, {});
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 4u);
  EXPECT_EQ((*records)[0].archive_code, "Z001-WS·2026-Y-SW-0001");  // major: permanent
  EXPECT_EQ((*records)[0].document_number, n);
  EXPECT_EQ((*records)[1].document_number, amendment);  // agreements before attachments
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ((*records)[i].piece, i + 1);
    EXPECT_EQ((*records)[i].retention, "Y");
  }
  // Archived material is immutable.
  EXPECT_FALSE(repo_->AddVersion(A("张三"), form, VersionChange{.title = "改"}).ok());
  EXPECT_FALSE(repo_->Transition(A("李经理"), n, {"complete", "", {}}).ok());
  EXPECT_FALSE(repo_->Link(A("张三"), letter, RelationKind::kAttachmentOf, n).ok());
  EXPECT_TRUE(repo_->SetConfidentiality(A("李经理"), n, Confidentiality::kSecret, "x")
                  .IsPermissionDenied());
  auto again = repo_->Archive(A("档案员"), n, {});
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("already archived as 档号 Z001-WS·2026-Y-SW-0001"),
            std::string::npos)
      << again.status().message();
  EXPECT_EQ(again.status().message().find("approval form"), std::string::npos)
      << again.status().message();
  auto info = repo_->ArchiveInfo(A("张三"), letter);
  ASSERT_TRUE(info->has_value());
  EXPECT_EQ((*info)->piece, 4);
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  for (const auto& p : report->problems) ADD_FAILURE() << p.message;
}

TEST_F(ArchiveTest, AnIncompleteFileIsRefusedNamingWhatIsMissing) {
  std::string n = Contract(50'000, /*with_text=*/false, /*finish=*/false);
  std::string missing = Missing(n);
  EXPECT_NE(missing.find("has not finished its workflow"), std::string::npos) << missing;
  EXPECT_NE(missing.find("signed contract text"), std::string::npos) << missing;
  EXPECT_NE(missing.find("approval form"), std::string::npos) << missing;
  auto refused = repo_->Archive(A("档案员"), n, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("approval form"), std::string::npos);
  EXPECT_EQ(repo_->Get(A("张三"), n)->summary.status, "signed");
}

TEST_F(ArchiveTest, RetentionComesFromTheTypeOrAnOverrideWithAReason) {
  std::string a = Contract(50'000);
  ApprovalForm(a);
  std::string b = Contract(60'000);
  ApprovalForm(b);
  std::string c = Contract(70'000);
  ApprovalForm(c);
  EXPECT_FALSE(repo_->Archive(A("档案员"), a, {"D30", ""}).ok());  // override without reason
  EXPECT_FALSE(repo_->Archive(A("档案员"), a, {"D99", "x"}).ok());
  auto ra = repo_->Archive(A("档案员"), a, {});
  auto rb = repo_->Archive(A("档案员"), b, {});
  auto rc = repo_->Archive(A("档案员"), c, {"D10", "小额一次性采购"});
  ASSERT_TRUE(ra.ok() && rb.ok() && rc.ok());
  EXPECT_EQ((*ra)[0].archive_code, "Z001-WS·2026-D30-SW-0001");  // the contract type's default
  EXPECT_EQ((*rb)[0].archive_code, "Z001-WS·2026-D30-SW-0002");  // same year x retention x org
  EXPECT_EQ((*rc)[0].archive_code, "Z001-WS·2026-D10-SW-0001");  // its own sequence
  EXPECT_EQ((*rc)[0].retention_reason, "小额一次性采购");
}

TEST_F(ArchiveTest, APieceIsArchivedWithItsContractNotOnItsOwn) {
  std::string n = Contract(50'000);
  std::string form = ApprovalForm(n);
  auto alone = repo_->Archive(A("档案员"), form, {});
  ASSERT_FALSE(alone.ok());
  EXPECT_NE(alone.status().message().find("belongs to the file of " + n), std::string::npos)
      << alone.status().message();
}

TEST_F(ArchiveTest, DistributedMinutesAreArchivedAlone) {
  NewDocument doc;
  doc.type = "meeting-minutes";
  doc.title = "四月例会纪要";
  doc.metadata_json = testing::MinutesMeta();
  std::string m = repo_->Register(A("张三"), doc)->summary.number;
  EXPECT_FALSE(repo_->Archive(A("档案员"), m, {}).ok());
  Step("李经理", m, "approve");
  Step("张三", m, "distribute");
  auto r = repo_->Archive(A("档案员"), m, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0].retention, "D30");
  EXPECT_EQ((*r)[0].archive_code.substr(0, 14), "Z001-WS·2026-");
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST(Circulation, LendReturnOverdueAndNeverToSomeoneWithoutClearance) {
  testing::TempDir dir;
  auto clock = std::make_shared<testing::FixedClock>(testing::Noon(2026, 5, 1));
  OpenOptions options;
  options.clock = clock;
  ASSERT_TRUE(Repository::Init(dir / "repo", options).ok());
  auto repo = *Repository::Open(dir / "repo", options);
  Actor admin = *repo->ActorFor("admin");
  ASSERT_TRUE(repo->AddUser(admin, "张三", Role::kClerk, std::nullopt).ok());
  ASSERT_TRUE(repo->AddUser(admin, "王五", Role::kClerk, std::nullopt).ok());
  ASSERT_TRUE(repo->AddUser(admin, "档案员", Role::kArchivist, std::nullopt).ok());
  ASSERT_TRUE(repo->AddUser(admin, "陈总", Role::kDirector, std::nullopt).ok());
  Actor keeper = *repo->ActorFor("档案员");
  NewDocument doc;
  doc.type = "generic";
  doc.title = "项目总结";
  std::string open = repo->Register(keeper, doc)->summary.number;
  doc.title = "报价底线";
  doc.confidentiality = Confidentiality::kClassified;
  std::string secret = repo->Register(keeper, doc)->summary.number;

  EXPECT_TRUE(repo->Lend(*repo->ActorFor("张三"), open, {"王五", "2026-05-10", false, ""})
                  .status()
                  .IsPermissionDenied());
  EXPECT_FALSE(
      repo->Lend(keeper, open, {"王五", "2026-04-30", false, ""}).ok());  // due in the past
  EXPECT_FALSE(repo->Lend(keeper, open, {"无名氏", "2026-05-10", false, ""}).ok());
  auto hidden = repo->Lend(keeper, secret, {"张三", "2026-05-10", false, ""});
  ASSERT_FALSE(hidden.ok());
  EXPECT_NE(hidden.status().message().find("clearance"), std::string::npos);
  ASSERT_TRUE(repo->Lend(keeper, secret, {"陈总", "2026-05-10", true, "审计"}).ok());
  EXPECT_FALSE(
      repo->Lend(keeper, secret, {"陈总", "2026-05-12", true, ""}).ok());  // the original is out
  ASSERT_TRUE(repo->Lend(keeper, open, {"张三", "2026-05-03", false, ""}).ok());
  ASSERT_TRUE(repo->Lend(keeper, open, {"王五", "2026-05-20", false, ""}).ok());

  clock->Advance(std::chrono::hours{24 * 5});  // 2026-05-06
  LoanFilter overdue;
  overdue.overdue = true;
  auto late = repo->Loans(keeper, overdue);
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ((*late)[0].borrower, "张三");
  EXPECT_EQ(repo->Loans(*repo->ActorFor("张三"), {})->size(),
            2u);                                          // the 机密 loan is invisible to a clerk
  EXPECT_FALSE(repo->Return(keeper, open, "", "").ok());  // two out: whose?
  ASSERT_TRUE(repo->Return(keeper, open, "张三", "完好").ok());
  EXPECT_TRUE(repo->Loans(keeper, overdue)->empty());
  LoanFilter out;
  out.out = true;
  EXPECT_EQ(repo->Loans(keeper, out)->size(), 2u);
  auto verified = repo->Verify(admin);
  ASSERT_TRUE(verified.ok());
  for (const auto& p : verified->problems) ADD_FAILURE() << p.message;
}

TEST(Circulation, EveryViewAndDownloadOfConfidentialMaterialIsLogged) {
  testing::TempDir dir;
  ASSERT_TRUE(Repository::Init(dir / "repo").ok());
  auto repo = *Repository::Open(dir / "repo");
  Actor admin = *repo->ActorFor("admin");
  NewDocument doc;
  doc.type = "generic";
  doc.title = "报价底线";
  doc.confidentiality = Confidentiality::kSecret;
  doc.files = {FileInput{dir.Write("底价.txt", "底价 100 万"), ""}};
  std::string secret = repo->Register(admin, doc)->summary.number;
  doc.title = "公开说明";
  doc.confidentiality = Confidentiality::kPublic;
  doc.files = {FileInput{dir.Write("说明.txt", "说明"), ""}};
  std::string plain = repo->Register(admin, doc)->summary.number;
  ASSERT_TRUE(repo->Get(admin, secret).ok());
  ASSERT_TRUE(repo->Get(admin, plain).ok());
  ASSERT_TRUE(repo->CheckOut(admin, secret, 0, dir / "out").ok());
  auto count = [&](const std::string& ref, const std::string& action) {
    auto entries = repo->Audit(admin, ref);
    int n = 0;
    for (const auto& e : *entries) n += e.action == action && e.actor == "admin";
    return n;
  };
  EXPECT_EQ(count(secret, "view"), 1);
  EXPECT_EQ(count(secret, "download"), 1);
  EXPECT_EQ(count(plain, "view"), 0);
  EXPECT_TRUE(repo->Verify(admin)->clean());
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST(SealRegister, RequestApprovedByTheKeeperUsedReturnedAndListedBySeal) {
  testing::TempDir dir;
  ASSERT_TRUE(Repository::Init(dir / "repo").ok());
  auto repo = *Repository::Open(dir / "repo");
  Actor admin = *repo->ActorFor("admin");
  ASSERT_TRUE(repo->AddUser(admin, "张三", Role::kClerk, std::nullopt).ok());
  ASSERT_TRUE(repo->AddUser(admin, "王律师", Role::kLegal, std::nullopt).ok());
  ASSERT_TRUE(repo->AddUser(admin, "赵会计", Role::kFinance, std::nullopt).ok());
  Actor clerk = *repo->ActorFor("张三"), legal = *repo->ActorFor("王律师"),
        finance = *repo->ActorFor("赵会计");
  NewDocument doc;
  doc.type = "contract";
  doc.title = "采购合同";
  doc.metadata_json = testing::ContractMeta();
  std::string n = repo->Register(clerk, doc)->summary.number;

  EXPECT_FALSE(repo->RequestSeal(clerk, n, "私章", "签订").ok());
  auto use = repo->RequestSeal(clerk, n, "合同专用章", "签订合同");
  ASSERT_TRUE(use.ok()) << use.status().message();
  EXPECT_EQ(use->status, "requested");
  EXPECT_FALSE(repo->UseSeal(clerk, use->id).ok());  // not approved yet
  auto wrong_keeper = repo->DecideSeal(finance, use->id, true, "");
  ASSERT_FALSE(wrong_keeper.ok());
  EXPECT_NE(wrong_keeper.status().message().find("legal"), std::string::npos);
  ASSERT_TRUE(repo->DecideSeal(legal, use->id, true, "").ok());
  EXPECT_FALSE(repo->DecideSeal(legal, use->id, true, "").ok());  // already decided
  ASSERT_TRUE(repo->UseSeal(clerk, use->id).ok());
  EXPECT_FALSE(repo->ReturnSeal(clerk, use->id).ok());  // the keeper records the return
  auto back = repo->ReturnSeal(legal, use->id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->status, "returned");

  auto other = repo->RequestSeal(clerk, n, "财务专用章", "付款");
  EXPECT_FALSE(repo->DecideSeal(finance, other->id, false, "").ok());  // a rejection needs a reason
  ASSERT_TRUE(repo->DecideSeal(finance, other->id, false, "无付款申请").ok());
  EXPECT_FALSE(repo->UseSeal(clerk, other->id).ok());
  // The keeper cannot approve their own request.
  auto own = repo->RequestSeal(legal, n, "合同专用章", "补盖");
  EXPECT_TRUE(repo->DecideSeal(legal, own->id, true, "").status().IsPermissionDenied());

  SealFilter contract_seal;
  contract_seal.seal = "合同专用章";
  EXPECT_EQ(repo->SealRegister(clerk, contract_seal)->size(), 2u);
  EXPECT_EQ(repo->SealRegister(clerk, {})->size(), 3u);
  SealFilter future;
  future.from = "2999-01-01";
  EXPECT_TRUE(repo->SealRegister(clerk, future)->empty());
  EXPECT_TRUE(repo->Verify(admin)->clean());
}

}  // namespace
}  // namespace dossier
