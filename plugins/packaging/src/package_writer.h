// Where a bag is written: a folder, a .zip or a .tar.gz, chosen by the
// output's name. Entries are streamed (a file's bytes pass through once,
// never held whole); the package appears at its name only when complete.
#ifndef DOSSIER_PLUGINS_PACKAGING_PACKAGE_WRITER_H_
#define DOSSIER_PLUGINS_PACKAGING_PACKAGE_WRITER_H_

#include <locale.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "dossier/export.h"
#include "dossier/status.h"

namespace dossier::packaging {

enum class PackageKind { kFolder, kZip, kTarGz };
/// By name: *.zip, *.tar.gz or *.tgz; anything else is a folder.
PackageKind PackageKindOf(const std::filesystem::path& output);
std::string_view PackageKindName(PackageKind kind);  // "folder", "zip", "tar.gz"

/// libarchive converts names through the thread's locale; in the C locale a
/// Chinese name cannot be converted (zip then loses its UTF-8 flag, pax fails
/// on it). Our names are UTF-8: while this lives, the calling thread's
/// LC_CTYPE is C.UTF-8 (uselocale: the thread only, never the process).
class ScopedUtf8Locale {
 public:
  ScopedUtf8Locale();
  ~ScopedUtf8Locale();
  ScopedUtf8Locale(const ScopedUtf8Locale&) = delete;
  ScopedUtf8Locale& operator=(const ScopedUtf8Locale&) = delete;

 private:
  locale_t utf8_;
  locale_t previous_ = static_cast<locale_t>(0);
};

/// An option's size in bytes: "1024", "500K", "64M", "2G". InvalidArgument
/// naming the option for anything else, zero included.
Result<uint64_t> ParseByteSize(const std::string& option, const std::string& text);

/// A name for an entry made from a document number: '/', '\\' and control
/// characters (possible in a company's number template) become '_', and
/// "", "." and ".." are prefixed with '_', so that it never nests or climbs.
std::string SafeEntryName(std::string_view name);

class PackageWriter {
 public:
  /// Fails when the output exists (a folder must be absent or empty).
  static Result<std::unique_ptr<PackageWriter>> Create(const std::filesystem::path& output);
  virtual ~PackageWriter() = default;
  /// Adds the entry `path` ("data/HT-1/v1/a.txt") of exactly `size` bytes,
  /// which `produce` hands to the sink it is given.
  virtual Status Add(const std::string& path, uint64_t size,
                     const std::function<Status(const ContentSink& sink)>& produce) = 0;
  Status AddBytes(const std::string& path, std::string_view bytes) {
    return Add(path, bytes.size(),
               [&](const ContentSink& sink) { return sink(bytes.data(), bytes.size()); });
  }
  /// Publishes the package at its name. Without it, nothing stays behind.
  virtual Status Commit() = 0;
  /// Bytes written so far (the container's, compressed).
  virtual uint64_t bytes_written() const = 0;
};

}  // namespace dossier::packaging

#endif  // DOSSIER_PLUGINS_PACKAGING_PACKAGE_WRITER_H_
