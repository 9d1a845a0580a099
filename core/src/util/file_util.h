// File-system helpers with the durability rules of the project: content is
// written to a temporary file, synced, renamed, and the directory synced.
#ifndef DOSSIER_UTIL_FILE_UTIL_H_
#define DOSSIER_UTIL_FILE_UTIL_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "dossier/files.h"  // ReadFileToString, WriteFileAtomic
#include "dossier/status.h"
#include "dossier/utf8.h"

namespace dossier {

/// fsync of a directory, so that a rename inside it survives a crash.
Status SyncDirectory(const std::filesystem::path& dir);

/// fsync of an open file descriptor, with the path for the error message.
Status SyncFd(int fd, const std::filesystem::path& path);

/// Writes all of `data` to `fd`, again after a signal or a short write.
Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path);

/// Reads up to `size` bytes at `offset` (from the current position when
/// offset < 0), again after a signal or a short read, stopping only at the
/// end of the file; returns how many were read.
Result<size_t> ReadUpTo(int fd, char* buf, size_t size, int64_t offset,
                        const std::filesystem::path& path);

/// "No such file" etc.: errno as text, prefixed by what was being done.
Status ErrnoStatus(const std::string& what, const std::filesystem::path& path);

/// A name stored inside a document (a file of a version) must be a single
/// path component: not empty, no '/', '\\', NUL or control characters, not
/// "." or "..", valid UTF-8, at most 255 bytes.
Status ValidateStoredName(std::string_view name);

/// Refuses an input path with a ".." component: paths from input never
/// reach outside where the user pointed.
Status RejectParentReferences(const std::filesystem::path& path);

/// Folders 0700 and files 0600 in and below `dir`: a repository is its
/// owner's (the service account's) alone.
Status RestrictTreeToOwner(const std::filesystem::path& dir);

}  // namespace dossier

#endif  // DOSSIER_UTIL_FILE_UTIL_H_
