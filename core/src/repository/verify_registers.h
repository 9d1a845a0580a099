// verify's check of the registers beside the documents — users, holds,
// loans, seal uses, workflow steps, copies distributed, resolutions — against what the audit trail
// says they hold (audit/register_trail.h). Each row the trail does not explain, and each row it
// records that is missing or differs, is a problem naming the row and the field.
#ifndef DOSSIER_REPOSITORY_VERIFY_REGISTERS_H_
#define DOSSIER_REPOSITORY_VERIFY_REGISTERS_H_

#include <map>
#include <string>
#include <vector>

#include "audit/document_trail.h"
#include "audit/register_trail.h"
#include "catalog/catalog.h"
#include "dossier/verify.h"

namespace dossier {

/// `numbers`: document id -> number, for the messages. `documents`: each
/// document's trail (steps a document came with in a package are vouched
/// for by its import entry).
Status CheckRegisters(Catalog& c, const RegisterTrail& trail,
                      const std::map<std::string, DocumentTrail>& documents,
                      const std::map<std::string, std::string>& numbers,
                      std::vector<IntegrityProblem>& problems);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_VERIFY_REGISTERS_H_
