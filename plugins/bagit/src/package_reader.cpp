#include "package_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "digests.h"
#include "dossier/utf8.h"
#include "package_writer.h"

namespace dossier::bagit {

using packaging::Digest;

namespace {

Status Refuse(const std::string& why) { return Status::InvalidArgument("package refused: " + why); }

// Hashes a stream and counts it.
struct Hashing {
  Digest sha256{"sha256"};
  Digest sha512{"sha512"};
  uint64_t bytes = 0;
  void Update(const void* data, size_t n) {
    sha256.Update(data, n);
    sha512.Update(data, n);
    bytes += n;
  }
};

// Drops a leading "./" and, when every entry sits in one top folder that
// holds bagit.txt, that folder: "mybag/data/x" -> "data/x".
std::map<std::string, PackageEntry> Rebase(std::map<std::string, PackageEntry> entries) {
  if (entries.count("bagit.txt")) return entries;
  std::string top;
  for (const auto& [path, e] : entries) {
    auto slash = path.find('/');
    if (slash == std::string::npos) return entries;
    std::string first = path.substr(0, slash + 1);
    if (top.empty())
      top = first;
    else if (top != first)
      return entries;
  }
  if (top.empty() || !entries.count(top + "bagit.txt")) return entries;
  std::map<std::string, PackageEntry> out;
  for (auto& [path, e] : entries) out.emplace(path.substr(top.size()), std::move(e));
  return out;
}

Status ReadFolder(const std::filesystem::path& root, ReadPackage& out, const ReadLimits& limits) {
  std::error_code ec;
  uint64_t total = 0;
  std::vector<std::filesystem::path> pending = {root};
  while (!pending.empty()) {
    auto dir = pending.back();
    pending.pop_back();
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      std::string rel = std::filesystem::relative(entry.path(), root, ec).string();
      DOSSIER_RETURN_IF_ERROR(CheckEntryPath(rel));
      struct stat st;
      if (::lstat(entry.path().c_str(), &st) != 0)
        return Status::IoError("cannot read " + entry.path().string());
      if (S_ISLNK(st.st_mode)) return Refuse(rel + " is a symbolic link");
      if (S_ISDIR(st.st_mode)) {
        pending.push_back(entry.path());
        continue;
      }
      if (!S_ISREG(st.st_mode))
        return Refuse(rel + " is not a regular file (device, pipe or socket)");
      total += static_cast<uint64_t>(st.st_size);
      if (total > limits.max_total)
        return Refuse("it holds more than " + std::to_string(limits.max_total) + " bytes");
      int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd < 0)
        return Status::IoError("cannot open " + entry.path().string() + ": " +
                               std::strerror(errno));
      Hashing h;
      std::vector<char> buf(1 << 16);
      ssize_t n;
      while ((n = ::read(fd, buf.data(), buf.size())) > 0)
        h.Update(buf.data(), static_cast<size_t>(n));
      ::close(fd);
      if (n < 0) return Status::IoError("cannot read " + entry.path().string());
      PackageEntry e;
      e.file = entry.path();
      e.size = h.bytes;
      e.sha256 = h.sha256.Hex();
      e.sha512 = h.sha512.Hex();
      out.entries[rel] = std::move(e);
    }
    if (ec) return Status::IoError("cannot list " + dir.string() + ": " + ec.message());
  }
  return Status::Ok();
}

Status ReadArchive(const std::filesystem::path& package, const std::filesystem::path& scratch,
                   ReadPackage& out, const ReadLimits& limits) {
  packaging::ScopedUtf8Locale utf8;  // entry names as UTF-8 (package_writer.h)
  std::error_code ec;
  uint64_t package_size = std::filesystem::file_size(package, ec);
  if (ec) return Status::IoError("cannot read " + package.string() + ": " + ec.message());
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  archive_read_support_format_tar(a);
  archive_read_support_filter_gzip(a);
  struct Closer {
    archive* a;
    ~Closer() { archive_read_free(a); }
  } closer{a};
  if (archive_read_open_filename(a, package.c_str(), 1 << 16) != ARCHIVE_OK) {
    return Refuse(package.string() + " is not a zip or tar.gz: " + archive_error_string(a));
  }
  out.kind = archive_filter_count(a) > 1 ? "tar.gz" : "zip";
  uint64_t total = 0;
  uint64_t in_memory = 0;
  int index = 0;
  archive_entry* entry;
  while (true) {
    int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN)
      return Refuse("unreadable entry: " + std::string(archive_error_string(a)));
    const char* raw = archive_entry_pathname(entry);
    std::string path = raw ? raw : "";
    if (!IsValidUtf8(path)) return Refuse("an entry's name is not valid UTF-8");
    while (path.rfind("./", 0) == 0) path = path.substr(2);
    auto type = archive_entry_filetype(entry);
    if (archive_entry_hardlink(entry) != nullptr) return Refuse(path + " is a hard link");
    if (type == AE_IFDIR) {
      DOSSIER_RETURN_IF_ERROR(
          CheckEntryPath(path.back() == '/' ? path.substr(0, path.size() - 1) : path));
      continue;
    }
    DOSSIER_RETURN_IF_ERROR(CheckEntryPath(path));
    if (type == AE_IFLNK) return Refuse(path + " is a symbolic link");
    if (type != AE_IFREG) return Refuse(path + " is not a regular file (device, pipe or socket)");
    if (out.entries.count(path)) return Refuse(path + " is in the package twice");
    bool declared = archive_entry_size_is_set(entry);
    uint64_t declared_size = declared ? static_cast<uint64_t>(archive_entry_size(entry)) : 0;
    PackageEntry extracted;
    extracted.in_memory = declared && declared_size <= limits.in_memory_entry &&
                          in_memory + declared_size <= limits.memory_budget;
    // Extracted under a name of our own: the entry's name never reaches the
    // file system.
    auto target = scratch / ("entry-" + std::to_string(index++));
    int fd = -1;
    if (extracted.in_memory) {
      extracted.bytes.reserve(declared_size);
      in_memory += declared_size;
    } else {
      fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        return Status::IoError("cannot create " + target.string() + ": " + std::strerror(errno));
      extracted.file = target;
    }
    Hashing h;
    std::vector<char> buf(1 << 16);
    Status s = Status::Ok();
    while (s.ok()) {
      la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
      if (n == 0) break;
      if (n < 0) {
        s = Refuse(path + " cannot be read: " + std::string(archive_error_string(a)));
        break;
      }
      h.Update(buf.data(), static_cast<size_t>(n));
      total += static_cast<uint64_t>(n);
      if (total > limits.max_total) {
        s = Refuse("it expands beyond " + std::to_string(limits.max_total) + " bytes (max-total)");
      } else if (total > limits.max_ratio * package_size + (uint64_t{1} << 20)) {
        s = Refuse("it expands more than " + std::to_string(limits.max_ratio) +
                   " times its size (max-ratio): a zip bomb, or set -O max-ratio=N");
      } else if (declared && h.bytes > declared_size) {
        s = Refuse(path + " holds more bytes than its declared size " +
                   std::to_string(declared_size));
      }
      if (extracted.in_memory) {
        if (s.ok()) extracted.bytes.append(buf.data(), static_cast<size_t>(n));
        continue;
      }
      for (la_ssize_t done = 0; s.ok() && done < n;) {
        ssize_t w = ::write(fd, buf.data() + done, static_cast<size_t>(n - done));
        if (w < 0) {
          if (errno == EINTR) continue;
          s = Status::IoError("cannot write " + target.string() + ": " + std::strerror(errno));
        } else {
          done += w;
        }
      }
    }
    if (fd >= 0) ::close(fd);
    if (s.ok() && declared && h.bytes != declared_size) {
      s = Refuse(path + " holds " + std::to_string(h.bytes) + " bytes, its declared size is " +
                 std::to_string(declared_size));
    }
    if (!s.ok()) return s;
    extracted.size = h.bytes;
    extracted.sha256 = h.sha256.Hex();
    extracted.sha512 = h.sha512.Hex();
    out.entries[path] = std::move(extracted);
  }
  return Status::Ok();
}

}  // namespace

Status CheckEntryPath(const std::string& path) {
  if (path.empty()) return Refuse("an entry has an empty name");
  if (!IsValidUtf8(path)) return Refuse("an entry's name is not valid UTF-8");
  if (path.front() == '/') return Refuse("entry " + path + " has an absolute path");
  if (path.find('\\') != std::string::npos)
    return Refuse("entry " + path + " contains a backslash");
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") return Refuse("entry " + path + " climbs out of the package ('..')");
    if (part.empty() || part == ".")
      return Refuse("entry " + path + " has an empty or '.' component");
    for (unsigned char c : part) {
      if (c < 0x20 || c == 0x7f) return Refuse("an entry's name contains a control character");
    }
    start = end + 1;
  }
  return Status::Ok();
}

Result<ReadPackage> ReadBagPackage(const std::filesystem::path& package,
                                   const std::filesystem::path& scratch, const ReadLimits& limits) {
  ReadPackage out;
  struct stat st;
  if (::lstat(package.c_str(), &st) != 0)
    return Status::NotFound(package.string() + " does not exist");
  if (S_ISDIR(st.st_mode)) {
    out.kind = "folder";
    DOSSIER_RETURN_IF_ERROR(ReadFolder(package, out, limits));
  } else if (S_ISREG(st.st_mode)) {
    DOSSIER_RETURN_IF_ERROR(ReadArchive(package, scratch, out, limits));
  } else {
    return Refuse(package.string() + " is neither a folder nor a file");
  }
  out.entries = Rebase(std::move(out.entries));
  return out;
}

}  // namespace dossier::bagit
