// A zip archive made in memory from (path, content) pairs: the DOCX and
// XLSX files tests feed the core.
#ifndef DOSSIER_TESTS_SUPPORT_ZIP_BYTES_H_
#define DOSSIER_TESTS_SUPPORT_ZIP_BYTES_H_

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <map>
#include <sstream>
#include <string>

namespace dossier::testing {

inline std::string ZipBytes(const std::map<std::string, std::string>& entries) {
  std::ostringstream out;
  Poco::Zip::Compress zip(out, true);
  for (const auto& [path, content] : entries) {
    std::istringstream in(content);
    zip.addFile(in, Poco::DateTime(), Poco::Path(path, Poco::Path::PATH_UNIX));
  }
  zip.close();
  return out.str();
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SUPPORT_ZIP_BYTES_H_
