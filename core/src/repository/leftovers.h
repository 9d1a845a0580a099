// The store's files the catalog does not name: what verify reports and gc
// removes. One rule for both, so that gc removes exactly what verify lists.
#ifndef DOSSIER_REPOSITORY_LEFTOVERS_H_
#define DOSSIER_REPOSITORY_LEFTOVERS_H_

#include <vector>

#include "catalog/catalog.h"
#include "store/blob_store.h"

namespace dossier {

struct Leftover {
  StoreFile file;
  const char* what;  // "unreferenced blob", "unreferenced pack", "temporary file"
  bool temporary() const { return file.sha256.empty() && file.pack.empty(); }
};

/// The files of `files` that none of `blobs` (the catalog's) refers to.
std::vector<Leftover> FindLeftovers(const std::vector<BlobRow>& blobs, const std::vector<StoreFile>& files);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_LEFTOVERS_H_
