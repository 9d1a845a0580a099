// Legacy Chinese text encodings: what a spreadsheet exported on a Chinese
// Windows machine (GBK/GB18030) is converted from.
#ifndef DOSSIER_UTIL_ENCODING_H_
#define DOSSIER_UTIL_ENCODING_H_

#include <string>
#include <string_view>

namespace dossier {

/// GB18030 (a superset of GBK and GB2312) to UTF-8 with glibc's iconv;
/// false when the bytes are not GB18030.
bool Gb18030ToUtf8(std::string_view in, std::string& out);

}  // namespace dossier

#endif  // DOSSIER_UTIL_ENCODING_H_
