// Snippets: a short window of a matching row with the query's matches
// marked, as `dossier search` shows under each hit.
//
// FTS5's own snippet() marks, at each place where a phrase matched, the
// first token that stands there. Our tokenizer puts a character alone at
// the place of the bigram it starts (tokenizer.h), so a one-character query
// came back marked as two characters (档 in 归档案 as 归[档案]). Here the
// token that matched is marked: the phrases' own terms are known (read
// from the MATCH expression), and FTS5 says where each phrase matched.
// The window is chosen the way FTS5 chooses it: the column and the run of
// places holding the most different phrases, then the most matches, with
// the matches centred.
#ifndef DOSSIER_SEARCH_SNIPPET_H_
#define DOSSIER_SEARCH_SNIPPET_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier {

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

struct SnippetMarks {
  std::string_view open = "[";
  std::string_view close = "]";
  std::string_view ellipsis = "…";
};

/// The best window of `places` places of the row whose columns are
/// `columns`, each match of `phrases` at `hits` between `open` and `close`,
/// `ellipsis` where text was cut off; "" when no hit is in any column.
std::string MakeSnippet(const std::vector<std::string_view>& columns, const std::vector<SnippetHit>& hits,
                        const std::vector<SnippetPhrase>& phrases, int places, const SnippetMarks& marks = {});

}  // namespace dossier

#endif  // DOSSIER_SEARCH_SNIPPET_H_
