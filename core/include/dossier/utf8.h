// UTF-8, one character at a time: what the core and the plugins share to
// read and write text without a library for so little.
#ifndef DOSSIER_UTF8_H_
#define DOSSIER_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace dossier {

/// Decodes one character at `text[*pos]` and advances *pos past it. False
/// (with *pos unchanged) on a malformed or overlong sequence, a surrogate,
/// or a value above U+10FFFF.
bool DecodeUtf8(std::string_view text, size_t* pos, char32_t* c);
void AppendUtf8(char32_t c, std::string& out);
/// True if `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);
/// The characters (code points) of well-formed UTF-8 `text`.
size_t CountCodePoints(std::string_view text);

}  // namespace dossier

#endif  // DOSSIER_UTF8_H_
