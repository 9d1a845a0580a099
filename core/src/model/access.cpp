#include "dossier/access.h"

#include <array>

namespace dossier {

namespace {

struct LevelNames {
  Confidentiality level;
  std::string_view zh;
  std::string_view code;
};
constexpr std::array<LevelNames, 4> kLevels = {{
    {Confidentiality::kPublic, "公开", "public"},
    {Confidentiality::kInternal, "内部", "internal"},
    {Confidentiality::kSecret, "秘密", "secret"},
    {Confidentiality::kClassified, "机密", "classified"},
}};

struct RoleNames {
  Role role;
  std::string_view code;
  std::string_view zh;
  Confidentiality clearance;
};
constexpr std::array<RoleNames, 7> kRoles = {{
    {Role::kClerk, "clerk", "商务专员", Confidentiality::kInternal},
    {Role::kManager, "manager", "商务经理", Confidentiality::kSecret},
    {Role::kDirector, "director", "商务总监", Confidentiality::kClassified},
    {Role::kLegal, "legal", "法务", Confidentiality::kSecret},
    {Role::kFinance, "finance", "财务", Confidentiality::kSecret},
    {Role::kArchivist, "archivist", "档案管理员", Confidentiality::kClassified},
    {Role::kAdmin, "admin", "系统管理员", Confidentiality::kClassified},
}};

}  // namespace

std::string_view ConfidentialityName(Confidentiality level) {
  return kLevels[static_cast<int>(level)].zh;
}
std::string_view ConfidentialityCode(Confidentiality level) {
  return kLevels[static_cast<int>(level)].code;
}

std::optional<Confidentiality> ParseConfidentiality(std::string_view text) {
  for (const auto& l : kLevels) {
    if (text == l.zh || text == l.code) return l.level;
  }
  // Traditional-character spellings, as our users' regulations write them.
  if (text == "公開") return Confidentiality::kPublic;
  if (text == "機密") return Confidentiality::kClassified;
  if (text.size() == 1 && text[0] >= '0' && text[0] <= '3')
    return static_cast<Confidentiality>(text[0] - '0');
  return std::nullopt;
}

std::string_view RoleCode(Role role) { return kRoles[static_cast<int>(role)].code; }
std::string_view RoleName(Role role) { return kRoles[static_cast<int>(role)].zh; }
Confidentiality DefaultClearance(Role role) { return kRoles[static_cast<int>(role)].clearance; }

std::optional<Role> ParseRole(std::string_view text) {
  for (const auto& r : kRoles) {
    if (text == r.code || text == r.zh) return r.role;
  }
  if (text == "部门经理") return Role::kManager;
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = {Role::kClerk, Role::kManager, Role::kDirector,
                                         Role::kLegal, Role::kFinance, Role::kArchivist,
                                         Role::kAdmin};
  return kAll;
}

}  // namespace dossier
