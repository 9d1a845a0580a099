#include "deflate.h"

#include <zlib.h>

#include <stdexcept>

namespace dossier::pdf {

Deflated Deflate(std::string_view data, int level) {
  Deflated out;
  out.raw_size = data.size();
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  out.bytes.resize(size);
  int rc = compress2(reinterpret_cast<Bytef*>(out.bytes.data()), &size,
                     reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                     level);
  // compressBound guarantees the room; only running out of memory fails.
  if (rc != Z_OK) throw std::bad_alloc();
  out.bytes.resize(size);
  return out;
}

}  // namespace dossier::pdf
