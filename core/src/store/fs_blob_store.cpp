#include "store/fs_blob_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <limits>
#include <map>
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
constexpr size_t kShaSize = 32;  // raw SHA-256 before each record in a pack
constexpr char kMagic[4] = {'D', 'S', 'B', '1'};

std::string EncodeHeader(BlobEncoding encoding, uint64_t size) {
  std::string h(kHeaderSize, '\0');
  std::memcpy(h.data(), kMagic, 4);
  h[4] = encoding == BlobEncoding::kZlib ? 1 : 0;
  for (int i = 0; i < 8; ++i) h[8 + i] = static_cast<char>(size >> (8 * i));
  return h;
}

std::string RawSha(const std::string& hex) {
  std::string raw(kShaSize, '\0');
  for (size_t i = 0; i < kShaSize; ++i)
    raw[i] = static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return raw;
}

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void Reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

// Deflates a stream of chunks.
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

// Whether deflating `sample` saves enough to be worth it.
bool CompressionPays(const std::string& sample, int level, double max_ratio,
                     std::string* compressed_whole) {
  uLongf bound = compressBound(static_cast<uLong>(sample.size()));
  std::string out(bound, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &bound,
            reinterpret_cast<const Bytef*>(sample.data()), static_cast<uLong>(sample.size()),
            level);
  out.resize(bound);
  bool pays = static_cast<double>(out.size()) < max_ratio * static_cast<double>(sample.size());
  if (pays && compressed_whole != nullptr) *compressed_whole = std::move(out);
  return pays;
}

class FsBlobStore : public BlobStore {
 public:
  FsBlobStore(std::filesystem::path dir, FsBlobStoreOptions options)
      : dir_(std::move(dir)),
        tmp_dir_(dir_ / "tmp"),
        packs_dir_(dir_ / "packs"),
        options_(options) {}

  Result<StagedBlob> StageFile(const std::filesystem::path& source, uint64_t max_size) override {
    // O_NONBLOCK: opening a FIFO or a device must not wait for a writer; it
    // is refused below, and changes nothing for a regular file's reads.
    Fd in(::open(source.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!in.valid()) {
      if (errno == ENOENT) return Status::InvalidArgument("no such file: " + source.string());
      return ErrnoStatus("cannot open", source);
    }
    struct stat st {};
    if (::fstat(in.get(), &st) != 0) return ErrnoStatus("cannot stat", source);
    if (!S_ISREG(st.st_mode))
      return Status::InvalidArgument(source.string() + " is not a regular file");
    if (st.st_size == 0)
      return Status::InvalidArgument(source.string() +
                                     " is empty; an empty file is not a document");
    if (static_cast<uint64_t>(st.st_size) > max_size) {
      return Status::InvalidArgument(source.string() + " is " + std::to_string(st.st_size) +
                                     " bytes, more than the limit of " + std::to_string(max_size) +
                                     " bytes");
    }
    uint64_t size = static_cast<uint64_t>(st.st_size);
    if (size <= options_.pack_max_blob) {
      // Read exactly what the file holds (one byte more shows it grew): no
      // chunk buffer to allocate and clear for each small file.
      std::string content(size + 1, '\0');
      auto got = ReadUpTo(in.get(), content.data(), content.size(), -1, source);
      if (!got.ok()) return got.status();
      if (*got > size)
        return Status::InvalidArgument(source.string() + " grew while it was being read");
      if (*got < size)
        return Status::InvalidArgument(source.string() + " shrank while it was being read");
      content.resize(size);
      return EncodeSmall(std::move(content));
    }
    ChunkReader next = [&](std::string& buf) -> Result<size_t> {
      buf.resize(kChunk);
      auto got = ReadUpTo(in.get(), buf.data(), kChunk, -1, source);
      if (!got.ok()) return got.status();
      buf.resize(*got);
      return *got;
    };
    return StageLarge(next, size, source);
  }

  Result<StagedBlob> StageBytes(std::string_view content) override {
    if (content.empty()) return Status::InvalidArgument("empty content is not a document");
    size_t pos = 0;
    ChunkReader next = [&](std::string& buf) -> Result<size_t> {
      size_t take = std::min(content.size() - pos, kChunk);
      buf.assign(content.substr(pos, take));
      pos += take;
      return take;
    };
    if (content.size() <= options_.pack_max_blob) return EncodeSmall(std::string(content));
    return StageLarge(next, content.size(), "<memory>");
  }

  Status Publish(std::vector<StagedBlob*>& staged) override {
    // Content staged twice in one call is stored once.
    std::map<std::string, StagedBlob*> first;
    std::vector<StagedBlob*> small, large, copies;
    for (auto* b : staged) {
      if (b->already_present) continue;
      auto [it, inserted] = first.emplace(b->sha256, b);
      if (!inserted) {
        copies.push_back(b);
        continue;
      }
      (b->record.empty() ? large : small).push_back(b);
    }
    if (small.empty() && large.empty()) return Status::Ok();

    // 1. Write the pack (one file for all small blobs), not yet synced.
    std::filesystem::path pack_temp, pack_final;
    Fd pack_fd;
    std::string pack_name;
    if (!small.empty()) {
      pack_name = RandomName();
      pack_temp = tmp_dir_ / ("pack-" + pack_name);
      pack_final = packs_dir_ / (pack_name + ".pack");
      pack_fd.Reset(::open(pack_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
      if (!pack_fd.valid()) return ErrnoStatus("cannot create", pack_temp);
      std::string buffer;
      uint64_t offset = 0;
      for (auto* b : small) {
        b->location = BlobLocation{b->sha256, pack_name, offset, b->record.size()};
        offset += b->record.size();
        buffer += b->record;
        if (buffer.size() >= (4u << 20)) {
          DOSSIER_RETURN_IF_ERROR(
              WriteAll(pack_fd.get(), std::string_view(buffer.data(), buffer.size()), pack_temp));
          buffer.clear();
        }
      }
      DOSSIER_RETURN_IF_ERROR(
          WriteAll(pack_fd.get(), std::string_view(buffer.data(), buffer.size()), pack_temp));
    }
    // 2. Content reaches the disk before any name points at it, so a name in
    //    the store always stands for complete content.
    bool one_by_one = large.size() + (small.empty() ? 0 : 1) < options_.sync_each_below;
    if (one_by_one) {
      if (pack_fd.valid()) DOSSIER_RETURN_IF_ERROR(SyncFd(pack_fd.get(), pack_temp));
      for (auto* b : large) {
        Fd fd(::open(b->temp_path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd.valid()) return ErrnoStatus("cannot open", b->temp_path);
        DOSSIER_RETURN_IF_ERROR(SyncFd(fd.get(), b->temp_path));
      }
    } else {
      DOSSIER_RETURN_IF_ERROR(SyncFileSystem());
    }
    // 3. Rename into place. Another writer may have published the same loose
    //    content meanwhile; renaming over it is harmless (same bytes).
    std::set<std::filesystem::path> dirs;
    if (!small.empty()) {
      if (::rename(pack_temp.c_str(), pack_final.c_str()) != 0)
        return ErrnoStatus("cannot rename onto", pack_final);
      dirs.insert(packs_dir_);
    }
    for (auto* b : large) {
      auto final_path = LoosePath(b->sha256);
      auto parent = final_path.parent_path();
      if (::mkdir(parent.c_str(), 0755) == 0)
        dirs.insert(dir_);  // a new folder needs its parent synced
      else if (errno != EEXIST)
        return ErrnoStatus("cannot create", parent);
      dirs.insert(parent);
      if (::rename(b->temp_path.c_str(), final_path.c_str()) != 0)
        return ErrnoStatus("cannot rename onto", final_path);
      b->location = BlobLocation{b->sha256, "", 0, b->stored_size};
    }
    // 4. The renames themselves reach the disk.
    if (one_by_one) {
      for (const auto& d : dirs) DOSSIER_RETURN_IF_ERROR(SyncDirectory(d));
    } else {
      DOSSIER_RETURN_IF_ERROR(SyncFileSystem());
    }
    for (auto* b : small) b->record.clear();
    for (auto* b : large) b->temp_path.clear();
    for (auto* b : copies) {
      b->location = first[b->sha256]->location;
      b->record.clear();
      if (!b->temp_path.empty()) ::unlink(b->temp_path.c_str());
      b->temp_path.clear();
    }
    return Status::Ok();
  }

  void Discard(std::vector<StagedBlob*>& staged) override {
    for (auto* b : staged) {
      if (!b->temp_path.empty()) ::unlink(b->temp_path.c_str());
      b->temp_path.clear();
      b->record.clear();
    }
  }

  Status ReadTo(const BlobLocation& loc, const BlobSink& sink) const override {
    if (!IsSha256Hex(loc.sha256)) return Status::InvalidArgument("not a SHA-256: " + loc.sha256);
    bool packed = !loc.pack.empty();
    if (packed &&
        (loc.pack.find('/') != std::string::npos || loc.pack.find("..") != std::string::npos)) {
      return Status::Corruption("blob " + loc.sha256 + " names an invalid pack '" + loc.pack + "'");
    }
    auto path = packed ? packs_dir_ / (loc.pack + ".pack") : LoosePath(loc.sha256);
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
      if (errno == ENOENT) {
        return Status::Corruption("blob " + loc.sha256 + " is missing from the store" +
                                  (packed ? " (pack " + loc.pack + " is gone)" : ""));
      }
      return ErrnoStatus("cannot open", path);
    }
    int64_t pos = packed ? static_cast<int64_t>(loc.offset) : 0;
    uint64_t remaining = std::numeric_limits<uint64_t>::max();
    if (packed) {
      if (loc.stored_size < kShaSize + kHeaderSize)
        return Status::Corruption("blob " + loc.sha256 + ": impossible stored size");
      std::string raw(kShaSize, '\0');
      auto got = ReadUpTo(fd.get(), raw.data(), kShaSize, pos, path);
      if (!got.ok()) return got.status();
      if (*got != kShaSize || raw != RawSha(loc.sha256)) {
        return Status::Corruption("blob " + loc.sha256 + " is not where the catalog says in pack " +
                                  loc.pack);
      }
      pos += kShaSize;
      remaining = loc.stored_size - kShaSize;
    }
    char header[kHeaderSize];
    auto got = ReadUpTo(fd.get(), header, kHeaderSize, pos, path);
    if (!got.ok()) return got.status();
    if (*got != kHeaderSize || std::memcmp(header, kMagic, 4) != 0 || header[4] > 1) {
      return Status::Corruption("blob " + loc.sha256 + " has a damaged header");
    }
    pos += kHeaderSize;
    if (packed) remaining -= kHeaderSize;
    bool zlib = header[4] == 1;
    uint64_t size = 0;
    for (int i = 0; i < 8; ++i)
      size |= static_cast<uint64_t>(static_cast<unsigned char>(header[8 + i])) << (8 * i);

    Sha256 sha;
    uint64_t total = 0;
    std::string in(static_cast<size_t>(std::min<uint64_t>(kChunk, packed ? remaining : kChunk)),
                   '\0');
    std::string out;
    z_stream z{};
    if (zlib && inflateInit(&z) != Z_OK) return Status::Internal("zlib inflateInit failed");
    struct ZGuard {
      z_stream* z;
      bool on;
      ~ZGuard() {
        if (on) inflateEnd(z);
      }
    } guard{&z, zlib};
    bool stream_end = !zlib;
    while (remaining > 0) {
      size_t want = static_cast<size_t>(std::min<uint64_t>(in.size(), remaining));
      auto n = ReadUpTo(fd.get(), in.data(), want, pos, path);
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      pos += static_cast<int64_t>(*n);
      if (packed) remaining -= *n;
      if (!zlib) {
        sha.Update(in.data(), *n);
        total += *n;
        DOSSIER_RETURN_IF_ERROR(sink(in.data(), *n));
        continue;
      }
      if (stream_end) return Status::Corruption("blob " + loc.sha256 + " has bytes after its end");
      z.next_in = reinterpret_cast<Bytef*>(in.data());
      z.avail_in = static_cast<uInt>(*n);
      while (z.avail_in > 0 && !stream_end) {
        out.resize(kChunk);
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(kChunk);
        int rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
          return Status::Corruption("blob " + loc.sha256 + " cannot be decompressed (zlib error " +
                                    std::to_string(rc) + ")");
        }
        size_t produced = kChunk - z.avail_out;
        sha.Update(out.data(), produced);
        total += produced;
        if (produced > 0) DOSSIER_RETURN_IF_ERROR(sink(out.data(), produced));
        if (rc == Z_STREAM_END) stream_end = true;
        if (rc == Z_OK && produced == 0 && z.avail_in == 0) break;
      }
    }
    if (!stream_end || (packed && remaining != 0))
      return Status::Corruption("blob " + loc.sha256 + " is truncated");
    if (total != size) {
      return Status::Corruption("blob " + loc.sha256 + " holds " + std::to_string(total) +
                                " bytes, its header says " + std::to_string(size));
    }
    std::string actual = sha.HexDigest();
    if (actual != loc.sha256)
      return Status::Corruption("blob " + loc.sha256 + " is corrupt: its content hashes to " +
                                actual);
    return Status::Ok();
  }

  Result<std::string> Read(const BlobLocation& location) const override {
    std::string content;
    Status s = ReadTo(location, [&](const char* data, size_t size) {
      content.append(data, size);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return content;
  }

  Status Check(const BlobLocation& location, uint64_t expected_size) const override {
    uint64_t total = 0;
    DOSSIER_RETURN_IF_ERROR(ReadTo(location, [&](const char*, size_t size) {
      total += size;
      return Status::Ok();
    }));
    if (total != expected_size) {
      return Status::Corruption("blob " + location.sha256 + " holds " + std::to_string(total) +
                                " bytes, the catalog says " + std::to_string(expected_size));
    }
    return Status::Ok();
  }

 private:
  using ChunkReader = std::function<Result<size_t>(std::string&)>;

  static Status CheckPackName(const std::string& pack) {
    if (pack.empty() || pack.find('/') != std::string::npos ||
        pack.find("..") != std::string::npos) {
      return Status::InvalidArgument("'" + pack + "' is not a pack name");
    }
    return Status::Ok();
  }

  static Result<uint64_t> RemoveFile(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) return uint64_t{0};
      return ErrnoStatus("cannot stat", path);
    }
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoStatus("cannot remove", path);
    DOSSIER_RETURN_IF_ERROR(SyncDirectory(path.parent_path()));
    return static_cast<uint64_t>(st.st_size);
  }

  std::filesystem::path LoosePath(const std::string& sha) const {
    return dir_ / sha.substr(0, 2) / sha.substr(2);
  }

  static std::string RandomName() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static std::atomic<uint64_t> counter{0};
    unsigned char bytes[12];
    uint64_t a = rng(), b = counter++ ^ (static_cast<uint64_t>(::getpid()) << 32);
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(a >> (8 * i));
    for (int i = 0; i < 4; ++i) bytes[8 + i] = static_cast<unsigned char>(b >> (8 * i));
    return ToHex(bytes, sizeof bytes);
  }

  Result<std::shared_ptr<void>> LockMaintenance() override { return Lock(LOCK_EX); }
  Result<std::shared_ptr<void>> LockForWriting() override { return Lock(LOCK_SH); }

  // One lock file, shared by writers and taken whole for removals. flock()
  // locks belong to the open file, so threads of one process exclude each
  // other too, each with its own descriptor.
  Result<std::shared_ptr<void>> Lock(int operation) {
    auto path = tmp_dir_ / "maintenance.lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoStatus("cannot open", path);
    while (::flock(fd, operation) != 0) {
      if (errno != EINTR) {
        Status s = ErrnoStatus("cannot lock", path);
        ::close(fd);
        return s;
      }
    }
    // Closing the descriptor releases the lock (and the kernel does if the process dies).
    return std::shared_ptr<void>(new int(fd), [](void* p) {
      ::close(*static_cast<int*>(p));
      delete static_cast<int*>(p);
    });
  }

  std::string NewPackName() override { return RandomName(); }

  Result<std::vector<StoreFile>> ListFiles() const override {
    std::vector<StoreFile> files;
    std::error_code ec;
    auto file = [](const std::filesystem::directory_entry& e, std::string sha256,
                   std::string pack) {
      std::error_code stat_ec;
      auto size = e.file_size(stat_ec);
      StoreFile f{e.path(),
                  std::move(sha256),
                  std::move(pack),
                  stat_ec ? uint64_t{0} : static_cast<uint64_t>(size),
                  {}};
      f.modified = e.last_write_time(stat_ec);
      return f;
    };
    for (auto it = std::filesystem::directory_iterator(dir_, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      const std::string prefix = it->path().filename().string();
      if (!it->is_directory() || prefix.size() != 2) continue;  // tmp/ and packs/ below
      for (auto blob = std::filesystem::directory_iterator(it->path(), ec);
           !ec && blob != std::filesystem::directory_iterator(); blob.increment(ec)) {
        files.push_back(file(*blob, prefix + blob->path().filename().string(), ""));
      }
    }
    for (auto it = std::filesystem::directory_iterator(packs_dir_, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      const bool pack = it->path().extension() == ".pack";
      files.push_back(file(*it, "", pack ? it->path().stem().string() : ""));
    }
    for (auto it = std::filesystem::directory_iterator(tmp_dir_, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      if (it->path().extension() == ".lock") continue;
      files.push_back(file(*it, "", ""));
    }
    if (ec) return Status::IoError("cannot list the store " + dir_.string() + ": " + ec.message());
    return files;
  }

  Result<std::vector<BlobLocation>> RewritePack(const std::string& from,
                                                const std::vector<BlobLocation>& keep,
                                                const std::string& to) override {
    DOSSIER_RETURN_IF_ERROR(CheckPackName(from));
    DOSSIER_RETURN_IF_ERROR(CheckPackName(to));
    auto source = packs_dir_ / (from + ".pack");
    Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid()) return ErrnoStatus("cannot open", source);
    auto temp = tmp_dir_ / ("pack-" + to);
    Fd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!out.valid()) return ErrnoStatus("cannot create", temp);
    std::vector<BlobLocation> moved;
    uint64_t offset = 0;
    std::string record;
    for (const auto& loc : keep) {
      record.resize(static_cast<size_t>(loc.stored_size));
      auto got = ReadUpTo(in.get(), record.data(), record.size(), static_cast<int64_t>(loc.offset),
                          source);
      if (!got.ok()) return got.status();
      if (*got != record.size() || record.compare(0, kShaSize, RawSha(loc.sha256)) != 0) {
        return Status::Corruption("blob " + loc.sha256 + " is not where the catalog says in pack " +
                                  from);
      }
      DOSSIER_RETURN_IF_ERROR(
          WriteAll(out.get(), std::string_view(record.data(), record.size()), temp));
      moved.push_back(BlobLocation{loc.sha256, to, offset, loc.stored_size});
      offset += loc.stored_size;
    }
    DOSSIER_RETURN_IF_ERROR(SyncFd(out.get(), temp));
    auto final_path = packs_dir_ / (to + ".pack");
    if (::rename(temp.c_str(), final_path.c_str()) != 0)
      return ErrnoStatus("cannot rename onto", final_path);
    DOSSIER_RETURN_IF_ERROR(SyncDirectory(packs_dir_));
    return moved;
  }

  Result<uint64_t> RemovePack(const std::string& pack) override {
    DOSSIER_RETURN_IF_ERROR(CheckPackName(pack));
    return RemoveFile(packs_dir_ / (pack + ".pack"));
  }

  Result<uint64_t> RemoveTemporary(const std::filesystem::path& file) override {
    const auto parent = file.parent_path();
    const bool in_tmp = parent == tmp_dir_ && file.extension() != ".lock";
    const bool in_packs = parent == packs_dir_ && file.extension() != ".pack";
    if (!in_tmp && !in_packs)
      return Status::InvalidArgument(file.string() + " is not a temporary file of the store");
    return RemoveFile(file);
  }

  Result<uint64_t> RemoveLoose(const std::string& sha256) override {
    if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return Status::InvalidArgument("'" + sha256 + "' is not a SHA-256");
    }
    return RemoveFile(LoosePath(sha256));
  }

  Status SyncFileSystem() const {
    Fd fd(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid()) return ErrnoStatus("cannot open", dir_);
    if (::syncfs(fd.get()) != 0) return ErrnoStatus("cannot sync the file system of", dir_);
    return Status::Ok();
  }

  // Small content: encoded into an in-memory record (raw SHA, header,
  // payload) that Publish appends to a pack.
  StagedBlob EncodeSmall(std::string content) const {
    StagedBlob blob;
    blob.sha256 = Sha256Hex(content);
    blob.size = content.size();
    std::string compressed;
    bool zlib = CompressionPays(content, options_.zlib_level, options_.max_ratio, &compressed);
    blob.encoding = zlib ? BlobEncoding::kZlib : BlobEncoding::kRaw;
    const std::string& payload = zlib ? compressed : content;
    blob.record.reserve(kShaSize + kHeaderSize + payload.size());
    blob.record = RawSha(blob.sha256) + EncodeHeader(blob.encoding, blob.size);
    blob.record += payload;
    blob.stored_size = blob.record.size();
    return blob;
  }

  // Large content: streamed into a temporary file; compression is decided by
  // trying it on the first chunk.
  Result<StagedBlob> StageLarge(const ChunkReader& next, uint64_t expected_size,
                                const std::filesystem::path& source) {
    static const pid_t pid = ::getpid();
    static std::atomic<uint64_t> counter{0};
    auto temp = tmp_dir_ / ("blob-" + std::to_string(pid) + "-" + std::to_string(counter++) + "-" +
                            RandomName());
    Fd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out.valid()) return ErrnoStatus("cannot create", temp);
    struct Cleanup {
      const std::filesystem::path* p;
      bool armed = true;
      ~Cleanup() {
        if (armed) ::unlink(p->c_str());
      }
    } cleanup{&temp};

    std::string first;
    auto n = next(first);
    if (!n.ok()) return n.status();
    bool use_zlib = CompressionPays(first, options_.zlib_level, options_.max_ratio, nullptr);
    Deflater deflater(options_.zlib_level);
    if (!deflater.ok()) return Status::Internal("zlib deflateInit failed");
    std::string header =
        EncodeHeader(use_zlib ? BlobEncoding::kZlib : BlobEncoding::kRaw, expected_size);
    DOSSIER_RETURN_IF_ERROR(
        WriteAll(out.get(), std::string_view(header.data(), header.size()), temp));
    uint64_t stored = header.size();
    Sha256 sha;
    uint64_t total = 0;
    std::string compressed;
    std::string* buf = &first;
    std::string rest;
    while (true) {
      sha.Update(*buf);
      total += buf->size();
      if (total > expected_size)
        return Status::InvalidArgument(source.string() + " grew while it was being read");
      bool finished = buf->empty() || total == expected_size;
      const std::string* payload = buf;
      if (use_zlib) {
        compressed.clear();
        deflater.Feed(buf->data(), buf->size(), finished, compressed);
        payload = &compressed;
      }
      DOSSIER_RETURN_IF_ERROR(
          WriteAll(out.get(), std::string_view(payload->data(), payload->size()), temp));
      stored += payload->size();
      if (finished) break;
      auto got = next(rest);
      if (!got.ok()) return got.status();
      buf = &rest;
    }
    if (total != expected_size)
      return Status::InvalidArgument(source.string() + " shrank while it was being read");

    StagedBlob blob;
    blob.sha256 = sha.HexDigest();
    blob.size = total;
    blob.stored_size = stored;
    blob.encoding = use_zlib ? BlobEncoding::kZlib : BlobEncoding::kRaw;
    cleanup.armed = false;
    blob.temp_path = temp;
    return blob;
  }

  std::filesystem::path dir_;
  std::filesystem::path tmp_dir_;
  std::filesystem::path packs_dir_;
  FsBlobStoreOptions options_;
};

}  // namespace

Status CreateFsBlobStore(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir / "tmp", ec);
  if (!ec) std::filesystem::create_directories(dir / "packs", ec);
  if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
  DOSSIER_RETURN_IF_ERROR(SyncDirectory(dir));
  return SyncDirectory(dir.parent_path());
}

std::unique_ptr<BlobStore> OpenFsBlobStore(const std::filesystem::path& dir,
                                           const FsBlobStoreOptions& options) {
  return std::make_unique<FsBlobStore>(dir, options);
}

}  // namespace dossier
