// One-character searches (档, the prefix query "档" *, tokenizer.h). FTS5
// answers a prefix query by merging the lists of every bigram that starts
// with the character: hundreds of milliseconds for a common character,
// for every search. Instead, by what is cheapest:
//
//   - a frequent character's term list gives its best rows, passing the
//     search's filters, when the list can vouch for them (term_lists.h);
//   - a character held by few rows is left to FTS5 (a few short lists);
//   - otherwise the rows holding it come from the characters index
//     (schemas/db/014_index_characters.sql), and each that passes the
//     filters is scored from its text as FTS5's bm25 scores the prefix
//     query (CountCharacter).
//
// The scores are FTS5's in every case: tests compare them, and `dossier
// verify` compares the lists with FTS5's ranking.
#include <algorithm>
#include <cstdlib>
#include <set>

#include "catalog/sqlite/search_filters.h"
#include "catalog/sqlite/sqlite_search_index.h"
#include "catalog/sqlite/statements.h"
#include "search/query.h"
#include "search/term_lists.h"

namespace dossier {

namespace {

const char* CharactersIndex(bool history) {
  return history ? "search_history_chars" : "search_index_chars";
}

// The rows holding the character that pass the filters, as "FROM ... WHERE
// ...": the characters index joined to the rows' documents (and, given its
// name, to the view of the rows' columns as c); the first parameter is the
// character, the filters' follow.
std::string CharacterMatches(bool history, const SearchRequest& f, const std::string& view = "") {
  const std::string chars = CharactersIndex(history);
  std::string sql =
      " FROM " + chars + " JOIN search_rows r ON r.id = " + chars + ".rowid " +
      (view.empty() ? "" : "JOIN " + view + " c ON c.id = r.id ") +
      "JOIN documents d ON d.id = r.doc_id LEFT JOIN archives a ON a.doc_id = d.id WHERE " + chars +
      " MATCH ?";
  AppendSearchFilters(sql, f);
  return sql;
}

}  // namespace

Result<int64_t> SqliteSearchIndex::CharacterRows(const std::string& character, bool history) {
  const std::string chars = CharactersIndex(history);
  DOSSIER_PREPARE(s, "SELECT count(*) FROM " + chars + " WHERE " + chars + " MATCH ?");
  s.Bind(1, QuoteForFts(character));
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0);
}

Result<int64_t> SqliteSearchIndex::CountCharacterMatches(const std::string& character,
                                                         const SearchRequest& f,
                                                         int max_confidentiality) {
  auto filtered = SearchNeedsFilter(f, max_confidentiality);
  if (!filtered.ok()) return filtered.status();
  std::optional<int64_t> hidden;  // when clearance is the only filter
  if (*filtered && !HasSearchFilters(f) && !f.all_versions) {
    auto counted = HiddenMatches("search_index_chars", QuoteForFts(character), max_confidentiality);
    if (!counted.ok()) return counted.status();
    hidden = *counted;
  }
  if (!*filtered || hidden) {
    auto listed = ListedTermCount(character);
    if (!listed.ok()) return listed.status();
    auto all = *listed ? Result<int64_t>(**listed) : CharacterRows(character, false);
    if (!all.ok()) return all.status();
    return *all - hidden.value_or(0);
  }
  std::string sql = "SELECT count(*)" + CharacterMatches(false, f);
  if (f.all_versions) {
    sql = "SELECT count(DISTINCT doc_id) FROM (SELECT r.doc_id" + CharacterMatches(false, f) +
          " UNION ALL SELECT r.doc_id" + CharacterMatches(true, f) + ")";
  }
  DOSSIER_PREPARE(s, sql);
  int i = BindSearchFilters(s.Bind(1, QuoteForFts(character)), 2, f, max_confidentiality);
  if (f.all_versions)
    BindSearchFilters(s.Bind(i, QuoteForFts(character)), i + 1, f, max_confidentiality);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0);
}

Result<std::vector<SearchRowHit>> SqliteSearchIndex::SearchCharacter(const std::string& character,
                                                                     const std::string& fts,
                                                                     const SearchRequest& f,
                                                                     int max_confidentiality,
                                                                     int64_t* total) {
  auto filtered = SearchNeedsFilter(f, max_confidentiality);
  if (!filtered.ok()) return filtered.status();
  // The current versions' best rows from the list (with --all-versions the
  // older versions' rows are scored below and the two merged: the best of
  // both are among the best of each).
  std::optional<std::vector<std::pair<int64_t, double>>> listed;
  {
    Status error;
    auto answer = SearchTermList(
        character, f.limit,
        *filtered ? RowFilter(f, max_confidentiality, &error) : std::function<bool(int64_t)>());
    if (!answer.ok()) return answer.status();
    if (!error.ok()) return error;
    if (*answer && (*answer)->top) listed = std::move(*(*answer)->top);
  }
  if (listed && !f.all_versions) {
    if (total != nullptr) {
      auto counted = CountCharacterMatches(character, f, max_confidentiality);
      if (!counted.ok()) return counted.status();
      *total = *counted;
    }
    return HitsOfRows(*listed, false);
  }
  // Rows holding the character in each index searched: bm25's idf counts
  // them all, filtered or not.
  int64_t rows[2] = {0, 0};
  for (bool history : {false, true}) {
    if (history && !f.all_versions) break;
    auto counted = CharacterRows(character, history);
    if (!counted.ok()) return counted.status();
    rows[history] = *counted;
  }
  // Up to SearchOptions' character_scan_from_rows rows holding the
  // character, FTS5 ranks its prefix query (merging the few lists takes a
  // few milliseconds); above it, scoring rows from their text is cheaper.
  const int64_t few = search_.character_scan_from_rows;
  if (rows[0] <= few && rows[1] <= few) return SearchExpression(fts, f, max_confidentiality, total);

  struct Scored {
    double score;
    int64_t row;
    bool history;
  };
  auto better = [](const Scored& a, const Scored& b) {
    return a.score != b.score       ? a.score < b.score
           : a.history != b.history ? !a.history
                                    : a.row < b.row;
  };
  std::vector<Scored> top;  // a heap: the worst kept at the front
  const size_t limit = static_cast<size_t>(f.limit);
  std::set<std::string> documents;  // counted once over versions (--all-versions)
  int64_t matches = 0;
  auto keep_best = [&](const Scored& hit) {
    if (top.size() < limit) {
      top.push_back(hit);
      std::push_heap(top.begin(), top.end(), better);
    } else if (better(hit, top.front())) {
      std::pop_heap(top.begin(), top.end(), better);
      top.back() = hit;
      std::push_heap(top.begin(), top.end(), better);
    }
  };
  for (bool history : {false, true}) {
    if (history && !f.all_versions) break;
    if (!history && listed) {
      for (const auto& [row, score] : *listed) keep_best(Scored{score, row, false});
      continue;
    }
    auto totals = SearchIndexTotals(history);
    if (!totals.ok()) return totals.status();
    const double idf = TermIdf(rows[history], totals->rows);
    // Each row's columns as the index reads them (the view decompresses the text).
    DOSSIER_PREPARE(s,
                    std::string("SELECT r.id, r.doc_id, c.body, c.number, c.title, c.meta") +
                        CharacterMatches(history, f, history ? "search_past" : "search_current"));
    BindSearchFilters(s.Bind(1, QuoteForFts(character)), 2, f, max_confidentiality);
    while (true) {
      auto row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ++matches;
      if (f.all_versions) documents.insert(s.Text(1));
      const std::string columns[kIndexColumnCount] = {s.Text(2), s.Text(3), s.Text(4), s.Text(5)};
      const std::string* pointers[kIndexColumnCount] = {&columns[0], &columns[1], &columns[2],
                                                        &columns[3]};
      const CharacterCount count = CountCharacter(pointers, character);
      keep_best(
          Scored{-idf * TermImpact(count.freq, count.size, totals->avgdl), s.Int(0), history});
    }
  }
  std::sort_heap(top.begin(), top.end(), better);
  if (total != nullptr) {
    if (listed) {  // the current rows were not gone through
      auto counted = CountCharacterMatches(character, f, max_confidentiality);
      if (!counted.ok()) return counted.status();
      *total = *counted;
    } else {
      *total = f.all_versions ? static_cast<int64_t>(documents.size()) : matches;
    }
  }
  std::vector<SearchRowHit> hits;
  for (const auto& scored : top) {
    auto one = HitsOfRows({{scored.row, scored.score}}, scored.history);
    if (!one.ok()) return one.status();
    hits.push_back(std::move(one->front()));
  }
  return hits;
}

}  // namespace dossier
