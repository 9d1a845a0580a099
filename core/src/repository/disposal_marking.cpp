#include "repository/disposal_marking.h"

#include <algorithm>

namespace dossier {

Confidentiality DisposalMarking(const std::vector<Role>& approvers, Confidentiality highest) {
  Confidentiality marking = highest;
  for (Role r : approvers) marking = std::min(marking, DefaultClearance(r));
  return marking;
}

Poco::JSON::Object::Ptr WithheldLine(Confidentiality level, const std::string& where) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
  o->set("withheld", std::string(ConfidentialityName(level)));
  o->set("title", "（" + std::string(ConfidentialityName(level)) + "，不在本" + where + "中列明）");
  return o;
}

}  // namespace dossier
