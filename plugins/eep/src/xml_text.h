// Text as XML 1.0 carries it, and base64 streamed in pieces.
#ifndef DOSSIER_PLUGINS_EEP_XML_TEXT_H_
#define DOSSIER_PLUGINS_EEP_XML_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dossier::eep {

/// Escapes &, <, >, " and replaces what XML 1.0 cannot hold (control
/// characters other than tab, LF, CR; malformed UTF-8) with U+FFFD.
std::string XmlEscape(std::string_view text);

/// The length of the base64 encoding of `n` bytes (no line breaks).
uint64_t Base64Length(uint64_t n);

/// Encodes a stream in pieces of any size: whole groups of three bytes are
/// encoded as they come; Finish() pads the last one or two.
class Base64Stream {
 public:
  std::string Encode(std::string_view data);
  std::string Finish();

 private:
  unsigned char carry_[2] = {0, 0};
  int carried_ = 0;
};

}  // namespace dossier::eep

#endif  // DOSSIER_PLUGINS_EEP_XML_TEXT_H_
