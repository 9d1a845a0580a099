// The second factor at sign-in, checked inside the sign-in's own write
// transaction (a code used twice at once is accepted once). Private to the
// repository.
#ifndef DOSSIER_REPOSITORY_SECOND_FACTOR_H_
#define DOSSIER_REPOSITORY_SECOND_FACTOR_H_

#include <chrono>
#include <string>

#include "catalog/catalog.h"

namespace dossier {

enum class SecondFactorCheck {
  kNone,     // the user has no enabled second factor: the password is enough
  kPassed,   // a right code, now used up
  kMissing,  // a code is needed and none was sent
  kWrong,    // a code was sent and is not right (or was used already)
};

/// For a user whose password was right. A passing authenticator code is
/// recorded as used; a passing recovery code is marked used and audited.
Result<SecondFactorCheck> CheckSecondFactor(Catalog& c, const std::string& user,
                                            const std::string& code,
                                            std::chrono::system_clock::time_point now,
                                            const std::string& now_iso);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_SECOND_FACTOR_H_
