// The store's files the catalog does not name, and the work folders killed
// processes left in TMPDIR: what verify reports and gc removes. One rule for
// both, so that gc removes exactly what verify lists.
#ifndef DOSSIER_REPOSITORY_LEFTOVERS_H_
#define DOSSIER_REPOSITORY_LEFTOVERS_H_

#include <vector>

#include "catalog/catalog.h"
#include "dossier/verify.h"
#include "store/blob_store.h"

namespace dossier {

struct Leftover {
  StoreFile file;
  const char* what;  // "unreferenced blob", "unreferenced pack", "temporary file"
  bool temporary() const { return file.sha256.empty() && file.pack.empty(); }
};

/// The files of `files` that none of `blobs` (the catalog's) refers to.
std::vector<Leftover> FindLeftovers(const std::vector<BlobRow>& blobs,
                                    const std::vector<StoreFile>& files);

/// The work folders in TMPDIR that killed processes left (TempFolder::Abandoned),
/// each with the bytes it holds, as "abandoned temporary folder".
Result<std::vector<LeftoverFile>> AbandonedWorkFolders();

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_LEFTOVERS_H_
