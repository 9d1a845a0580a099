// Files of schemas/ compiled into the binary (see cmake/embed_resources.cmake):
// catalog migrations and the default definitions a new repository starts with.
#ifndef DOSSIER_RESOURCES_RESOURCES_H_
#define DOSSIER_RESOURCES_RESOURCES_H_

#include <string_view>
#include <vector>

namespace dossier::resources {

struct Resource {
  std::string_view path;  // relative to schemas/, e.g. "db/001_initial.sql"
  std::string_view data;
};

/// Every embedded file, sorted by path.
const std::vector<Resource>& All();

}  // namespace dossier::resources

#endif  // DOSSIER_RESOURCES_RESOURCES_H_
