// The digest of a version: SHA-256 over the document id and every field of
// the version, files sorted by name, each written "<byte length>:<bytes>".
// Recorded with the version and in its audit entry, so an edit of a version
// row or of its files' rows is detected by verify.
#ifndef DOSSIER_REPOSITORY_DIGESTS_H_
#define DOSSIER_REPOSITORY_DIGESTS_H_

#include <string>

#include "dossier/document.h"

namespace dossier {

std::string VersionDigest(const std::string& doc_id, const Version& version);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_DIGESTS_H_
