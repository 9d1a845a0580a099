// What a user name may be. A name is how people recognise who acted, in
// lists, audit trails and signatures: two users must never look alike.
#ifndef DOSSIER_IDENTITY_USER_NAME_H_
#define DOSSIER_IDENTITY_USER_NAME_H_

#include <string>
#include <vector>

#include "dossier/status.h"

namespace dossier {

/// A name of at most 64 bytes of UTF-8, without spaces, control or
/// invisible characters, already in Unicode's NFKC form (ＡＢＣ is written
/// ABC: compatibility forms would make two names of one), and of one
/// script or of the mixes people write (Han with Latin, as 张三A; ICU's
/// "highly restrictive" level), so that a Cyrillic а cannot pass for a
/// Latin a. The refusal names what is wrong.
Status ValidateUserName(const std::string& name);

/// ICU's confusable skeleton of a name: two names with the same skeleton
/// look alike (paul and раul, 陈总 and 陳总 do not; rn and m do).
std::string UserNameSkeleton(const std::string& name);

/// The first of `existing` that `name` would be confused with, if any:
/// the refusal to add it names that user.
Status CheckNotConfusable(const std::string& name, const std::vector<std::string>& existing);

}  // namespace dossier

#endif  // DOSSIER_IDENTITY_USER_NAME_H_
