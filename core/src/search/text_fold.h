// Character folding for search: what makes two spellings of the same text
// match. Applied identically when indexing and when querying.
//
//   - Unicode compatibility forms and case: NFKC_Casefold (ICU), so that
//     ＡＢＣ１２３ = ABC123 and Contract = contract;
//   - accents on Latin letters are dropped (é = e);
//   - traditional Chinese characters become simplified ones (檔 = 档), with
//     OpenCC's character table (t2s), character by character so that a
//     character folds the same wherever it stands.
//
// Every character is also given a class: part of a Chinese/Japanese/Korean
// run (indexed as bigrams), part of a word (Latin, digits, other scripts),
// or a separator.
//
// The table is built once per process (about 100 ms), on first use.
// Thread-safe after that: Folding::Get() returns an immutable object.
#ifndef DOSSIER_SEARCH_TEXT_FOLD_H_
#define DOSSIER_SEARCH_TEXT_FOLD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dossier/utf8.h"

namespace dossier {

enum class CharClass : uint8_t { kSeparator, kWord, kCjk };

struct FoldedChar {
  char32_t code;
  CharClass cls;
};

class Folding {
 public:
  static const Folding& Get();

  /// Appends the folded form of `c` to `out`: usually one character, none
  /// for ignorable characters and combining marks, several for ligatures
  /// and the like (ﬁ -> f i).
  void Fold(char32_t c, std::vector<FoldedChar>& out) const;

  /// The whole string folded, as UTF-8 (for tests and diagnostics).
  std::string FoldString(std::string_view utf8) const;

 private:
  Folding();
  struct Entry {
    uint32_t offset;  // into pool_
    uint8_t count;
  };
  void Compute(char32_t c, std::vector<FoldedChar>& out) const;

  std::vector<Entry> bmp_;                      // one entry per code point below U+10000
  std::vector<FoldedChar> pool_;                // folded characters of the BMP
  std::unordered_map<char32_t, char32_t> t2s_;  // traditional -> simplified
};

}  // namespace dossier

#endif  // DOSSIER_SEARCH_TEXT_FOLD_H_
