// A repository with a user of each role and helpers that take contracts
// through their workflow and build their files, for tests of archiving and
// what follows it (retention, holds, disposal). The clock is the test's.
#ifndef DOSSIER_TESTS_SUPPORT_ARCHIVE_FIXTURE_H_
#define DOSSIER_TESTS_SUPPORT_ARCHIVE_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dossier/repository.h"
#include "support/fixed_clock.h"
#include "support/samples.h"
#include "support/temp_dir.h"

namespace dossier::testing {

class ArchiveFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Repository::Init(dir_ / "repo").ok());
    ASSERT_NO_FATAL_FAILURE(Configure(dir_ / "repo" / "config"));
    OpenOptions options;
    options.clock = clock_;
    repo_ = *Repository::Open(dir_ / "repo", options);
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
    admin_ = admin;
  }
  /// A test's own configuration, written before the repository is opened.
  virtual void Configure(const std::filesystem::path& /*config_dir*/) {}
  Actor A(const std::string& name) { return *repo_->ActorFor(name); }
  void Step(const std::string& who, const std::string& ref, const std::string& action,
            std::vector<MetadataAssignment> set = {}) {
    auto r = repo_->Transition(A(who), ref, TransitionRequest{action, "", std::move(set)});
    ASSERT_TRUE(r.ok()) << who << " " << action << " " << ref << ": " << r.status().message();
  }
  // A contract taken to `final_action` ("complete" by default), with its text.
  std::string Contract(double amount, bool with_text = true, bool finish = true,
                       const std::string& counterparty = "北京华信科技有限公司",
                       bool open_matters = false) {
    NewDocument doc;
    doc.type = "contract";
    doc.title = "采购合同";
    doc.metadata_json = testing::ContractMeta("商务部", amount, counterparty);
    if (open_matters)
      doc.metadata_json.insert(doc.metadata_json.size() - 1, R"(,"open_matters":true)");
    if (with_text) {
      // Each contract's text is its own content (a token tests can look for in the store).
      std::string name = "text" + std::to_string(counter_++);
      doc.files = {FileInput{dir_.Write(name + ".txt", "合同正文 TOKEN-" + name), ""}};
    }
    std::string n = repo_->Register(A("张三"), doc)->summary.number;
    Step("张三", n, "submit");
    Step("李经理", n, "approve");
    if (amount > 1'000'000) {
      Step("王律师", n, "approve");
      Step("赵会计", n, "approve");
    }
    Step(amount > 200'000 ? "陈总" : "周经理", n, "approve");
    Step("张三", n, "sign",
         {{"signing_date", "2026-03-01", false},
          {"signatory_ours", "陈明", false},
          {"signatory_theirs", "刘强", false},
          {"seal", "合同专用章", false}});
    if (finish) {
      Step("张三", n, "start-performance");
      Step("李经理", n, "complete");
    }
    return n;
  }
  std::string Attach(const std::string& contract, const std::string& type,
                     const std::string& meta) {
    NewDocument doc;
    doc.type = type;
    doc.title = type + " of " + contract;
    doc.metadata_json = meta;
    std::string n = repo_->Register(A("张三"), doc)->summary.number;
    EXPECT_TRUE(repo_->Link(A("张三"), n, RelationKind::kAttachmentOf, contract).ok());
    return n;
  }
  std::string ApprovalForm(const std::string& contract) {
    return Attach(contract, "approval-form",
                  R"({"contract_number":")" + contract + R"(","department":"商务部"})");
  }
  // A completed contract with its approval form, archived by the archivist
  // today (the test's clock); returns its number.
  std::string ArchivedContract(double amount = 50'000,
                               const std::string& counterparty = "北京华信科技有限公司",
                               bool open_matters = false) {
    std::string n = Contract(amount, true, true, counterparty, open_matters);
    ApprovalForm(n);
    auto records = repo_->Archive(A("档案员"), n, {});
    EXPECT_TRUE(records.ok()) << records.status().message();
    return n;
  }
  void ExpectVerifies() {
    auto report = repo_->Verify(admin_);
    ASSERT_TRUE(report.ok()) << report.status().message();
    for (const auto& p : report->problems) ADD_FAILURE() << p.message;
  }
  std::string Missing(const std::string& ref) {
    auto file = repo_->File(A("档案员"), ref);
    EXPECT_TRUE(file.ok()) << file.status().message();
    std::string all;
    for (const auto& m : file->missing) all += m + "\n";
    return all;
  }

  std::shared_ptr<FixedClock> clock_ =
      std::make_shared<FixedClock>(Noon(2026, 3, 1), std::chrono::seconds{1});
  TempDir dir_;
  std::unique_ptr<Repository> repo_;
  Actor admin_;
  int counter_ = 0;
};

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SUPPORT_ARCHIVE_FIXTURE_H_
