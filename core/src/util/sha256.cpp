#include "util/sha256.h"

#include <Poco/Crypto/DigestEngine.h>
#include <Poco/Crypto/OpenSSLInitializer.h>

namespace dossier {

namespace {
// Poco::Crypto initialises OpenSSL per DigestEngine and tears it down when the
// last one goes, reseeding from /dev/urandom each time: hashing 10,000 files
// cost 34,000 opens of /dev/urandom. One initializer held for the life of the
// process keeps OpenSSL initialised once.
const Poco::Crypto::OpenSSLInitializer& KeepOpenSslInitialised() {
  static const Poco::Crypto::OpenSSLInitializer kInitializer;
  return kInitializer;
}
}  // namespace

struct Sha256::State {
  Poco::Crypto::DigestEngine engine{"SHA256"};
};

Sha256::Sha256() {
  (void)KeepOpenSslInitialised();
  state_ = std::make_unique<State>();
}
Sha256::~Sha256() = default;

void Sha256::Update(const void* data, size_t size) { state_->engine.update(data, size); }

std::string Sha256::HexDigest() {
  const auto& digest = state_->engine.digest();  // also resets the engine
  return ToHex(digest.data(), digest.size());
}

std::string Sha256Hex(std::string_view data) {
  Sha256 sha;
  sha.Update(data);
  return sha.HexDigest();
}

std::string ToHex(const unsigned char* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 0xf];
  }
  return out;
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace dossier
