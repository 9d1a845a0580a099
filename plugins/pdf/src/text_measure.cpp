#include "text_measure.h"

#include "dossier/utf8.h"

namespace dossier::pdf {

std::u32string ToUtf32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char32_t c;
    if (DecodeUtf8(s, &i, &c)) {
      out += c;
    } else {
      out += U'\uFFFD';  // one replacement per bad byte, and read on
      ++i;
    }
  }
  return out;
}

std::string ToUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) AppendUtf8(c, out);
  return out;
}

bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) ||  // radicals, punctuation, kana, CJK ideographs
         (c >= 0xAC00 && c <= 0xD7AF) ||  // hangul
         (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||  // vertical forms
         (c >= 0xFF00 && c <= 0xFFEF) ||  // full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);  // supplementary ideographs
}

}  // namespace dossier::pdf
