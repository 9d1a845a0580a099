#include "util/install_dirs.h"

#include <dlfcn.h>

namespace dossier {

std::filesystem::path CoreLibraryDir() {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&CoreLibraryDir), &info) == 0 || info.dli_fname == nullptr)
    return {};
  std::error_code ec;
  auto path = std::filesystem::weakly_canonical(info.dli_fname, ec);
  return (ec ? std::filesystem::path(info.dli_fname) : path).parent_path();
}

std::filesystem::path ExecutableDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

}  // namespace dossier
