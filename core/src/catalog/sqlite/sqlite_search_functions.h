// What the catalog's full-text index needs on every SQLite connection:
//   - the FTS5 tokenizer "dossier" (tokenizer.h);
//   - dossier_version_text(doc_id, version): the text of a version's files,
//     in file-name order, which the index reads through the view
//     search_content (FTS5 "external content": the index keeps no copy of
//     the text; the catalog keeps it once, compressed, per blob);
//   - dossier_match(index): for the row at hand, what bm25 reads of it (its
//     size and each phrase's weighted count, see MatchParts), so that the
//     catalog scores the matches itself when it knows how many rows hold
//     each phrase (term_lists.h) and FTS5's bm25 need not count them again.
#ifndef DOSSIER_CATALOG_SQLITE_SQLITE_SEARCH_FUNCTIONS_H_
#define DOSSIER_CATALOG_SQLITE_SQLITE_SEARCH_FUNCTIONS_H_

#include <sqlite3.h>

#include <string>
#include <vector>

namespace dossier {

/// What dossier_match returns, decoded: the row's size in tokens, and the
/// weighted count of each phrase of the query in the row.
struct MatchParts {
  double size = 0;
  std::vector<double> freq;
};
/// False when `blob` is not a dossier_match result.
bool DecodeMatchParts(const std::string& blob, MatchParts& parts);

/// SQLITE_OK, or an SQLite error code with `*error` set.
int RegisterSearchFunctions(sqlite3* db, std::string* error);
/// Before the connection closes: finalizes the statements the functions
/// keep (a connection with statements left does not close).
void ReleaseSearchFunctions(sqlite3* db);

}  // namespace dossier

#endif  // DOSSIER_CATALOG_SQLITE_SQLITE_SEARCH_FUNCTIONS_H_
