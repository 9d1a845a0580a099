// Characters that show nothing, or change how the rest shows: what a name
// or a one-line field must not hide.
#ifndef DOSSIER_UTIL_INVISIBLE_H_
#define DOSSIER_UTIL_INVISIBLE_H_

#include <optional>
#include <string>

namespace dossier {

/// The first invisible format character in `text`, if any: bidi overrides
/// and isolates (U+202E...), zero-width spaces and joiners (U+200B...), the
/// soft hyphen, the byte-order mark.
std::optional<char32_t> InvisibleCharacterIn(const std::string& text);

}  // namespace dossier

#endif  // DOSSIER_UTIL_INVISIBLE_H_
