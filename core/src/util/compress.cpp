#include "util/compress.h"

#include <zlib.h>

namespace dossier {

std::string Compress(std::string_view data, int level) {
  uLongf bound = compressBound(static_cast<uLong>(data.size()));
  std::string out(bound, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &bound,
            reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()), level);
  out.resize(bound);
  return out;
}

Result<std::string> Uncompress(std::string_view data, size_t size) {
  std::string out(size, '\0');
  auto out_size = static_cast<uLongf>(size);
  int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &out_size,
                      reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()));
  if (rc != Z_OK || out_size != size)
    return Status::Corruption("compressed text does not inflate to its recorded size");
  return out;
}

}  // namespace dossier
