// Signing the records a package carries, and checking them on import.
// Private to the core.
#ifndef DOSSIER_INTEGRITY_RECORD_SIGNATURE_H_
#define DOSSIER_INTEGRITY_RECORD_SIGNATURE_H_

#include <optional>
#include <string>

#include "dossier/export.h"
#include "integrity/ed25519.h"

namespace dossier {

/// What a record's signature covers: "dossier record v1\n" and the record's
/// canonical JSON with its audit entries, without the signature. The import
/// checks the record it parsed, so a field it would read is a field signed.
std::string SignedRecordBytes(const ExportDocument& document);

/// Sets `document.signature` to `key`'s over SignedRecordBytes().
Status SignRecord(const SigningKey& key, ExportDocument& document);

/// The public key (32 bytes) that signed the record, checked; nullopt when
/// it carries no signature; Corruption when the signature does not match the
/// record (it was altered after it was signed) or cannot be read.
Result<std::optional<std::string>> CheckRecordSignature(const ExportDocument& document);

}  // namespace dossier

#endif  // DOSSIER_INTEGRITY_RECORD_SIGNATURE_H_
