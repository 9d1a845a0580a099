#include "digests.h"

namespace dossier::packaging {

Digest::Digest(const char* algorithm)
    : md_(EVP_get_digestbyname(algorithm)), ctx_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(ctx_, md_, nullptr);
}

Digest::~Digest() { EVP_MD_CTX_free(ctx_); }

void Digest::Update(const void* data, size_t size) { EVP_DigestUpdate(ctx_, data, size); }

std::string Digest::Hex() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(ctx_, out, &n);
  EVP_DigestInit_ex(ctx_, md_, nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  return hex;
}

std::string Sha256Hex(std::string_view data) {
  Digest d("sha256");
  d.Update(data);
  return d.Hex();
}

std::string Sha512Hex(std::string_view data) {
  Digest d("sha512");
  d.Update(data);
  return d.Hex();
}

}  // namespace dossier::packaging
