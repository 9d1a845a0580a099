// Search as people use it, over the catalog's SearchIndex: the query turned
// into the index's expression, a number or 档号 typed as the query first,
// then the ranked matches the actor may see with their snippets, counted,
// all within the request's time limit.
//
// Owns nothing; may call only the SearchIndex it is given (and
// search/query.h). Who may search, and the request's filters, are checked
// by the caller (Repository::Search). Called on one thread with its index.
#ifndef DOSSIER_SEARCH_SEARCH_SERVICE_H_
#define DOSSIER_SEARCH_SEARCH_SERVICE_H_

#include "catalog/search_index.h"
#include "dossier/access.h"
#include "dossier/search.h"
#include "dossier/status.h"

namespace dossier {

/// The hits of `request` for `actor` (its limit at least 1), in one read
/// of `index`. A search that runs past request.time_limit is refused as
/// too expensive, naming the limit.
Result<SearchResult> RunSearch(SearchIndex& index, const Actor& actor,
                               const SearchRequest& request);

}  // namespace dossier

#endif  // DOSSIER_SEARCH_SEARCH_SERVICE_H_
