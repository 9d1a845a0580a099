#include "cli/names.h"

#include "dossier/text_table.h"

namespace dossier::cli {

std::optional<Lang> ParseLang(const std::string& text) {
  if (text == "zh" || text == "中文") return Lang::kZh;
  if (text == "en") return Lang::kEn;
  return std::nullopt;
}

Names::Names(const std::vector<DocumentTypeInfo>& types, Lang lang)
    : lang_(lang), core_statuses_(CoreStatusNames()) {
  for (const auto& t : types) types_[t.code] = t;
}

const NamedCode* Names::Find(const std::vector<NamedCode>& names, const std::string& code) const {
  for (const auto& n : names) {
    if (n.code == code) return &n;
  }
  return nullptr;
}

std::string Names::NameOf(const NamedCode& named) const {
  const std::string& name = lang_ == Lang::kZh ? named.name_zh : named.name_en;
  return name.empty() ? named.code : name;
}

std::string Names::Type(const std::string& code) const {
  auto it = types_.find(code);
  if (it == types_.end()) return code;
  const std::string& name = lang_ == Lang::kZh ? it->second.name_zh : it->second.name_en;
  return name.empty() ? code : name;
}

std::string Names::State(const std::string& type, const std::string& code) const {
  if (auto it = types_.find(type); it != types_.end()) {
    if (const NamedCode* named = Find(it->second.states, code)) return NameOf(*named);
  }
  if (const NamedCode* named = Find(core_statuses_, code)) return NameOf(*named);
  return code;
}

std::string Names::Action(const std::string& type, const std::string& from,
                          const std::string& action) const {
  if (lang_ == Lang::kEn) return action;
  auto it = types_.find(type);
  if (it == types_.end()) return action;
  for (const auto& a : it->second.actions) {
    if (a.action == action && a.from == from && !a.name_zh.empty()) return a.name_zh;
  }
  return action;
}

std::string Names::Relation(const std::string& kind) const {
  if (lang_ == Lang::kEn) return kind;
  static const std::map<std::string, std::string> kZh = {{"amends", "变更"},
                                                         {"terminates", "解除"},
                                                         {"attachment-of", "附属于"},
                                                         {"minutes-of", "纪要"},
                                                         {"supersedes", "替代"}};
  auto it = kZh.find(kind);
  return it == kZh.end() ? kind : it->second;
}

std::string Names::Field(const std::string& zh, const std::string& en) const {
  std::string label = Say(zh, en);
  size_t width = lang_ == Lang::kZh ? 10 : 17;
  size_t shown = DisplayWidth(label);
  return label + std::string(shown < width ? width - shown : 1, ' ');
}

std::string Names::RoleOf(Role role) const {
  return lang_ == Lang::kZh ? std::string(RoleName(role)) : std::string(RoleCode(role));
}

std::string Names::Level(Confidentiality level) const {
  return lang_ == Lang::kZh ? std::string(ConfidentialityName(level))
                            : std::string(ConfidentialityCode(level));
}

}  // namespace dossier::cli
