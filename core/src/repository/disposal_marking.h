// How confidential a destruction list and its certificate are, and what of
// a line they may carry. Both are read by every role that signs the list, so
// they are marked at what all those roles may see, never higher: a list
// holding one 机密 document stays readable by the manager and legal (秘密).
// A line above that marking is withheld from the document's text — its
// position and marking only — and shown in full, from the catalog, to those
// cleared for it; a sign-off by someone cleared for every line vouches for it.
#ifndef DOSSIER_REPOSITORY_DISPOSAL_MARKING_H_
#define DOSSIER_REPOSITORY_DISPOSAL_MARKING_H_

#include <Poco/JSON/Object.h>

#include <vector>

#include "dossier/access.h"

namespace dossier {

/// The marking of a list of documents up to `highest`, signed by `approvers`:
/// the lower of `highest` and the least any approving role is cleared for.
Confidentiality DisposalMarking(const std::vector<Role>& approvers, Confidentiality highest);

/// A line withheld from a list or certificate marked below `level`: its
/// marking and a title saying so ("（机密，不在本清册中列明）"), for `where`
/// ("清册", "证明").
Poco::JSON::Object::Ptr WithheldLine(Confidentiality level, const std::string& where);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_DISPOSAL_MARKING_H_
