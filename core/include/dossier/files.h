// File helpers with the durability rules of the project, for front ends and
// plugins writing their output: content goes to a temporary file beside the
// target, is synced, then renamed over it, and the folder is synced.
#ifndef DOSSIER_FILES_H_
#define DOSSIER_FILES_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "dossier/status.h"

namespace dossier {

/// Reads a whole (small) file.
Result<std::string> ReadFileToString(const std::filesystem::path& path);

/// Writes `content` to `path` atomically and durably: a reader sees the old
/// file or the new one, never a part.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content);

}  // namespace dossier

#endif  // DOSSIER_FILES_H_
