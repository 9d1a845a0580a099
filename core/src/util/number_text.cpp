#include "util/number_text.h"

namespace dossier {

std::string WithThousands(long long n) {
  std::string digits = std::to_string(n), out;
  const size_t sign = n < 0 ? 1 : 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > sign && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace dossier
