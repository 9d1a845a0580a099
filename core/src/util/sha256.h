// Streaming SHA-256 (OpenSSL through Poco::Crypto) and hex helpers.
//
// A Sha256 object is not thread-safe; use one per thread.
#ifndef DOSSIER_UTIL_SHA256_H_
#define DOSSIER_UTIL_SHA256_H_

#include <memory>
#include <string>
#include <string_view>

namespace dossier {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(const void* data, size_t size);
  void Update(std::string_view data) { Update(data.data(), data.size()); }
  /// Lowercase hex digest; the object is reset and can be reused.
  std::string HexDigest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string Sha256Hex(std::string_view data);
std::string ToHex(const unsigned char* data, size_t size);
bool IsSha256Hex(std::string_view text);

}  // namespace dossier

#endif  // DOSSIER_UTIL_SHA256_H_
