// The names people read for the codes the core writes: one list per kind of
// code, shared by the CLI, the exports and the PDFs so that a state reads the
// same everywhere. Workflow states and document types are named in their data
// (config/workflows, config/types); these are the core's own codes.
#include "dossier/archive.h"
#include "dossier/disposal.h"
#include "dossier/ledger.h"
#include "dossier/retention.h"
#include "dossier/types.h"

namespace dossier {

std::vector<NamedCode> YesNoNames() { return {{"yes", "是", "Yes"}, {"no", "否", "No"}}; }

std::vector<NamedCode> SealStatusNames() {
  return {{"requested", "待审批", "Requested"},
          {"approved", "已批准", "Approved"},
          {"rejected", "已拒绝", "Rejected"},
          {"used", "已用印", "Used"},
          {"returned", "已归还", "Returned"}};
}

std::vector<NamedCode> RetentionActionNames() {
  return {{"destroy", "销毁", "Destroy"},
          {"review", "鉴定", "Review"},
          {"transfer", "移交", "Transfer"}};
}

std::vector<NamedCode> LedgerStageNames() {
  return {{"unsigned", "未签订", "Unsigned"},
          {"in_performance", "履行中", "In performance"},
          {"completed", "履行完毕", "Completed"},
          {"terminated", "已解除", "Terminated"}};
}

std::vector<NamedCode> LedgerGroupingNames() {
  return {{"none", "不分组", "None"},          {"month", "按月", "By month"},
          {"quarter", "按季度", "By quarter"}, {"year", "按年", "By year"},
          {"dept", "按部门", "By department"}, {"counterparty", "按相对方", "By counterparty"},
          {"status", "按状态", "By status"}};
}

std::vector<NamedCode> DisposalLineStateNames() {
  return {{"listed", "待销毁", "Listed"},
          {"removed", "已撤出", "Taken off"},
          {"destroyed", "已销毁", "Destroyed"},
          {"skipped", "未销毁", "Skipped"}};
}

std::string NameOfCode(const std::vector<NamedCode>& names, const std::string& code,
                       std::string_view lang) {
  for (const auto& n : names) {
    if (n.code != code) continue;
    const std::string& name = lang == "en" ? n.name_en : n.name_zh;
    return name.empty() ? code : name;
  }
  return code;
}

}  // namespace dossier
