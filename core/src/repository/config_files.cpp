// Read access to a repository's configuration for front ends and plugins:
// its own file under config/, else the default compiled into the binary.
#include <set>

#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "resources/resources.h"
#include "util/file_util.h"

namespace dossier {

namespace {

// A relative path of plain components: nothing from input reaches outside config/.
Status CheckConfigPath(std::string_view path) {
  std::filesystem::path p{std::string(path)};
  if (path.empty() || p.is_absolute())
    return Status::InvalidArgument("config path '" + std::string(path) + "' must be relative");
  for (const auto& part : p) {
    if (part == ".." || part == ".")
      return Status::InvalidArgument("config path '" + std::string(path) +
                                     "' may not contain '.' or '..'");
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> Repository::ConfigText(std::string_view path) const {
  DOSSIER_RETURN_IF_ERROR(CheckConfigPath(path));
  auto own = impl_->root / "config" / std::string(path);
  if (std::filesystem::exists(own)) return ReadFileToString(own);
  for (const auto& r : resources::All()) {
    if (r.path == path) return std::string(r.data);
  }
  return Status::NotFound("no config/" + std::string(path) + " in " + impl_->root.string() +
                          " and no built-in default");
}

bool Repository::HasOwnConfig(std::string_view path) const {
  if (!CheckConfigPath(path).ok()) return false;
  return std::filesystem::exists(impl_->root / "config" / std::string(path));
}

std::vector<std::string> Repository::ConfigFiles(std::string_view folder) const {
  std::set<std::string> names;
  if (CheckConfigPath(folder).ok()) {
    std::error_code ec;
    for (const auto& e :
         std::filesystem::directory_iterator(impl_->root / "config" / std::string(folder), ec)) {
      if (e.is_regular_file()) names.insert(e.path().filename().string());
    }
    std::string prefix = std::string(folder) + "/";
    for (const auto& r : resources::All()) {
      if (r.path.substr(0, prefix.size()) == prefix &&
          r.path.find('/', prefix.size()) == std::string_view::npos) {
        names.insert(std::string(r.path.substr(prefix.size())));
      }
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace dossier
