// Destruction: proposing a list from what is due and not held, sign-offs by
// distinct people of the configured roles, rejection, taking lines off, and
// execution: content gone from the store unless shared, residual record,
// audit, certificate, verify clean at every step.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>

#include "support/archive_fixture.h"

namespace dossier {
namespace {

using testing::Noon;

class DisposalTest : public testing::ArchiveFixture {
 protected:
  void SetUp() override {
    ArchiveFixture::SetUp();
    ASSERT_TRUE(repo_->AddUser(admin_, "档案员二", Role::kArchivist, std::nullopt).ok());
  }
  // A contract with its approval form, archived under D10 on 2026-03-01: due 2037-01-01.
  std::string ShortLived(const std::string& counterparty = "北京华信科技有限公司") {
    std::string n = Contract(50'000, true, true, counterparty);
    ApprovalForm(n);
    auto archived = repo_->Archive(A("档案员"), n, ArchiveRequest{"D10", "鉴定：短期保存"});
    EXPECT_TRUE(archived.ok()) << archived.status().message();
    return n;
  }
  // The same, marked 机密 by the director before it was archived.
  std::string ClassifiedShortLived(const std::string& counterparty = "上海东方贸易有限公司") {
    std::string n = Contract(50'000, true, true, counterparty);
    ApprovalForm(n);
    EXPECT_TRUE(
        repo_->SetConfidentiality(A("陈总"), n, Confidentiality::kClassified, "涉及核心技术").ok());
    auto archived = repo_->Archive(A("档案员"), n, ArchiveRequest{"D10", "鉴定：短期保存"});
    EXPECT_TRUE(archived.ok()) << archived.status().message();
    return n;
  }
  std::string FormOf(const std::string& n) {
    return repo_->ArchiveUnitOf(A("档案员"), n)->pieces[1].document.number;
  }
  void SignAll(const std::string& list) {
    for (const char* who : {"李经理", "王律师", "档案员二", "陈总"}) {
      auto signed_ = repo_->ApproveDisposal(A(who), list, "同意销毁");
      ASSERT_TRUE(signed_.ok()) << who << ": " << signed_.status().message();
    }
  }
  // Every byte under store/, to look for content that should be gone.
  std::string StoreBytes() {
    std::string all;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_ / "repo/store")) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }
  static std::vector<std::string> Listed(const DisposalList& list) {
    std::vector<std::string> out;
    for (const auto& l : list.lines) {
      if (l.state == "listed") out.push_back(l.number);
    }
    return out;
  }
};

TEST_F(DisposalTest, AnApprovedListIsExecutedLineByLine) {
  std::string a = ShortLived();
  std::string b = ShortLived("上海东方贸易有限公司");
  std::string kept = ArchivedContract();  // D30: not due
  // A registered copy of a's text: its content must survive a's destruction.
  NewDocument copy;
  copy.type = "generic";
  copy.title = "合同正文副本";
  copy.files = {FileInput{dir_.Write("copy.txt", "合同正文 TOKEN-text0"), ""}};
  ASSERT_TRUE(repo_->Register(A("张三"), copy).ok());
  ASSERT_TRUE(repo_->PlaceHold(A("王律师"), {HoldScope::kFile, b, {}, "合同纠纷", "法务部"}).ok());

  EXPECT_TRUE(
      repo_->ProposeDisposal(A("档案员"), {}).status().IsInvalidArgument());  // 2026: nothing due
  clock_->Set(Noon(2037, 1, 2));
  EXPECT_TRUE(repo_->ProposeDisposal(A("李经理"), {}).status().IsPermissionDenied());
  auto list = repo_->ProposeDisposal(A("档案员"), {"", {}, "2037年度第一批"});
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(Listed(*list),
            (std::vector<std::string>{a, FormOf(a)}));  // b is held, the D30 contract not due
  EXPECT_EQ(list->status, "proposed");
  EXPECT_EQ(list->lines[0].retention, "D10");
  EXPECT_EQ(list->lines[0].years_kept, 10);
  EXPECT_EQ(list->lines[0].year, "2026");
  EXPECT_EQ(repo_->Get(A("档案员"), list->number)->summary.type, "destruction-list");
  // Already listed: a second list finds nothing.
  EXPECT_TRUE(repo_->ProposeDisposal(A("档案员二"), {}).status().IsInvalidArgument());

  // Sign-offs: the configured roles, each by another person, never the proposer.
  EXPECT_TRUE(repo_->ApproveDisposal(A("档案员"), list->number, "").status().IsPermissionDenied());
  EXPECT_TRUE(repo_->ApproveDisposal(A("张三"), list->number, "").status().IsPermissionDenied());
  ASSERT_TRUE(repo_->ApproveDisposal(A("李经理"), list->number, "同意").ok());
  EXPECT_TRUE(repo_->ApproveDisposal(A("李经理"), list->number, "").status().IsConflict());
  EXPECT_TRUE(repo_->ApproveDisposal(A("周经理"), list->number, "")
                  .status()
                  .IsConflict());  // manager signed
  auto early = repo_->ExecuteDisposal(A("档案员"), list->number);
  ASSERT_TRUE(early.status().IsConflict());
  EXPECT_NE(early.status().message().find("awaits the sign-off of archivist, legal, director"),
            std::string::npos)
      << early.status().message();
  for (const char* who : {"王律师", "档案员二", "陈总"})
    ASSERT_TRUE(repo_->ApproveDisposal(A(who), list->number, "同意").ok());
  EXPECT_EQ(repo_->Disposal(A("档案员"), list->number)->status, "approved");
  ExpectVerifies();

  // Held after approval: execution re-checks, and skips it.
  ASSERT_TRUE(
      repo_->PlaceHold(A("王律师"), {HoldScope::kDocument, FormOf(a), {}, "审计调阅", "审计部"})
          .ok());
  EXPECT_NE(StoreBytes().find("TOKEN-text0"), std::string::npos);
  EXPECT_NE(StoreBytes().find("TOKEN-text1"), std::string::npos);
  EXPECT_TRUE(repo_->ExecuteDisposal(A("王律师"), list->number).status().IsPermissionDenied());
  auto outcome = repo_->ExecuteDisposal(A("档案员"), list->number);
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_EQ(outcome->destroyed, 1);
  EXPECT_EQ(outcome->skipped, 1);
  EXPECT_FALSE(outcome->certificate_number.empty());

  auto gone = repo_->Get(A("档案员"), a);
  ASSERT_TRUE(gone.ok());  // the residual record answers what existed
  EXPECT_EQ(gone->summary.status, "destroyed");
  EXPECT_EQ(gone->summary.title, "采购合同");
  EXPECT_TRUE(gone->current.files.empty());
  EXPECT_EQ(gone->current.metadata_json, "{}");
  // Nothing is left to hold.
  auto late_hold = repo_->PlaceHold(A("王律师"), {HoldScope::kDocument, a, {}, "诉讼", "法务部"});
  ASSERT_FALSE(late_hold.ok());
  EXPECT_NE(late_hold.status().message().find("was destroyed: only its residual record remains"),
            std::string::npos)
      << late_hold.status().message();
  auto record = repo_->DestructionOf(A("张三"), a);
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->list_number, list->number);
  EXPECT_EQ((*record)->certificate_number, outcome->certificate_number);
  EXPECT_EQ(repo_->ArchiveInfo(A("张三"), a)->value().retention, "D10");
  // Shared content stays; a's approval form was held and is intact.
  EXPECT_NE(StoreBytes().find("TOKEN-text0"), std::string::npos);
  EXPECT_EQ(repo_->Get(A("档案员"), FormOf(a))->summary.status, "archived");
  auto search = repo_->Search(A("档案员"), SearchRequest{.query = "采购合同"});
  ASSERT_TRUE(search.ok());
  for (const auto& hit : search->hits) EXPECT_NE(hit.document.number, a);
  EXPECT_FALSE(repo_->AddVersion(A("张三"), a, VersionChange{.title = "改"}).ok());
  EXPECT_FALSE(repo_->AddVersion(A("档案员"), list->number, VersionChange{.title = "改"}).ok());
  EXPECT_FALSE(repo_->Void(A("档案员"), outcome->certificate_number, "x").ok());
  auto done = repo_->Disposal(A("档案员"), list->number);
  EXPECT_EQ(done->status, "executed");
  EXPECT_EQ(done->certificate_number, outcome->certificate_number);
  EXPECT_TRUE(repo_->ExecuteDisposal(A("档案员"), list->number).status().IsConflict());
  ExpectVerifies();
}

TEST_F(DisposalTest, ContentNothingKeptSharesLeavesTheStore) {
  std::string a = ShortLived();
  clock_->Set(Noon(2037, 1, 2));
  auto list = repo_->ProposeDisposal(A("档案员"), {});
  ASSERT_TRUE(list.ok()) << list.status().message();
  SignAll(list->number);
  EXPECT_NE(StoreBytes().find("TOKEN-text0"), std::string::npos);
  auto outcome = repo_->ExecuteDisposal(A("档案员"), list->number);
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_EQ(outcome->destroyed, 2);
  EXPECT_GT(outcome->bytes_reclaimed, 0u);
  EXPECT_EQ(StoreBytes().find("TOKEN-text0"), std::string::npos);  // gone from every pack and file
  auto audit = repo_->Audit(admin_, a);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(std::count_if(audit->begin(), audit->end(),
                          [](const AuditEntry& e) { return e.action == "destroy"; }),
            1);
  ExpectVerifies();

  // The archive's mark of what is gone is what due relies on: verify checks it against the records.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "repo/catalog.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE archives SET disposed = '' WHERE disposed = 'destroyed'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  std::string all;
  for (const auto& p : report->problems) all += p.message + "\n";
  EXPECT_NE(all.find(a + ": its archive record is marked \"\" but it was destroyed"),
            std::string::npos)
      << all;
}

// Small contents share pack files: destroying one rewrites its pack without
// it, and the contents kept in that pack move to the new one.
TEST_F(DisposalTest, APackIsRewrittenWithoutTheDestroyedContent) {
  dir_.Write("in/destroyed.txt", "报告正文 TOKEN-GONE");
  dir_.Write("in/kept.txt", "报告正文 TOKEN-KEPT");
  IngestOptions options;
  options.default_type = "generic";
  auto ingested = repo_->Ingest(A("档案员"), dir_ / "in", options);
  ASSERT_TRUE(ingested.ok()) << ingested.status().message();
  ASSERT_EQ(ingested->registered.size(), 2u);
  std::string gone, kept;
  for (const auto& item : ingested->registered)
    (item.path.find("destroyed") != std::string::npos ? gone : kept) = item.number;
  ASSERT_TRUE(repo_->Archive(A("档案员"), gone, ArchiveRequest{"D10", "鉴定"}).ok());
  bool one_pack = false;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "repo/store/packs")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::string pack(std::istreambuf_iterator<char>(in), {});
    one_pack = one_pack || (pack.find("TOKEN-GONE") != std::string::npos &&
                            pack.find("TOKEN-KEPT") != std::string::npos);
  }
  ASSERT_TRUE(one_pack) << "the test needs both contents in one pack";
  clock_->Set(Noon(2037, 1, 2));
  auto list = repo_->ProposeDisposal(A("档案员"), {});
  ASSERT_TRUE(list.ok()) << list.status().message();
  SignAll(list->number);
  ASSERT_TRUE(repo_->ExecuteDisposal(A("档案员"), list->number).ok());
  std::string bytes = StoreBytes();
  EXPECT_EQ(bytes.find("TOKEN-GONE"), std::string::npos);
  EXPECT_NE(bytes.find("TOKEN-KEPT"), std::string::npos);
  auto out = repo_->CheckOut(A("档案员"), kept, 0, dir_ / "out");
  ASSERT_TRUE(out.ok()) << out.status().message();
  ExpectVerifies();
}

TEST_F(DisposalTest, ALineTakenOffIsKeptLongerAndClearsTheSignOffs) {
  std::string a = ShortLived();
  std::string b = ShortLived("上海东方贸易有限公司");
  clock_->Set(Noon(2037, 1, 2));
  auto list = repo_->ProposeDisposal(A("档案员"), {});
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_TRUE(repo_->ApproveDisposal(A("李经理"), list->number, "").ok());
  EXPECT_TRUE(
      repo_->RemoveDisposalLine(A("档案员"), list->number, b, "", "").status().IsInvalidArgument());
  auto changed =
      repo_->RemoveDisposalLine(A("档案员"), list->number, b, "鉴定：仍有参考价值", "2047-01-01");
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(Listed(*changed), (std::vector<std::string>{a, FormOf(a), FormOf(b)}));
  EXPECT_TRUE(changed->approvals.empty());
  EXPECT_EQ(repo_->Retention(A("档案员"), b)->disposition_date, "2047-01-01");
  EXPECT_EQ(repo_->Get(A("档案员"), list->number)->current.number,
            2);  // the list's document records it
  EXPECT_TRUE(repo_->RemoveDisposalLine(A("档案员"), list->number, b, "again", "")
                  .status()
                  .IsInvalidArgument());

  // A rejected list frees its lines for the next.
  EXPECT_TRUE(repo_->RejectDisposal(A("王律师"), list->number, "").status().IsInvalidArgument());
  auto rejected = repo_->RejectDisposal(A("王律师"), list->number, "清册与实物不符，重新核对");
  ASSERT_TRUE(rejected.ok()) << rejected.status().message();
  EXPECT_EQ(rejected->status, "rejected");
  EXPECT_TRUE(repo_->ApproveDisposal(A("陈总"), list->number, "").status().IsConflict());
  auto again = repo_->ProposeDisposal(A("档案员"), {"", {a}, ""});
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(Listed(*again), std::vector<std::string>{a});
  auto not_due = repo_->ProposeDisposal(A("档案员"), {"", {b}, ""});
  ASSERT_TRUE(not_due.status().IsInvalidArgument());
  EXPECT_NE(not_due.status().message().find("kept until 2047-01-01"), std::string::npos)
      << not_due.status().message();
  ExpectVerifies();
}

// A list holding a 机密 document is signed by the manager and legal (cleared
// for 秘密) without either of them seeing that line: the list is marked at
// what every approving role may see, the line withheld from its text, and a
// signer cleared for it vouches for it.
TEST_F(DisposalTest, AListWithAClassifiedLineIsSignedWithoutShowingItToThoseNotCleared) {
  std::string open = ShortLived();
  std::string secret = ClassifiedShortLived();
  clock_->Set(Noon(2037, 1, 2));
  auto list = repo_->ProposeDisposal(A("档案员"), {});
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(Listed(*list).size(), 4u);  // the archivist sees every line

  auto doc = repo_->Get(A("李经理"), list->number);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->summary.confidentiality, Confidentiality::kSecret);
  // (Its approval form, 内部, is listed: its title names the contract, as the fixture writes it.)
  EXPECT_EQ(doc->current.metadata_json.find("\"number\":\"" + secret + "\""), std::string::npos)
      << doc->current.metadata_json;
  EXPECT_NE(doc->current.metadata_json.find("\"withheld\":\"机密\""), std::string::npos)
      << doc->current.metadata_json;
  auto seen = repo_->Disposal(A("王律师"), list->number);
  ASSERT_TRUE(seen.ok()) << seen.status().message();
  EXPECT_EQ(seen->hidden_lines, 1);
  EXPECT_EQ(Listed(*seen), (std::vector<std::string>{open, FormOf(open), FormOf(secret)}));

  SignAll(list->number);
  EXPECT_EQ(repo_->Disposal(A("档案员"), list->number)->status, "approved");
  auto outcome = repo_->ExecuteDisposal(A("档案员"), list->number);
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_EQ(outcome->destroyed, 4);
  // The certificate is read by those who signed, the 机密 line withheld there too.
  auto certificate = repo_->Get(A("李经理"), outcome->certificate_number);
  ASSERT_TRUE(certificate.ok()) << certificate.status().message();
  EXPECT_EQ(certificate->current.metadata_json.find("\"number\":\"" + secret + "\""),
            std::string::npos)
      << certificate->current.metadata_json;
  EXPECT_NE(certificate->current.metadata_json.find("（机密，不在本证明中列明）"),
            std::string::npos);
  auto record = repo_->DestructionOf(A("档案员"), secret);
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->certificate_number, outcome->certificate_number);
  ExpectVerifies();
}

// When none of the approving roles may see a line, the list cannot be
// completed by people who never saw it: the last sign-off is refused, naming
// what is missing, until the line is taken off.
TEST_F(DisposalTest, NoListIsApprovedWithALineNoSignerWasClearedFor) {
  std::ofstream(dir_ / "repo/config/disposal.json") << R"({"approvals": ["manager", "legal"]})";
  OpenOptions options;
  options.clock = clock_;
  repo_ = *Repository::Open(dir_ / "repo", options);
  std::string secret = ClassifiedShortLived();
  clock_->Set(Noon(2037, 1, 2));
  auto list = repo_->ProposeDisposal(A("档案员"), {});
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_TRUE(repo_->ApproveDisposal(A("李经理"), list->number, "").ok());
  auto last = repo_->ApproveDisposal(A("王律师"), list->number, "");
  ASSERT_TRUE(last.status().IsConflict()) << last.status().message();
  EXPECT_NE(last.status().message().find("机密"), std::string::npos) << last.status().message();
  EXPECT_EQ(repo_->Disposal(A("档案员"), list->number)->status, "proposed");
  ASSERT_TRUE(
      repo_->RemoveDisposalLine(A("档案员"), list->number, secret, "鉴定：继续保存", "2047-01-01")
          .ok());
  ASSERT_TRUE(repo_->ApproveDisposal(A("李经理"), list->number, "").ok());
  ASSERT_TRUE(repo_->ApproveDisposal(A("王律师"), list->number, "").ok());
  EXPECT_EQ(repo_->Disposal(A("档案员"), list->number)->status, "approved");
}

TEST_F(DisposalTest, TheApprovingRolesComeFromConfiguration) {
  std::ofstream(dir_ / "repo/config/disposal.json") << R"({"approvals": ["legal", "director"]})";
  OpenOptions options;
  options.clock = clock_;
  repo_ = *Repository::Open(dir_ / "repo", options);
  ShortLived();
  clock_->Set(Noon(2037, 1, 2));
  auto list = repo_->ProposeDisposal(A("档案员"), {});
  ASSERT_TRUE(list.ok());
  ASSERT_TRUE(repo_->ApproveDisposal(A("王律师"), list->number, "").ok());
  EXPECT_TRUE(repo_->ApproveDisposal(A("李经理"), list->number, "").status().IsPermissionDenied());
  ASSERT_TRUE(repo_->ApproveDisposal(A("陈总"), list->number, "").ok());
  EXPECT_EQ(repo_->Disposal(A("档案员"), list->number)->status, "approved");

  std::ofstream(dir_ / "repo/config/disposal.json") << R"({"approvals": ["legal", "auditor"]})";
  auto broken = Repository::Open(dir_ / "repo", options);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("'auditor' is not a role"), std::string::npos)
      << broken.status().message();
}

}  // namespace
}  // namespace dossier
