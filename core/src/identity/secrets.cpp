#include "identity/secrets.h"

#include <sys/random.h>

#include <cerrno>
#include <stdexcept>

#include "util/sha256.h"

namespace dossier {

std::string RandomBytes(size_t size) {
  std::string out(size, '\0');
  size_t done = 0;
  while (done < size) {
    ssize_t n = getrandom(out.data() + done, size - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      // No secret can be made without the kernel's randomness: nothing to fall back on.
      throw std::runtime_error("getrandom failed");
    }
    done += static_cast<size_t>(n);
  }
  return out;
}

std::string NewSecret(std::string_view prefix) {
  std::string bytes = RandomBytes(32);
  return std::string(prefix) +
         ToHex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string SecretHash(std::string_view secret) { return Sha256Hex(secret); }

std::string CsrfTokenOf(std::string_view session_secret) {
  return Sha256Hex(std::string("dossier csrf\n") + std::string(session_secret));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace dossier
