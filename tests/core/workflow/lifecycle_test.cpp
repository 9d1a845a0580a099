// Workflows: every path, and every rule the core enforces on them.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "dossier/repository.h"
#include "support/fixed_clock.h"
#include "support/samples.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::TempDir;

class LifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Repository::Init(dir_ / "repo").ok());
    Open();
  }
  void Open() {
    repo_.reset();
    auto repo = Repository::Open(dir_ / "repo");
    ASSERT_TRUE(repo.ok()) << repo.status().message();
    repo_ = std::move(*repo);
    admin_ = *repo_->ActorFor("admin");
    for (auto [name, role] : std::vector<std::pair<std::string, Role>>{{"张三", Role::kClerk},
                                                                       {"李经理", Role::kManager},
                                                                       {"周经理", Role::kManager},
                                                                       {"王律师", Role::kLegal},
                                                                       {"赵会计", Role::kFinance},
                                                                       {"陈总", Role::kDirector}}) {
      (void)repo_->AddUser(admin_, name, role, std::nullopt);
      actors_[name] = *repo_->ActorFor(name);
    }
  }
  const Actor& A(const std::string& name) { return actors_.at(name); }

  std::string Contract(double amount, const std::string& by = "张三") {
    NewDocument doc;
    doc.type = "contract";
    doc.title = "采购合同";
    doc.metadata_json = testing::ContractMeta("商务部", amount);
    auto r = repo_->Register(A(by), doc);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r->summary.number;
  }
  Result<LifecycleState> Do(const std::string& who, const std::string& ref,
                            const std::string& action, const std::string& comment = "",
                            std::vector<MetadataAssignment> set = {}) {
    return repo_->Transition(A(who), ref, TransitionRequest{action, comment, std::move(set)});
  }
  void Ok(const std::string& who, const std::string& ref, const std::string& action,
          const std::string& expect_state, const std::string& comment = "",
          std::vector<MetadataAssignment> set = {}) {
    auto r = Do(who, ref, action, comment, std::move(set));
    ASSERT_TRUE(r.ok()) << who << " " << action << ": " << r.status().message();
    EXPECT_EQ(r->state, expect_state) << who << " " << action;
  }
  static std::vector<MetadataAssignment> SigningData() {
    return {{"signing_date", "2026-03-01", false},
            {"signatory_ours", "陈明", false},
            {"signatory_theirs", "刘强", false},
            {"seal", "合同专用章", false}};
  }
  void ExpectVerifies() {
    auto report = repo_->Verify(admin_);
    ASSERT_TRUE(report.ok());
    for (const auto& p : report->problems) ADD_FAILURE() << p.message;
  }

  TempDir dir_;
  std::unique_ptr<Repository> repo_;
  Actor admin_;
  std::map<std::string, Actor> actors_;
};

TEST_F(LifecycleTest, MajorContractNeedsCoReviewByLegalAndFinanceThenTheDirector) {
  std::string n = Contract(1'280'000);
  EXPECT_EQ(repo_->Lifecycle(A("张三"), n)->state, "draft");
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "co_review");
  auto half = Do("王律师", n, "approve");
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->state, "co_review");  // finance has not approved yet
  EXPECT_EQ(half->awaiting, std::vector<std::string>{"finance"});
  // The same person cannot approve twice, nor a role that gives no approval here.
  EXPECT_FALSE(Do("王律师", n, "approve").ok());
  EXPECT_TRUE(Do("陈总", n, "approve").status().IsPermissionDenied());
  Ok("赵会计", n, "approve", "pending_approval");
  // Above the manager's limit: only the director approves.
  auto manager = Do("李经理", n, "approve");
  ASSERT_FALSE(manager.ok());
  EXPECT_NE(manager.status().message().find("director"), std::string::npos)
      << manager.status().message();
  Ok("陈总", n, "approve", "approved");
  ExpectVerifies();
}

TEST_F(LifecycleTest, SmallContractSkipsCoReviewAndTheManagerApprovesIt) {
  std::string n = Contract(50'000);
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "pending_approval");  // not major: no co-review
  Ok("周经理", n, "approve", "approved");          // within the manager's limit
  auto life = repo_->Lifecycle(A("张三"), n);
  ASSERT_EQ(life->steps.size(), 3u);
  EXPECT_EQ(life->steps[1].actor, "李经理");
  EXPECT_TRUE(life->steps[1].review);
}

TEST_F(LifecycleTest, MiddleContractGoesToTheDirectorWithoutCoReview) {
  std::string n = Contract(500'000);  // above the manager's limit, below "major"
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "pending_approval");
  EXPECT_FALSE(Do("周经理", n, "approve").ok());
  Ok("陈总", n, "approve", "approved");
}

TEST_F(LifecycleTest, AMajorFlagForcesCoReviewWhateverTheAmount) {
  NewDocument doc;
  doc.type = "contract";
  doc.title = "战略合作协议";
  doc.metadata_json = testing::ContractMeta("商务部", 10'000);
  doc.set = {{"major", "true", true}};
  std::string n = repo_->Register(A("张三"), doc)->summary.number;
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "co_review");
}

TEST_F(LifecycleTest, RejectionNeedsAReasonAndStartsANewRoundWhereOldApprovalsDoNotCount) {
  std::string n = Contract(1'280'000);
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "co_review");
  Ok("王律师", n, "approve", "co_review");
  auto no_reason = Do("赵会计", n, "reject");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_NE(no_reason.status().message().find("--comment"), std::string::npos);
  Ok("赵会计", n, "reject", "draft", "付款节点与预算不符");
  // Changes are possible again in draft.
  ASSERT_TRUE(
      repo_->AddVersion(A("张三"), n, VersionChange{.set = {{"method", "分三批交付", false}}})
          .ok());
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "co_review");
  auto life = Do("赵会计", n, "approve");
  ASSERT_TRUE(life.ok());
  EXPECT_EQ(life->state, "co_review");  // legal's approval of the first round does not count
  EXPECT_EQ(life->awaiting, std::vector<std::string>{"legal"});
  Ok("王律师", n, "approve", "pending_approval");
  ExpectVerifies();
}

TEST_F(LifecycleTest, RequestChangesReturnsToDraft) {
  std::string n = Contract(50'000);
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "request-changes", "draft", "请补充验收标准");
  auto life = repo_->Lifecycle(A("张三"), n);
  EXPECT_EQ(life->steps.back().comment, "请补充验收标准");
  EXPECT_EQ(life->actions, std::vector<std::string>{"submit"});
}

TEST_F(LifecycleTest, NobodyReviewsTheirOwnDocument) {
  std::string n = Contract(50'000, "李经理");
  Ok("李经理", n, "submit", "in_review");
  auto own = Do("李经理", n, "approve");
  ASSERT_FALSE(own.ok());
  EXPECT_TRUE(own.status().IsPermissionDenied());
  EXPECT_NE(own.status().message().find("own document"), std::string::npos);
  // Nor does whoever submitted it.
  std::string m = Contract(50'000, "张三");
  ASSERT_TRUE(repo_->Transition(A("周经理"), m, TransitionRequest{"submit", "", {}}).ok());
  EXPECT_TRUE(Do("周经理", m, "approve").status().IsPermissionDenied());
  Ok("李经理", m, "approve", "pending_approval");
}

TEST_F(LifecycleTest, IllegalTransitionsAreRefusedNamingTheAllowedOnes) {
  std::string n = Contract(50'000);
  auto early = Do("张三", n, "sign", "", SigningData());
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.status().message().find("allowed now for 张三: submit"), std::string::npos)
      << early.status().message();
  auto clerk = Do("张三", n, "frobnicate");
  EXPECT_FALSE(clerk.ok());
  Ok("张三", n, "submit", "in_review");
  auto role = Do("张三", n, "approve");
  EXPECT_TRUE(role.status().IsPermissionDenied());
  EXPECT_NE(role.status().message().find("manager"), std::string::npos);
}

TEST_F(LifecycleTest, SigningRecordsItsDataAndFreezesTheContract) {
  std::string n = Contract(50'000);
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "pending_approval");
  Ok("周经理", n, "approve", "approved");
  auto missing = Do("张三", n, "sign", "", {{"signing_date", "2026-03-01", false}});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("seal"), std::string::npos);
  Ok("张三", n, "sign", "signed", "", SigningData());
  auto doc = repo_->Get(A("张三"), n);
  EXPECT_NE(doc->current.metadata_json.find("合同专用章"), std::string::npos);
  EXPECT_EQ(doc->summary.current_version, 2);
  auto change =
      repo_->AddVersion(A("张三"), n, VersionChange{.set = {{"quantity", "20台", false}}});
  ASSERT_FALSE(change.ok());
  EXPECT_NE(change.status().message().find("frozen"), std::string::npos);
  EXPECT_NE(change.status().message().find("补充协议"), std::string::npos);
  EXPECT_FALSE(repo_->Void(A("李经理"), n, "x").ok());  // only drafts are voided
  Ok("张三", n, "start-performance", "in_performance");
  Ok("李经理", n, "complete", "completed");
  ExpectVerifies();
}

TEST_F(LifecycleTest, TerminationNeedsALinkedApprovedTerminationAgreement) {
  std::string n = Contract(50'000);
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "pending_approval");
  Ok("周经理", n, "approve", "approved");
  Ok("张三", n, "sign", "signed", "", SigningData());
  auto early = Do("李经理", n, "terminate", "对方违约");
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.status().message().find("termination agreement"), std::string::npos)
      << early.status().message();

  NewDocument t;
  t.type = "termination";
  t.title = "解除协议";
  t.metadata_json =
      R"({"contract_number":")" + n +
      R"(","department":"商务部","content":"双方协商解除","reason":"项目取消","effective_date":"2026-06-01"})";
  std::string tn = repo_->Register(A("张三"), t)->summary.number;
  ASSERT_TRUE(repo_->Link(A("张三"), tn, RelationKind::kTerminates, n).ok());
  EXPECT_FALSE(Do("李经理", n, "terminate", "对方违约").ok());  // linked, but not yet approved
  Ok("张三", tn, "submit", "in_review");
  Ok("李经理", tn, "approve", "pending_approval");
  Ok("陈总", tn, "approve", "approved");
  Ok("李经理", n, "terminate", "terminated", "对方违约");
  ExpectVerifies();
}

TEST_F(LifecycleTest, MinutesAreReviewedThenDistributedAndFrozen) {
  NewDocument doc;
  doc.type = "meeting-minutes";
  doc.title = "四月例会纪要";
  doc.metadata_json = testing::MinutesMeta();
  std::string n = repo_->Register(A("张三"), doc)->summary.number;
  EXPECT_FALSE(Do("张三", n, "approve").ok());
  Ok("李经理", n, "approve", "reviewed");
  EXPECT_FALSE(repo_->AddVersion(A("张三"), n, VersionChange{.title = "改"}).ok());
  Ok("张三", n, "distribute", "distributed");
}

TEST_F(LifecycleTest, ReportsAreSubmittedAndApproved) {
  NewDocument doc;
  doc.type = "report";
  doc.title = "华东市场分析报告";
  doc.metadata_json = R"({"kind":"市场分析报告","date":"2026-05-01","author":"张三"})";
  std::string n = repo_->Register(A("张三"), doc)->summary.number;
  Ok("张三", n, "submit", "submitted");
  Ok("李经理", n, "approve", "approved");
}

TEST_F(LifecycleTest, PendingShowsWhatWaitsForEachUser) {
  std::string n = Contract(1'280'000);
  auto clerk = repo_->Pending(A("张三"));
  ASSERT_EQ(clerk->size(), 1u);  // their own draft, to submit
  EXPECT_TRUE(repo_->Pending(A("李经理"))->empty());
  Ok("张三", n, "submit", "in_review");
  ASSERT_EQ(repo_->Pending(A("李经理"))->size(), 1u);
  EXPECT_TRUE(repo_->Pending(A("王律师"))->empty());
  Ok("李经理", n, "approve", "co_review");
  EXPECT_EQ(repo_->Pending(A("王律师"))->size(), 1u);
  EXPECT_EQ(repo_->Pending(A("赵会计"))->size(), 1u);
  Ok("王律师", n, "approve", "co_review");
  EXPECT_TRUE(repo_->Pending(A("王律师"))->empty());
  EXPECT_EQ(repo_->Pending(A("赵会计"))->size(), 1u);
}

TEST_F(LifecycleTest, EveryTransitionIsAuditedAndAHandEditedStateIsFound) {
  std::string n = Contract(50'000);
  Ok("张三", n, "submit", "in_review");
  Ok("李经理", n, "approve", "pending_approval");
  auto entries = repo_->Audit(admin_, n);
  ASSERT_TRUE(entries.ok());
  int transitions = 0;
  for (const auto& e : *entries) transitions += e.action == "transition";
  EXPECT_EQ(transitions, 2);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "repo" / "catalog.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE documents SET status = 'approved'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto report = repo_->Verify(admin_);
  std::string all;
  for (const auto& p : report->problems) all += p.message + "\n";
  EXPECT_NE(all.find("differs from the one the audit trail leads to"), std::string::npos) << all;
}

TEST_F(LifecycleTest, AMalformedWorkflowIsRefusedAtOpenNamingFileAndField) {
  auto file = dir_ / "repo" / "config" / "workflows" / "report.json";
  std::string text = testing::ReadAll(file);
  auto pos = text.find(R"("to": "approved")");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, 16, R"("to": "aproved")");
  std::ofstream(file, std::ios::trunc) << text;
  repo_.reset();
  auto r = Repository::Open(dir_ / "repo");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("report.json"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("unknown state 'aproved'"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

using testing::FixedClock;
using testing::Noon;

TEST(Distribution, SignedContractCopiesAreRecordedPerRecipient) {
  testing::TempDir dir;
  ASSERT_TRUE(Repository::Init(dir / "repo").ok());
  auto repo = std::move(*Repository::Open(dir / "repo"));
  Actor admin = *repo->ActorFor("admin");
  ASSERT_TRUE(repo->AddUser(admin, "张三", Role::kClerk, std::nullopt).ok());
  ASSERT_TRUE(repo->AddUser(admin, "李经理", Role::kManager, std::nullopt).ok());
  ASSERT_TRUE(repo->AddUser(admin, "周经理", Role::kManager, std::nullopt).ok());
  Actor clerk = *repo->ActorFor("张三");
  NewDocument doc;
  doc.type = "contract";
  doc.title = "小额采购合同";
  doc.metadata_json = testing::ContractMeta("商务部", 50'000);
  std::string n = repo->Register(clerk, doc)->summary.number;
  auto early = repo->Distribute(clerk, n, {"财务部"}, "");
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.message().find("once it is signed"), std::string::npos) << early.message();
  ASSERT_TRUE(repo->Transition(clerk, n, {"submit", "", {}}).ok());
  ASSERT_TRUE(repo->Transition(*repo->ActorFor("李经理"), n, {"approve", "", {}}).ok());
  ASSERT_TRUE(repo->Transition(*repo->ActorFor("周经理"), n, {"approve", "", {}}).ok());
  ASSERT_TRUE(repo->Transition(clerk, n,
                               {"sign",
                                "",
                                {{"signing_date", "2026-03-01", false},
                                 {"signatory_ours", "陈明", false},
                                 {"signatory_theirs", "刘强", false},
                                 {"seal", "合同专用章", false}}})
                  .ok());
  EXPECT_FALSE(repo->Distribute(clerk, n, {"财务部", "财务部"}, "").ok());
  ASSERT_TRUE(repo->Distribute(clerk, n, {"财务部", "项目部"}, "纸质副本").ok());
  auto copies = repo->Distributions(clerk, n);
  ASSERT_EQ(copies->size(), 2u);
  EXPECT_EQ((*copies)[1].recipient, "项目部");
  EXPECT_EQ((*copies)[1].by, "张三");
  EXPECT_TRUE(repo->Verify(admin)->clean());
}

TEST(Resolutions, MinutesResolutionsAreTrackedUntilDoneAndFallOverdue) {
  testing::TempDir dir;
  auto clock = std::make_shared<FixedClock>(Noon(2026, 4, 2));
  OpenOptions options;
  options.clock = clock;
  ASSERT_TRUE(Repository::Init(dir / "repo", options).ok());
  auto repo = std::move(*Repository::Open(dir / "repo", options));
  Actor admin = *repo->ActorFor("admin");
  for (auto [name, role] : std::vector<std::pair<std::string, Role>>{
           {"张三", Role::kClerk}, {"王五", Role::kClerk}, {"李经理", Role::kManager}}) {
    ASSERT_TRUE(repo->AddUser(admin, name, role, std::nullopt).ok());
  }
  Actor clerk = *repo->ActorFor("张三");
  NewDocument doc;
  doc.type = "meeting-minutes";
  doc.title = "四月例会纪要";
  doc.metadata_json = testing::MinutesMeta();
  std::string n = repo->Register(clerk, doc)->summary.number;
  EXPECT_TRUE(repo->Resolutions(clerk, {})->empty());  // tracked once reviewed
  ASSERT_TRUE(repo->Transition(*repo->ActorFor("李经理"), n, {"approve", "", {}}).ok());
  auto items = repo->Resolutions(clerk, {});
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].owner, "张三");
  EXPECT_EQ((*items)[0].due, "2026-04-09");
  EXPECT_EQ((*items)[0].status, "open");
  // Distribution records every recipient on the minutes' list.
  ASSERT_TRUE(repo->Transition(clerk, n, {"distribute", "", {}}).ok());
  auto copies = repo->Distributions(clerk, n);
  ASSERT_EQ(copies->size(), 2u);
  EXPECT_EQ((*copies)[0].recipient, "商务部");

  clock->Set(Noon(2026, 4, 10));
  ResolutionFilter overdue;
  overdue.overdue = true;
  ASSERT_EQ(repo->Resolutions(clerk, overdue)->size(), 1u);
  ResolutionFilter mine;
  mine.owner = "王五";
  EXPECT_TRUE(repo->Resolutions(clerk, mine)->empty());
  EXPECT_TRUE(repo->CompleteResolution(*repo->ActorFor("王五"), n, 1, "").IsPermissionDenied());
  EXPECT_FALSE(repo->CompleteResolution(clerk, n, 2, "").ok());
  ASSERT_TRUE(repo->CompleteResolution(clerk, n, 1, "已确认交付时间").ok());
  EXPECT_FALSE(repo->CompleteResolution(clerk, n, 1, "").ok());
  EXPECT_TRUE(repo->Resolutions(clerk, overdue)->empty());
  EXPECT_EQ((*repo->Resolutions(clerk, {}))[0].status, "done");
  EXPECT_TRUE(repo->Verify(admin)->clean());
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// Sets TZ for one test (the zone a front end would have set from the
// repository's config), restoring it after.
class ScopedZone {
 public:
  explicit ScopedZone(const char* zone) : before_(std::getenv("TZ") ? std::getenv("TZ") : "") {
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ScopedZone() {
    if (before_.empty())
      ::unsetenv("TZ");
    else
      ::setenv("TZ", before_.c_str(), 1);
    ::tzset();
  }

 private:
  std::string before_;
};

TEST(Numbering, ANumberCarriesTheLocalYearNotTheUtcOne) {
  ScopedZone zone("Asia/Shanghai");
  testing::TempDir dir;
  // 2026-12-31 17:30 UTC is 01:30 on New Year's Day 2027 in Beijing.
  auto clock = std::make_shared<testing::FixedClock>(
      std::chrono::sys_days{std::chrono::year{2026} / 12 / 31} + std::chrono::hours{17} +
      std::chrono::minutes{30});
  OpenOptions options;
  options.clock = clock;
  ASSERT_TRUE(Repository::Init(dir / "repo", options).ok());
  auto repo = std::move(*Repository::Open(dir / "repo", options));
  Actor admin = *repo->ActorFor("admin");
  ASSERT_TRUE(repo->AddUser(admin, "张三", Role::kClerk, std::nullopt).ok());
  NewDocument doc;
  doc.type = "meeting-minutes";
  doc.title = "元旦值班纪要";
  doc.metadata_json = testing::MinutesMeta();
  auto registered = repo->Register(*repo->ActorFor("张三"), doc);
  ASSERT_TRUE(registered.ok()) << registered.status().message();
  EXPECT_EQ(registered->summary.number.substr(0, 8), "HY-2027-") << registered->summary.number;
}

}  // namespace
}  // namespace dossier
