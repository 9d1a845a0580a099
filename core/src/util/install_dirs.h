// Where this installation's parts are, found from the running code itself
// rather than from a path compiled in, so that an installed tree works from
// any prefix (a .deb under /usr, a tarball under /opt, the build tree).
#ifndef DOSSIER_UTIL_INSTALL_DIRS_H_
#define DOSSIER_UTIL_INSTALL_DIRS_H_

#include <filesystem>

namespace dossier {

/// The folder libdossier_core.so was loaded from (dladdr), or empty. The
/// PDF text module and the plugins' folder (dossier/plugins) are beside it,
/// in the build tree (<build>/lib) as in an install (<prefix>/<libdir>).
std::filesystem::path CoreLibraryDir();

/// The folder of the running executable (/proc/self/exe), or empty.
std::filesystem::path ExecutableDir();

}  // namespace dossier

#endif  // DOSSIER_UTIL_INSTALL_DIRS_H_
