// The search index in SQLite: FTS5 tables over the versions' rows (schemas/
// db/007_search.sql and after) with the tokenizer of search/tokenizer.h, an
// index of single characters beside each, and the term lists that rank the
// commonest terms without reading every match (search/term_lists.h).
//
// The statements live in three files: sqlite_search_index.cpp (indexing,
// searching, checks), sqlite_term_lists.cpp (the lists, kept in step when a
// write transaction commits) and sqlite_character_search.cpp (one-character
// queries). Owned by its SqliteCatalog, on that catalog's connection; one
// thread at a time.
#ifndef DOSSIER_CATALOG_SQLITE_SQLITE_SEARCH_INDEX_H_
#define DOSSIER_CATALOG_SQLITE_SQLITE_SEARCH_INDEX_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/search_index.h"
#include "catalog/sqlite/sqlite_db.h"

namespace dossier {

class SqliteSearchIndex final : public SearchIndex {
 public:
  SqliteSearchIndex(SqliteDb* db, SearchOptions options);
  ~SqliteSearchIndex() override;

  /// A write transaction begins: the notes of the last one are forgotten.
  void StartWrite();
  /// Before a write transaction commits: the term lists brought in step
  /// with the index rows it changed.
  Status FlushTermLists();

  Result<bool> InsertBlobText(const std::string& sha256, const std::string& kind,
                              const std::string& note, uint64_t size,
                              const std::string& compressed) override;
  Result<std::vector<BlobRow>> BlobsWithoutText() override;
  Result<std::string> FileNameOf(const std::string& sha256) override;
  Result<std::vector<FileTextInfo>> FileTexts(const std::string& doc_id, int version) override;
  Status IndexVersion(const std::string& doc_id, int version, const std::string& meta,
                      const std::string* body = nullptr) override;
  Status RefreshIndexedNumber(const std::string& doc_id) override;
  Status RemoveDocument(const std::string& doc_id) override;
  Status ClearSearchIndex() override;
  Result<int64_t> InsertSearchRow(const std::string& doc_id, int version, bool current,
                                  const std::string& meta) override;
  Status RebuildSearchIndexes() override;
  Result<std::optional<std::array<std::string, kIndexColumnCount>>> VersionIndexColumns(
      const std::string& doc_id, int version, const std::string& meta) override;
  Status StoreTermLists(const BuiltTermLists& built) override;
  Result<std::vector<SearchRowHit>> Search(const std::string& fts, const SearchRequest& request,
                                           int max_confidentiality,
                                           int64_t* total = nullptr) override;
  Result<int64_t> CountSearch(const std::string& fts, const SearchRequest& request,
                              int max_confidentiality) override;
  Result<std::string> Snippet(const std::string& fts, int64_t index_row, bool history) override;
  Result<std::vector<DocumentRow>> FindByNumberOrCode(const std::string& text,
                                                      int max_confidentiality) override;
  std::unique_ptr<TimeLimit> LimitTime(std::chrono::milliseconds budget) override;
  Result<std::vector<std::string>> CheckSearchIndex() override;
  Result<std::vector<std::string>> CheckTermLists() override;
  Status CheckSearchIntegrity() override;

  struct IndexTotals {
    int64_t rows = 0;
    double avgdl = 0.0;  // mean row size in tokens
  };

 private:
  /// Whether the matches of a search must be checked one by one: filters,
  /// history, or documents above the actor's clearance in the catalog.
  Result<bool> SearchNeedsFilter(const SearchRequest& request, int max_confidentiality);
  /// What a row of an index was made from (kIndexColumnsSql's order), or
  /// nullopt when there is no such row.
  Result<std::optional<std::array<std::string, 4>>> IndexRowColumns(int64_t index_row,
                                                                    bool history);

  // The term lists (sqlite_term_lists.cpp).
  /// Called before a row of search_index changes or leaves it, and after a
  /// row joins it: the lists are brought in step with the rows so noted
  /// when the write transaction commits.
  Status NoteIndexRowChanging(int64_t row);
  Status NoteIndexRowAdded(int64_t row);
  /// Builds the lists from search_index (by itself when the index has
  /// reached SearchOptions' rows or grown fourfold since the last build).
  Status RebuildTermLists();
  /// FTS5's own count of an index's rows and tokens (search_index, or
  /// search_history): the numbers bm25 reads.
  Result<IndexTotals> SearchIndexTotals(bool history = false);
  struct TermListAnswer {
    int64_t df = 0;  // rows holding the term
    /// Its best rows (row, bm25 score: lower is better); nullopt when the
    /// list cannot vouch for them (the caller then ranks every match).
    std::optional<std::vector<std::pair<int64_t, double>>> top;
  };
  /// How many rows hold a listed term; nullopt when the term has no list.
  Result<std::optional<int64_t>> ListedTermCount(const std::string& term);
  /// For the query of one term: nullopt when the term has no list. With
  /// `keep`, the best of the rows it keeps (a search's filters).
  Result<std::optional<TermListAnswer>> SearchTermList(
      const std::string& term, int limit, const std::function<bool(int64_t)>& keep = {});
  /// temp.dossier_search_vocab and temp.dossier_chars_vocab: FTS5's rows
  /// per term of search_index and per character of search_index_chars.
  Status CreateVocabularies();

  // How a search may score its matches itself (dossier_match) instead of
  // by FTS5's bm25: how many rows hold each phrase, -1 for "the matches".
  struct ScoringPlan {
    std::vector<int64_t> df;
  };
  /// nullopt when FTS5 must score (the counts are not known).
  Result<std::optional<ScoringPlan>> PlanScoring(const std::string& fts);
  /// A search for an FTS5 expression other than one character.
  Result<std::vector<SearchRowHit>> SearchExpression(const std::string& fts,
                                                     const SearchRequest& request,
                                                     int max_confidentiality, int64_t* total);
  /// Whether an index row passes a search's filters; the first error met
  /// is kept in `*error` (the row then does not pass).
  std::function<bool(int64_t)> RowFilter(const SearchRequest& request, int max_confidentiality,
                                         Status* error);

  // One-character searches (sqlite_character_search.cpp).
  Result<std::vector<SearchRowHit>> SearchCharacter(const std::string& character,
                                                    const std::string& fts,
                                                    const SearchRequest& request,
                                                    int max_confidentiality, int64_t* total);
  Result<int64_t> CountCharacterMatches(const std::string& character, const SearchRequest& request,
                                        int max_confidentiality);
  /// How many of the current rows the actor may not see match `match` in
  /// `index`; nullopt when they are too many to count one by one.
  Result<std::optional<int64_t>> HiddenMatches(const std::string& index, const std::string& match,
                                               int max_confidentiality);
  /// Rows of an index (the current versions' or the older ones') holding the character.
  Result<int64_t> CharacterRows(const std::string& character, bool history);
  /// The documents of index rows ranked by the caller, in that order.
  Result<std::vector<SearchRowHit>> HitsOfRows(const std::vector<std::pair<int64_t, double>>& rows,
                                               bool history);

  SqliteDb* db_;
  SearchOptions search_;
  // The term lists' bookkeeping for the write transaction under way.
  struct TermNotes;
  std::unique_ptr<TermNotes> term_notes_;
  TermNotes& Notes();
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_SQLITE_SQLITE_SEARCH_INDEX_H_
