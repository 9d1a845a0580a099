// What the audit trail says the registers beside the documents hold — users
// and their clearances, holds, loans, seal uses, workflow steps — replayed
// entry by entry. verify holds the catalog's tables to it, so a row written
// behind Dossier's back (a clerk promoted, a loan forged, an approval
// re-attributed) is reported instead of believed.
#ifndef DOSSIER_AUDIT_REGISTER_TRAIL_H_
#define DOSSIER_AUDIT_REGISTER_TRAIL_H_

#include <map>
#include <string>
#include <vector>

#include "dossier/audit.h"
#include "dossier/lifecycle.h"

namespace dossier {

/// A row as the trail states it: column -> value, only the columns the
/// trail knows (the catalog's row is compared on those).
using Fields = std::map<std::string, std::string>;

struct RegisterTrail {
  std::map<std::string, Fields> users;                       // by name: role, clearance, active
  std::map<int64_t, Fields> holds;                           // by id
  std::vector<Fields> loans;                                 // in the order lent, with document
  std::map<int64_t, Fields> seal_uses;                       // by id, with document
  std::map<std::string, std::vector<Fields>> steps;          // by document id, in order
  std::map<std::string, std::vector<Fields>> distributions;  // by document id, in order
  std::map<std::string, std::map<std::string, Fields>> resolutions;  // by document id, then item
};

/// A workflow step as both the trail and the steps table state it.
Fields StepFields(const LifecycleStep& step);

/// A copy's distribution and a tracked resolution as both the trail and
/// their tables state them (an import entry carries those a document came with).
Fields DistributionFields(const DistributionRecord& record);
Fields ResolutionFields(const Resolution& resolution);

/// The digest of steps in order: what an import entry records of the steps
/// a document came with, as the package vouched for them.
std::string StepsDigest(const std::vector<Fields>& steps);

/// True for the actions that change what the registers hold.
bool ShapesRegisters(const std::string& action);

/// Applies one entry to `trail`. An entry whose details do not parse changes
/// nothing (the chain check reports altered entries).
void ApplyToRegisters(const AuditEntry& entry, RegisterTrail& trail);

}  // namespace dossier

#endif  // DOSSIER_AUDIT_REGISTER_TRAIL_H_
