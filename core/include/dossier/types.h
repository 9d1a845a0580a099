// Document types as the core hands them out. Types are data: JSON files under
// the repository's config/types/ (copied from schemas/types/ at init), each
// with a JSON Schema for its metadata, a numbering template, a default
// retention class and names in Chinese and English.
#ifndef DOSSIER_TYPES_H_
#define DOSSIER_TYPES_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier {

/// A named code: a workflow state or a document status, as people read it.
struct NamedCode {
  std::string code;     // "in_review"
  std::string name_zh;  // "部门经理审核"
  std::string name_en;  // "In review"
};

/// How a workflow names an action taken from a state ("approve" from
/// pending_approval is 批准; from in_review, 审核通过).
struct ActionName {
  std::string action;
  std::string from;
  std::string name_zh;
  std::vector<std::string> data;  // metadata pointers of the data it asks for ("/signing/seal")
};

struct DocumentTypeInfo {
  std::string code;       // "contract"
  std::string name_zh;    // "合同"
  std::string name_en;    // "Contract"
  std::string numbering;  // "HT-{year}-{dept}-{seq:4}"
  std::string retention;  // default retention class code, e.g. "D30"
  std::string description;
  std::string schema_json;          // the JSON Schema of the metadata
  std::string workflow;             // the workflow its documents follow, "" for none
  std::vector<NamedCode> states;    // that workflow's states, initial first; empty for none
  std::vector<ActionName> actions;  // that workflow's actions, each from each state it leaves
  bool registrable =
      true;  // false for records only the core writes (destruction lists, certificates)
};

/// The statuses every document may reach outside its workflow (registered,
/// void, archived, destroyed), with their names.
std::vector<NamedCode> CoreStatusNames();

/// The yes/no of the exports' flag columns: 是/否.
std::vector<NamedCode> YesNoNames();

/// The name of `code` among `names` in `lang` ("zh" or "en"); the code
/// itself when it has none there.
std::string NameOfCode(const std::vector<NamedCode>& names, const std::string& code,
                       std::string_view lang);

}  // namespace dossier

#endif  // DOSSIER_TYPES_H_
