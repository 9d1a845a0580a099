// The contract ledger: 32 contracts over 2024 and 2025 in three departments,
// in every state, taken through the real workflow; the figures expected
// below were added up by hand from the table in Fixture() (see the comments
// next to each expectation), not computed by the code under test.
#include <gtest/gtest.h>

#include <map>

#include "dossier/files.h"
#include "dossier/repository.h"
#include "support/fixed_clock.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::FixedClock;
using testing::Noon;
using testing::TempDir;

const char* const kHuaxin = "北京华信科技有限公司";
const char* const kDongfang = "上海东方物流有限公司";
const char* const kNanfang = "广州南方建材有限公司";
const char* const kXingchen = "深圳星辰软件有限公司";

struct FixtureContract {
  int id;
  const char* dept;
  const char* counterparty;
  double amount;
  const char* currency;
  const char*
      state;  // the state it is taken to; "archived-completed", "archived-terminated", "void"
  const char* registered;  // date of registration
  const char* signed_on;   // "" when not signed
  const char* term_end;    // "" when none
};

// The fixture. Ledger dates: the signing date, or the registration date while unsigned.
const FixtureContract kContracts[] = {
    {1, "商务部", kHuaxin, 100'000, "CNY", "completed", "2024-01-05", "2024-01-15", "2024-06-30"},
    {2, "商务部", kDongfang, 250'000, "CNY", "completed", "2024-02-01", "2024-02-10", "2024-12-31"},
    {3, "商务部", kHuaxin, 1'500'000, "CNY", "in_performance", "2024-03-01", "2024-03-20",
     "2025-12-31"},
    {4, "商务部", kNanfang, 80'000, "CNY", "terminated", "2024-04-02", "2024-04-12", "2024-10-31"},
    {5, "商务部", kXingchen, 50'000, "USD", "in_performance", "2024-05-06", "2024-05-16",
     "2025-05-31"},
    {6, "商务部", kDongfang, 120'000, "CNY", "signed", "2024-07-01", "2024-07-08", "2025-06-30"},
    {7, "商务部", kHuaxin, 300'000, "CNY", "archived-completed", "2024-08-01", "2024-08-15",
     "2024-12-31"},
    {8, "商务部", kNanfang, 60'000, "CNY", "draft", "2025-01-10", "", "2025-12-31"},
    {9, "商务部", kHuaxin, 90'000, "CNY", "in_review", "2025-02-14", "", "2025-08-31"},
    {10, "商务部", kDongfang, 2'000'000, "CNY", "co_review", "2025-03-03", "", "2026-12-31"},
    {11, "商务部", kXingchen, 450'000, "CNY", "completed", "2025-04-01", "2025-04-10",
     "2025-09-30"},
    {12, "采购部", kNanfang, 180'000, "CNY", "completed", "2024-01-20", "2024-01-25", "2024-07-31"},
    {13, "采购部", kNanfang, 75'000, "CNY", "completed", "2024-02-20", "2024-03-05", "2024-09-30"},
    {14, "采购部", kDongfang, 220'000, "CNY", "terminated", "2024-05-10", "2024-05-20",
     "2025-05-19"},
    {15, "采购部", kHuaxin, 40'000, "CNY", "in_performance", "2024-09-01", "2024-09-10",
     "2025-03-31"},
    {16, "采购部", kNanfang, 1'200'000, "CNY", "completed", "2024-10-08", "2024-10-18",
     "2025-04-30"},
    {17, "采购部", kXingchen, 35'000, "CNY", "archived-terminated", "2024-11-01", "2024-11-11",
     "2025-11-10"},
    {18, "采购部", kDongfang, 150'000, "CNY", "pending_approval", "2025-01-15", "", "2025-07-31"},
    {19, "采购部", kNanfang, 95'000, "CNY", "approved", "2025-03-10", "", "2025-09-30"},
    {20, "采购部", kHuaxin, 500'000, "CNY", "in_performance", "2025-05-05", "2025-05-15",
     "2026-05-14"},
    {21, "采购部", kDongfang, 66'000, "CNY", "completed", "2025-06-01", "2025-06-10", "2025-08-31"},
    {22, "采购部", kXingchen, 20'000, "USD", "signed", "2025-08-01", "2025-08-08", "2026-02-28"},
    {23, "销售部", kXingchen, 350'000, "CNY", "completed", "2024-03-15", "2024-03-28",
     "2024-12-31"},
    {24, "销售部", kHuaxin, 110'000, "CNY", "in_performance", "2024-06-01", "2024-06-18",
     "2025-06-17"},
    {25, "销售部", kDongfang, 1'800'000, "CNY", "terminated", "2024-12-01", "2024-12-20",
     "2026-12-19"},
    {26, "销售部", kNanfang, 70'000, "CNY", "draft", "2025-02-02", "", ""},
    {27, "销售部", kXingchen, 130'000, "CNY", "completed", "2025-02-20", "2025-03-01",
     "2025-10-31"},
    {28, "销售部", kHuaxin, 260'000, "CNY", "in_performance", "2025-07-01", "2025-07-10",
     "2026-07-09"},
    {29, "销售部", kDongfang, 85'000, "CNY", "signed", "2025-09-01", "2025-09-09", "2026-03-08"},
    {30, "销售部", kNanfang, 45'000, "CNY", "completed", "2025-10-10", "2025-10-20", "2025-12-20"},
    {31, "销售部", kHuaxin, 990'000, "CNY", "in_performance", "2025-11-01", "2025-11-11",
     "2026-11-10"},  // 秘密
    {32, "销售部", kXingchen, 55'000, "CNY", "void", "2025-12-01", "", ""},
};

std::chrono::system_clock::time_point Day(const std::string& iso) {
  return Noon(std::stoi(iso.substr(0, 4)), static_cast<unsigned>(std::stoi(iso.substr(5, 2))),
              static_cast<unsigned>(std::stoi(iso.substr(8, 2))));
}

int64_t Yuan(int64_t yuan) { return yuan * 100; }

class LedgerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    clock_ = std::make_shared<FixedClock>(Noon(2024, 1, 1));
    ASSERT_TRUE(Repository::Init(dir_->path() / "repo").ok());
    auto repo = Repository::Open(dir_->path() / "repo", OpenOptions{clock_});
    ASSERT_TRUE(repo.ok());
    repo_ = repo->release();
    Actor admin = *repo_->ActorFor("admin");
    for (auto [name, role] :
         std::vector<std::pair<std::string, Role>>{{"张三", Role::kClerk},
                                                   {"李经理", Role::kManager},
                                                   {"周经理", Role::kManager},
                                                   {"王律师", Role::kLegal},
                                                   {"赵会计", Role::kFinance},
                                                   {"陈总", Role::kDirector},
                                                   {"档案员", Role::kArchivist}}) {
      ASSERT_TRUE(repo_->AddUser(admin, name, role, std::nullopt).ok());
    }
    Fixture();
  }
  static void TearDownTestSuite() {
    delete repo_;
    delete dir_;
  }

  static Actor A(const std::string& name) { return *repo_->ActorFor(name); }
  static void Step(const std::string& who, const std::string& ref, const std::string& action,
                   std::vector<MetadataAssignment> set = {}, const std::string& comment = "") {
    auto r = repo_->Transition(A(who), ref, TransitionRequest{action, comment, std::move(set)});
    ASSERT_TRUE(r.ok()) << who << " " << action << " " << ref << ": " << r.status().message();
  }
  static std::string Register(const std::string& type, const std::string& title,
                              const std::string& meta) {
    NewDocument doc;
    doc.type = type;
    doc.title = title;
    doc.metadata_json = meta;
    auto d = repo_->Register(A("张三"), doc);
    EXPECT_TRUE(d.ok()) << title << ": " << d.status().message();
    return d.ok() ? d->summary.number : "";
  }
  static std::string Attach(const std::string& contract, const std::string& type,
                            const std::string& meta,
                            RelationKind kind = RelationKind::kAttachmentOf) {
    std::string n = Register(type, type + " / " + contract, meta);
    auto s = repo_->Link(A("张三"), n, kind, contract);
    EXPECT_TRUE(s.ok()) << s.message();
    return n;
  }
  // An agreement (amendment or termination) taken through its review to approved.
  static std::string Agreement(const std::string& contract, const std::string& type,
                               const std::string& extra, bool approve = true) {
    RelationKind kind = type == "termination" ? RelationKind::kTerminates : RelationKind::kAmends;
    std::string n = Attach(
        contract, type,
        R"({"contract_number":")" + contract +
            R"(","department":"商务部","content":"变更","reason":"双方协商","effective_date":"2026-06-01")" +
            extra + "}",
        kind);
    if (approve) {
      Step("张三", n, "submit");
      Step("李经理", n, "approve");
      Step("陈总", n, "approve");
    }
    return n;
  }

  static std::string Meta(const FixtureContract& c) {
    // The clauses review asks for, so that every contract can go as far as its state.
    std::string meta =
        std::string(
            R"({"parties":[{"role":"甲方","name":"本公司","address":"上海","self":true},)") +
        R"({"role":"乙方","name":")" + c.counterparty +
        R"(","address":"北京"}],"subject":"合同标的",)" +
        R"("quantity":"一批","quality":"合格","place":"上海","method":"送货","acceptance_criteria":"验收合格",)" +
        R"("payment_terms":{"method":"银行转账"},"breach_liability":"按约定","dispute_resolution":"仲裁",)" +
        R"("amount":{"value":)" + std::to_string(static_cast<int64_t>(c.amount)) +
        R"(,"currency":")" + c.currency + R"("},"department":")" + c.dept + R"(","owner":"张三")";
    if (*c.term_end)
      meta += std::string(R"(,"term":{"start":")") + c.registered + R"(","end":")" + c.term_end +
              R"("})";
    // A planned date in an unsigned contract's metadata must not date it in the ledger.
    if (c.id == 8) meta += R"(,"signing_date":"2025-02-01")";
    return meta + "}";
  }

  // Takes contract `c` from draft towards its state, the way the workflow allows.
  static void Drive(const FixtureContract& c, const std::string& n) {
    const std::string target = c.state;
    if (target == "draft" || target == "void") return;
    Step("张三", n, "submit");
    if (target == "in_review") return;
    Step("李经理", n, "approve");
    if (target == "co_review") return;
    if (c.amount > 1'000'000) {
      Step("王律师", n, "approve");
      Step("赵会计", n, "approve");
    }
    if (target == "pending_approval") return;
    Step(c.amount > 200'000 ? "陈总" : "周经理", n, "approve");
    if (target == "approved") return;
    clock_->Set(Day(c.signed_on));
    Step("张三", n, "sign",
         {{"signing_date", c.signed_on, false},
          {"signatory_ours", "陈明", false},
          {"signatory_theirs", "刘强", false},
          {"seal", "合同专用章", false}});
    if (target == "signed") return;
    if (target == "terminated" || target == "archived-terminated") {
      Agreement(n, "termination", "");
      Step("李经理", n, "terminate", {}, "双方协商解除");
      return;
    }
    Step("张三", n, "start-performance");
    if (target == "in_performance") return;
    Step("李经理", n, "complete");
  }

  static void Fixture() {
    for (const auto& c : kContracts) {
      clock_->Set(Day(c.registered));
      NewDocument doc;
      doc.type = "contract";
      doc.title = "合同" + std::to_string(c.id);
      doc.metadata_json = Meta(c);
      if (std::string(c.state).rfind("archived", 0) == 0) {
        doc.files = {FileInput{
            dir_->Write("text" + std::to_string(c.id) + ".txt", "合同正文 " + std::to_string(c.id)),
            ""}};
      }
      auto d = repo_->Register(A("张三"), doc);
      ASSERT_TRUE(d.ok()) << c.id << ": " << d.status().message();
      std::string n = d->summary.number;
      numbers_[c.id] = n;
      Drive(c, n);
      if (std::string(c.state) == "void") {
        ASSERT_TRUE(repo_->Void(A("李经理"), n, "重复登记").ok());
      }
      if (std::string(c.state).rfind("archived", 0) == 0) {
        Attach(n, "approval-form", R"({"contract_number":")" + n + R"(","department":"商务部"})");
        auto archived = repo_->Archive(A("档案员"), n, {});
        ASSERT_TRUE(archived.ok()) << archived.status().message();
      }
    }
    clock_->Set(Noon(2025, 12, 31));
    // Contract 3: an approved amendment adds 300,000; two progress records and a payment.
    amendment3_ = Agreement(numbers_[3], "amendment",
                            R"(,"amount_change":{"value":300000,"currency":"CNY"})");
    Attach(numbers_[3], "performance-record",
           R"({"contract_number":")" + numbers_[3] +
               R"(","date":"2025-09-01","event":"acceptance","progress_percent":70})");
    Attach(numbers_[3], "performance-record",
           R"({"contract_number":")" + numbers_[3] +
               R"(","date":"2025-03-01","event":"delivery","progress_percent":40})");
    Attach(
        numbers_[3], "performance-record",
        R"({"contract_number":")" + numbers_[3] +
            R"(","date":"2025-04-01","event":"payment","amount":{"value":500000,"currency":"CNY"}})");
    // Contract 20: an amendment still in draft changes nothing yet; one payment, no progress
    // figure.
    Agreement(numbers_[20], "amendment", R"(,"amount_change":{"value":100000,"currency":"CNY"})",
              false);
    Attach(
        numbers_[20], "performance-record",
        R"({"contract_number":")" + numbers_[20] +
            R"(","date":"2025-08-01","event":"付款","amount":{"value":100000.5,"currency":"CNY"}})");
    // Contract 22 is in USD; an amendment in CNY cannot be added to it.
    Agreement(numbers_[22], "amendment", R"(,"amount_change":{"value":1000,"currency":"CNY"})");
    // Contract 31 is secret: a clerk (clearance 内部) does not see it.
    ASSERT_TRUE(
        repo_->SetConfidentiality(A("陈总"), numbers_[31], Confidentiality::kSecret, "涉及商业秘密")
            .ok());
  }

  static Ledger Get(const std::string& who, LedgerGrouping by = LedgerGrouping::kNone,
                    std::optional<std::string> from = std::nullopt,
                    std::optional<std::string> to = std::nullopt) {
    LedgerQuery q;
    q.by = by;
    q.from = from;
    q.to = to;
    q.as_of = "2025-12-31";
    auto l = repo_->ContractLedger(A(who), q);
    EXPECT_TRUE(l.ok()) << l.status().message();
    return l.ok() ? *l : Ledger{};
  }
  static const LedgerRow& Row(const Ledger& l, int id) {
    for (const auto& r : l.rows) {
      if (r.document.number == numbers_[id]) return r;
    }
    static LedgerRow none;
    ADD_FAILURE() << "contract " << id << " (" << numbers_[id] << ") is not in the ledger";
    return none;
  }
  static const LedgerGroup& Group(const Ledger& l, const std::string& key) {
    for (const auto& g : l.groups) {
      if (g.key == key) return g;
    }
    static LedgerGroup none;
    ADD_FAILURE() << "no group " << key;
    return none;
  }

  static TempDir* dir_;
  static std::shared_ptr<FixedClock> clock_;
  static Repository* repo_;
  static std::map<int, std::string> numbers_;
  static std::string amendment3_;
};

TempDir* LedgerTest::dir_ = nullptr;
std::shared_ptr<FixedClock> LedgerTest::clock_;
Repository* LedgerTest::repo_ = nullptr;
std::map<int, std::string> LedgerTest::numbers_;
std::string LedgerTest::amendment3_;

void ExpectFigures(const LedgerFigures& f, int64_t count, int64_t cny_yuan, int64_t usd = 0) {
  EXPECT_EQ(f.count, count);
  MoneyByCurrency expected;
  if (cny_yuan) expected["CNY"] = Yuan(cny_yuan);
  if (usd) expected["USD"] = Yuan(usd);
  EXPECT_EQ(f.amount, expected);
}

TEST_F(LedgerTest, TotalsOfAllThirtyOneContractsAsTheDirectorSeesThem) {
  Ledger l = Get("陈总");
  ASSERT_EQ(l.rows.size(), 31u);  // 32 registered, one void
  const auto& t = l.totals;
  // Not signed: 8, 9, 10, 18, 19, 26.
  ExpectFigures(t.unsigned_, 6, 60'000 + 90'000 + 2'000'000 + 150'000 + 95'000 + 70'000);
  // Completed: 1, 2, 7 (archived), 11, 12, 13, 16, 21, 23, 27, 30.
  ExpectFigures(t.completed, 11, 3'146'000);
  // Terminated: 4, 14, 17 (archived), 25.
  ExpectFigures(t.terminated, 4, 80'000 + 220'000 + 35'000 + 1'800'000);
  // In performance (signed or performing): 3 (1.5M + 300k amendment), 5 (USD), 6, 15, 20, 22 (USD),
  // 24, 28, 29, 31.
  ExpectFigures(t.in_performance, 10,
                1'800'000 + 120'000 + 40'000 + 500'000 + 110'000 + 260'000 + 85'000 + 990'000,
                70'000);
  // Past their end date on 2025-12-31 and still open: 5, 6, 15, 24 (3 ends on the day itself).
  ExpectFigures(t.overdue, 4, 120'000 + 40'000 + 110'000, 50'000);
  ExpectFigures(t.signed_, 25, 3'905'000 + 3'146'000 + 2'135'000, 70'000);
  ExpectFigures(t.all, 31, 11'651'000, 70'000);
  EXPECT_TRUE(l.groups.empty());
}

TEST_F(LedgerTest, RowsCarryAmendmentsPerformanceAndTheStateBeforeArchiving) {
  Ledger l = Get("陈总");
  const auto& r3 = Row(l, 3);
  EXPECT_EQ(r3.amount, Yuan(1'500'000));
  EXPECT_EQ(r3.current_amount, Yuan(1'800'000));
  EXPECT_EQ(r3.amendments, std::vector<std::string>{amendment3_});
  EXPECT_EQ(r3.amendments_approved, 1);
  EXPECT_EQ(r3.performance_records, 3);
  ASSERT_TRUE(r3.progress_percent.has_value());
  EXPECT_EQ(*r3.progress_percent, 70);  // the newest record by date, though registered first
  EXPECT_EQ(r3.progress_date, "2025-09-01");
  EXPECT_EQ(r3.paid, (MoneyByCurrency{{"CNY", Yuan(500'000)}}));
  EXPECT_EQ(r3.date, "2024-03-20");
  EXPECT_EQ(r3.term_end, "2025-12-31");
  EXPECT_FALSE(r3.overdue);
  EXPECT_EQ(r3.owner, "张三");
  EXPECT_EQ(r3.document.counterparty, kHuaxin);

  const auto& r20 = Row(l, 20);
  EXPECT_EQ(r20.amendments.size(), 1u);
  EXPECT_EQ(r20.amendments_approved, 0);
  EXPECT_EQ(r20.current_amount, Yuan(500'000));  // a draft amendment changes nothing
  EXPECT_FALSE(r20.progress_percent.has_value());
  EXPECT_EQ(r20.paid, (MoneyByCurrency{{"CNY", 10'000'050}}));  // 100,000.50 exactly

  const auto& r22 = Row(l, 22);
  EXPECT_EQ(r22.current_amount, Yuan(20'000));
  ASSERT_EQ(r22.notes.size(), 1u);
  EXPECT_NE(r22.notes[0].find("CNY"), std::string::npos) << r22.notes[0];

  const auto& r7 = Row(l, 7);
  EXPECT_TRUE(r7.archived);
  EXPECT_EQ(r7.document.status, "archived");
  EXPECT_EQ(r7.state, "completed");
  EXPECT_EQ(r7.stage, LedgerStage::kCompleted);
  const auto& r17 = Row(l, 17);
  EXPECT_EQ(r17.state, "terminated");
  EXPECT_FALSE(r17.termination.empty());

  const auto& r8 = Row(l, 8);  // unsigned: dated by registration, its planned date ignored
  EXPECT_EQ(r8.stage, LedgerStage::kUnsigned);
  EXPECT_EQ(r8.date, "2025-01-10");
  EXPECT_EQ(r8.signing_date, "");

  const auto& r6 = Row(l, 6);
  EXPECT_EQ(r6.state, "signed");
  EXPECT_TRUE(r6.overdue);
  const auto& r30 = Row(l, 30);  // past its end, but completed
  EXPECT_FALSE(r30.overdue);

  // Rows run by ledger date.
  for (size_t i = 1; i < l.rows.size(); ++i) EXPECT_LE(l.rows[i - 1].date, l.rows[i].date);
}

TEST_F(LedgerTest, ByYear) {
  Ledger l = Get("陈总", LedgerGrouping::kYear);
  ASSERT_EQ(l.groups.size(), 2u);
  const auto& y24 = Group(l, "2024");  // 1-7, 12-17, 23-25
  ExpectFigures(y24.all, 16, 6'660'000, 50'000);
  ExpectFigures(y24.completed, 7,
                100'000 + 250'000 + 300'000 + 180'000 + 75'000 + 1'200'000 + 350'000);
  ExpectFigures(y24.terminated, 4, 2'135'000);
  ExpectFigures(y24.in_performance, 5, 1'800'000 + 120'000 + 40'000 + 110'000, 50'000);
  ExpectFigures(y24.overdue, 4, 270'000, 50'000);
  ExpectFigures(y24.unsigned_, 0, 0);
  const auto& y25 = Group(l, "2025");  // 8-11, 18-22, 26-31
  ExpectFigures(y25.all, 15, 4'991'000, 20'000);
  ExpectFigures(y25.unsigned_, 6, 2'465'000);
  ExpectFigures(y25.completed, 4, 450'000 + 66'000 + 130'000 + 45'000);
  ExpectFigures(y25.terminated, 0, 0);
  ExpectFigures(y25.in_performance, 5, 500'000 + 260'000 + 85'000 + 990'000, 20'000);
  ExpectFigures(y25.overdue, 0, 0);
  ExpectFigures(y25.signed_, 9, 2'526'000, 20'000);
}

TEST_F(LedgerTest, ByQuarterAndMonth) {
  Ledger q = Get("陈总", LedgerGrouping::kQuarter);
  // 2024-Q1: 1, 2, 3, 12, 13 (signed 03-05), 23.
  const auto& q1 = Group(q, "2024-Q1");
  ExpectFigures(q1.all, 6, 2'755'000);
  ExpectFigures(q1.completed, 5, 955'000);
  ExpectFigures(q1.in_performance, 1, 1'800'000);
  // 2025-Q1: unsigned 8, 9, 10, 18, 19, 26 by registration; 27 signed 03-01.
  const auto& q5 = Group(q, "2025-Q1");
  ExpectFigures(q5.all, 7, 2'595'000);
  ExpectFigures(q5.unsigned_, 6, 2'465'000);
  ExpectFigures(q5.completed, 1, 130'000);
  int64_t counted = 0;
  for (const auto& g : q.groups) counted += g.all.count;
  EXPECT_EQ(counted, 31);

  Ledger m = Get("陈总", LedgerGrouping::kMonth);
  ExpectFigures(Group(m, "2024-03").all, 3, 1'800'000 + 75'000 + 350'000);  // 3, 13, 23
  ExpectFigures(Group(m, "2025-11").all, 1, 990'000);                       // 31
}

TEST_F(LedgerTest, ByDepartment) {
  Ledger l = Get("陈总", LedgerGrouping::kDepartment);
  ASSERT_EQ(l.groups.size(), 3u);
  const auto& sw = Group(l, "商务部");  // 1-11
  ExpectFigures(sw.all, 11, 5'250'000, 50'000);
  ExpectFigures(sw.completed, 4, 1'100'000);
  ExpectFigures(sw.terminated, 1, 80'000);
  ExpectFigures(sw.in_performance, 3, 1'920'000, 50'000);
  ExpectFigures(sw.overdue, 2, 120'000, 50'000);
  ExpectFigures(sw.unsigned_, 3, 2'150'000);
  const auto& cg = Group(l, "采购部");  // 12-22
  ExpectFigures(cg.all, 11, 2'561'000, 20'000);
  ExpectFigures(cg.completed, 4, 1'521'000);
  ExpectFigures(cg.terminated, 2, 255'000);
  ExpectFigures(cg.in_performance, 3, 540'000, 20'000);
  ExpectFigures(cg.overdue, 1, 40'000);
  ExpectFigures(cg.unsigned_, 2, 245'000);
  const auto& xs = Group(l, "销售部");  // 23-31
  ExpectFigures(xs.all, 9, 3'840'000);
  ExpectFigures(xs.completed, 3, 525'000);
  ExpectFigures(xs.terminated, 1, 1'800'000);
  ExpectFigures(xs.in_performance, 4, 1'445'000);
  ExpectFigures(xs.overdue, 1, 110'000);
  ExpectFigures(xs.unsigned_, 1, 70'000);
}

TEST_F(LedgerTest, ByCounterpartyAndByStatus) {
  Ledger c = Get("陈总", LedgerGrouping::kCounterparty);
  ASSERT_EQ(c.groups.size(), 4u);
  // 华信: 1, 3, 7, 9, 15, 20, 24, 28, 31.
  ExpectFigures(Group(c, kHuaxin).all, 9, 4'190'000);

  Ledger s = Get("陈总", LedgerGrouping::kStatus);
  ExpectFigures(Group(s, "draft").all, 2, 130'000);                     // 8, 26
  ExpectFigures(Group(s, "in_review").all, 1, 90'000);                  // 9
  ExpectFigures(Group(s, "co_review").all, 1, 2'000'000);               // 10
  ExpectFigures(Group(s, "pending_approval").all, 1, 150'000);          // 18
  ExpectFigures(Group(s, "approved").all, 1, 95'000);                   // 19
  ExpectFigures(Group(s, "signed").all, 3, 205'000, 20'000);            // 6, 29, 22
  ExpectFigures(Group(s, "in_performance").all, 7, 3'700'000, 50'000);  // 3, 5, 15, 20, 24, 28, 31
  ExpectFigures(Group(s, "completed").all, 11, 3'146'000);  // archived 7 counted as completed
  ExpectFigures(Group(s, "terminated").all, 4, 2'135'000);
  EXPECT_EQ(s.groups.size(), 9u);
}

TEST_F(LedgerTest, AClerkDoesNotSeeTheSecretContractInRowsOrFigures) {
  Ledger l = Get("张三");
  EXPECT_EQ(l.rows.size(), 30u);
  for (const auto& r : l.rows) EXPECT_NE(r.document.number, numbers_[31]);
  ExpectFigures(l.totals.in_performance, 9, 3'905'000 - 990'000, 70'000);
  ExpectFigures(l.totals.all, 30, 11'651'000 - 990'000, 70'000);
  Ledger by = Get("张三", LedgerGrouping::kMonth);
  for (const auto& g : by.groups) EXPECT_NE(g.key, "2025-11");
}

TEST_F(LedgerTest, PeriodAndDepartmentFilters) {
  // First half of 2025: 8, 9, 10, 18, 19, 26 (registered), 11, 20, 21, 27 (signed).
  Ledger h1 = Get("陈总", LedgerGrouping::kNone, "2025-01-01", "2025-06-30");
  EXPECT_EQ(h1.rows.size(), 10u);
  ExpectFigures(h1.totals.all, 10, 2'465'000 + 450'000 + 500'000 + 66'000 + 130'000);
  for (const auto& r : h1.rows) {
    EXPECT_GE(r.date, "2025-01-01");
    EXPECT_LE(r.date, "2025-06-30");
  }
  LedgerQuery q;
  q.dept = "采购部";
  q.counterparty = "南方";
  q.as_of = "2025-12-31";
  auto l = repo_->ContractLedger(A("陈总"), q);
  ASSERT_TRUE(l.ok());
  ExpectFigures(l->totals.all, 4, 180'000 + 75'000 + 1'200'000 + 95'000);  // 12, 13, 16, 19
}

TEST_F(LedgerTest, BadQueriesAreRefusedNamingTheOption) {
  LedgerQuery q;
  q.from = "2025-02-30";
  auto bad = repo_->ContractLedger(A("陈总"), q);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("--from '2025-02-30'"), std::string::npos)
      << bad.status().message();
  q.from = "2025-06-01";
  q.to = "2025-01-01";
  auto reversed = repo_->ContractLedger(A("陈总"), q);
  ASSERT_FALSE(reversed.ok());
  EXPECT_NE(reversed.status().message().find("after --to"), std::string::npos);
  q = {};
  q.as_of = "tomorrow";
  EXPECT_FALSE(repo_->ContractLedger(A("陈总"), q).ok());
}

TEST_F(LedgerTest, OverdueIsJudgedOnTheDayAsked) {
  LedgerQuery q;
  q.as_of = "2025-04-01";  // before 5, 6, 24 end; after 15 ends (2025-03-31)
  auto l = repo_->ContractLedger(A("陈总"), q);
  ASSERT_TRUE(l.ok());
  ExpectFigures(l->totals.overdue, 1, 40'000);
}

TEST(LedgerFormat, AmountsAreExactDecimals) {
  EXPECT_EQ(FormatMinorUnits(123'456'789), "1234567.89");
  EXPECT_EQ(FormatMinorUnits(-5), "-0.05");
  EXPECT_EQ(FormatAmount(123'456'789), "1,234,567.89");
  EXPECT_EQ(FormatAmount(100), "1.00");
  EXPECT_EQ(FormatAmount(-100'000'000), "-1,000,000.00");
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// Two contracts of 50,000,000,000,000,000 once summed to a negative total.
// Amounts are bounded by the type's schema; a repository whose schema
// predates the bound still never shows a wrapped figure.
TEST(LedgerBoundsTest, AmountsAreBoundedAndTotalsNeverWrap) {
  TempDir dir;
  ASSERT_TRUE(Repository::Init(dir / "repo").ok());
  auto open = [&] {
    auto repo = Repository::Open(dir / "repo");
    EXPECT_TRUE(repo.ok()) << repo.status().message();
    return std::move(*repo);
  };
  auto repo = open();
  Actor admin = *repo->ActorFor("admin");
  ASSERT_TRUE(repo->AddUser(admin, "张三", Role::kClerk, std::nullopt).ok());
  auto contract = [&](Repository& r, double yuan) {
    NewDocument doc;
    doc.type = "contract";
    doc.title = "大额合同";
    doc.metadata_json =
        R"({"parties":[{"role":"甲方","name":"本公司","self":true},{"role":"乙方","name":"某公司"}],)"
        R"("subject":"设备","amount":{"value":)" +
        std::to_string(yuan) + R"(,"currency":"CNY"},"department":"商务部"})";
    return r.Register(*r.ActorFor("张三"), doc);
  };
  auto too_large = contract(*repo, 5e16);
  ASSERT_FALSE(too_large.ok());
  EXPECT_NE(too_large.status().message().find("amount"), std::string::npos)
      << too_large.status().message();
  ASSERT_TRUE(contract(*repo, 1e13).ok());  // ten trillion: the largest amount taken

  // A repository made before the bound (its config/types/contract.json without it).
  auto schema_file = dir / "repo" / "config" / "types" / "contract.json";
  std::string schema = *ReadFileToString(schema_file);
  std::string bound = R"(, "maximum": 10000000000000)";
  ASSERT_NE(schema.find(bound), std::string::npos);
  schema.erase(schema.find(bound), bound.size());
  ASSERT_TRUE(WriteFileAtomic(schema_file, schema).ok());
  repo = open();
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(contract(*repo, 5e16).ok());
  auto ledger = repo->ContractLedger(admin, LedgerQuery{});
  ASSERT_FALSE(ledger.ok());
  EXPECT_NE(ledger.status().message().find("the ledger's CNY total passes what it can add"),
            std::string::npos)
      << ledger.status().message();
}

}  // namespace
}  // namespace dossier
