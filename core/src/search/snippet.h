// Snippets: a short window of a matching row with the query's matches
// marked, as `dossier search` shows under each hit.
//
// FTS5's own snippet() marks, at each place where a phrase matched, the
// whole token that stands there: a one-character query (the prefix query
// 档*, tokenizer.h) would come back marked as two characters (归[档案]).
// Here the phrases' own terms are known (read from the MATCH expression),
// and what matched of the token is marked. Where the phrases match is
// found here too, in the row's text: asking FTS5 means a MATCH of the
// expression for the row, and a prefix query on a common character merges
// the lists of thousands of bigrams each time (about 150 ms for 20,000
// documents). The window is chosen the way FTS5 chooses it: the column and
// the run of places holding the most different phrases, then the most
// matches, with the matches centred.
#ifndef DOSSIER_SEARCH_SNIPPET_H_
#define DOSSIER_SEARCH_SNIPPET_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier {

/// How long a snippet is, in places of the index (a character each in
/// Chinese, a word in Latin text).
inline constexpr int kSnippetPlaces = 24;

/// A phrase of the expression: the index terms the tokenizer makes of it,
/// and whether its last term is a prefix (contr*).
struct SnippetPhrase {
  std::vector<std::string> terms;
  bool prefix = false;
};

/// The phrases of an expression made by ToFtsQuery (query.h), in FTS5's
/// order of phrases (left to right, negated ones included).
std::vector<SnippetPhrase> SnippetPhrasesOf(std::string_view fts);

/// Where a phrase matched: FTS5's xInst (phrase number, column, place).
struct SnippetHit {
  int phrase = 0;
  int column = 0;
  int place = 0;
};

/// Every place where a phrase matches in `columns`, as FTS5 would report
/// them (xInst): by column, then place.
std::vector<SnippetHit> FindSnippetHits(const std::vector<std::string_view>& columns,
                                        const std::vector<SnippetPhrase>& phrases);

struct SnippetMarks {
  std::string_view open = "[";
  std::string_view close = "]";
  std::string_view ellipsis = "…";
};

/// The best window of `places` places of the row whose columns are
/// `columns`, each match of `phrases` at `hits` between `open` and `close`,
/// `ellipsis` where text was cut off; "" when no hit is in any column.
std::string MakeSnippet(const std::vector<std::string_view>& columns,
                        const std::vector<SnippetHit>& hits,
                        const std::vector<SnippetPhrase>& phrases, int places,
                        const SnippetMarks& marks = {});

/// MakeSnippet(columns, FindSnippetHits(columns, phrases), ...), each column
/// read for its tokens once.
std::string SnippetOf(const std::vector<std::string_view>& columns,
                      const std::vector<SnippetPhrase>& phrases, int places,
                      const SnippetMarks& marks = {});

}  // namespace dossier

#endif  // DOSSIER_SEARCH_SNIPPET_H_
