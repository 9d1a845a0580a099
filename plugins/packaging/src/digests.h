// SHA-256 and SHA-512 of a stream at once (OpenSSL), for manifests.
#ifndef DOSSIER_PLUGINS_PACKAGING_DIGESTS_H_
#define DOSSIER_PLUGINS_PACKAGING_DIGESTS_H_

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

namespace dossier::packaging {

class Digest {
 public:
  /// "sha256" or "sha512".
  explicit Digest(const char* algorithm);
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;
  void Update(const void* data, size_t size);
  void Update(std::string_view data) { Update(data.data(), data.size()); }
  /// Lowercase hex; the object starts over.
  std::string Hex();

 private:
  const EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

std::string Sha256Hex(std::string_view data);
std::string Sha512Hex(std::string_view data);

}  // namespace dossier::packaging

#endif  // DOSSIER_PLUGINS_PACKAGING_DIGESTS_H_
