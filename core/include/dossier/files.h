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

/// When WriteFileAtomic makes a file durable.
enum class Sync {
  kNow,    // before it returns: the file and its folder are synced
  kLater,  // by the caller's SyncFileSystem once a whole batch is written
};

/// Writes `content` to `path` atomically: a reader sees the old file or the
/// new one, never a part. With Sync::kNow (the default) it is also durable
/// when the call returns.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content, Sync sync = Sync::kNow);

/// Makes everything written so far on the file system of `dir` durable, and
/// `dir` itself: one sync for a batch of files written with Sync::kLater.
/// A sync per file costs more than rendering the file on this project's
/// machines; a batch command reports success only after this call.
Status SyncFileSystem(const std::filesystem::path& dir);

}  // namespace dossier

#endif  // DOSSIER_FILES_H_
