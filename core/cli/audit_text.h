// The audit trail as a person reads it: each action by its Chinese name
// (添加用户, 流转, 借出), the document by its number rather than its id, and the
// details as labelled values (密级：秘密；角色：法务) instead of the JSON the
// chain hashes. --json keeps the entries as stored.
#ifndef DOSSIER_CLI_AUDIT_TEXT_H_
#define DOSSIER_CLI_AUDIT_TEXT_H_

#include <map>
#include <string>

#include "cli/names.h"
#include "dossier/audit.h"

namespace dossier::cli {

/// A document an entry names, as people know it.
struct DocumentLabel {
  std::string number;
  std::string type;
};
/// Document id -> its number and type, for the documents the reader may see.
using DocumentLabels = std::map<std::string, DocumentLabel>;

/// "流转" for "transition", "Transition" in English; the code for an action it does not know.
std::string AuditActionName(const std::string& action, const Names& names);

/// The details of `entry` as labelled values, one "label：value" per field,
/// joined by "；". Levels, roles, types, yes/no are named; digests shortened.
/// A workflow step's action and states are named as the document's workflow names them.
std::string AuditDetailsText(const AuditEntry& entry, const Names& names,
                             const DocumentLabels& documents);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_AUDIT_TEXT_H_
