// A search's filters (type, department, dates, clearance...) as SQL
// conditions on documents d and archives a, shared by the catalog's search
// statements (search_catalog.cpp, character_search.cpp).
#ifndef DOSSIER_CATALOG_SEARCH_FILTERS_H_
#define DOSSIER_CATALOG_SEARCH_FILTERS_H_

#include <string>

#include "catalog/sqlite/sqlite_db.h"
#include "dossier/search.h"

namespace dossier {

/// Whether the request filters by anything but clearance.
bool HasSearchFilters(const SearchRequest& f);
/// Appends " AND ..." for each filter of `f`, the clearance first.
void AppendSearchFilters(std::string& sql, const SearchRequest& f);
/// Binds the values of AppendSearchFilters's conditions from index `i`, in
/// the same order; returns the next index.
int BindSearchFilters(Stmt& s, int i, const SearchRequest& f, int max_confidentiality);

}  // namespace dossier

#endif  // DOSSIER_CATALOG_SEARCH_FILTERS_H_
