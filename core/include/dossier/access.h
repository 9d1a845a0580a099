// Actors, roles and confidentiality levels (密级).
//
// A user of a repository has one role and a clearance: the highest
// confidentiality level they may see. A document above the actor's clearance
// is invisible to them: absent from lists, counts and error messages.
//
// Plain values; thread-safe to copy and share.
#ifndef DOSSIER_ACCESS_H_
#define DOSSIER_ACCESS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

/// Ordered from least to most restricted. The integer values are stored in
/// the catalog: never renumber them.
enum class Confidentiality : int {
  kPublic = 0,      // 公开
  kInternal = 1,    // 内部
  kSecret = 2,      // 秘密
  kClassified = 3,  // 机密
};

/// "公开", "内部", "秘密", "机密".
std::string_view ConfidentialityName(Confidentiality level);
/// "public", "internal", "secret", "classified".
std::string_view ConfidentialityCode(Confidentiality level);
/// Accepts the Chinese name, the English code, or the digit 0-3.
std::optional<Confidentiality> ParseConfidentiality(std::string_view text);

/// Roles are stored by their code; never rename a code.
enum class Role {
  kClerk,      // 商务专员
  kManager,    // 商务经理 / 部门经理
  kDirector,   // 商务总监
  kLegal,      // 法务
  kFinance,    // 财务
  kArchivist,  // 档案管理员
  kAdmin,      // 系统管理员
};

std::string_view RoleCode(Role role);                  // "clerk", "manager", ...
std::string_view RoleName(Role role);                  // "商务专员", ...
std::optional<Role> ParseRole(std::string_view text);  // code or Chinese name
const std::vector<Role>& AllRoles();
/// The clearance a new user of this role gets unless told otherwise.
Confidentiality DefaultClearance(Role role);

/// A user as the core sees them when checking an action.
struct Actor {
  std::string name;
  Role role = Role::kClerk;
  Confidentiality clearance = Confidentiality::kPublic;
  std::string department;  // 所属部门, "" for none
  std::string language;    // "zh", "en", "" for the default (Chinese)

  bool CanSee(Confidentiality level) const {
    return static_cast<int>(level) <= static_cast<int>(clearance);
  }
};

}  // namespace dossier

#endif  // DOSSIER_ACCESS_H_
