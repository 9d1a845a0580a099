// The public API of the core: registering, versioning, visibility, roles.
#include "dossier/repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "support/samples.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::ContractMeta;
using testing::MinutesMeta;
using testing::TempDir;

class RepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Repository::Init(dir_ / "repo").ok());
    auto repo = Repository::Open(dir_ / "repo");
    ASSERT_TRUE(repo.ok()) << repo.status().message();
    repo_ = std::move(*repo);
    admin_ = *repo_->ActorFor("admin");
    ASSERT_TRUE(repo_->AddUser(admin_, "张三", Role::kClerk, std::nullopt).ok());
    ASSERT_TRUE(repo_->AddUser(admin_, "李经理", Role::kManager, std::nullopt).ok());
    clerk_ = *repo_->ActorFor("张三");
    manager_ = *repo_->ActorFor("李经理");
  }

  Document AddContract(const Actor& actor, Confidentiality level = Confidentiality::kInternal,
                       const std::string& dept = "商务部") {
    NewDocument doc;
    doc.type = "contract";
    doc.title = "服务器采购合同";
    doc.metadata_json = ContractMeta(dept);
    doc.confidentiality = level;
    doc.files = {FileInput{dir_.Write("contract.txt", "合同正文 " + dept), ""}};
    auto r = repo_->Register(actor, doc);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return *r;
  }

  TempDir dir_;
  std::unique_ptr<Repository> repo_;
  Actor admin_, clerk_, manager_;
};

TEST_F(RepositoryTest, InitRefusesANonEmptyFolder) {
  dir_.Write("busy/file.txt", "x");
  Status s = Repository::Init(dir_ / "busy").status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("not empty"), std::string::npos);
}

TEST_F(RepositoryTest, OpenRefusesAFolderThatIsNoRepository) {
  auto r = Repository::Open(dir_ / "nothing");
  EXPECT_TRUE(
      r.status()
          .IsNotFound());  // the front end says whether to create one: it knows who named the path
  EXPECT_NE(r.status().message().find("nothing is not a Dossier repository (no catalog.db)"),
            std::string::npos);
  // An empty catalog.db is refused, not migrated into a repository.
  auto empty = dir_.Write("empty/catalog.db", "");
  r = Repository::Open(dir_ / "empty");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(
      r.status().message().find("is not a Dossier repository (its catalog.db holds no catalog)"),
      std::string::npos)
      << r.status().message();
  EXPECT_EQ(std::filesystem::file_size(empty), 0u);
}

TEST_F(RepositoryTest, RegisterAssignsNumbersPerScope) {
  auto a = AddContract(clerk_);
  auto b = AddContract(clerk_);
  auto c = AddContract(clerk_, Confidentiality::kInternal, "法务部");
  std::string year = a.summary.created_at.substr(0, 4);
  EXPECT_EQ(a.summary.number, "HT-" + year + "-SW-0001");
  EXPECT_EQ(b.summary.number, "HT-" + year + "-SW-0002");
  EXPECT_EQ(c.summary.number, "HT-" + year + "-FW-0001");
  EXPECT_EQ(a.summary.counterparty, "北京华信科技有限公司");
  EXPECT_EQ(a.summary.doc_date, "2026-03-01");
  EXPECT_EQ(a.current.files.size(), 1u);
}

// What lists print is one line that shows what it is: a newline in a
// counterparty printed a forged row; U+202E turned a title around.
TEST_F(RepositoryTest, OneLineFieldsRefuseLineBreaksInvisibleCharactersAndBlanks) {
  struct Case {
    std::string title, counterparty, refusal;
  };
  const Case cases[] = {
      {"服务器\n采购合同", "北京华信科技有限公司", "title is more than one line"},
      {"合同\u202Egnp.exe", "北京华信科技有限公司",
       "title contains the invisible character U+202E"},
      {"\u200B", "北京华信科技有限公司", "title contains the invisible character U+200B"},
      {"  \u3000 ", "北京华信科技有限公司", "title is blank"},
      {"服务器采购合同", R"(北京华信\nHT-2026-SW-9999  contract  公开)",  // a JSON escape
       "the counterparty (metadata) is more than one line"},
      {"服务器采购合同", "北京\u2066华信",
       "the counterparty (metadata) contains the invisible character U+2066"},
      {testing::Repeat("长", 501), "北京华信科技有限公司",
       "title is 501 characters long; a one-line field holds at most 500"},
      {"服务器采购合同", testing::Repeat("华", 40000),
       "the counterparty (metadata) is 40,000 characters long"},
  };
  for (const auto& c : cases) {
    NewDocument doc;
    doc.type = "contract";
    doc.title = c.title;
    doc.metadata_json = ContractMeta("商务部", 120000, c.counterparty);
    auto r = repo_->Register(clerk_, doc);
    ASSERT_FALSE(r.ok()) << c.refusal;
    EXPECT_NE(r.status().message().find(c.refusal), std::string::npos) << r.status().message();
  }
  // A multi-line comment is fine; a Chinese title with inner spaces too,
  // and one of 500 characters.
  NewDocument doc;
  doc.type = "contract";
  doc.title = "服务器 采购合同（第一批）";
  doc.comment = "第一行\n第二行";
  doc.metadata_json = ContractMeta();
  EXPECT_TRUE(repo_->Register(clerk_, doc).ok());
  doc.title = testing::Repeat("长", 500);
  EXPECT_TRUE(repo_->Register(clerk_, doc).ok());
  // 陈总 and 陈总 with a zero-width space would be two users who look alike.
  auto added = repo_->AddUser(admin_, "陈总\u200B", Role::kDirector, std::nullopt);
  ASSERT_FALSE(added.ok());
  EXPECT_NE(added.message().find("invisible character"), std::string::npos) << added.message();
}

// Two users must never look alike: in lists, trails and signatures a name
// is who acted.
TEST_F(RepositoryTest, UserNamesAreInNormalFormOfOneScriptAndNeverConfusableWithAnother) {
  ASSERT_TRUE(repo_->AddUser(admin_, "paul", Role::kClerk, std::nullopt).ok());
  ASSERT_TRUE(repo_->AddUser(admin_, "m", Role::kClerk, std::nullopt).ok());
  const std::pair<std::string, std::string> refused[] = {
      {"\uFF50\uFF41\uFF55\uFF4C",
       "is not in Unicode's normal form (NFKC): write it 'paul'"},     // ｐａｕｌ
      {"\u0440\u0430ul", "mixes scripts a reader cannot tell apart"},  // раul
      {"adm\u0456n", "mixes scripts a reader cannot tell apart"},      // Cyrillic і
      {"rn", "looks like the existing user 'm'"},
      {"陈总\u200B", "invisible character"},
  };
  for (const auto& [name, refusal] : refused) {
    Status s = repo_->AddUser(admin_, name, Role::kClerk, std::nullopt);
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_NE(s.message().find(refusal), std::string::npos) << name << ": " << s.message();
  }
  // Chinese names, Chinese with Latin, traditional beside simplified.
  for (const char* name : {"陈总", "陳总", "张三A", "李经理2", "Paul"}) {
    EXPECT_TRUE(repo_->AddUser(admin_, name, Role::kClerk, std::nullopt).ok()) << name;
  }
}

// A date on the calendar, and a term that ends after it starts.
TEST_F(RepositoryTest, DatesAreRealAndATermNeverEndsBeforeItStarts) {
  const std::pair<std::string, std::string> cases[] = {
      {"2026-03-01", "2026-02-30"}, {"2026-03-01", "2026-13-01"}, {"2026-12-31", "2026-03-01"}};
  const char* refusals[] = {"metadata /term/end: 2026-02-30 is not a date on the calendar",
                            "metadata /term/end: 2026-13-01 is not a date on the calendar",
                            "metadata /term: it ends (2026-03-01) before it starts (2026-12-31)"};
  for (size_t i = 0; i < 3; ++i) {
    NewDocument doc;
    doc.type = "contract";
    doc.title = "服务器采购合同";
    doc.metadata_json = ContractMeta();
    doc.set = {MetadataAssignment{"term.start", cases[i].first, false},
               MetadataAssignment{"term.end", cases[i].second, false}};
    auto r = repo_->Register(clerk_, doc);
    ASSERT_FALSE(r.ok()) << refusals[i];
    EXPECT_EQ(r.status().code(), StatusCode::kSchemaViolation);
    EXPECT_NE(r.status().message().find(refusals[i]), std::string::npos) << r.status().message();
  }
}

TEST_F(RepositoryTest, MetadataIsValidatedAgainstTheTypeSchema) {
  NewDocument doc;
  doc.type = "contract";
  doc.title = "缺少条款的合同";
  doc.metadata_json =
      R"({"subject":"x","amount":{"value":"很多","currency":"CNY"},"department":"商务部"})";
  auto r = repo_->Register(clerk_, doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ExitCode(), 1);
  EXPECT_NE(r.status().message().find("parties"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("/amount/value"), std::string::npos) << r.status().message();
  // A failed registration consumes no number.
  auto ok = AddContract(clerk_);
  EXPECT_EQ(ok.summary.number.substr(ok.summary.number.size() - 4), "0001");
}

TEST_F(RepositoryTest, UnknownDepartmentIsNamed) {
  NewDocument doc;
  doc.type = "contract";
  doc.title = "x";
  doc.metadata_json = ContractMeta("宣传部");
  auto r = repo_->Register(clerk_, doc);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("宣传部"), std::string::npos);
}

TEST_F(RepositoryTest, VersionsChainAndDiffShowsWhatChanged) {
  auto doc = AddContract(clerk_);
  VersionChange change;
  change.set = {{"amount.value", "130000", true}};
  change.add_files = {FileInput{dir_.Write("annex.txt", "附件一：设备清单"), ""}};
  change.comment = "价格调整";
  auto v2 = repo_->AddVersion(clerk_, doc.summary.number, change);
  ASSERT_TRUE(v2.ok()) << v2.status().message();
  EXPECT_EQ(v2->number, 2);
  EXPECT_EQ(v2->parent, 1);

  auto history = repo_->History(clerk_, doc.summary.number);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].files.size(), 1u);  // version 1 is untouched
  EXPECT_EQ((*history)[1].files.size(), 2u);

  auto diff = repo_->Diff(clerk_, doc.summary.number, 1, 2);
  ASSERT_TRUE(diff.ok());
  ASSERT_EQ(diff->fields.size(), 1u);
  EXPECT_EQ(diff->fields[0].path, "/amount/value");
  EXPECT_EQ(diff->files_added, std::vector<std::string>{"annex.txt"});
  EXPECT_TRUE(diff->files_removed.empty());

  auto same = repo_->AddVersion(clerk_, doc.summary.number, VersionChange{});
  EXPECT_FALSE(same.ok());
  EXPECT_NE(same.status().message().find("nothing changed"), std::string::npos);
  auto bad = repo_->Diff(clerk_, doc.summary.number, 1, 9);
  EXPECT_FALSE(bad.ok());
}

TEST_F(RepositoryTest, DocumentsAboveClearanceAreInvisible) {
  auto secret = AddContract(manager_, Confidentiality::kSecret);
  auto open = AddContract(clerk_);
  auto listed = repo_->List(clerk_, {});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].number, open.summary.number);
  // The same message as for a number that does not exist: nothing leaks.
  auto hidden = repo_->Get(clerk_, secret.summary.number);
  auto absent = repo_->Get(clerk_, "HT-1999-SW-0001");
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.status().message(), "no document '" + secret.summary.number + "'");
  EXPECT_EQ(absent.status().message(), "no document 'HT-1999-SW-0001'");
  EXPECT_EQ(hidden.status().code(), absent.status().code());
  EXPECT_FALSE(repo_->History(clerk_, secret.summary.id).ok());
  EXPECT_TRUE(repo_->Get(manager_, secret.summary.number).ok());
  // A clerk cannot register above their clearance.
  NewDocument doc;
  doc.type = "generic";
  doc.title = "机密文件";
  doc.confidentiality = Confidentiality::kClassified;
  EXPECT_TRUE(repo_->Register(clerk_, doc).status().IsPermissionDenied());
}

TEST_F(RepositoryTest, RelationsAreCheckedAndHiddenWhenTheOtherEndIsHidden) {
  auto contract = AddContract(clerk_);
  NewDocument amendment;
  amendment.type = "amendment";
  amendment.title = "补充协议一";
  amendment.metadata_json = R"({"contract_number":")" + contract.summary.number +
                            R"(","department":"商务部","content":"交付期延长一个月"})";
  amendment.confidentiality = Confidentiality::kSecret;
  auto a = repo_->Register(manager_, amendment);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_FALSE(
      repo_->Link(manager_, contract.summary.number, RelationKind::kAmends, a->summary.number)
          .ok());
  ASSERT_TRUE(
      repo_->Link(manager_, a->summary.number, RelationKind::kAmends, contract.summary.number)
          .ok());
  EXPECT_EQ(repo_->Link(manager_, a->summary.number, RelationKind::kAmends, contract.summary.number)
                .code(),
            StatusCode::kAlreadyExists);
  auto as_manager = repo_->Get(manager_, contract.summary.number);
  ASSERT_EQ(as_manager->relations.size(), 1u);
  EXPECT_FALSE(as_manager->relations[0].outgoing);
  auto as_clerk = repo_->Get(clerk_, contract.summary.number);
  EXPECT_TRUE(as_clerk->relations.empty());
  // Nor does the contract's audit trail name the secret amendment to him.
  auto names_amendment = [&](const std::vector<AuditEntry>& entries) {
    return std::any_of(entries.begin(), entries.end(), [&](const AuditEntry& e) {
      return e.action == "link" || e.object == a->summary.id ||
             e.details_json.find(a->summary.id) != std::string::npos;
    });
  };
  auto trail_for_clerk = repo_->Audit(clerk_, contract.summary.number);
  ASSERT_TRUE(trail_for_clerk.ok()) << trail_for_clerk.status().message();
  EXPECT_FALSE(trail_for_clerk->empty());
  EXPECT_FALSE(names_amendment(*trail_for_clerk));
  auto trail_for_manager = repo_->Audit(manager_, contract.summary.number);
  ASSERT_TRUE(trail_for_manager.ok());
  EXPECT_TRUE(names_amendment(*trail_for_manager));
}

TEST_F(RepositoryTest, RolesAreEnforcedInTheCore) {
  auto doc = AddContract(clerk_);
  EXPECT_TRUE(repo_->AddUser(clerk_, "x", Role::kClerk, std::nullopt).IsPermissionDenied());
  EXPECT_TRUE(repo_->Void(clerk_, doc.summary.number, "错号").IsPermissionDenied());
  EXPECT_TRUE(repo_->Verify(clerk_).status().IsPermissionDenied());
  EXPECT_TRUE(repo_->Audit(clerk_, std::nullopt).status().IsPermissionDenied());
  EXPECT_TRUE(repo_->Audit(clerk_, doc.summary.number).ok());
  EXPECT_TRUE(
      repo_->SetConfidentiality(manager_, doc.summary.number, Confidentiality::kClassified, "x")
          .IsPermissionDenied());
}

TEST_F(RepositoryTest, VoidKeepsTheNumberAndNeverReusesIt) {
  auto a = AddContract(clerk_);
  ASSERT_TRUE(repo_->Void(manager_, a.summary.number, "重复登记").ok());
  auto b = AddContract(clerk_);
  EXPECT_NE(a.summary.number, b.summary.number);
  auto numbers = repo_->CheckNumbers(admin_);
  ASSERT_TRUE(numbers.ok());
  ASSERT_EQ(numbers->size(), 1u);
  EXPECT_EQ((*numbers)[0].voids, std::vector<std::string>{a.summary.number});
  EXPECT_TRUE((*numbers)[0].gaps.empty());
  EXPECT_FALSE(repo_->AddVersion(clerk_, a.summary.number, VersionChange{.title = "新标题"}).ok());
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->clean());
}

TEST_F(RepositoryTest, EveryChangeIsAuditedInAChain) {
  auto doc = AddContract(clerk_);
  ASSERT_TRUE(
      repo_
          ->AddVersion(clerk_, doc.summary.number, VersionChange{.title = "服务器采购合同（修订）"})
          .ok());
  ASSERT_TRUE(
      repo_->SetConfidentiality(manager_, doc.summary.number, Confidentiality::kSecret, "涉及报价")
          .ok());
  auto entries = repo_->Audit(admin_, doc.summary.number);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].action, "register");
  EXPECT_EQ((*entries)[1].action, "version");
  EXPECT_EQ((*entries)[2].action, "confidentiality");
  EXPECT_EQ((*entries)[2].actor, "李经理");
  auto all = repo_->Audit(admin_, std::nullopt);
  for (size_t i = 1; i < all->size(); ++i) EXPECT_EQ((*all)[i].prev_hash, (*all)[i - 1].hash);
}

TEST_F(RepositoryTest, CheckOutWritesVerifiedFilesAndRefusesToOverwrite) {
  auto doc = AddContract(clerk_);
  auto written = repo_->CheckOut(clerk_, doc.summary.number, 0, dir_ / "out");
  ASSERT_TRUE(written.ok()) << written.status().message();
  ASSERT_EQ(written->size(), 1u);
  EXPECT_EQ(testing::ReadAll((*written)[0]), "合同正文 商务部");
  auto again = repo_->CheckOut(clerk_, doc.summary.number, 0, dir_ / "out");
  EXPECT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("already exists"), std::string::npos);
}

TEST_F(RepositoryTest, MinutesRegisterWithTheirResolutions) {
  NewDocument doc;
  doc.type = "meeting-minutes";
  doc.title = "四月商务例会纪要";
  doc.metadata_json = MinutesMeta();
  auto r = repo_->Register(clerk_, doc);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->summary.number.substr(0, 3), "HY-");
  EXPECT_EQ(r->summary.doc_date, "2026-04-02");
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// One Repository shared by many threads, as the HTTP server will share it.
TEST(RepositoryThreads, ConcurrentRegistrationsGetUniqueGapFreeNumbers) {
  testing::TempDir dir;
  ASSERT_TRUE(Repository::Init(dir / "repo").ok());
  auto repo = Repository::Open(dir / "repo");
  ASSERT_TRUE(repo.ok());
  Actor admin = *(*repo)->ActorFor("admin");
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::vector<std::string>> numbers(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        NewDocument doc;
        doc.type = "contract";
        doc.title = "线程合同 " + std::to_string(t) + "-" + std::to_string(i);
        doc.metadata_json = testing::ContractMeta();
        auto r = (*repo)->Register(admin, doc);
        if (r.ok()) numbers[t].push_back(r->summary.number);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> all;
  for (const auto& v : numbers) {
    EXPECT_EQ(v.size(), static_cast<size_t>(kEach));
    all.insert(v.begin(), v.end());
  }
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  auto report = (*repo)->CheckNumbers(admin);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ((*report)[0].last, kThreads * kEach);
  EXPECT_TRUE((*report)[0].gaps.empty());
  EXPECT_TRUE((*repo)->Verify(admin)->clean());
}

}  // namespace
}  // namespace dossier
