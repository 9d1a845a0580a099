// End to end: retention through the real binary: classes, an archived
// report's disposition date, what falls due, holds, a class change.
#include <gtest/gtest.h>

#include "e2e/run_dossier.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class RetentionCli : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = (dir_ / "repo").string();
    ASSERT_EQ(testing::RunDossier({"init", repo_}, dir_.path()).exit_code, 0);
    for (const char* spec : {"张三:clerk", "李经理:manager", "王律师:legal", "档案员:archivist"}) {
      std::string s = spec;
      auto colon = s.find(':');
      ASSERT_EQ(Run("admin", {"user", "add", s.substr(0, colon), "--role", s.substr(colon + 1)})
                    .exit_code,
                0);
    }
  }
  testing::Outcome Run(const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"--repo", repo_, "--as", user});
    return testing::RunDossier(args, dir_.path());
  }
  // An approved report (D10: destroyed ten years after the January 1 following its archiving),
  // archived.
  std::string ArchivedReport(const std::string& title) {
    auto meta = dir_.Write(title + ".json",
                           R"({"kind":"项目总结报告","date":"2026-06-30","author":"张三"})");
    auto added =
        Run("张三", {"add", "report", "--title", title, "--meta", meta.string(), "--json"});
    EXPECT_EQ(added.exit_code, 0) << added.err;
    std::string n = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
    EXPECT_EQ(Run("张三", {"transition", n, "submit"}).exit_code, 0);
    EXPECT_EQ(Run("李经理", {"transition", n, "approve"}).exit_code, 0);
    auto archived = Run("档案员", {"archive", n});
    EXPECT_EQ(archived.exit_code, 0) << archived.err;
    return n;
  }
  Object::Ptr DueJson(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"retention", "due", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto o = Run("档案员", args);
    EXPECT_EQ(o.exit_code, 0) << o.err;
    return o.Json().extract<Object::Ptr>();
  }

  testing::TempDir dir_;
  std::string repo_;
};

TEST_F(RetentionCli, AnArchivedReportFallsDueIsHeldAndChangesClass) {
  auto classes = Run("张三", {"retention", "classes"});
  ASSERT_EQ(classes.exit_code, 0) << classes.err;
  for (const char* code : {"Y", "D30", "D10", "KJ-PZ30", "KJ-NB"}) {
    EXPECT_NE(classes.out.find(code), std::string::npos) << code << "\n" << classes.out;
  }

  std::string n = ArchivedReport("年度项目总结报告");
  auto status = Run("张三", {"retention", "show", n, "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto s = status.Json().extract<Object::Ptr>();
  EXPECT_EQ(s->getValue<std::string>("class"), "D10");
  EXPECT_EQ(s->getValue<std::string>("action"), "destroy");
  int year = std::stoi(s->getValue<std::string>("clock_start").substr(0, 4));  // archived today
  std::string due_date = std::to_string(year + 11) + "-01-01";
  EXPECT_EQ(s->getValue<std::string>("disposition_date"), due_date);
  auto shown = Run("张三", {"show", n});
  EXPECT_NE(shown.out.find("处置      " + due_date + " (destroy"), std::string::npos) << shown.out;

  std::string day_before = std::to_string(year + 10) + "-12-31";
  EXPECT_EQ(DueJson({"--as-of", day_before})->getArray("items")->size(), 0u);
  auto due = DueJson({"--as-of", day_before, "--within", "1"});
  ASSERT_EQ(due->getArray("items")->size(), 1u);
  EXPECT_EQ(due->getArray("items")->getObject(0)->getValue<std::string>("number"), n);
  auto text = Run("档案员", {"retention", "due", "--as-of", due_date});
  EXPECT_NE(text.out.find("销毁 (1)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("共 1 份到期，其中冻结 0 份"), std::string::npos) << text.out;

  // Held: still listed as due, marked held.
  auto refused = Run("张三", {"hold", "place", n, "--reason", "审计", "--authority", "审计部"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("archivist, legal, director"), std::string::npos) << refused.err;
  auto placed = Run(
      "王律师", {"hold", "place", n, "--reason", "审计调阅", "--authority", "审计部", "--json"});
  ASSERT_EQ(placed.exit_code, 0) << placed.err;
  int64_t hold = placed.Json().extract<Object::Ptr>()->getValue<int64_t>("id");
  due = DueJson({"--as-of", due_date});
  EXPECT_TRUE(due->getArray("items")->getObject(0)->getObject("retention")->getValue<bool>("held"));
  auto list = Run("档案员", {"hold", "list"});
  EXPECT_NE(list.out.find("审计调阅"), std::string::npos) << list.out;
  EXPECT_NE(Run("张三", {"show", n}).out.find("冻结      冻结 " + std::to_string(hold) + "，"),
            std::string::npos);
  ASSERT_EQ(
      Run("王律师", {"hold", "release", std::to_string(hold), "--reason", "审计结束"}).exit_code,
      0);
  EXPECT_FALSE(DueJson({"--as-of", due_date})
                   ->getArray("items")
                   ->getObject(0)
                   ->getObject("retention")
                   ->getValue<bool>("held"));

  // A class change moves the date, and is in the audit trail.
  auto changed =
      Run("档案员", {"retention", "set", n, "D30", "--reason", "鉴定：具有长期参考价值"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(changed.out.find(std::to_string(year + 31) + "-01-01 (review"), std::string::npos)
      << changed.out;
  EXPECT_EQ(DueJson({"--as-of", due_date})->getArray("items")->size(), 0u);
  auto audit = Run("admin", {"audit", n});
  for (const char* action : {"冻结", "解除冻结", "变更保管期限"}) {
    EXPECT_NE(audit.out.find(action), std::string::npos) << action << "\n" << audit.out;
  }
  auto verify = Run("admin", {"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(RetentionCli, ATransferTakesAClassWhoseActionIsTransfer) {
  std::string kept = ArchivedReport("十年期报告");  // D10: destroyed at expiry
  auto meta =
      dir_.Write("y.json", R"({"kind":"项目总结报告","date":"2026-06-30","author":"张三"})");
  auto added =
      Run("张三", {"add", "report", "--title", "重大项目总结", "--meta", meta.string(), "--json"});
  std::string permanent = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  ASSERT_EQ(Run("张三", {"transition", permanent, "submit"}).exit_code, 0);
  ASSERT_EQ(Run("李经理", {"transition", permanent, "approve"}).exit_code, 0);
  ASSERT_EQ(
      Run("档案员", {"archive", permanent, "--retention", "Y", "--reason", "重大项目"}).exit_code,
      0);

  auto out = (dir_ / "移交.zip").string();
  auto refused = Run("档案员", {"transfer", "--class", "D10", "--to", "市档案馆", "-o", out});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("D10's action at expiry is destroy, not transfer"), std::string::npos)
      << refused.err;
  auto moved = Run("档案员", {"transfer", "--class", "Y", "--to", "市档案馆", "-o", out, "--json"});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  auto numbers = moved.Json().extract<Object::Ptr>()->getArray("numbers");
  ASSERT_EQ(numbers->size(), 1u);
  EXPECT_EQ(numbers->getElement<std::string>(0), permanent);
  auto shown =
      Run("张三", {"retention", "show", permanent, "--json"}).Json().extract<Object::Ptr>();
  EXPECT_TRUE(shown->getValue<bool>("transferred"));
  EXPECT_FALSE(Run("张三", {"retention", "show", kept, "--json"})
                   .Json()
                   .extract<Object::Ptr>()
                   ->getValue<bool>("transferred"));
}

TEST_F(RetentionCli, MistakesAreRefusedNamingWhatIsWrong) {
  std::string n = ArchivedReport("季度报告");
  auto bad_date = Run("档案员", {"retention", "due", "--as-of", "2040-02-30"});
  EXPECT_EQ(bad_date.exit_code, 1);
  EXPECT_NE(bad_date.err.find("2040-02-30"), std::string::npos) << bad_date.err;
  auto bad_class = Run("档案员", {"retention", "set", n, "D7", "--reason", "x"});
  EXPECT_EQ(bad_class.exit_code, 1);
  EXPECT_NE(bad_class.err.find("unknown retention class 'D7'"), std::string::npos) << bad_class.err;
  auto no_filter = Run("档案员", {"hold", "place", "--reason", "x", "--authority", "y"});
  EXPECT_EQ(no_filter.exit_code, 1);
  EXPECT_NE(no_filter.err.find("needs a filter"), std::string::npos) << no_filter.err;
  auto both = Run("档案员", {"hold", "place", n, "--counterparty", "华信", "--reason", "x",
                             "--authority", "y"});
  EXPECT_EQ(both.exit_code, 1);
  auto clerk = Run("张三", {"retention", "due"});
  EXPECT_NE(clerk.exit_code, 0);
  EXPECT_NE(clerk.err.find("archivist"), std::string::npos) << clerk.err;
  auto unknown_hold = Run("档案员", {"hold", "release", "42", "--reason", "x"});
  EXPECT_NE(unknown_hold.exit_code, 0);
  EXPECT_NE(unknown_hold.err.find("no hold 42"), std::string::npos) << unknown_hold.err;
  auto not_archived = Run("张三", {"retention", "show", "NOPE-1"});
  EXPECT_NE(not_archived.exit_code, 0);
}

}  // namespace
}  // namespace dossier
