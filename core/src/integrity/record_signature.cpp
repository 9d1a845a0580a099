#include "integrity/record_signature.h"

namespace dossier {

namespace {
constexpr std::string_view kDomain = "dossier record v1\n";
}  // namespace

std::string SignedRecordBytes(const ExportDocument& document) {
  ExportDocument unsigned_copy = document;
  unsigned_copy.signature.reset();
  return std::string(kDomain) + ExportDocumentJson(unsigned_copy, true);
}

Status SignRecord(const SigningKey& key, ExportDocument& document) {
  document.signature.reset();
  auto signature = key.Sign(SignedRecordBytes(document));
  if (!signature.ok()) return signature.status();
  document.signature =
      RecordSignature{"Ed25519", Base64Encode(key.PublicKey()), Base64Encode(*signature)};
  return Status::Ok();
}

Result<std::optional<std::string>> CheckRecordSignature(const ExportDocument& document) {
  if (!document.signature) return std::optional<std::string>();
  const RecordSignature& sig = *document.signature;
  if (sig.algorithm != "Ed25519") {
    return Status::Corruption("its signature is of algorithm '" + sig.algorithm +
                              "'; only Ed25519 is read");
  }
  auto key = Base64Decode(sig.key);
  auto value = Base64Decode(sig.value);
  if (!key.ok() || !value.ok() || key->size() != 32 || value->size() != 64) {
    return Status::Corruption(
        "its signature is malformed (key or value not Base64 of the right length)");
  }
  if (!VerifyEd25519(*key, SignedRecordBytes(document), *value)) {
    return Status::Corruption(
        "its signature does not match its content: the record was altered after key " +
        KeyId(*key) + " signed it");
  }
  return std::optional<std::string>(*key);
}

}  // namespace dossier
