// A company renames its contract workflow's states (config/workflows): the
// states keep their stages, and archiving, the ledger, retention and the
// termination guard read stages, so they stay right under the new names.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "support/archive_fixture.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// The shipped state code → the company's own.
const std::map<std::string, std::string> kRenamed = {{"approved", "authorised"},
                                                     {"signed", "executed"},
                                                     {"in_performance", "performing"},
                                                     {"completed", "closed_out"},
                                                     {"terminated", "rescinded"}};

std::string Renamed(const std::string& code) {
  auto it = kRenamed.find(code);
  return it == kRenamed.end() ? code : it->second;
}

class WorkflowStagesTest : public testing::ArchiveFixture {
 protected:
  void Configure(const std::filesystem::path& config) override {
    const auto file = config / "workflows" / "contract.json";
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    auto workflow = Poco::JSON::Parser().parse(text.str()).extract<Object::Ptr>();
    Object::Ptr states = workflow->getObject("states");
    Object::Ptr renamed = new Object();
    for (const auto& [code, state] : *states) renamed->set(Renamed(code), state);
    workflow->set("states", renamed);
    Array::Ptr transitions = workflow->getArray("transitions");
    for (size_t i = 0; i < transitions->size(); ++i) {
      Object::Ptr t = transitions->getObject(static_cast<unsigned>(i));
      Array::Ptr from = t->getArray("from");
      Array::Ptr from_renamed = new Array();
      for (const auto& f : *from) from_renamed->add(Renamed(f.toString()));
      t->set("from", from_renamed);
      t->set("to", Renamed(t->getValue<std::string>("to")));
    }
    std::ofstream out(file, std::ios::trunc);
    workflow->stringify(out, 2);
    ASSERT_TRUE(out.good());
    // A class whose clock starts when the contract is closed, however its
    // workflow names that state.
    std::filesystem::create_directories(config / "retention");
    std::ofstream schedule(config / "retention" / "closing.json", std::ios::trunc);
    schedule << R"({"schedule": "closing", "title": "合同终结起算", "classes": [
      {"code": "C10", "name_zh": "合同终结后10年", "name_en": "10 years after closing", "years": 10,
       "starts": "contract_closed", "counting": "day_after", "action": "destroy"}]})";
    ASSERT_TRUE(schedule.good());
  }
};

TEST_F(WorkflowStagesTest, ARenamedWorkflowKeepsArchivingTheLedgerAndRetentionRight) {
  std::string closed = Contract(50'000);
  EXPECT_EQ(repo_->Get(A("张三"), closed)->summary.status, "closed_out");
  std::string executed = Contract(60'000, true, /*finish=*/false);
  EXPECT_EQ(repo_->Get(A("张三"), executed)->summary.status, "executed");

  // An amendment authorised under its new name counts as approved.
  NewDocument am;
  am.type = "amendment";
  am.title = "补充协议（一）";
  am.metadata_json =
      R"({"contract_number":")" + closed +
      R"(","department":"商务部","content":"金额增加","reason":"增加数量","effective_date":"2026-05-01",)"
      R"("amount_change":{"value":5000,"currency":"CNY"}})";
  std::string amendment = repo_->Register(A("张三"), am)->summary.number;
  ASSERT_TRUE(repo_->Link(A("张三"), amendment, RelationKind::kAmends, closed).ok());
  Step("张三", amendment, "submit");
  Step("李经理", amendment, "approve");
  Step("周经理", amendment, "approve");
  EXPECT_EQ(repo_->Get(A("张三"), amendment)->summary.status, "authorised");

  // The ledger: stages from the renamed states.
  auto ledger = repo_->ContractLedger(A("李经理"), LedgerQuery{});
  ASSERT_TRUE(ledger.ok()) << ledger.status().message();
  std::map<std::string, const LedgerRow*> rows;
  for (const auto& row : ledger->rows) rows[row.document.number] = &row;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[closed]->stage, LedgerStage::kCompleted);
  EXPECT_EQ(rows[closed]->state, "closed_out");
  EXPECT_EQ(rows[closed]->amendments_approved, 1);
  EXPECT_EQ(rows[closed]->current_amount, rows[closed]->amount + 500'000);  // minor units
  EXPECT_EQ(rows[closed]->signing_date, "2026-03-01");
  EXPECT_EQ(rows[executed]->stage, LedgerStage::kInPerformance);

  // Archiving: the amendment is an approved piece, the file complete; the
  // clock of a contract_closed class starts the day it was closed out.
  ApprovalForm(closed);
  EXPECT_EQ(Missing(closed), "");
  clock_->Set(testing::Noon(2026, 9, 1));
  auto records = repo_->Archive(A("档案员"), closed, {"C10", "合同终结后起算"});
  ASSERT_TRUE(records.ok()) << records.status().message();
  EXPECT_EQ(records->size(), 3u);
  auto retention = repo_->Retention(A("档案员"), closed);
  ASSERT_TRUE(retention.ok()) << retention.status().message();
  EXPECT_EQ(retention->clock_start, "2026-03-01");
  EXPECT_EQ(retention->computed_date, "2036-03-02");
  ExpectVerifies();
}

TEST_F(WorkflowStagesTest, ATerminationAgreementEndsItsContractUnderTheNewNames) {
  std::string n = Contract(60'000, true, /*finish=*/false);
  Step("张三", n, "start-performance");
  NewDocument t;
  t.type = "termination";
  t.title = "解除协议";
  t.metadata_json =
      R"({"contract_number":")" + n +
      R"(","department":"商务部","content":"双方协商解除","reason":"需求变更","effective_date":"2026-06-01"})";
  std::string agreement = repo_->Register(A("张三"), t)->summary.number;
  ASSERT_TRUE(repo_->Link(A("张三"), agreement, RelationKind::kTerminates, n).ok());
  // Not yet authorised: the guard refuses.
  EXPECT_FALSE(repo_->Transition(A("李经理"), n, {"terminate", "双方协商一致", {}}).ok());
  Step("张三", agreement, "submit");
  Step("李经理", agreement, "approve");
  Step("周经理", agreement, "approve");
  auto ended = repo_->Transition(A("李经理"), n, {"terminate", "双方协商一致", {}});
  ASSERT_TRUE(ended.ok()) << ended.status().message();
  EXPECT_EQ(repo_->Get(A("张三"), n)->summary.status, "rescinded");
  auto ledger = repo_->ContractLedger(A("李经理"), LedgerQuery{});
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->rows.size(), 1u);
  EXPECT_EQ(ledger->rows[0].stage, LedgerStage::kTerminated);
}

TEST_F(WorkflowStagesTest, AnUnknownStageIsRefusedAtOpenNamingTheFileAndState) {
  const auto file = dir_ / "repo" / "config" / "workflows" / "contract.json";
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  std::string edited = text.str();
  auto at = edited.find(R"("stage": "completed")");
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, std::string(R"("stage": "completed")").size(), R"("stage": "finished")");
  std::ofstream(file, std::ios::trunc) << edited;
  repo_.reset();
  auto reopened = Repository::Open(dir_ / "repo");
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("contract.json"), std::string::npos)
      << reopened.status().message();
  EXPECT_NE(reopened.status().message().find("stage"), std::string::npos)
      << reopened.status().message();
}

}  // namespace
}  // namespace dossier
