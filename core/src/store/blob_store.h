// A BlobStore keeps file contents addressed by their SHA-256. Identical
// content is stored once. Writing is two-phase so that a batch of files costs
// one sync, not one per file:
//   Stage*()  hashes and (if it pays) compresses the content into a temporary
//             file, not yet synced nor visible;
//   Publish() makes a set of staged blobs durable and visible under their hash
//             (sync the temporaries, rename, sync the directories).
// The catalog commits a reference to a blob only after Publish() returned,
// so a crash leaves at most unreferenced blobs, never a dangling reference.
// Reads verify the hash and report corruption instead of wrong bytes.
//
// Thread-safe: every method may be called from many threads; several
// processes may write the same store at once.
#ifndef DOSSIER_STORE_BLOB_STORE_H_
#define DOSSIER_STORE_BLOB_STORE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/status.h"

namespace dossier {

/// How a blob sits on disk. Stored in the catalog: never rename the codes.
enum class BlobEncoding { kRaw, kZlib };
std::string_view BlobEncodingCode(BlobEncoding encoding);  // "raw", "zlib"

struct StagedBlob {
  std::string sha256;
  uint64_t size = 0;         // content bytes
  uint64_t stored_size = 0;  // bytes on disk, header included
  BlobEncoding encoding = BlobEncoding::kRaw;
  std::filesystem::path temp_path;  // empty once published or when already present
  bool already_present = false;     // the store held this content before
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
  /// Makes the staged blobs durable and visible. On success every entry's
  /// temp_path is cleared.
  virtual Status Publish(std::vector<StagedBlob>& staged) = 0;
  /// Removes the temporaries of staged blobs that will not be published.
  virtual void Discard(std::vector<StagedBlob>& staged) = 0;

  /// Streams the content to `sink`. The bytes are handed over before the
  /// hash can be checked, so the sink must not publish them until ReadTo
  /// returns ok; a mismatch returns Corruption naming the blob.
  virtual Status ReadTo(std::string_view sha256, const BlobSink& sink) const = 0;
  /// Reads a whole blob into memory, verified.
  virtual Result<std::string> Read(std::string_view sha256) const = 0;
  /// Reads and verifies without keeping the bytes; checks the size too.
  virtual Status Check(std::string_view sha256, uint64_t expected_size) const = 0;
  virtual bool Contains(std::string_view sha256) const = 0;
  /// Lists every blob hash present (for verify and garbage reports).
  virtual Result<std::vector<std::string>> ListAll() const = 0;
};

}  // namespace dossier

#endif  // DOSSIER_STORE_BLOB_STORE_H_
