// What the catalog's full-text index needs on every SQLite connection:
//   - the FTS5 tokenizer "dossier" (tokenizer.h);
//   - dossier_version_text(doc_id, version): the text of a version's files,
//     in file-name order, which the index reads through the view
//     search_content (FTS5 "external content": the index keeps no copy of
//     the text; the catalog keeps it once, compressed, per blob).
#ifndef DOSSIER_SEARCH_SQLITE_SEARCH_H_
#define DOSSIER_SEARCH_SQLITE_SEARCH_H_

#include <sqlite3.h>

#include <string>

namespace dossier {

/// SQLITE_OK, or an SQLite error code with `*error` set.
int RegisterSearchFunctions(sqlite3* db, std::string* error);

}  // namespace dossier

#endif  // DOSSIER_SEARCH_SQLITE_SEARCH_H_
