// The catalog's full-text index, as the core uses it: the text read from
// stored content, the index kept in step with the versions, searches ranked
// and counted within what the actor may see, and its own checks. The SQLite
// implementation (catalog/sqlite/sqlite_search_index.h) holds every FTS5
// statement, the term lists and the one-character search; nothing else in
// the core knows how the index is built.
//
// Reached through Catalog::search(), inside the catalog's transactions; one
// thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_SEARCH_INDEX_H_
#define DOSSIER_CATALOG_SEARCH_INDEX_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/rows.h"
#include "dossier/search.h"
#include "dossier/status.h"
#include "search/term_lists.h"

namespace dossier {

/// A row of the index a search found, with its document.
struct SearchRowHit {
  DocumentRow row;
  int64_t index_row = 0;
  int version = 0;
  double score = 0;
  bool history = false;  // found in the index of older versions
};

/// Stops what the index runs once a time budget is spent: the statement
/// running then fails, and Passed() tells the caller that this was why.
/// Work the caller does between statements asks Passed() itself.
class TimeLimit {
 public:
  virtual ~TimeLimit() = default;
  virtual bool Passed() const = 0;
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // --- The text of stored content --------------------------------------------
  /// Records the text extracted from a blob (`size` bytes, zlib-compressed);
  /// false when the blob's text was recorded before (and is kept).
  virtual Result<bool> InsertBlobText(const std::string& sha256, const std::string& kind,
                                      const std::string& note, uint64_t size,
                                      const std::string& compressed) = 0;
  /// Blobs referenced by a version that have no extracted text yet.
  virtual Result<std::vector<BlobRow>> BlobsWithoutText() = 0;
  /// A name some version gives a file of this content ('' if none): how
  /// its text is read depends on it.
  virtual Result<std::string> FileNameOf(const std::string& sha256) = 0;
  virtual Result<std::vector<FileTextInfo>> FileTexts(const std::string& doc_id, int version) = 0;

  // --- Keeping the index in step ---------------------------------------------
  /// Indexes a version just recorded (the newest one of its document):
  /// number and 档号, title, `meta` (metadata values) and its files' text.
  /// `body`, when given, must be exactly the text of the version's files
  /// as the index reads it (it spares reading back and inflating the text).
  virtual Status IndexVersion(const std::string& doc_id, int version, const std::string& meta,
                              const std::string* body = nullptr) = 0;
  /// Re-reads number and 档号 of the document's newest version into the
  /// index (after archiving gave it a code).
  virtual Status RefreshIndexedNumber(const std::string& doc_id) = 0;
  /// Takes every version of the document out of the index (destruction).
  virtual Status RemoveDocument(const std::string& doc_id) = 0;
  /// Empties the index (and the versions' rows) before a rebuild.
  virtual Status ClearSearchIndex() = 0;
  /// The row of a version for the index, without indexing it (reindex);
  /// returns the row's number.
  virtual Result<int64_t> InsertSearchRow(const std::string& doc_id, int version, bool current,
                                          const std::string& meta) = 0;
  /// Builds the index from its rows in one pass, then merges it into one
  /// segment (smaller, and faster to search).
  virtual Status RebuildSearchIndexes() = 0;
  /// A version's columns for the index as the committed catalog gives them
  /// (number and title, the files' text); `meta` is the caller's. nullopt
  /// when there is no such version.
  virtual Result<std::optional<std::array<std::string, kIndexColumnCount>>> VersionIndexColumns(
      const std::string& doc_id, int version, const std::string& meta) = 0;
  /// Replaces the term lists (in the caller's write transaction).
  virtual Status StoreTermLists(const BuiltTermLists& built) = 0;

  // --- Searching ----------------------------------------------------------------
  /// Ranked matches of an FTS5 expression (or, when `fts` is empty, the
  /// documents passing the filters, newest first) the actor may see.
  /// `total`, when given, is set to the number of matches when the search
  /// counted them on its way (then CountSearch need not).
  virtual Result<std::vector<SearchRowHit>> Search(const std::string& fts,
                                                   const SearchRequest& request,
                                                   int max_confidentiality,
                                                   int64_t* total = nullptr) = 0;
  virtual Result<int64_t> CountSearch(const std::string& fts, const SearchRequest& request,
                                      int max_confidentiality) = 0;
  virtual Result<std::string> Snippet(const std::string& fts, int64_t index_row, bool history) = 0;
  /// Documents whose number or archival code is exactly `text`.
  virtual Result<std::vector<DocumentRow>> FindByNumberOrCode(const std::string& text,
                                                              int max_confidentiality) = 0;
  /// Stops the index's statements after `budget`, while the TimeLimit lives
  /// (one at a time).
  virtual std::unique_ptr<TimeLimit> LimitTime(std::chrono::milliseconds budget) = 0;

  // --- Checks ---------------------------------------------------------------------
  /// Problems of the index: versions not indexed, rows without a version,
  /// documents whose current row is wrong.
  virtual Result<std::vector<std::string>> CheckSearchIndex() = 0;
  /// Problems of the term lists: each of a sample of listed terms checked
  /// against the index (its count of rows, its best rows).
  virtual Result<std::vector<std::string>> CheckTermLists() = 0;
  /// The index's own check that it agrees with the text it was made from.
  /// A write statement to SQLite: run it outside a read transaction.
  virtual Status CheckSearchIntegrity() = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_SEARCH_INDEX_H_
