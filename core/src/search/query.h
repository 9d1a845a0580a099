// Translates the user's query syntax (see dossier/search.h) into an FTS5
// MATCH expression over the "dossier" tokenizer. Every user term goes into
// FTS5 as a quoted string, so no character of the user's can be read as
// FTS5 syntax. `word*` is a prefix query on Latin words; a term that ends
// in a Chinese character standing alone (档, A档) is a prefix query too, as
// that character starts a bigram wherever another follows it (tokenizer.h).
#ifndef DOSSIER_SEARCH_QUERY_H_
#define DOSSIER_SEARCH_QUERY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/status.h"

namespace dossier {

/// What a query may hold: beyond these, a search's work grows past what an
/// answer is worth (2,000 terms AND-ed took 19 s; 200 nested parentheses
/// overflowed FTS5's parser), and no one types such a query by hand.
inline constexpr size_t kMaxQueryCharacters = 1000;
inline constexpr int kMaxQueryTerms = 32;
inline constexpr int kMaxQueryNesting = 8;

/// The FTS5 expression, or "" when the query has no terms (metadata-only
/// search). InvalidArgument naming the problem for malformed queries: an
/// unclosed quote or parenthesis, OR/NOT with nothing to apply to, only
/// negated terms, text that is not UTF-8, and a query past the limits
/// above.
Result<std::string> ToFtsQuery(std::string_view query);

/// `text` as one FTS5 string: in double quotes, a quote inside doubled.
std::string QuoteForFts(std::string_view text);

/// Reads the FTS5 string that starts at `at` (a '"') in `fts`: its text,
/// with "" read as one quote, into `*text`, and returns where it ends
/// (after the closing quote); nullopt when no string starts there or it is
/// not closed.
std::optional<size_t> ReadFtsString(std::string_view fts, size_t at, std::string* text);

/// The index term an FTS5 expression made by ToFtsQuery searches for, when
/// it is one quoted string that the tokenizer reads as a single term (档,
/// 合同, contract); nullopt for phrases, boolean and prefix queries.
std::optional<std::string> SingleTermOf(std::string_view fts);

/// The character an expression made by ToFtsQuery searches for when the
/// query is that one Chinese character (档 gives "档" *); nullopt otherwise.
std::optional<std::string> SingleCharacterOf(std::string_view fts);

/// The phrases of an expression made by ToFtsQuery that is one phrase or
/// phrases joined by AND ("合同" AND "验收"), each still quoted, in FTS5's
/// order of phrases; nullopt for any other expression (OR, NOT, prefix).
std::optional<std::vector<std::string>> PhrasesOfConjunction(std::string_view fts);

}  // namespace dossier

#endif  // DOSSIER_SEARCH_QUERY_H_
