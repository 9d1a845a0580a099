// A zip file in memory (a DOCX, an XLSX) read once: its directory parsed,
// entries read on demand and refused past a size, so a crafted file whose
// entry inflates to gigabytes cannot exhaust memory.
#ifndef DOSSIER_UTIL_ZIP_READER_H_
#define DOSSIER_UTIL_ZIP_READER_H_

#include <Poco/Zip/ZipArchive.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

namespace dossier {

class ZipReader {
 public:
  /// Throws (Poco::Exception) when `zip` is not a zip file.
  ZipReader(std::string_view zip, uint64_t max_entry_bytes);

  /// Reads one entry; false when it is absent. Throws std::runtime_error
  /// naming the entry when it is larger than the limit.
  bool Read(const std::string& entry, std::string& out);

 private:
  std::istringstream in_;
  Poco::Zip::ZipArchive archive_;
  uint64_t max_entry_bytes_;
};

}  // namespace dossier

#endif  // DOSSIER_UTIL_ZIP_READER_H_
