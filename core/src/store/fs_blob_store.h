// The filesystem BlobStore. A blob on disk is a record: a 16-byte header
// ("DSB1", encoding, reserved, content size little-endian), then the content
// raw or zlib-deflated. Large blobs are loose files store/ab/cdef... holding
// one record; small blobs are records in pack files store/packs/<id>.pack,
// each record preceded by its raw 32-byte SHA-256 so a pack can be
// read without the catalog. Temporaries live in store/tmp/.
//
// Packing is what makes bulk ingest fast: creating and renaming one file per
// document costs more, in the kernel, than hashing and compressing it.
#ifndef DOSSIER_STORE_FS_BLOB_STORE_H_
#define DOSSIER_STORE_FS_BLOB_STORE_H_

#include <memory>

#include "store/blob_store.h"

namespace dossier {

struct FsBlobStoreOptions {
  uint64_t pack_max_blob = 512 * 1024;  // content up to this size goes into packs
  int zlib_level = 1;                   // fast; text still shrinks about 3x
  double max_ratio = 0.90;              // keep raw unless deflate saves at least 10%
  size_t sync_each_below = 64;  // fsync files one by one below this count, else syncfs (which
                                // also flushes what other writers are staging)
};

/// Creates the folders of a new store.
Status CreateFsBlobStore(const std::filesystem::path& dir);

std::unique_ptr<BlobStore> OpenFsBlobStore(const std::filesystem::path& dir,
                                           const FsBlobStoreOptions& options = {});

}  // namespace dossier

#endif  // DOSSIER_STORE_FS_BLOB_STORE_H_
