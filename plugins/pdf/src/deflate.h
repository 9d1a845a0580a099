// zlib compression of PDF stream data the plugin prepares itself, so it
// chooses the level (libharu always compresses at zlib's default, 6).
#ifndef DOSSIER_PDF_DEFLATE_H_
#define DOSSIER_PDF_DEFLATE_H_

#include <string>
#include <string_view>

namespace dossier::pdf {

/// Stream data already compressed for a /FlateDecode stream.
struct Deflated {
  std::string bytes;    // zlib format, as PDF's FlateDecode expects
  size_t raw_size = 0;  // the length before compression
};

/// Compresses `data` at zlib `level` (1 fastest … 9 smallest).
Deflated Deflate(std::string_view data, int level);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_DEFLATE_H_
