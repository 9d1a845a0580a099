// Ed25519 signatures through OpenSSL: the repository's signing key (its
// packages' records, later its checkpoints) and the public keys of the
// repositories it trusts. Private to the core.
#ifndef DOSSIER_INTEGRITY_ED25519_H_
#define DOSSIER_INTEGRITY_ED25519_H_

#include <memory>
#include <string>
#include <string_view>

#include "dossier/status.h"

namespace dossier {

/// A private key. Copies share the one OpenSSL key, which signs from any
/// number of threads at once.
class SigningKey {
 public:
  /// A fresh key from OpenSSL's random generator.
  static Result<SigningKey> Generate();
  /// A key from its PKCS#8 PEM text ("-----BEGIN PRIVATE KEY-----"), as
  /// `openssl genpkey -algorithm ed25519` writes it too.
  static Result<SigningKey> FromPem(const std::string& pem);

  /// The PKCS#8 PEM text of the key: what the key file holds.
  std::string PrivatePem() const;
  /// The 32 bytes of the public half.
  const std::string& PublicKey() const { return public_key_; }
  /// The 64-byte signature of `message`.
  Result<std::string> Sign(std::string_view message) const;

 private:
  struct Key;
  /// The key OpenSSL made or read, with its public half taken out.
  static Result<SigningKey> Adopt(std::shared_ptr<Key> key);
  std::shared_ptr<Key> key_;
  std::string public_key_;
};

/// True when `signature` (64 bytes) is `public_key`'s (32 bytes) over `message`.
bool VerifyEd25519(std::string_view public_key, std::string_view message,
                   std::string_view signature);

/// The 32 bytes of an Ed25519 public key from its PEM text ("-----BEGIN
/// PUBLIC KEY-----"); InvalidArgument naming what else the text is.
Result<std::string> PublicKeyFromPem(const std::string& pem);
/// The PEM text of a public key, as `openssl pkey -pubout` writes it.
std::string PublicKeyPem(std::string_view public_key);

/// How people name a key: the first 16 hex digits of the SHA-256 of its 32
/// bytes, in groups of four ("3f2a-91c0-7be4-0d18").
std::string KeyId(std::string_view public_key);

/// Standard Base64 with padding (RFC 4648 §4), as signatures travel in JSON.
std::string Base64Encode(std::string_view bytes);
/// InvalidArgument when `text` is not canonical Base64.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace dossier

#endif  // DOSSIER_INTEGRITY_ED25519_H_
