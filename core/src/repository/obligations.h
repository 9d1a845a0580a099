// What a user holds (handover.h), found for UpdateUser's refusal and
// DeactivateUser's handover: the registers' rows in the write transaction,
// the reviews through the workflows beforehand (they are the role's, and
// change only with the documents' states).
#ifndef DOSSIER_REPOSITORY_OBLIGATIONS_H_
#define DOSSIER_REPOSITORY_OBLIGATIONS_H_

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "dossier/repository.h"

namespace dossier {

/// NAME's loans out, open resolutions and unused seal requests (not reviews).
Result<UserObligations> HeldInCatalog(Catalog& c, const std::string& name);

/// Reviews waiting for NAME that no other active user may give.
Result<std::vector<PendingItem>> ReviewsOnlyFor(const Repository& repo, const std::string& name);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_OBLIGATIONS_H_
