#include "dossier/utf8.h"

namespace dossier {

bool DecodeUtf8(std::string_view text, size_t* pos, char32_t* c) {
  size_t i = *pos;
  if (i >= text.size()) return false;
  auto b0 = static_cast<unsigned char>(text[i]);
  int len;
  char32_t value;
  if (b0 < 0x80) {
    *c = b0;
    *pos = i + 1;
    return true;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, value = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, value = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, value = b0 & 0x07;
  } else {
    return false;
  }
  if (i + static_cast<size_t>(len) > text.size()) return false;
  for (int k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) return false;
    value = (value << 6) | (b & 0x3F);
  }
  if ((len == 3 && value < 0x800) || (len == 4 && (value < 0x10000 || value > 0x10FFFF)) ||
      (value >= 0xD800 && value <= 0xDFFF)) {
    return false;
  }
  *c = value;
  *pos = i + static_cast<size_t>(len);
  return true;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  char32_t c;
  while (pos < text.size()) {
    if (!DecodeUtf8(text, &pos, &c)) return false;
  }
  return true;
}

size_t CountCodePoints(std::string_view text) {
  size_t n = 0;
  for (char ch : text)
    n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;  // every byte but continuations
  return n;
}

}  // namespace dossier
