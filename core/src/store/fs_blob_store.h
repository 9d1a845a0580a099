// The filesystem BlobStore: store/ab/cdef... with a 16-byte header
// ("DSB1", encoding, reserved, content size little-endian) before the
// content, raw or zlib-deflated. Temporaries live in store/tmp/.
#ifndef DOSSIER_STORE_FS_BLOB_STORE_H_
#define DOSSIER_STORE_FS_BLOB_STORE_H_

#include <memory>

#include "store/blob_store.h"

namespace dossier {

struct FsBlobStoreOptions {
  int zlib_level = 1;          // fast; text still shrinks about 3x
  double max_ratio = 0.90;     // keep raw unless deflate saves at least 10%
  size_t sync_each_below = 8;  // fsync files one by one below this count, else syncfs
};

/// Creates the folders of a new store.
Status CreateFsBlobStore(const std::filesystem::path& dir);

std::unique_ptr<BlobStore> OpenFsBlobStore(const std::filesystem::path& dir,
                                           const FsBlobStoreOptions& options = {});

}  // namespace dossier

#endif  // DOSSIER_STORE_FS_BLOB_STORE_H_
