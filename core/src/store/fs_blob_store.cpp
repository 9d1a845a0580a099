#include "store/fs_blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <set>

#include "util/file_util.h"
#include "util/sha256.h"

namespace dossier {

std::string_view BlobEncodingCode(BlobEncoding encoding) {
  return encoding == BlobEncoding::kZlib ? "zlib" : "raw";
}

namespace {

constexpr size_t kChunk = 256 * 1024;
constexpr size_t kHeaderSize = 16;
constexpr char kMagic[4] = {'D', 'S', 'B', '1'};

void EncodeHeader(BlobEncoding encoding, uint64_t size, unsigned char* out) {
  std::memcpy(out, kMagic, 4);
  out[4] = encoding == BlobEncoding::kZlib ? 1 : 0;
  out[5] = out[6] = out[7] = 0;
  for (int i = 0; i < 8; ++i) out[8 + i] = static_cast<unsigned char>(size >> (8 * i));
}

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { if (fd_ >= 0) ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
 private:
  int fd_;
};

Status WriteAll(int fd, const void* data, size_t size, const std::filesystem::path& path) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write", path);
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Reads up to `size` bytes; returns how many (0 at end).
Result<size_t> ReadSome(int fd, char* buf, size_t size, const std::filesystem::path& path) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, buf + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot read", path);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

// Deflates a stream of chunks into a file.
class Deflater {
 public:
  explicit Deflater(int level) { ok_ = deflateInit(&z_, level) == Z_OK; }
  ~Deflater() { deflateEnd(&z_); }
  bool ok() const { return ok_; }

  // Compresses `data` (finish: last call) and appends the output to `out`.
  void Feed(const char* data, size_t size, bool finish, std::string& out) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    z_.avail_in = static_cast<uInt>(size);
    int flush = finish ? Z_FINISH : Z_NO_FLUSH;
    do {
      size_t start = out.size();
      out.resize(start + kChunk);
      z_.next_out = reinterpret_cast<Bytef*>(out.data() + start);
      z_.avail_out = static_cast<uInt>(kChunk);
      deflate(&z_, flush);
      out.resize(start + kChunk - z_.avail_out);
    } while (z_.avail_out == 0 || (finish && z_.avail_in > 0));
  }

 private:
  z_stream z_{};
  bool ok_ = false;
};

class FsBlobStore : public BlobStore {
 public:
  FsBlobStore(std::filesystem::path dir, FsBlobStoreOptions options)
      : dir_(std::move(dir)), tmp_dir_(dir_ / "tmp"), options_(options) {}

  Result<StagedBlob> StageFile(const std::filesystem::path& source, uint64_t max_size) override {
    Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid()) {
      if (errno == ENOENT) return Status::InvalidArgument("no such file: " + source.string());
      return ErrnoStatus("cannot open", source);
    }
    struct stat st {};
    if (::fstat(in.get(), &st) != 0) return ErrnoStatus("cannot stat", source);
    if (!S_ISREG(st.st_mode)) return Status::InvalidArgument(source.string() + " is not a regular file");
    if (st.st_size == 0) return Status::InvalidArgument(source.string() + " is empty; an empty file is not a document");
    if (static_cast<uint64_t>(st.st_size) > max_size) {
      return Status::InvalidArgument(source.string() + " is " + std::to_string(st.st_size) +
                                     " bytes, more than the limit of " + std::to_string(max_size) + " bytes");
    }
    std::string first(kChunk, '\0');
    auto n = ReadSome(in.get(), first.data(), kChunk, source);
    if (!n.ok()) return n.status();
    first.resize(*n);
    return Stage(first, [&](std::string& buf) -> Result<size_t> {
      buf.resize(kChunk);
      auto got = ReadSome(in.get(), buf.data(), kChunk, source);
      if (!got.ok()) return got.status();
      buf.resize(*got);
      return *got;
    }, static_cast<uint64_t>(st.st_size), source);
  }

  Result<StagedBlob> StageBytes(std::string_view content) override {
    if (content.empty()) return Status::InvalidArgument("empty content is not a document");
    size_t pos = std::min(content.size(), kChunk);
    std::string first(content.substr(0, pos));
    return Stage(first, [&](std::string& buf) -> Result<size_t> {
      size_t take = std::min(content.size() - pos, kChunk);
      buf.assign(content.substr(pos, take));
      pos += take;
      return take;
    }, content.size(), "<memory>");
  }

  Status Publish(std::vector<StagedBlob>& staged) override {
    std::vector<StagedBlob*> fresh;
    for (auto& b : staged) if (!b.temp_path.empty()) fresh.push_back(&b);
    if (fresh.empty()) return Status::Ok();
    bool one_by_one = fresh.size() < options_.sync_each_below;
    // 1. The temporaries' content reaches the disk before any is renamed,
    //    so a name in the store always stands for complete content.
    if (one_by_one) {
      for (auto* b : fresh) {
        Fd fd(::open(b->temp_path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd.valid()) return ErrnoStatus("cannot open", b->temp_path);
        DOSSIER_RETURN_IF_ERROR(SyncFd(fd.get(), b->temp_path));
      }
    } else {
      DOSSIER_RETURN_IF_ERROR(SyncFileSystem());
    }
    // 2. Rename into place. Another writer may have published the same
    //    content meanwhile; rename over it is harmless (same bytes).
    std::set<std::filesystem::path> dirs;
    for (auto* b : fresh) {
      auto final_path = PathOf(b->sha256);
      auto parent = final_path.parent_path();
      if (::mkdir(parent.c_str(), 0755) != 0 && errno != EEXIST) return ErrnoStatus("cannot create", parent);
      if (dirs.insert(parent).second) dirs.insert(dir_);  // a new subfolder needs the parent synced too
      if (::rename(b->temp_path.c_str(), final_path.c_str()) != 0) return ErrnoStatus("cannot rename onto", final_path);
    }
    // 3. The renames themselves reach the disk.
    if (one_by_one) {
      for (const auto& d : dirs) DOSSIER_RETURN_IF_ERROR(SyncDirectory(d));
    } else {
      DOSSIER_RETURN_IF_ERROR(SyncFileSystem());
    }
    for (auto* b : fresh) b->temp_path.clear();
    return Status::Ok();
  }

  void Discard(std::vector<StagedBlob>& staged) override {
    for (auto& b : staged) {
      if (!b.temp_path.empty()) ::unlink(b.temp_path.c_str());
      b.temp_path.clear();
    }
  }

  Status ReadTo(std::string_view sha256, const BlobSink& sink) const override {
    if (!IsSha256Hex(sha256)) return Status::InvalidArgument("not a SHA-256: " + std::string(sha256));
    auto path = PathOf(std::string(sha256));
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
      if (errno == ENOENT) return Status::Corruption("blob " + std::string(sha256) + " is missing from the store");
      return ErrnoStatus("cannot open", path);
    }
    unsigned char header[kHeaderSize];
    auto got = ReadSome(fd.get(), reinterpret_cast<char*>(header), kHeaderSize, path);
    if (!got.ok()) return got.status();
    if (*got != kHeaderSize || std::memcmp(header, kMagic, 4) != 0 || header[4] > 1) {
      return Status::Corruption("blob " + std::string(sha256) + " has a damaged header");
    }
    bool zlib = header[4] == 1;
    uint64_t size = 0;
    for (int i = 0; i < 8; ++i) size |= static_cast<uint64_t>(header[8 + i]) << (8 * i);

    Sha256 sha;
    uint64_t total = 0;
    std::string in(kChunk, '\0');
    std::string out;
    z_stream z{};
    if (zlib && inflateInit(&z) != Z_OK) return Status::Internal("zlib inflateInit failed");
    struct ZGuard { z_stream* z; bool on; ~ZGuard() { if (on) inflateEnd(z); } } guard{&z, zlib};
    bool stream_end = !zlib;
    while (true) {
      auto n = ReadSome(fd.get(), in.data(), kChunk, path);
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      if (!zlib) {
        sha.Update(in.data(), *n);
        total += *n;
        DOSSIER_RETURN_IF_ERROR(sink(in.data(), *n));
        continue;
      }
      if (stream_end) return Status::Corruption("blob " + std::string(sha256) + " has bytes after its end");
      z.next_in = reinterpret_cast<Bytef*>(in.data());
      z.avail_in = static_cast<uInt>(*n);
      while (z.avail_in > 0 && !stream_end) {
        out.resize(kChunk);
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(kChunk);
        int rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
          return Status::Corruption("blob " + std::string(sha256) + " cannot be decompressed (zlib error " + std::to_string(rc) + ")");
        }
        size_t produced = kChunk - z.avail_out;
        sha.Update(out.data(), produced);
        total += produced;
        if (produced > 0) DOSSIER_RETURN_IF_ERROR(sink(out.data(), produced));
        if (rc == Z_STREAM_END) stream_end = true;
        if (rc == Z_OK && produced == 0 && z.avail_in == 0) break;
      }
    }
    if (!stream_end) return Status::Corruption("blob " + std::string(sha256) + " is truncated");
    if (total != size) {
      return Status::Corruption("blob " + std::string(sha256) + " holds " + std::to_string(total) +
                                " bytes, its header says " + std::to_string(size));
    }
    std::string actual = sha.HexDigest();
    if (actual != sha256) return Status::Corruption("blob " + std::string(sha256) + " is corrupt: its content hashes to " + actual);
    return Status::Ok();
  }

  Result<std::string> Read(std::string_view sha256) const override {
    std::string content;
    Status s = ReadTo(sha256, [&](const char* data, size_t size) {
      content.append(data, size);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return content;
  }

  Status Check(std::string_view sha256, uint64_t expected_size) const override {
    uint64_t total = 0;
    DOSSIER_RETURN_IF_ERROR(ReadTo(sha256, [&](const char*, size_t size) {
      total += size;
      return Status::Ok();
    }));
    if (total != expected_size) {
      return Status::Corruption("blob " + std::string(sha256) + " holds " + std::to_string(total) +
                                " bytes, the catalog says " + std::to_string(expected_size));
    }
    return Status::Ok();
  }

  bool Contains(std::string_view sha256) const override {
    if (!IsSha256Hex(sha256)) return false;
    struct stat st {};
    return ::stat(PathOf(std::string(sha256)).c_str(), &st) == 0;
  }

  Result<std::vector<std::string>> ListAll() const override {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& sub : std::filesystem::directory_iterator(dir_, ec)) {
      auto prefix = sub.path().filename().string();
      if (prefix.size() != 2 || !sub.is_directory()) continue;
      for (const auto& f : std::filesystem::directory_iterator(sub.path(), ec)) {
        out.push_back(prefix + f.path().filename().string());
      }
    }
    if (ec) return Status::IoError("cannot list the store: " + ec.message());
    return out;
  }

 private:
  using ChunkReader = std::function<Result<size_t>(std::string&)>;

  std::filesystem::path PathOf(const std::string& sha) const { return dir_ / sha.substr(0, 2) / sha.substr(2); }

  Status SyncFileSystem() const {
    Fd fd(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid()) return ErrnoStatus("cannot open", dir_);
    if (::syncfs(fd.get()) != 0) return ErrnoStatus("cannot sync the file system of", dir_);
    return Status::Ok();
  }

  // Hashes and writes `first` and then whatever `next` yields into a new
  // temporary file. Compression is decided by trying it on the first chunk.
  Result<StagedBlob> Stage(const std::string& first, const ChunkReader& next, uint64_t expected_size,
                           const std::filesystem::path& source) {
    static std::atomic<uint64_t> counter{0};
    thread_local std::mt19937_64 rng{std::random_device{}()};
    auto temp = tmp_dir_ / ("blob-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                            std::to_string(rng()));
    Fd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out.valid()) return ErrnoStatus("cannot create", temp);
    struct Cleanup { const std::filesystem::path* p; bool armed = true; ~Cleanup() { if (armed) ::unlink(p->c_str()); } } cleanup{&temp};

    Deflater deflater(options_.zlib_level);
    if (!deflater.ok()) return Status::Internal("zlib deflateInit failed");
    std::string compressed;
    bool single_chunk = first.size() == expected_size;
    size_t trial_size;
    if (single_chunk) {
      deflater.Feed(first.data(), first.size(), true, compressed);
      trial_size = compressed.size();
    } else {
      // Deflate holds output back mid-stream, so judge on a finished trial
      // of the first chunk alone.
      uLongf bound = compressBound(static_cast<uLong>(first.size()));
      std::string trial(bound, '\0');
      compress2(reinterpret_cast<Bytef*>(trial.data()), &bound, reinterpret_cast<const Bytef*>(first.data()),
                static_cast<uLong>(first.size()), options_.zlib_level);
      trial_size = bound;
    }
    bool use_zlib = static_cast<double>(trial_size) < options_.max_ratio * static_cast<double>(first.size());
    if (use_zlib && !single_chunk) deflater.Feed(first.data(), first.size(), false, compressed);

    unsigned char header[kHeaderSize];
    EncodeHeader(use_zlib ? BlobEncoding::kZlib : BlobEncoding::kRaw, expected_size, header);
    DOSSIER_RETURN_IF_ERROR(WriteAll(out.get(), header, kHeaderSize, temp));
    uint64_t stored = kHeaderSize;
    Sha256 sha;
    sha.Update(first);
    uint64_t total = first.size();
    auto emit = [&](const std::string& bytes) -> Status {
      stored += bytes.size();
      return WriteAll(out.get(), bytes.data(), bytes.size(), temp);
    };
    DOSSIER_RETURN_IF_ERROR(emit(use_zlib ? compressed : first));
    std::string buf;
    bool finished = total == expected_size;
    while (!finished) {
      auto n = next(buf);
      if (!n.ok()) return n.status();
      sha.Update(buf);
      total += *n;
      if (total > expected_size) return Status::InvalidArgument(source.string() + " grew while it was being read");
      finished = *n == 0 || total == expected_size;
      if (use_zlib) {
        compressed.clear();
        deflater.Feed(buf.data(), buf.size(), finished, compressed);
        DOSSIER_RETURN_IF_ERROR(emit(compressed));
      } else {
        DOSSIER_RETURN_IF_ERROR(emit(buf));
      }
    }
    if (total != expected_size) return Status::InvalidArgument(source.string() + " shrank while it was being read");

    StagedBlob blob;
    blob.sha256 = sha.HexDigest();
    blob.size = total;
    blob.stored_size = stored;
    blob.encoding = use_zlib ? BlobEncoding::kZlib : BlobEncoding::kRaw;
    if (Contains(blob.sha256)) {
      blob.already_present = true;  // the temporary is removed by `cleanup`
      return blob;
    }
    cleanup.armed = false;
    blob.temp_path = temp;
    return blob;
  }

  std::filesystem::path dir_;
  std::filesystem::path tmp_dir_;
  FsBlobStoreOptions options_;
};

}  // namespace

Status CreateFsBlobStore(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir / "tmp", ec);
  if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
  DOSSIER_RETURN_IF_ERROR(SyncDirectory(dir));
  return SyncDirectory(dir.parent_path());
}

std::unique_ptr<BlobStore> OpenFsBlobStore(const std::filesystem::path& dir, const FsBlobStoreOptions& options) {
  return std::make_unique<FsBlobStore>(dir, options);
}

}  // namespace dossier
