// Reads a package (a folder, a .zip or a .tar.gz) for import, refusing
// hostile ones before anything is written to the repository: entries with
// absolute paths or '..', links, devices and other non-regular files,
// duplicate entries, names that are not UTF-8, a declared size that lies,
// and archives that expand beyond the limits (a zip bomb). Archived entries
// are extracted to a scratch folder; every entry's SHA-256 and SHA-512 are
// computed as its bytes pass.
#ifndef DOSSIER_PLUGINS_BAGIT_PACKAGE_READER_H_
#define DOSSIER_PLUGINS_BAGIT_PACKAGE_READER_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "dossier/status.h"

namespace dossier::bagit {

struct ReadLimits {
  uint64_t max_total = uint64_t{64} << 30;  // bytes of all entries, uncompressed
  uint64_t max_ratio = 200;                 // uncompressed bytes per byte of the package file
  /// Archived entries up to this size stay in memory rather than going to
  /// the scratch folder (creating ten thousand small files costs more than
  /// reading them), within `memory_budget` bytes in all.
  uint64_t in_memory_entry = uint64_t{1} << 20;
  uint64_t memory_budget = uint64_t{256} << 20;
};

struct PackageEntry {
  std::filesystem::path file;  // where its bytes are now, when on disk
  std::string bytes;           // its bytes, when in memory
  bool in_memory = false;
  uint64_t size = 0;
  std::string sha256;
  std::string sha512;
};

struct ReadPackage {
  std::string kind;  // "folder", "zip", "tar.gz"
  std::map<std::string, PackageEntry>
      entries;  // by path inside the bag ("data/HT-1/metadata.json")
};

/// Reads `package`; archived entries go below `scratch` (which must exist).
/// A package holding a single top folder (bag/bagit.txt) is read from it.
Result<ReadPackage> ReadBagPackage(const std::filesystem::path& package,
                                   const std::filesystem::path& scratch, const ReadLimits& limits);

/// InvalidArgument naming `path` if it is not a safe relative UTF-8 path.
Status CheckEntryPath(const std::string& path);

}  // namespace dossier::bagit

#endif  // DOSSIER_PLUGINS_BAGIT_PACKAGE_READER_H_
