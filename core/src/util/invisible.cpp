#include "util/invisible.h"

#include "dossier/utf8.h"

namespace dossier {

std::optional<char32_t> InvisibleCharacterIn(const std::string& text) {
  size_t pos = 0;
  char32_t c = 0;
  while (pos < text.size() && DecodeUtf8(text, &pos, &c)) {
    bool invisible = c == 0x00AD || c == 0x061C || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
                     (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
                     (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
    if (invisible) return c;
  }
  return std::nullopt;
}

}  // namespace dossier
