// A BlobStore keeps file contents addressed by their SHA-256. Writing is
// two-phase so that a batch of files costs one sync, not one per file:
//   Stage*()  hashes and (if it pays) compresses the content: small contents
//             are kept in memory, large ones go to a temporary file;
//   Publish() makes a set of staged blobs durable: the small ones together in
//             one new pack file, the large ones as loose files named by their
//             hash (write, sync, rename, sync the directories).
// Publish() tells where each blob went (a BlobLocation); the catalog keeps
// that as the store's index, and commits a reference to a blob only after
// Publish() returned, so a crash leaves at most unreferenced content, never
// a dangling reference. Reads verify the hash and report corruption instead
// of wrong bytes. Identical content is stored once: the repository asks the
// catalog before publishing.
//
// Thread-safe: every method may be called from many threads; several
// processes may write the same store at once.
#ifndef DOSSIER_STORE_BLOB_STORE_H_
#define DOSSIER_STORE_BLOB_STORE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/status.h"

namespace dossier {

/// How a blob sits on disk. Stored in the catalog: never rename the codes.
enum class BlobEncoding { kRaw, kZlib };
std::string_view BlobEncodingCode(BlobEncoding encoding);  // "raw", "zlib"

/// Where a blob lives: a loose file named by its hash (pack empty), or a
/// record at `offset` in store/packs/<pack>.pack.
struct BlobLocation {
  std::string sha256;
  std::string pack;
  uint64_t offset = 0;
  uint64_t stored_size = 0;  // bytes on disk, record header included
};

struct StagedBlob {
  std::string sha256;
  uint64_t size = 0;         // content bytes
  uint64_t stored_size = 0;  // bytes on disk, header included
  BlobEncoding encoding = BlobEncoding::kRaw;
  std::string record;               // small blobs: the encoded record, until published
  std::filesystem::path temp_path;  // large blobs: the temporary file, until published
  bool already_present = false;     // stored before: Publish skips it
  BlobLocation location;            // set by Publish (or by whoever found it present)
};

/// A file of the store's own, as ListFiles finds it: a loose blob (`sha256`
/// set), a pack (`pack` set), or a temporary file (neither).
struct StoreFile {
  std::filesystem::path path;
  std::string sha256;
  std::string pack;
  uint64_t size = 0;
  std::filesystem::file_time_type modified{};
};

/// Receives verified... or not yet verified bytes; see ReadTo().
using BlobSink = std::function<Status(const char* data, size_t size)>;

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  /// Stages the content of a regular file. Refuses empty files and files
  /// larger than `max_size`, naming the file.
  virtual Result<StagedBlob> StageFile(const std::filesystem::path& source, uint64_t max_size) = 0;
  virtual Result<StagedBlob> StageBytes(std::string_view content) = 0;
  /// Makes the staged blobs durable and sets each one's location. Entries
  /// marked already_present are skipped; content staged twice in one call is
  /// stored once.
  virtual Status Publish(std::vector<StagedBlob*>& staged) = 0;
  /// Drops staged blobs that will not be published (removes temporaries).
  virtual void Discard(std::vector<StagedBlob*>& staged) = 0;

  /// Streams the content to `sink`. The bytes are handed over before the
  /// hash can be checked, so the sink must not publish them until ReadTo
  /// returns ok; a mismatch returns Corruption naming the blob.
  virtual Status ReadTo(const BlobLocation& location, const BlobSink& sink) const = 0;
  /// Reads a whole blob into memory, verified.
  virtual Result<std::string> Read(const BlobLocation& location) const = 0;
  /// Reads and verifies without keeping the bytes; checks the size too.
  virtual Status Check(const BlobLocation& location, uint64_t expected_size) const = 0;
  /// Every loose blob, pack and temporary file in the store (the lock
  /// files excepted): what verify holds against the catalog to find
  /// content no one refers to, left by interrupted writes.
  virtual Result<std::vector<StoreFile>> ListFiles() const = 0;

  // Removal, for destruction. Callers hold the maintenance lock and record
  // what they are about to do in the catalog first, so that a crash at any
  // point is finished by doing the same again.

  /// An exclusive lock on removals, held (across processes) until the
  /// handle is dropped. Waits for every writing lock to be dropped.
  virtual Result<std::shared_ptr<void>> LockMaintenance() = 0;
  /// A shared lock writers hold from publishing blobs until the catalog
  /// refers to them (or never will): while any is held, content not yet in
  /// the catalog may be about to be, and no one removes what the catalog
  /// does not name.
  virtual Result<std::shared_ptr<void>> LockForWriting() = 0;
  /// A fresh pack name, to record before RewritePack writes it.
  virtual std::string NewPackName() = 0;
  /// Writes pack `to` holding exactly the records `keep` of pack `from`,
  /// copied byte for byte, synced and renamed into place (replacing a
  /// partial `to` left by a crash); returns their new locations in order.
  /// `from` stays until RemovePack.
  virtual Result<std::vector<BlobLocation>> RewritePack(const std::string& from,
                                                        const std::vector<BlobLocation>& keep,
                                                        const std::string& to) = 0;
  /// Removes a pack file, or a loose blob's file, and syncs its folder;
  /// returns the bytes freed (0 when it was already gone).
  virtual Result<uint64_t> RemovePack(const std::string& pack) = 0;
  virtual Result<uint64_t> RemoveLoose(const std::string& sha256) = 0;
  /// Removes a temporary file ListFiles found (neither blob nor pack);
  /// refuses any other path. Returns the bytes freed.
  virtual Result<uint64_t> RemoveTemporary(const std::filesystem::path& file) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_STORE_BLOB_STORE_H_
