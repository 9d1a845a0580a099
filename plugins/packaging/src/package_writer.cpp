#include "package_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <random>
#include <thread>

#include "dossier/files.h"
#include "parallel_gzip.h"

namespace dossier::packaging {

namespace {

Status Errno(const std::string& what, const std::filesystem::path& path) {
  return Status::IoError(what + " " + path.string() + ": " + std::strerror(errno));
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A folder built under a temporary name beside the output, renamed at the end.
class FolderWriter : public PackageWriter {
 public:
  FolderWriter(std::filesystem::path output, std::filesystem::path temp)
      : output_(std::move(output)), temp_(std::move(temp)) {}
  ~FolderWriter() override {
    if (!committed_) {
      std::error_code ec;
      std::filesystem::remove_all(temp_, ec);
    }
  }
  Status Add(const std::string& path, uint64_t size,
             const std::function<Status(const ContentSink& sink)>& produce) override {
    auto target = temp_ / path;
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec)
      return Status::IoError("cannot create " + target.parent_path().string() + ": " +
                             ec.message());
    int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return Errno("cannot create", target);
    uint64_t written = 0;
    Status s = produce([&](const char* data, size_t n) -> Status {
      while (n > 0) {
        ssize_t w = ::write(fd, data, n);
        if (w < 0) {
          if (errno == EINTR) continue;
          return Errno("cannot write", target);
        }
        data += w;
        n -= static_cast<size_t>(w);
        written += static_cast<uint64_t>(w);
        bytes_ += static_cast<uint64_t>(w);
      }
      return Status::Ok();
    });
    ::close(fd);
    if (s.ok() && written != size) {
      s = Status::Internal(path + ": " + std::to_string(written) + " bytes written, " +
                           std::to_string(size) + " announced");
    }
    return s;
  }
  Status Commit() override {
    // One sync for every file of the bag, then the rename publishes it.
    DOSSIER_RETURN_IF_ERROR(SyncFileSystem(temp_));
    std::error_code ec;
    if (std::filesystem::is_directory(output_, ec))
      std::filesystem::remove(output_, ec);  // empty, checked at Create
    if (::rename(temp_.c_str(), output_.c_str()) != 0) return Errno("cannot rename onto", output_);
    committed_ = true;
    auto parent = output_.parent_path();
    return SyncFileSystem(parent.empty() ? "." : parent);
  }
  uint64_t bytes_written() const override { return bytes_; }

 private:
  std::filesystem::path output_;
  std::filesystem::path temp_;
  uint64_t bytes_ = 0;
  bool committed_ = false;
};

// A zip or tar.gz through libarchive, written into an AtomicFile.
class ArchiveWriter : public PackageWriter {
 public:
  ArchiveWriter(std::unique_ptr<AtomicFile> file, PackageKind kind)
      : file_(std::move(file)), kind_(kind) {}
  ~ArchiveWriter() override {
    if (archive_) archive_write_free(archive_);
  }
  Status Open() {
    ScopedUtf8Locale utf8;
    archive_ = archive_write_new();
    if (archive_ == nullptr) return Status::Internal("libarchive: out of memory");
    int r = ARCHIVE_OK;
    if (kind_ == PackageKind::kZip) {
      r = archive_write_set_format_zip(archive_);
      if (r == ARCHIVE_OK) r = archive_write_zip_set_compression_deflate(archive_);
    } else {
      // POSIX pax: UTF-8 names and sizes above 8 GiB, read by every tar.
      // libarchive writes the tar; gzip runs on every core (parallel_gzip.h).
      r = archive_write_set_format_pax_restricted(archive_);
      gzip_ = std::make_unique<ParallelGzip>(
          [this](std::string_view member) { return file_->Write(member); }, Z_DEFAULT_COMPRESSION,
          std::max(1u, std::thread::hardware_concurrency()));
    }
    if (r == ARCHIVE_OK) r = archive_write_set_bytes_in_last_block(archive_, 1);
    if (r == ARCHIVE_OK)
      r = archive_write_open(archive_, this, nullptr, &ArchiveWriter::WriteCallback, nullptr);
    return Check(r, "cannot start the package");
  }
  Status Add(const std::string& path, uint64_t size,
             const std::function<Status(const ContentSink& sink)>& produce) override {
    ScopedUtf8Locale utf8;
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, path.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(size));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_mtime(entry, now_, 0);
    Status s = Check(archive_write_header(archive_, entry), path);
    archive_entry_free(entry);
    if (!s.ok()) return s;
    uint64_t written = 0;
    s = produce([&](const char* data, size_t n) -> Status {
      written += n;
      if (written > size) return Status::Internal(path + ": more bytes than announced");
      if (archive_write_data(archive_, data, n) < 0) return Check(ARCHIVE_FATAL, path);
      return write_error_;
    });
    if (!s.ok()) return s;
    if (written != size) {
      return Status::Internal(path + ": " + std::to_string(written) + " bytes written, " +
                              std::to_string(size) + " announced");
    }
    return Check(archive_write_finish_entry(archive_), path);
  }
  Status Commit() override {
    ScopedUtf8Locale utf8;
    DOSSIER_RETURN_IF_ERROR(Check(archive_write_close(archive_), "cannot finish the package"));
    DOSSIER_RETURN_IF_ERROR(write_error_);
    if (gzip_) DOSSIER_RETURN_IF_ERROR(gzip_->Finish());
    return file_->Commit();
  }
  uint64_t bytes_written() const override { return file_->bytes_written(); }

 private:
  static la_ssize_t WriteCallback(archive*, void* self, const void* buffer, size_t length) {
    auto* w = static_cast<ArchiveWriter*>(self);
    std::string_view bytes(static_cast<const char*>(buffer), length);
    Status s = w->gzip_ ? w->gzip_->Write(bytes) : w->file_->Write(bytes);
    if (!s.ok()) {
      w->write_error_ = s;
      return -1;
    }
    return static_cast<la_ssize_t>(length);
  }
  Status Check(int r, const std::string& what) {
    if (r >= ARCHIVE_WARN) return Status::Ok();
    if (!write_error_.ok()) return write_error_;
    const char* why = archive_error_string(archive_);
    return Status::IoError(what + ": " + (why ? why : "libarchive error"));
  }

  std::unique_ptr<AtomicFile> file_;
  std::unique_ptr<ParallelGzip> gzip_;  // tar.gz: the compressor between libarchive and the file
  PackageKind kind_;
  archive* archive_ = nullptr;
  Status write_error_ = Status::Ok();
  time_t now_ = std::time(nullptr);
};

}  // namespace

Result<uint64_t> ParseByteSize(const std::string& option, const std::string& text) {
  uint64_t value = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
    value = value * 10 + static_cast<uint64_t>(text[i] - '0');
  std::string unit = text.substr(i);
  uint64_t scale = unit.empty()  ? 1
                   : unit == "K" ? 1ull << 10
                   : unit == "M" ? 1ull << 20
                   : unit == "G" ? 1ull << 30
                                 : 0;
  if (i == 0 || i > 15 || scale == 0 || value == 0) {
    return Status::InvalidArgument(option + " '" + text +
                                   "': expected a number, optionally with K, M or G");
  }
  return value * scale;
}

std::string SafeEntryName(std::string_view name) {
  std::string out;
  for (char c : name) {
    bool bad = c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    out += bad ? '_' : c;
  }
  if (out.empty() || out == "." || out == "..") out = "_" + out;
  return out;
}

ScopedUtf8Locale::ScopedUtf8Locale() {
  utf8_ = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  if (utf8_ != static_cast<locale_t>(0)) previous_ = uselocale(utf8_);
}

ScopedUtf8Locale::~ScopedUtf8Locale() {
  if (utf8_ == static_cast<locale_t>(0)) return;
  uselocale(previous_);
  freelocale(utf8_);
}

PackageKind PackageKindOf(const std::filesystem::path& output) {
  std::string name = output.filename().string();
  if (EndsWith(name, ".zip")) return PackageKind::kZip;
  if (EndsWith(name, ".tar.gz") || EndsWith(name, ".tgz")) return PackageKind::kTarGz;
  return PackageKind::kFolder;
}

std::string_view PackageKindName(PackageKind kind) {
  switch (kind) {
    case PackageKind::kFolder:
      return "folder";
    case PackageKind::kZip:
      return "zip";
    case PackageKind::kTarGz:
      return "tar.gz";
  }
  return "folder";
}

Result<std::unique_ptr<PackageWriter>> PackageWriter::Create(const std::filesystem::path& output) {
  PackageKind kind = PackageKindOf(output);
  std::error_code ec;
  if (kind == PackageKind::kFolder) {
    if (std::filesystem::exists(output, ec) &&
        !(std::filesystem::is_directory(output, ec) && std::filesystem::is_empty(output, ec))) {
      return Status::InvalidArgument("output " + output.string() +
                                     " exists and is not an empty folder");
    }
    thread_local std::mt19937_64 names{std::random_device{}()};
    auto temp = output;
    temp += ".tmp-" + std::to_string(names());
    if (!std::filesystem::create_directory(temp, ec)) {
      return Status::IoError("cannot create " + temp.string() + ": " +
                             (ec ? ec.message() : "it exists"));
    }
    return std::unique_ptr<PackageWriter>(new FolderWriter(output, temp));
  }
  if (std::filesystem::exists(output, ec)) {
    return Status::InvalidArgument("output " + output.string() +
                                   " exists; a package is never written over a file");
  }
  auto file = AtomicFile::Create(output);
  if (!file.ok()) return file.status();
  auto writer = std::make_unique<ArchiveWriter>(std::move(*file), kind);
  DOSSIER_RETURN_IF_ERROR(writer->Open());
  return std::unique_ptr<PackageWriter>(std::move(writer));
}

}  // namespace dossier::packaging
