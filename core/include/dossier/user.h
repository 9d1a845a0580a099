// Users of a repository.
#ifndef DOSSIER_USER_H_
#define DOSSIER_USER_H_

#include <string>

#include "dossier/access.h"

namespace dossier {

struct User {
  std::string name;
  Role role = Role::kClerk;
  Confidentiality clearance = Confidentiality::kPublic;
  bool active = true;
  std::string created_at;
  std::string department;  // 所属部门: a name of config/departments.json, "" for none
  std::string language;    // what they read Dossier in: "zh", "en", or "" for the default (Chinese)
};

}  // namespace dossier

#endif  // DOSSIER_USER_H_
