// Whole numbers as people read them in messages.
#ifndef DOSSIER_UTIL_NUMBER_TEXT_H_
#define DOSSIER_UTIL_NUMBER_TEXT_H_

#include <string>

namespace dossier {

/// 622080 as "622,080".
std::string WithThousands(long long n);

}  // namespace dossier

#endif  // DOSSIER_UTIL_NUMBER_TEXT_H_
