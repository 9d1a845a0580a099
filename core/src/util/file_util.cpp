#include "util/file_util.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace dossier {

Status ErrnoStatus(const std::string& what, const std::filesystem::path& path) {
  return Status::IoError(what + " " + path.string() + ": " + std::strerror(errno));
}

Result<std::string> ReadFileToString(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ErrnoStatus("cannot read", path);
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return ErrnoStatus("cannot read", path);
  return out.str();
}

Status SyncFd(int fd, const std::filesystem::path& path) {
  if (::fsync(fd) != 0) return ErrnoStatus("cannot sync", path);
  return Status::Ok();
}

Status SyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open directory", dir);
  Status s = SyncFd(fd, dir);
  ::close(fd);
  return s;
}

Status SyncFileSystem(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open directory", dir);
  Status s = ::syncfs(fd) == 0 ? Status::Ok() : ErrnoStatus("cannot sync the file system of", dir);
  if (s.ok()) s = SyncFd(fd, dir);
  ::close(fd);
  return s;
}

Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write", path);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Result<size_t> ReadUpTo(int fd, char* buf, size_t size, int64_t offset,
                        const std::filesystem::path& path) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = offset < 0
                    ? ::read(fd, buf + done, size - done)
                    : ::pread(fd, buf + done, size - done, offset + static_cast<int64_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot read", path);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content, Sync sync) {
  // Seeded once per thread: a random_device per call shows in profiles of
  // batches of thousands of files.
  thread_local std::mt19937_64 names{std::random_device{}()};
  auto tmp = path;
  tmp += ".tmp-" + std::to_string(names());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus("cannot create", tmp);
  Status s = WriteAll(fd, content, tmp);
  if (s.ok() && sync == Sync::kNow) s = SyncFd(fd, tmp);
  ::close(fd);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0)
    s = ErrnoStatus("cannot rename onto", path);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  if (sync == Sync::kLater) return Status::Ok();
  return SyncDirectory(path.parent_path().empty() ? "." : path.parent_path());
}

Result<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::filesystem::path& path) {
  thread_local std::mt19937_64 names{std::random_device{}()};
  auto tmp = path;
  tmp += ".tmp-" + std::to_string(names());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus("cannot create", tmp);
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, tmp, fd));
}

AtomicFile::AtomicFile(std::filesystem::path path, std::filesystem::path temp, int fd)
    : path_(std::move(path)), temp_(std::move(temp)), fd_(fd) {}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

Status AtomicFile::Flush() {
  DOSSIER_RETURN_IF_ERROR(WriteAll(fd_, buffer_, temp_));
  buffer_.clear();
  return Status::Ok();
}

Status AtomicFile::Write(std::string_view data) {
  // Exports write many small pieces (a CSV cell, a JSON field): gather them.
  constexpr size_t kBuffer = 1 << 16;
  bytes_ += data.size();
  if (buffer_.size() + data.size() > kBuffer) DOSSIER_RETURN_IF_ERROR(Flush());
  if (data.size() >= kBuffer) {
    buffer_.assign(data);
    return Flush();
  }
  buffer_.append(data);
  return Status::Ok();
}

Status AtomicFile::Commit() {
  if (committed_) return Status::Ok();
  DOSSIER_RETURN_IF_ERROR(Flush());
  ::close(fd_);
  fd_ = -1;
  // Synced through a descriptor of its own: a library may have replaced the
  // temporary file by name (see temp_path()).
  int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open", temp_);
  Status synced = SyncFd(fd, temp_);
  ::close(fd);
  DOSSIER_RETURN_IF_ERROR(synced);
  if (::rename(temp_.c_str(), path_.c_str()) != 0) return ErrnoStatus("cannot rename onto", path_);
  committed_ = true;
  return SyncDirectory(path_.parent_path().empty() ? "." : path_.parent_path());
}

Status ValidateStoredName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("file name is empty");
  if (name.size() > 255)
    return Status::InvalidArgument(
        "file name longer than 255 bytes: " + std::string(name.substr(0, 40)) + "...");
  if (name == "." || name == "..")
    return Status::InvalidArgument("file name '" + std::string(name) + "' is not allowed");
  for (char c : name) {
    if (c == '/' || c == '\\')
      return Status::InvalidArgument("file name '" + std::string(name) +
                                     "' contains a path separator");
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return Status::InvalidArgument("file name contains a control character");
  }
  if (!IsValidUtf8(name)) return Status::InvalidArgument("file name is not valid UTF-8");
  return Status::Ok();
}

Status RejectParentReferences(const std::filesystem::path& path) {
  for (const auto& part : path) {
    if (part == "..") {
      return Status::InvalidArgument("path '" + path.string() +
                                     "' contains '..'; give a path without parent references");
    }
  }
  return Status::Ok();
}

namespace {

constexpr const char* kTempPrefix = "dossier-";
constexpr const char* kInUse = ".in-use";

Result<std::filesystem::path> TempBase() {
  std::error_code ec;
  const auto base = std::filesystem::temp_directory_path(ec);
  if (ec) {
    const char* tmpdir = std::getenv("TMPDIR");
    return Status::IoError("no folder for temporary files: TMPDIR " +
                           std::string(tmpdir ? tmpdir : "(unset)") + ": " + ec.message());
  }
  return base;
}

}  // namespace

Result<TempFolder> TempFolder::Create(std::string_view prefix) {
  auto base = TempBase();
  if (!base.ok()) return base.status();
  std::string pattern = (*base / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {  // mkdtemp makes it 0700
    return Status::IoError("cannot create a temporary folder in " + base->string() + ": " +
                           std::strerror(errno));
  }
  const std::string in_use = pattern + "/" + kInUse;
  int lock = ::open(in_use.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (lock < 0 || ::flock(lock, LOCK_EX | LOCK_NB) != 0) {
    const std::string error = std::strerror(errno);
    if (lock >= 0) ::close(lock);
    std::error_code ec;
    std::filesystem::remove_all(pattern, ec);
    return Status::IoError("cannot lock " + in_use + ": " + error);
  }
  return TempFolder(pattern, lock);
}

Result<std::vector<std::filesystem::path>> TempFolder::Abandoned() {
  auto base = TempBase();
  if (!base.ok()) return base.status();
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(*base, ec)) {
    const std::string name = entry.path().filename().string();
    struct stat st {};
    if (name.rfind(kTempPrefix, 0) != 0 || ::lstat(entry.path().c_str(), &st) != 0 ||
        !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) {
      continue;
    }
    // Only a TempFolder makes the lock file: any other folder, or one still
    // being made, is not ours to judge.
    const std::string in_use = (entry.path() / kInUse).string();
    int fd = ::open(in_use.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    // Taken: no living process holds it. Released at once; the caller removes the folder.
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) out.push_back(entry.path());
    ::close(fd);
  }
  if (ec) return Status::IoError("cannot read " + base->string() + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

TempFolder::TempFolder(TempFolder&& other) noexcept
    : path_(std::move(other.path_)), lock_(other.lock_) {
  other.path_.clear();
  other.lock_ = -1;
}

TempFolder& TempFolder::operator=(TempFolder&& other) noexcept {
  if (this != &other) {
    Remove();
    path_ = std::move(other.path_);
    lock_ = other.lock_;
    other.path_.clear();
    other.lock_ = -1;
  }
  return *this;
}

TempFolder::~TempFolder() { Remove(); }

void TempFolder::Remove() {
  std::error_code
      ec;  // best effort: a destructor cannot report; gc removes what a killed process left
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  path_.clear();
  if (lock_ >= 0) ::close(lock_);
  lock_ = -1;
}

Status RestrictTreeToOwner(const std::filesystem::path& dir) {
  using std::filesystem::perms;
  std::error_code ec;
  std::filesystem::permissions(dir, perms::owner_all, ec);
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::end(it); it.increment(ec)) {
    bool folder = it->is_directory(ec);
    std::filesystem::permissions(
        it->path(), folder ? perms::owner_all : perms::owner_read | perms::owner_write, ec);
    if (ec) break;
  }
  if (ec)
    return Status::IoError("cannot restrict " + dir.string() + " to its owner: " + ec.message());
  return Status::Ok();
}

}  // namespace dossier
