// The search tokenizer: turns text into the terms of the full-text index.
//
//   - A run of Chinese (Japanese, Korean) characters becomes overlapping
//     bigrams: 违约责任 -> 违约 约责 责任. Any query of two or more characters
//     is then a phrase of bigrams, exact and fast.
//   - In a document, the run's last character is also indexed alone, at
//     the place after the last bigram (违约责任 -> 违约 约责 责任 任), so every
//     character starts exactly one term: the character at each place is the
//     first character of the term there, and a one-character query is the
//     prefix query 档* (归档。 has 归档 and 档). Indexing every character
//     alone as well made the index 0.73x trigram's instead of 0.50x
//     (bench/search); one-character searches read the characters index
//     below instead of merging the lists of every bigram with that prefix.
//   - A run of letters and digits is one word. Latin is folded (case,
//     accents, full-width forms; see text_fold.h) and so is Chinese
//     (traditional -> simplified).
//   - Punctuation and spaces separate. Positions run on across them, so a
//     phrase can never join the end of one run to the start of the next:
//     合同。验收 holds no 同验.
//
// The characters index (kCharacters) holds which Chinese characters a row
// has, each once, with no places (FTS5 detail=none): 7 MB for 20,000
// documents, against 44 MB for every character with its places.
//
// The same code serves the index and the query, so both fold the same way.
#ifndef DOSSIER_SEARCH_TOKENIZER_H_
#define DOSSIER_SEARCH_TOKENIZER_H_

#include <cstdint>
#include <string_view>

namespace dossier {

enum class TokenizeMode {
  kDocument,    // bigrams and each run's last character
  kQuery,       // bigrams; a run's last character only when a term follows
  kCharacters,  // each Chinese character once (per call), nothing else
};

// The shape of FTS5's xToken callback: flags is 0 or FTS5_TOKEN_COLOCATED,
// start/end are byte offsets into the text given. A non-zero return stops
// the tokenizer and is returned by Tokenize.
using TokenFn = int (*)(void* ctx, int flags, const char* token, int size, int start, int end);

inline constexpr int kTokenColocated = 0x0001;   // FTS5_TOKEN_COLOCATED
inline constexpr int kTokenizeInvalidUtf8 = -1;  // returned when the text is not UTF-8
inline constexpr size_t kMaxWordBytes = 128;     // longer words are cut (index and query alike)

/// Tokenizes `text`, calling `fn` for each term. Returns 0, what `fn`
/// returned to stop, or kTokenizeInvalidUtf8 (before any term is given)
/// when `text` is not valid UTF-8.
int Tokenize(std::string_view text, TokenizeMode mode, void* ctx, TokenFn fn);

/// What Tokenize gives a document's `text`, counted without making the
/// terms (a one-character search scores rows by it): how many places, and
/// how many of them hold a term starting with `character` (folded).
struct PlaceCount {
  uint32_t places = 0;
  uint32_t starting = 0;
};
PlaceCount CountPlaces(std::string_view text, char32_t character);

/// Whether `term` (a term the tokenizer gave) is one Chinese character.
bool IsSingleCharacterTerm(std::string_view term);

}  // namespace dossier

#endif  // DOSSIER_SEARCH_TOKENIZER_H_
