// End to end: `dossier ledger` on contracts taken through their workflow with
// the real binary.
#include <gtest/gtest.h>

#include "e2e/run_dossier.h"
#include "support/samples.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class LedgerCli : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = (dir_ / "repo").string();
    ASSERT_EQ(testing::RunDossier({"init", repo_}, dir_.path()).exit_code, 0);
    for (const char* spec : {"张三:clerk", "李经理:manager", "周经理:manager"}) {
      std::string s = spec;
      auto colon = s.find(':');
      ASSERT_EQ(Run("admin", {"user", "add", s.substr(0, colon), "--role", s.substr(colon + 1)})
                    .exit_code,
                0);
    }
    // 80,000 in performance, its term (to 2026-12-31) judged below on 2027-01-15: past its end.
    performing_ =
        Contract("商务部", 80'000, "北京华信科技有限公司", "in_performance", "2026-03-01");
    completed_ = Contract("采购部", 150'000, "广州南方建材有限公司", "completed", "2026-05-10");
    draft_ = Contract("采购部", 50'000, "广州南方建材有限公司", "draft", "");
  }
  testing::Outcome Run(const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"--repo", repo_, "--as", user});
    return testing::RunDossier(args, dir_.path());
  }
  void Step(const std::string& user, const std::string& ref, std::vector<std::string> args) {
    args.insert(args.begin(), {"transition", ref});
    auto o = Run(user, args);
    ASSERT_EQ(o.exit_code, 0) << user << " " << args[2] << ": " << o.err;
  }
  std::string Contract(const std::string& dept, double amount, const std::string& counterparty,
                       const std::string& state, const std::string& signing_date) {
    auto meta = dir_.Write("c.json", testing::ContractMeta(dept, amount, counterparty));
    auto o = Run("张三",
                 {"add", "contract", "--title", dept + "合同", "--meta", meta.string(), "--json"});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    std::string n = o.Json().extract<Object::Ptr>()->getValue<std::string>("number");
    if (state == "draft") return n;
    Step("张三", n, {"submit"});
    Step("李经理", n, {"approve"});
    Step("周经理", n, {"approve"});
    Step("张三", n,
         {"sign", "--set", "signing_date=" + signing_date, "--set", "signatory_ours=陈明", "--set",
          "signatory_theirs=刘强", "--set", "seal=合同专用章"});
    Step("张三", n, {"start-performance"});
    if (state == "completed") Step("李经理", n, {"complete"});
    return n;
  }

  testing::TempDir dir_;
  std::string repo_;
  std::string performing_, completed_, draft_;
};

TEST_F(LedgerCli, JsonRowsAndTotals) {
  auto o = Run("张三", {"ledger", "--as-of", "2027-01-15", "--json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto ledger = o.Json().extract<Object::Ptr>();
  EXPECT_EQ(ledger->getValue<std::string>("as_of"), "2027-01-15");
  auto rows = ledger->getArray("rows");
  ASSERT_EQ(rows->size(), 3u);
  // By ledger date: signed 2026-03-01, signed 2026-05-10, then the draft (registered today, later).
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("number"), performing_);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("amount"), "80000.00");
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("stage"), "in_performance");
  EXPECT_TRUE(rows->getObject(0)->getValue<bool>("overdue"));
  EXPECT_EQ(rows->getObject(1)->getValue<std::string>("state"), "completed");
  EXPECT_EQ(rows->getObject(2)->getValue<std::string>("stage"), "unsigned");
  EXPECT_EQ(rows->getObject(2)->getValue<std::string>("signing_date"), "");
  auto totals = ledger->getObject("totals");
  EXPECT_EQ(totals->getObject("all")->getValue<int>("count"), 3);
  EXPECT_EQ(totals->getObject("all")->getObject("amount")->getValue<std::string>("CNY"),
            "280000.00");
  EXPECT_EQ(totals->getObject("signed")->getValue<int>("count"), 2);
  EXPECT_EQ(totals->getObject("signed")->getObject("amount")->getValue<std::string>("CNY"),
            "230000.00");
  EXPECT_EQ(totals->getObject("overdue")->getObject("amount")->getValue<std::string>("CNY"),
            "80000.00");
  EXPECT_EQ(totals->getObject("unsigned")->getValue<int>("count"), 1);
}

TEST_F(LedgerCli, StatisticsByDepartmentAsATable) {
  auto o = Run("张三", {"ledger", "--by", "dept", "--as-of", "2027-01-15"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.out.find("逾期未结"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("采购部  2 · CNY 200,000.00"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("商务部  1 · CNY 80,000.00"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("合计    3 · CNY 280,000.00"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("共 3 份合同，截至 2027-01-15"), std::string::npos) << o.out;
  // In English when asked.
  auto en = Run("张三", {"--lang", "en", "ledger", "--by", "dept", "--as-of", "2027-01-15"});
  EXPECT_NE(en.out.find("past end, open"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("3 contract(s), as of 2027-01-15"), std::string::npos) << en.out;

  auto json = Run("张三", {"ledger", "--by", "dept", "--json"}).Json().extract<Object::Ptr>();
  auto groups = json->getArray("groups");
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ(groups->getObject(0)->getValue<std::string>("key"), "商务部");
  EXPECT_EQ(groups->getObject(1)->getObject("completed")->getValue<int>("count"), 1);
}

TEST_F(LedgerCli, TheRowsTableNamesTheOverdueContract) {
  auto o = Run("张三", {"ledger", "--as-of", "2027-01-15"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto line = o.out.substr(o.out.find(performing_));
  line = line.substr(0, line.find('\n'));
  EXPECT_NE(line.find("履行中 逾期"), std::string::npos) << line;
  EXPECT_NE(line.find("CNY 80,000.00"), std::string::npos) << line;
  EXPECT_NE(line.find("北京华信科技有限公司"), std::string::npos) << line;
}

TEST_F(LedgerCli, BadOptionsAreRefusedWithTheReason) {
  auto week = Run("张三", {"ledger", "--by", "week"});
  EXPECT_EQ(week.exit_code, 1);
  EXPECT_NE(week.err.find("--by 'week'"), std::string::npos) << week.err;
  auto reversed = Run("张三", {"ledger", "--from", "2026-06-01", "--to", "2026-01-01"});
  EXPECT_EQ(reversed.exit_code, 1);
  EXPECT_NE(reversed.err.find("after --to"), std::string::npos) << reversed.err;
  auto date = Run("张三", {"ledger", "--as-of", "15/01/2027"});
  EXPECT_EQ(date.exit_code, 1);
  EXPECT_NE(date.err.find("not a date"), std::string::npos) << date.err;
  EXPECT_EQ(Run("nobody", {"ledger"}).exit_code, 1);
}

}  // namespace
}  // namespace dossier
