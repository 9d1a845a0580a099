#include "xml_text.h"

#include "dossier/utf8.h"

namespace dossier::eep {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void Group(const unsigned char* b, std::string& out) {
  out += kAlphabet[b[0] >> 2];
  out += kAlphabet[((b[0] & 3) << 4) | (b[1] >> 4)];
  out += kAlphabet[((b[1] & 15) << 2) | (b[2] >> 6)];
  out += kAlphabet[b[2] & 63];
}

bool AllowedInXml(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = 0;
    size_t start = pos;
    if (!DecodeUtf8(text, &pos, &c)) {
      ++pos;
      c = 0xFFFD;
    } else if (!AllowedInXml(c)) {
      c = 0xFFFD;
    } else if (c == '&') {
      out += "&amp;";
      continue;
    } else if (c == '<') {
      out += "&lt;";
      continue;
    } else if (c == '>') {
      out += "&gt;";
      continue;
    } else if (c == '"') {
      out += "&quot;";
      continue;
    } else {
      out.append(text.substr(start, pos - start));
      continue;
    }
    AppendUtf8(c, out);
  }
  return out;
}

uint64_t Base64Length(uint64_t n) { return (n + 2) / 3 * 4; }

std::string Base64Stream::Encode(std::string_view data) {
  std::string out;
  out.reserve(Base64Length(data.size() + 2));
  size_t i = 0;
  // Complete the group the last piece began.
  while (carried_ > 0 && i < data.size()) {
    if (carried_ < 2) {
      carry_[carried_++] = static_cast<unsigned char>(data[i++]);
      continue;
    }
    unsigned char group[3] = {carry_[0], carry_[1], static_cast<unsigned char>(data[i++])};
    Group(group, out);
    carried_ = 0;
  }
  for (; i + 3 <= data.size(); i += 3)
    Group(reinterpret_cast<const unsigned char*>(data.data() + i), out);
  for (; i < data.size(); ++i) carry_[carried_++] = static_cast<unsigned char>(data[i]);
  return out;
}

std::string Base64Stream::Finish() {
  std::string out;
  if (carried_ == 0) return out;
  unsigned char group[3] = {carry_[0], carried_ == 2 ? carry_[1] : static_cast<unsigned char>(0),
                            0};
  Group(group, out);
  out[3] = '=';
  if (carried_ == 1) out[2] = '=';
  carried_ = 0;
  return out;
}

}  // namespace dossier::eep
