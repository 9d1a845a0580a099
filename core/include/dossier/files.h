// File helpers with the durability rules of the project, for front ends and
// plugins writing their output: content goes to a temporary file beside the
// target, is synced, then renamed over it, and the folder is synced.
#ifndef DOSSIER_FILES_H_
#define DOSSIER_FILES_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content,
                       Sync sync = Sync::kNow);

/// Makes everything written so far on the file system of `dir` durable, and
/// `dir` itself: one sync for a batch of files written with Sync::kLater.
/// A sync per file costs more than rendering the file on this project's
/// machines; a batch command reports success only after this call.
Status SyncFileSystem(const std::filesystem::path& dir);

/// A file written in pieces (an export of any size) that appears at `path`
/// whole, on Commit(), or not at all: it is written to a temporary name
/// beside `path`, synced, renamed over it, and the folder synced. Destroyed
/// without Commit(), it removes the temporary file.
class AtomicFile {
 public:
  static Result<std::unique_ptr<AtomicFile>> Create(const std::filesystem::path& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Write(std::string_view data);
  uint64_t bytes_written() const { return bytes_; }
  /// For libraries that write to a file name themselves (libxlsxwriter):
  /// they write the temporary file, then Commit() publishes it.
  const std::filesystem::path& temp_path() const { return temp_; }
  Status Commit();

 private:
  AtomicFile(std::filesystem::path path, std::filesystem::path temp, int fd);
  Status Flush();
  std::filesystem::path path_;
  std::filesystem::path temp_;
  int fd_;
  std::string buffer_;
  uint64_t bytes_ = 0;
  bool committed_ = false;
};

/// A private folder (0700) in TMPDIR for work files, removed with all it
/// holds when the object goes: an upload being received, an export being
/// zipped, a package being unpacked. While it lives it holds a lock on its
/// `.in-use` file, which the kernel releases when the process dies: that is
/// how a folder left by a killed process is told from one in use.
class TempFolder {
 public:
  /// `prefix` names the folder (dossier-upload-XXXXXX) so that a stray one
  /// left by a killed process says where it came from.
  static Result<TempFolder> Create(std::string_view prefix);
  /// The TempFolders in TMPDIR, of this user, that no living process holds:
  /// left by one that was killed. A folder without the lock file (not a
  /// TempFolder's, or one being made) is never counted.
  static Result<std::vector<std::filesystem::path>> Abandoned();
  TempFolder(TempFolder&& other) noexcept;
  TempFolder& operator=(TempFolder&& other) noexcept;
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder();

  const std::filesystem::path& path() const { return path_; }

 private:
  TempFolder(std::filesystem::path path, int lock) : path_(std::move(path)), lock_(lock) {}
  void Remove();
  std::filesystem::path path_;
  int lock_ = -1;  // the descriptor of .in-use, locked while the folder is in use
};

}  // namespace dossier

#endif  // DOSSIER_FILES_H_
