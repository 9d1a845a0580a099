// End to end: a contract and a set of minutes through their workflows with
// the real binary, the audit trail checked at the end.
#include <gtest/gtest.h>

#include <fstream>

#include "e2e/run_dossier.h"
#include "support/samples.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class LifecycleCli : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = (dir_ / "repo").string();
    ASSERT_EQ(testing::RunDossier({"init", repo_}, dir_.path()).exit_code, 0);
    for (const char* spec : {"张三:clerk", "李经理:manager", "王律师:legal", "赵会计:finance",
                             "陈总:director", "档案员:archivist"}) {
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
  std::string Add(const std::string& type, const std::string& title, const std::string& meta) {
    auto file = dir_.Write(type + ".json", meta);
    auto o = Run("张三", {"add", type, "--title", title, "--meta", file.string(), "--json"});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    return o.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  }
  // Takes an action and returns the state reached.
  std::string Step(const std::string& user, const std::string& ref, std::vector<std::string> args) {
    args.insert(args.begin(), {"transition", ref});
    args.push_back("--json");
    auto o = Run(user, args);
    EXPECT_EQ(o.exit_code, 0) << user << " " << args[2] << ": " << o.err;
    if (o.exit_code != 0) return "";
    return o.Json().extract<Object::Ptr>()->getValue<std::string>("state");
  }

  testing::TempDir dir_;
  std::string repo_;
};

TEST_F(LifecycleCli, AContractGoesToReviewOnlyWithTheClausesTheRulesRequire) {
  // A draft may be incomplete: parties without addresses, no term, quality only spaces.
  std::string n = Add(
      "contract", "服务器采购合同",
      R"({"parties":[{"role":"甲方","name":"本公司","self":true},{"role":"乙方","name":"北京华信科技有限公司"}],)"
      R"("subject":"服务器采购","quality":" \u3000 ","amount":{"value":120000,"currency":"CNY"},"department":"商务部"})");
  auto refused = Run("张三", {"transition", n, "submit"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(
      refused.err.find(
          n +
          " cannot be taken to 提交审核 (submit) without its main clauses; missing: "
          "当事人 › 地址（甲方） (/parties/0/address)、当事人 › 地址（乙方） (/parties/1/address)、"
          "数量 (/quantity)、质量要求 (/quality)、付款方式 (/payment_terms)、"
          "履行期限 › 起始日期 (/term/start)、履行期限 › 终止日期 (/term/end)、履行地点 (/place)、"
          "履行方式 (/method)、验收标准 (/acceptance_criteria)、违约责任 (/breach_liability)、"
          "争议解决 (/dispute_resolution)."),
      std::string::npos)
      << refused.err;
  EXPECT_EQ(Run("张三", {"show", n, "--json"})
                .Json()
                .extract<Object::Ptr>()
                ->getValue<std::string>("status"),
            "draft");

  // Filled in with a new version, it goes.
  auto full = dir_.Write("full.json", testing::ContractMeta());
  ASSERT_EQ(
      Run("张三", {"version", n, "--meta", full.string(), "--comment", "补全主要条款"}).exit_code,
      0);
  EXPECT_EQ(Step("张三", n, {"submit"}), "in_review");
}

TEST_F(LifecycleCli, AnAmendmentStatesWhatChangesWhyAndFromWhen) {
  std::string contract = Add("contract", "服务器采购合同", testing::ContractMeta());
  std::string n = Add("amendment", "补充协议",
                      R"({"contract_number":")" + contract +
                          R"(","content":"交货期延后三十日","department":"商务部"})");
  auto refused = Run("张三", {"transition", n, "提交审核"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("missing: 原因 (/reason)、生效日期 (/effective_date)."),
            std::string::npos)
      << refused.err;
  ASSERT_EQ(Run("张三", {"version", n, "--set", "reason=乙方产能不足", "--set",
                         "effective_date=2026-05-01"})
                .exit_code,
            0);
  EXPECT_EQ(Step("张三", n, {"submit"}), "in_review");
}

TEST_F(LifecycleCli, TheClausesRequiredAreTheCompanysToChangeInTheWorkflow) {
  // A company that does not ask for acceptance criteria takes them off its list.
  auto workflow = std::filesystem::path(repo_) / "config" / "workflows" / "contract.json";
  auto without = [](std::string text, const std::string& part) {
    auto at = text.find(part);
    EXPECT_NE(at, std::string::npos) << part;
    return at == std::string::npos ? text : text.erase(at, part.size());
  };
  std::string text = without(testing::ReadAll(workflow), R"( "/acceptance_criteria",)");
  std::ofstream(workflow, std::ios::trunc) << text;
  std::string n = Add(
      "contract", "服务器采购合同",
      without(testing::ContractMeta(), R"("acceptance_criteria":"到货后十日内按技术协议验收",)"));
  EXPECT_EQ(Step("张三", n, {"submit"}), "in_review");

  // A list naming a type the workflow does not cover is refused at open, naming the file.
  std::string amendment = R"("amendment": [)";
  std::ofstream(workflow, std::ios::trunc)
      << text.replace(text.find(amendment), amendment.size(), R"("report": [)");
  auto broken = Run("张三", {"list"});
  EXPECT_NE(broken.exit_code, 0);
  EXPECT_NE(broken.err.find("contract.json: transitions[0].requires_clauses: 'report' is not among "
                            "the workflow's types"),
            std::string::npos)
      << broken.err;
}

TEST_F(LifecycleCli, AContractSignedWithoutItsTextGetsItsSignedScanAfterwards) {
  // Approved and signed with no file: its content is frozen from signing on.
  std::string n = Add("contract", "服务器采购合同", testing::ContractMeta("商务部", 120'000));
  EXPECT_EQ(Step("张三", n, {"submit"}), "in_review");
  EXPECT_EQ(Step("李经理", n, {"approve"}), "pending_approval");
  EXPECT_EQ(Step("李经理", n, {"approve"}), "approved");
  EXPECT_EQ(Step("张三", n,
                 {"sign", "--set", "signing_date=2026-03-01", "--set", "signatory_ours=陈明",
                  "--set", "signatory_theirs=刘强", "--set", "seal=合同专用章"}),
            "signed");
  EXPECT_EQ(Step("张三", n, {"start-performance"}), "in_performance");
  EXPECT_EQ(Step("李经理", n, {"complete"}), "completed");
  std::string form = Add("approval-form", "合同审批表",
                         R"({"contract_number":")" + n + R"(","department":"商务部"})");
  ASSERT_EQ(Run("张三", {"link", form, "--attaches-to", n}).exit_code, 0);
  auto scan = dir_.Write("签署文本扫描件.pdf", "%PDF-1.4 signed and sealed\n%%EOF\n");
  EXPECT_EQ(Run("张三", {"version", n, scan.string()}).exit_code, 1)
      << "the frozen contract takes no file";

  // The file says what is missing and how to add it.
  auto file = Run("档案员", {"file", n});
  EXPECT_NE(file.out.find("the signed contract text: a file of " + n +
                          ", or its scan or signed PDF registered as a "
                          "合同签署文本 and attached"),
            std::string::npos)
      << file.out;
  EXPECT_EQ(Run("档案员", {"archive", n}).exit_code, 1);

  // Registered as a piece of the file, the scan completes it; the contract is unchanged.
  auto version_before =
      Run("张三", {"show", n, "--json"}).Json().extract<Object::Ptr>()->getValue<int>("version");
  auto added = Run("张三", {"add", "signed-copy", "--title", "合同签署文本", "--set",
                            "contract_number=" + n, "--set", "department=商务部", "--set",
                            "original_location=档案室 A-3", scan.string(), "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string copy = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  EXPECT_EQ(copy.rfind("QS-", 0), 0u) << copy;
  ASSERT_EQ(Run("张三", {"link", copy, "--attaches-to", n}).exit_code, 0);
  auto complete = Run("档案员", {"file", n, "--json"}).Json().extract<Object::Ptr>();
  EXPECT_TRUE(complete->getValue<bool>("complete")) << Run("档案员", {"file", n}).out;
  EXPECT_EQ(
      Run("张三", {"show", n, "--json"}).Json().extract<Object::Ptr>()->getValue<int>("version"),
      version_before);
  auto archived = Run("档案员", {"archive", n, "--json"});
  ASSERT_EQ(archived.exit_code, 0) << archived.err;
  std::vector<std::string> pieces;
  auto records = archived.Json().extract<Array::Ptr>();
  for (const auto& r : *records)
    pieces.push_back(r.extract<Object::Ptr>()->getValue<std::string>("number"));
  EXPECT_EQ(pieces, (std::vector<std::string>{n, form, copy}));
}

TEST_F(LifecycleCli, AUserWhoLeavesHandsOverWhatTheyHoldOrIsNotDeactivated) {
  // 张三 owns a resolution, has borrowed an original and asked for a seal.
  std::string m = Add("meeting-minutes", "四月例会纪要", testing::MinutesMeta());
  EXPECT_EQ(Step("李经理", m, {"approve"}), "reviewed");
  EXPECT_EQ(Step("张三", m, {"distribute"}), "distributed");
  std::string n = Add("contract", "服务器采购合同", testing::ContractMeta("商务部", 1'280'000));
  ASSERT_EQ(
      Run("档案员", {"lend", n, "--to", "张三", "--due", "2099-12-31", "--original"}).exit_code, 0);
  ASSERT_EQ(Run("张三", {"seal", "request", n, "--seal", "合同专用章", "--purpose", "签订合同"})
                .exit_code,
            0);
  // A major contract in co-review waits for legal: 王律师 is the only one.
  EXPECT_EQ(Step("张三", n, {"submit"}), "in_review");
  EXPECT_EQ(Step("李经理", n, {"approve"}), "co_review");

  auto refused = Run("admin", {"user", "set", "张三", "--active", "no"});
  EXPECT_EQ(refused.exit_code, 1);
  for (const std::string& held : std::vector<std::string>{
           "张三 still holds: the paper original of " + n + " (lent, due 2099-12-31)",
           "resolution 1 of " + m + " (「本周内确认交付时间」, due 2026-04-09)",
           "seal request 1 (合同专用章 for " + n + ", requested)", "--handover-to USER"}) {
    EXPECT_NE(refused.err.find(held), std::string::npos) << held << "\n" << refused.err;
  }
  EXPECT_EQ(Run("张三", {"list"}).exit_code, 0) << "still active";
  auto holds = Run("admin", {"user", "holds", "张三", "--json"});
  ASSERT_EQ(holds.exit_code, 0) << holds.err;
  auto held = holds.Json().extract<Object::Ptr>();
  EXPECT_EQ(held->getArray("loans")->size(), 1u);
  EXPECT_EQ(held->getArray("resolutions")->size(), 1u);
  EXPECT_EQ(held->getArray("seal_requests")->size(), 1u);
  EXPECT_NE(Run("admin", {"user", "holds", "张三"})
                .out.find("张三 still holds: the paper original of " + n),
            std::string::npos);

  // Handed over to 李经理: his loan, his item, his request; recorded; verify holds the registers to
  // it.
  auto handed = Run("admin", {"user", "set", "张三", "--active", "no", "--handover-to", "李经理"});
  ASSERT_EQ(handed.exit_code, 0) << handed.err;
  EXPECT_NE(Run("张三", {"list"}).exit_code, 0) << "deactivated";
  EXPECT_NE(Run("admin", {"user", "holds", "张三"}).out.find("张三 holds nothing"),
            std::string::npos);
  auto loans = Run("档案员", {"loans", "--json"}).Json().extract<Array::Ptr>();
  ASSERT_EQ(loans->size(), 1u);
  EXPECT_EQ(loans->getObject(0)->getValue<std::string>("borrower"), "李经理");
  auto items =
      Run("李经理", {"resolutions", "--owner", "李经理", "--json"}).Json().extract<Array::Ptr>();
  EXPECT_EQ(items->size(), 1u);
  auto seals = Run("王律师", {"seal", "list", "--json"}).Json().extract<Array::Ptr>();
  ASSERT_EQ(seals->size(), 1u);
  EXPECT_EQ(seals->getObject(0)->getValue<std::string>("requested_by"), "李经理");
  auto audit = Run("admin", {"audit", "--json"}).Json().extract<Array::Ptr>();
  int handovers = 0;
  for (const auto& e : *audit)
    handovers += e.extract<Object::Ptr>()->getValue<std::string>("action") == "user.handover";
  EXPECT_EQ(handovers, 1);
  auto verify = Run("admin", {"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  // The loan comes back from its new holder.
  ASSERT_EQ(Run("档案员", {"return", n}).exit_code, 0);
  EXPECT_EQ(Run("admin", {"verify"}).exit_code, 0);

  // The only legal reviewer cannot leave while the co-review waits, not even to finance.
  auto reviewer = Run("admin", {"user", "set", "王律师", "--active", "no"});
  EXPECT_EQ(reviewer.exit_code, 1);
  EXPECT_NE(
      reviewer.err.find("the review of " + n +
                        " (approve, reject, request-changes), which no other active user may give"),
      std::string::npos)
      << reviewer.err;
  auto to_finance =
      Run("admin", {"user", "set", "王律师", "--active", "no", "--handover-to", "赵会计"});
  EXPECT_EQ(to_finance.exit_code, 1);
  EXPECT_NE(
      to_finance.err.find("赵会计 cannot take over the review of " + n + " (it needs a 法务)"),
      std::string::npos)
      << to_finance.err;
  ASSERT_EQ(Run("admin", {"user", "add", "孙律师", "--role", "legal"}).exit_code, 0);
  EXPECT_EQ(Run("admin", {"user", "set", "王律师", "--active", "no"}).exit_code, 0)
      << "another lawyer can give it now";
}

TEST_F(LifecycleCli, ActionsAreTakenByTheNamesTheWorkflowGivesThem) {
  auto meta = dir_.Write("contract.json", testing::ContractMeta("商务部", 1'280'000));
  auto added = Run(
      "张三", {"add", "contract", "--title", "服务器采购合同", "--meta", meta.string(), "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string n = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  EXPECT_EQ(Step("张三", n, {"提交审核"}), "in_review");
  EXPECT_EQ(Step("李经理", n, {"审核通过"}), "co_review");
  EXPECT_EQ(Step("王律师", n, {"会审通过", "--comment", "条款合规"}), "co_review");
  EXPECT_EQ(Step("赵会计", n, {"批准"}),
            "pending_approval");  // 批准 is approve, whichever step it is
  auto unknown = Run("陈总", {"transition", n, "盖章"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("'盖章' is not possible"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("allowed now for 陈总"), std::string::npos) << unknown.err;
  auto reason = Run("陈总", {"transition", n, "驳回"});
  EXPECT_EQ(reason.exit_code, 1);
  EXPECT_NE(reason.err.find("reject needs a reason"), std::string::npos) << reason.err;
  EXPECT_EQ(Step("陈总", n, {"批准"}), "approved");
  EXPECT_EQ(Step("张三", n,
                 {"签订", "--set", "signing_date=2026-03-01", "--set", "signatory_ours=陈明",
                  "--set", "signatory_theirs=刘强", "--set", "seal=合同专用章"}),
            "signed");
  EXPECT_EQ(Step("张三", n, {"开始履行"}), "in_performance");
  // The trail records the action itself, whatever it was called.
  auto audit = Run("admin", {"audit", n, "--json"}).Json().extract<Array::Ptr>();
  int approvals = 0;
  for (size_t i = 0; i < audit->size(); ++i) {
    auto details = audit->getObject(static_cast<unsigned>(i))->getObject("details");
    if (details && details->optValue<std::string>("action", "") == "approve") ++approvals;
  }
  EXPECT_EQ(approvals, 4);  // the manager, legal, finance, the director
}

TEST_F(LifecycleCli, AContractAndMinutesFromDraftToArchived) {
  auto text = dir_.Write("合同正文.txt", "第一条 标的：服务器十台。");
  auto meta = dir_.Write("contract.json", testing::ContractMeta("商务部", 1'280'000));
  auto added = Run("张三", {"add", "contract", "--title", "服务器采购合同", "--meta", meta.string(),
                            text.string(), "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string n = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto show = Run("张三", {"show", n, "--json"}).Json().extract<Object::Ptr>();
  EXPECT_EQ(show->getValue<std::string>("state"), "draft");
  EXPECT_EQ(show->getArray("actions")->size(), 1u);
  EXPECT_EQ(show->getArray("actions")->getElement<std::string>(0), "submit");

  EXPECT_EQ(Step("张三", n, {"submit"}), "in_review");
  auto refused = Run("张三", {"transition", n, "approve"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("may not approve"), std::string::npos) << refused.err;
  // Said in Chinese, by the names of the role and the actions, the core's English beneath.
  EXPECT_EQ(
      refused.err.rfind("dossier: 张三（商务专员）无权批准 " + n + "：需要的角色为商务经理", 0), 0u)
      << refused.err;
  EXPECT_NE(refused.err.find("\n  (张三 (clerk) may not approve " + n), std::string::npos)
      << refused.err;
  EXPECT_EQ(Step("李经理", n, {"approve"}), "co_review");
  auto pending = Run("王律师", {"pending", "--json"}).Json().extract<Array::Ptr>();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->getObject(0)->getValue<std::string>("number"), n);
  EXPECT_EQ(Step("王律师", n, {"approve", "--comment", "条款合规"}), "co_review");
  EXPECT_EQ(Step("赵会计", n, {"approve"}), "pending_approval");
  EXPECT_EQ(Step("陈总", n, {"approve"}), "approved");
  EXPECT_EQ(Step("张三", n,
                 {"sign", "--set", "signing_date=2026-03-01", "--set", "signatory_ours=陈明",
                  "--set", "signatory_theirs=刘强", "--set", "seal=合同专用章"}),
            "signed");
  auto frozen = Run("张三", {"version", n, "--set", "quantity=20台"});
  EXPECT_EQ(frozen.exit_code, 1);
  EXPECT_NE(frozen.err.find("frozen"), std::string::npos);
  ASSERT_EQ(Run("张三", {"distribute", n, "--to", "财务部", "--to", "项目部"}).exit_code, 0);
  auto copies =
      Run("张三", {"show", n, "--json"}).Json().extract<Object::Ptr>()->getArray("distribution");
  ASSERT_EQ(copies->size(), 2u);
  EXPECT_EQ(copies->getObject(0)->getValue<std::string>("recipient"), "财务部");
  EXPECT_EQ(Step("张三", n, {"start-performance"}), "in_performance");
  EXPECT_EQ(Step("李经理", n, {"complete"}), "completed");

  std::string m = Add("meeting-minutes", "四月例会纪要", testing::MinutesMeta());
  EXPECT_EQ(Step("李经理", m, {"approve"}), "reviewed");
  EXPECT_EQ(Step("张三", m, {"distribute"}), "distributed");
  // The contract's file: incomplete until its approval form is attached.
  auto file = Run("档案员", {"file", n, "--json"}).Json().extract<Object::Ptr>();
  EXPECT_FALSE(file->getValue<bool>("complete"));
  auto not_ready = Run("档案员", {"archive", n});
  EXPECT_EQ(not_ready.exit_code, 1);
  EXPECT_NE(not_ready.err.find("approval form"), std::string::npos) << not_ready.err;
  std::string form = Add("approval-form", "合同审批表",
                         R"({"contract_number":")" + n + R"(","department":"商务部"})");
  ASSERT_EQ(Run("张三", {"link", form, "--attaches-to", n}).exit_code, 0);
  auto archived = Run("档案员", {"archive", n, "--json"});
  ASSERT_EQ(archived.exit_code, 0) << archived.err;
  auto records = archived.Json().extract<Array::Ptr>();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ(records->getObject(0)->getValue<std::string>("archive_code"), "Z001-WS·2026-Y-SW-0001");
  EXPECT_EQ(records->getObject(1)->getValue<std::string>("number"), form);
  auto shown = Run("张三", {"show", n, "--json"}).Json().extract<Object::Ptr>();
  EXPECT_EQ(shown->getValue<std::string>("status"), "archived");
  EXPECT_EQ(shown->getObject("archive")->getValue<int>("piece"), 1);
  EXPECT_EQ(Run("张三", {"version", form, "--title", "改"}).exit_code, 1);  // immutable
  ASSERT_EQ(Run("档案员", {"archive", m}).exit_code, 0);

  auto resolutions =
      Run("张三", {"resolutions", "--owner", "张三", "--json"}).Json().extract<Array::Ptr>();
  ASSERT_EQ(resolutions->size(), 1u);
  EXPECT_EQ(resolutions->getObject(0)->getValue<std::string>("minutes"), m);
  ASSERT_EQ(Run("张三", {"resolutions", "done", m, "1", "--note", "已确认"}).exit_code, 0);
  auto open = Run("张三", {"resolutions", "--open", "--json"}).Json().extract<Array::Ptr>();
  EXPECT_EQ(open->size(), 0u);

  // The audit trail holds every step, in order, chained.
  auto audit = Run("admin", {"audit", n, "--json"}).Json().extract<Array::Ptr>();
  std::vector<std::string> actions;
  for (size_t i = 0; i < audit->size(); ++i) {
    auto e = audit->getObject(static_cast<unsigned>(i));
    if (e->getValue<std::string>("action") == "transition") {
      actions.push_back(e->getObject("details")->getValue<std::string>("action"));
    }
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"submit", "approve", "approve", "approve", "approve",
                                               "sign", "start-performance", "complete"}));
  EXPECT_EQ(
      audit->getObject(static_cast<unsigned>(audit->size() - 1))->getValue<std::string>("action"),
      "archive");
  auto shown_text = Run("张三", {"show", n});
  EXPECT_NE(
      shown_text.out.find("王律师 (法务)  会审通过  法务财务会审 -> 法务财务会审  「条款合规」"),
      std::string::npos)
      << shown_text.out;
  EXPECT_NE(shown_text.out.find("档号 Z001-WS·2026-Y-SW-0001"), std::string::npos)
      << shown_text.out;
  auto verify = Run("admin", {"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

}  // namespace
}  // namespace dossier
