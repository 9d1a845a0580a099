#include "util/zip_reader.h"

#include <Poco/Zip/ZipStream.h>

#include <stdexcept>
#include <vector>

namespace dossier {

ZipReader::ZipReader(std::string_view zip, uint64_t max_entry_bytes)
    : in_(std::string(zip)), archive_(in_), max_entry_bytes_(max_entry_bytes) {}

bool ZipReader::Read(const std::string& entry, std::string& out) {
  auto it = archive_.findHeader(entry);
  if (it == archive_.headerEnd()) return false;
  if (it->second.getUncompressedSize() > max_entry_bytes_)
    throw std::runtime_error(entry + " is too large");
  in_.clear();
  Poco::Zip::ZipInputStream zin(in_, it->second, true);
  std::vector<char> buf(65536);
  out.clear();
  // The directory's size may lie: count what actually comes out.
  while (zin.read(buf.data(), static_cast<std::streamsize>(buf.size())) || zin.gcount() > 0) {
    out.append(buf.data(), static_cast<size_t>(zin.gcount()));
    if (out.size() > max_entry_bytes_) throw std::runtime_error(entry + " is too large");
  }
  return true;
}

}  // namespace dossier
