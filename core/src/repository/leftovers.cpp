#include "repository/leftovers.h"

#include <set>
#include <string>

namespace dossier {

std::vector<Leftover> FindLeftovers(const std::vector<BlobRow>& blobs, const std::vector<StoreFile>& files) {
  std::set<std::string> loose, packs;
  for (const auto& b : blobs) {
    loose.insert(b.sha256);
    if (!b.pack.empty()) packs.insert(b.pack);
  }
  std::vector<Leftover> out;
  for (const auto& f : files) {
    const char* what = !f.sha256.empty() ? (loose.count(f.sha256) ? nullptr : "unreferenced blob")
                       : !f.pack.empty() ? (packs.count(f.pack) ? nullptr : "unreferenced pack")
                                         : "temporary file";
    if (what != nullptr) out.push_back({f, what});
  }
  return out;
}

}  // namespace dossier
