// What a user holds that others would lose track of if they left: deactivating
// them is refused while anything remains, naming it, or it is handed over to
// another user in the same transaction (and in the audit trail).
#ifndef DOSSIER_HANDOVER_H_
#define DOSSIER_HANDOVER_H_

#include <string>
#include <vector>

#include "dossier/archive.h"
#include "dossier/lifecycle.h"

namespace dossier {

struct UserObligations {
  std::vector<Loan> loans;              // lent to them and not returned (originals and files)
  std::vector<Resolution> resolutions;  // theirs to carry out, still open
  std::vector<SealUse> seal_requests;   // asked for by them, not yet used (requested or approved)
  std::vector<PendingItem> reviews;     // waiting for them, that no other active user may give

  bool empty() const {
    return loans.empty() && resolutions.empty() && seal_requests.empty() && reviews.empty();
  }
};

/// "王律师 still holds: the paper original of HT-… (lent, due …); …".
std::string DescribeObligations(const std::string& name, const UserObligations& held);

}  // namespace dossier

#endif  // DOSSIER_HANDOVER_H_
