// Term lists: the best rows of each frequent term, kept beside the index,
// so that a one-term query is answered without ranking every match.
//
// FTS5 computes bm25 for every row that matches before it sorts: about
// 1.1 µs a row here, so a character found in half of 200,000 documents
// took 130–320 ms however few results were shown (bench/search). For a
// query of one term, bm25 is
//
//     idf(df, N) × F·(k1 + 1) / (F + k1·(1 − b + b·D / avgdl))
//
// with F the row's weighted count of the term (title counts 5, ...), D the
// row's size in tokens, df the rows holding the term, N the rows, avgdl
// their mean size. idf is the same for every row, so the order of the rows
// depends only on the row's "impact" (the fraction). A term found in many
// rows keeps its df and the rows of highest impact, computed with the mean
// size `avgdl0` of when the lists were built, plus a `floor`: no row left
// out of the list has a higher impact.
//
// As rows come and go the mean size drifts. An impact grows by at most the
// factor avgdl / avgdl0 when the mean grows (and does not grow when it
// shrinks), so the rows of a list, scored exactly as FTS5 would, are the
// true best ones when the last one wanted still scores above the floor
// times that factor (TopOfList). Otherwise the search ranks every match,
// as before: the lists make searches faster, never different.
#ifndef DOSSIER_SEARCH_TERM_LISTS_H_
#define DOSSIER_SEARCH_TERM_LISTS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dossier/search.h"
#include "dossier/status.h"

namespace dossier {

/// The index's columns, in their order in search_index and search_history
/// (schemas/db/013_index_body_first.sql). The text of the files comes
/// first: in each term's list of places FTS5 names the column of every
/// column but the first, two bytes per term and row, and the body holds
/// most of an index's terms (the index was a quarter larger with it last).
inline constexpr int kIndexColumnCount = 4;
inline constexpr const char* kIndexColumnsSql = "body, number, title, meta";
/// bm25 weights of those columns: text of the files 1, number (and 档号)
/// 10, title 5, metadata values 2. A match in the title outranks many in
/// the body.
inline constexpr double kColumnWeights[kIndexColumnCount] = {1.0, 10.0, 5.0, 2.0};
/// The weights as bm25()'s arguments: "10.000000, 5.000000, ...".
std::string ColumnWeightsSql();

/// Rows a list keeps, and the most results a list may answer.
inline constexpr size_t kTermListCapacity = 128;
inline constexpr int kTermListMaxLimit = 64;

struct TermEntry {
  int64_t row = 0;
  uint32_t freq = 0;  // weighted count of the term in the row (F)
  uint32_t size = 0;  // tokens in the row (D)
};

struct TermList {
  int64_t df = 0;
  double floor = 0.0;
  std::vector<TermEntry> top;  // at most kTermListCapacity, best first
};

std::string EncodeTermEntries(const std::vector<TermEntry>& entries);
/// False when `blob` is not a whole number of entries.
bool DecodeTermEntries(std::string_view blob, std::vector<TermEntry>& entries);

/// The fraction of bm25 that differs between rows.
double TermImpact(double freq, double size, double avgdl);
/// FTS5's idf for a term found in `df` of `rows` rows.
double TermIdf(int64_t df, int64_t rows);

/// The impact a row must beat to enter the list: that of its last row
/// when it is full, -1 while it has room.
double ListCutoff(const TermList& list, double avgdl0);

/// The terms that have lists, numbered (0, 1, ...) for compact bookkeeping.
class TermIds {
 public:
  uint32_t Add(std::string term);
  /// The term's number, or -1.
  int64_t Find(std::string_view term) const;
  const std::string& Term(uint32_t id) const { return terms_[id]; }
  /// Whether the term is one Chinese character, whose list ranks the rows
  /// for the prefix query 档*: a row's count is of the places where a term
  /// starts with it (tokenizer.h).
  bool IsCharacter(uint32_t id) const { return characters_[id]; }
  size_t size() const { return terms_.size(); }
  void clear();

 private:
  // Every token of a row is looked up, and nearly all are short (a Chinese
  // bigram is 6 bytes): terms of up to 7 bytes are packed into an integer
  // and kept in an open-addressing table. With std::unordered_map the
  // lookups were 30% of building the lists.
  static uint64_t Pack(std::string_view term);  // 0 when longer than 7 bytes
  void InsertShort(uint64_t key, uint32_t id);
  std::vector<std::pair<uint64_t, uint32_t>> short_;  // key 0: empty slot; size a power of two
  size_t short_count_ = 0;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> long_;
  std::vector<std::string> terms_;
  std::vector<bool> characters_;
};

/// What a row of the index (its columns in kIndexColumnsSql's order) holds of the
/// numbered terms, counted as FTS5 counts them: (term id, weighted count)
/// by id, and the row's size (its tokens that start a place, in every
/// column). Invalid UTF-8 in a column gives no terms for it, as in the index.
struct ListedTerms {
  uint32_t size = 0;
  std::vector<std::pair<uint32_t, uint32_t>> freq;
};
/// Only the terms of `ids` are kept: a row holds thousands of terms.
ListedTerms TokenizeListed(const std::string* columns[kIndexColumnCount], const TermIds& ids);

/// What bm25 reads of a row for the prefix query of one character (档*):
/// the weighted count of the places where a term starts with it, and the
/// row's size.
struct CharacterCount {
  uint32_t freq = 0;
  uint32_t size = 0;
};
CharacterCount CountCharacter(const std::string* columns[kIndexColumnCount],
                              std::string_view character);

/// Which terms are frequent, counted from the rows' text rather than read
/// from the index's vocabulary, so that the lists can be built while the
/// index is (reindex): the rows each term is in, counted as FTS5 counts
/// them for search_index (every term but a character alone) and for
/// search_index_chars (every character a term starts with), and the rows'
/// mean size.
class TermCensus {
 public:
  /// Counts one row (its columns in kIndexColumnsSql's order); each row once.
  void Count(const std::string* columns[kIndexColumnCount]);
  /// The terms in at least `min_df` rows, numbered.
  TermIds Frequent(int64_t min_df) const;
  int64_t rows() const { return rows_; }
  double avgdl() const {
    return rows_ > 0 ? static_cast<double>(places_) / static_cast<double>(rows_) : 0.0;
  }

 private:
  TermIds terms_;
  std::vector<int64_t> df_;
  std::vector<int64_t> last_row_;  // the last row counted for each term
  int64_t rows_ = 0;
  uint64_t places_ = 0;
};

/// Builds the lists of many terms from every row: as OfferToList would keep
/// them from the rows in order, with each kept row's impact computed once
/// (a heap per term instead of a sorted list). Builders fed different rows
/// merge into the lists of all of them (each thread of a build has one).
class TermListBuilder {
 public:
  TermListBuilder(size_t terms, double avgdl0) : heaps_(terms), avgdl0_(avgdl0) {}
  void Offer(uint32_t term, const TermEntry& entry);
  /// Takes in the rows offered to `other` (built for the same terms).
  void Merge(TermListBuilder&& other);
  /// The lists, best first; the builder is left empty.
  std::vector<TermList> Finish();

  struct Kept {
    double impact;
    TermEntry entry;
  };

 private:
  struct Heap {
    int64_t df = 0;
    double floor = 0.0;
    std::vector<Kept> kept;  // a min-heap: the first to go on top
  };
  void Keep(Heap& h, const Kept& k);

  std::vector<Heap> heaps_;
  double avgdl0_;
};

/// Takes `row` out of the list (it left the index or changed).
void RemoveFromList(TermList& list, int64_t row);
/// Offers a row that holds the term, with impacts computed at `avgdl0`.
void OfferToList(TermList& list, const TermEntry& entry, double avgdl0);

/// The best `limit` rows of the term with their bm25 scores (negative, as
/// FTS5 gives them: lower is better), or nullopt when the list cannot
/// vouch for them (see the top of this file). With `keep`, only the rows it
/// keeps (a search's filters): the list vouches for them when the last one
/// wanted still outweighs every row left out of the list, kept or not.
std::optional<std::vector<std::pair<int64_t, double>>> TopOfList(
    const TermList& list, int limit, int64_t rows, double avgdl, double avgdl0,
    const std::function<bool(int64_t)>& keep = {});

/// Terms in at least this many rows have a list: a fifth of the rows at
/// which lists are first built (SearchOptions::term_lists_from_rows).
inline int64_t MinRowsOfListedTerm(const SearchOptions& options) {
  return options.term_lists_from_rows / 5;
}

/// Lists built from rows' text rather than from the index, so that they can
/// be built on another connection while that one builds the index
/// (reindex), then stored (SearchIndex::StoreTermLists).
struct BuiltTermLists {
  TermIds ids;
  std::vector<TermList> lists;  // by id; none while the rows are too few for lists
  double avgdl0 = 0.0;
  int64_t rows0 = 0;
};
using IndexRowVisitor =
    std::function<void(int64_t row, const std::string* columns[kIndexColumnCount])>;
/// `each_row` calls its visitor for every row the index will hold, in row
/// order, and is called twice (a census of the terms, then the lists).
Result<BuiltTermLists> BuildTermListsFromRows(
    const SearchOptions& options, const std::function<Status(const IndexRowVisitor&)>& each_row);

}  // namespace dossier

#endif  // DOSSIER_SEARCH_TERM_LISTS_H_
