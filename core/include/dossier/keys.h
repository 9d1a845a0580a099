// The repository's signing key and the keys it trusts. Every record a
// package carries is signed (Ed25519) by the repository that exported it;
// an import accepts a record signed by a trusted key, refuses an altered
// one, and takes an unsigned or untrusted one only when told to, never
// below 秘密. See docs/integrity.md.
#ifndef DOSSIER_KEYS_H_
#define DOSSIER_KEYS_H_

#include <string>

namespace dossier {

struct KeyInfo {
  std::string key_id;          // "3f2a-91c0-7be4-0d18"
  std::string public_key_pem;  // "-----BEGIN PUBLIC KEY-----..."
  std::string label;           // "this repository", "市档案馆"
  bool own = false;            // one of this repository's signing keys
  bool current = false;        // the one its exports are signed with now
  std::string added_at;
  std::string added_by;
  std::string removed_at;  // '' while trusted
};

/// What a record's signature says: the key's 32 bytes and the 64-byte
/// signature, both in Base64, over "dossier record v1\n" followed by the
/// record's canonical JSON without its signature.
struct RecordSignature {
  std::string algorithm = "Ed25519";
  std::string key;    // Base64 of the public key
  std::string value;  // Base64 of the signature
};

}  // namespace dossier

#endif  // DOSSIER_KEYS_H_
