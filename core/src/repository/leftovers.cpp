#include "repository/leftovers.h"

#include <filesystem>
#include <set>
#include <string>

#include "dossier/files.h"

namespace dossier {

std::vector<Leftover> FindLeftovers(const std::vector<BlobRow>& blobs,
                                    const std::vector<StoreFile>& files) {
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

Result<std::vector<LeftoverFile>> AbandonedWorkFolders() {
  auto folders = TempFolder::Abandoned();
  if (!folders.ok()) return folders.status();
  std::vector<LeftoverFile> out;
  for (const auto& folder : *folders) {
    uint64_t bytes = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code size_ec;
      if (it->is_regular_file(size_ec)) bytes += it->file_size(size_ec);
    }
    out.push_back(LeftoverFile{folder.string(), bytes, "abandoned temporary folder"});
  }
  return out;
}

}  // namespace dossier
