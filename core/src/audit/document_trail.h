// What a document's audit trail says it should look like, replayed entry by
// entry: verify holds the catalog to its repository's trail, and an import
// holds each record to the trail the record itself carries.
#ifndef DOSSIER_AUDIT_DOCUMENT_TRAIL_H_
#define DOSSIER_AUDIT_DOCUMENT_TRAIL_H_

#include <map>
#include <optional>
#include <set>
#include <string>

#include "dossier/audit.h"

namespace dossier {

struct DocumentTrail {
  std::string number;
  std::string type;
  int confidentiality = -1;  // the last marking recorded; -1: none
  bool registered = false;   // registered or imported
  bool void_ = false;
  std::string status;  // the state the trail leads to
  std::map<int, std::string> version_digests;
  std::optional<std::string> retention;  // the class the trail gave it (archive, retention, import)
  std::string extended_until;
  std::set<std::string> links;  // "KIND TO_ID", made from this document
  std::string created_by;       // who registered it here ("" when imported)
  // Its archive record as the trail gives it: archive_code, piece, unit,
  // archived_at, archived_by, clock_start (only the fields stated).
  std::map<std::string, std::string> archive;
  // The digest of the workflow steps it came with in a package, if imported.
  std::optional<std::string> imported_steps_digest;
};

/// True for the actions that change what a document's trail says.
bool ShapesDocumentTrail(const std::string& action);

/// Applies one entry about the document to `trail`. An entry whose details
/// do not parse changes nothing (the chain check reports altered entries).
void ApplyToTrail(const AuditEntry& entry, DocumentTrail& trail);

}  // namespace dossier

#endif  // DOSSIER_AUDIT_DOCUMENT_TRAIL_H_
