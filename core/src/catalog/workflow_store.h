// Where each document stands in its workflow: the steps taken (who, when, from and to which
// state), copies distributed, and the resolutions of minutes with their owners
// (repository/lifecycle.cpp, distribution.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_WORKFLOW_STORE_H_
#define DOSSIER_CATALOG_WORKFLOW_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/rows.h"
#include "dossier/archive.h"
#include "dossier/audit.h"
#include "dossier/disposal.h"
#include "dossier/document.h"
#include "dossier/identity.h"
#include "dossier/lifecycle.h"
#include "dossier/retention.h"
#include "dossier/status.h"
#include "dossier/user.h"
#include "store/blob_store.h"

namespace dossier {

class WorkflowStore {
 public:
  virtual ~WorkflowStore() = default;

  virtual Status InsertStep(const std::string& doc_id, const LifecycleStep& step) = 0;
  virtual Result<std::vector<LifecycleStep>> ListSteps(const std::string& doc_id) = 0;
  /// The state the document's last step led to; "" when it took none.
  virtual Result<std::string> LastStepState(const std::string& doc_id) = 0;
  virtual Status InsertDistribution(const std::string& doc_id,
                                    const DistributionRecord& record) = 0;
  virtual Result<std::vector<DistributionRecord>> ListDistributions(const std::string& doc_id) = 0;
  virtual Status InsertResolution(const std::string& doc_id, const Resolution& resolution) = 0;
  /// Resolutions of documents at or below `max_confidentiality`, by due date.
  virtual Result<std::vector<Resolution>> ListResolutions(const std::string& owner, bool open_only,
                                                          int max_confidentiality) = 0;
  virtual Result<std::optional<Resolution>> FindResolution(const std::string& doc_id, int item) = 0;
  /// The resolutions of one minutes document, by item.
  virtual Result<std::vector<Resolution>> ListResolutionsOf(const std::string& doc_id) = 0;
  /// Records a resolution as it stands, done or not (import).
  virtual Status InsertResolutionAsIs(const std::string& doc_id, const Resolution& resolution) = 0;
  virtual Status CompleteResolution(const std::string& doc_id, int item, const std::string& at,
                                    const std::string& by, const std::string& note) = 0;
  /// The date (YYYY-MM-DD) the document last entered one of `states`; "" if never.
  virtual Result<std::string> LastEnteredState(const std::string& doc_id,
                                               const std::vector<std::string>& states) = 0;
  virtual Status SetResolutionOwner(const std::string& doc_id, int item,
                                    const std::string& owner) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_WORKFLOW_STORE_H_
