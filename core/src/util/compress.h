// zlib in one call each way, for small texts kept in the catalog (the
// extracted text of files). The content store has its own streaming code.
#ifndef DOSSIER_UTIL_COMPRESS_H_
#define DOSSIER_UTIL_COMPRESS_H_

#include <string>
#include <string_view>

#include "dossier/status.h"

namespace dossier {

std::string Compress(std::string_view data, int level = 6);
/// `size` is the length of the original data; Corruption when the bytes do
/// not inflate to exactly that.
Result<std::string> Uncompress(std::string_view data, size_t size);

}  // namespace dossier

#endif  // DOSSIER_UTIL_COMPRESS_H_
