// Which active holds cover which documents, read once from the catalog so
// that checking many documents (what is due, a destruction list) costs one
// pass: document holds by their document, file holds by every member of the
// file as it stands now, query holds by matching each document's facets.
#ifndef DOSSIER_RETENTION_HOLD_INDEX_H_
#define DOSSIER_RETENTION_HOLD_INDEX_H_

#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "dossier/retention.h"

namespace dossier {

class HoldIndex {
 public:
  /// The active holds of the catalog, inside the caller's transaction.
  static Result<HoldIndex> Load(Catalog& catalog);

  /// The active holds covering the document, by id. A query hold that
  /// matches the main document of the file the document is archived in
  /// (`file_main`, when it is another document) covers the whole file.
  std::vector<Hold> Covering(const DocumentSummary& document,
                             const DocumentSummary* file_main = nullptr) const;
  /// True when a query hold is active (only then does `file_main` matter).
  bool has_queries() const { return !queries_.empty(); }

 private:
  std::vector<Hold> holds_;
  std::multimap<std::string, size_t> by_document_;  // document id -> index into holds_
  std::vector<size_t> queries_;
};

/// True when the document passes the filter of a query hold: the same
/// conditions as `dossier list` (counterparty: a substring, ASCII letters
/// in any case, as SQL's LIKE).
bool MatchesHoldQuery(const ListFilter& query, const DocumentSummary& document);

}  // namespace dossier

#endif  // DOSSIER_RETENTION_HOLD_INDEX_H_
