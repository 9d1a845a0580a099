// What a person reads instead of codes: document types, states, roles,
// confidentiality and yes/no by the names the data gives them (name_zh in the
// types and workflows), in Chinese — or in English with `--lang en`
// (DOSSIER_LANG=en). Codes stay in --json, where programs read them.
#ifndef DOSSIER_CLI_NAMES_H_
#define DOSSIER_CLI_NAMES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dossier/access.h"
#include "dossier/types.h"

namespace dossier::cli {

enum class Lang { kZh, kEn };

/// "zh" or "en" (also "中文"), else nothing.
std::optional<Lang> ParseLang(const std::string& text);

class Names {
 public:
  Names(const std::vector<DocumentTypeInfo>& types, Lang lang);

  Lang lang() const { return lang_; }
  /// The text in the reader's language: `zh`, or `en` with --lang en.
  std::string Say(const std::string& zh, const std::string& en) const {
    return lang_ == Lang::kZh ? zh : en;
  }

  /// 合同 for "contract"; an unknown code as it is.
  std::string Type(const std::string& code) const;
  /// 已签订 for a contract's "signed", 已归档 for "archived"; an unknown code as it is.
  std::string State(const std::string& type, const std::string& code) const;
  /// 批准 for "approve" from a contract's pending_approval (审核通过 from in_review).
  std::string Action(const std::string& type, const std::string& from,
                     const std::string& action) const;
  /// 变更 for "amends", 附属于 for "attachment-of".
  std::string Relation(const std::string& kind) const;
  /// 商务专员 for a clerk.
  std::string RoleOf(Role role) const;
  /// 秘密, or "secret".
  std::string Level(Confidentiality level) const;
  std::string YesNo(bool yes) const { return Say(yes ? "是" : "否", yes ? "yes" : "no"); }
  /// A core code by its name among `names` (SealStatusNames(), ...).
  std::string Code(const std::vector<NamedCode>& names, const std::string& code) const {
    return NameOfCode(names, code, lang_ == Lang::kEn ? "en" : "zh");
  }
  /// A label of `show`'s left column, padded so that the values line up.
  std::string Field(const std::string& zh, const std::string& en) const;

 private:
  const NamedCode* Find(const std::vector<NamedCode>& names, const std::string& code) const;
  std::string NameOf(const NamedCode& named) const;

  Lang lang_;
  std::map<std::string, DocumentTypeInfo> types_;
  std::vector<NamedCode> core_statuses_;
};

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_NAMES_H_
