// Importing documents that another Dossier repository exported: what an
// import plugin hands the core, and the interface it implements. The plugin
// reads and validates the package (its structure, manifests, sizes, hostile
// entries); the core checks every record again (version digests, audit
// entry hashes, numbers and ids not taken, types, clearance, relations) and
// registers everything in one transaction, or nothing.
#ifndef DOSSIER_IMPORT_H_
#define DOSSIER_IMPORT_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dossier/export.h"
#include "dossier/status.h"

namespace dossier {

class Repository;
struct Actor;

/// The content of a file in a package: a file on disk, or bytes the plugin
/// holds in memory (small entries of an archive, spared a trip to disk)
/// until the import returns.
struct PackageFile {
  std::filesystem::path path;          // when on disk
  const std::string* bytes = nullptr;  // when in memory
};

struct ImportPackage {
  std::string source;  // the package as the user named it, for the audit trail
  std::string format;  // "bagit"
  /// The records, with their audit entries (kept as provenance).
  std::vector<ExportDocument> documents;
  /// Where the content of a file of a record's version is. The core checks
  /// it against the record's SHA-256 and size as it stores it.
  std::function<Result<PackageFile>(const ExportDocument& document, const Version& version,
                                    const FileEntry& file)>
      locate;
  /// Takes records that are unsigned or signed by a key this repository
  /// does not trust, marking them at least 秘密 and saying so in the trail.
  bool accept_unsigned = false;
};

struct ImportReport {
  int64_t documents = 0;
  int64_t versions = 0;
  int64_t files = 0;   // distinct contents stored
  uint64_t bytes = 0;  // of those contents
  std::vector<std::string> numbers;
};

struct ImportRequest {
  /// One package, or the bags of a split export ("N of T"), imported together.
  std::vector<std::filesystem::path> packages;
  /// What the user calls each package (an upload's file name), for messages
  /// and the audit trail; empty: the paths above.
  std::vector<std::string> names;
  std::map<std::string, std::string> options;  // validated against Options()
  bool dry_run = false;                        // validate only; write nothing
  bool accept_unsigned = false;                // see ImportPackage
};

/// Thread-safe: a registered importer may be used by many threads at once.
class Importer {
 public:
  virtual ~Importer() = default;
  virtual std::string Format() const = 0;  // "bagit"
  virtual std::string Description() const = 0;
  virtual std::vector<ExportOptionInfo> Options() const = 0;
  /// True when `package` looks like this format (a bag folder, zip, tar.gz).
  virtual bool Recognises(const std::filesystem::path& package) const = 0;
  /// Validates the whole package first; nothing is written unless it is
  /// valid, and a failed import leaves the repository as it was.
  virtual Result<ImportReport> Import(Repository& repo, const Actor& actor,
                                      const ImportRequest& request) const = 0;
};

}  // namespace dossier

#endif  // DOSSIER_IMPORT_H_
