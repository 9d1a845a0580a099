// The web interface's files (core/server/web/) compiled into the binary by
// cmake/embed_resources.cmake, so `dossier serve` needs nothing beside it and
// works with no internet.
#ifndef DOSSIER_SERVER_WEB_ASSETS_H_
#define DOSSIER_SERVER_WEB_ASSETS_H_

#include <string_view>
#include <vector>

namespace dossier::server::web_assets {

struct Resource {
  std::string_view path;  // relative to core/server/web/, e.g. "pages/work.js"
  std::string_view data;
};

/// Every embedded file, sorted by path.
const std::vector<Resource>& All();

}  // namespace dossier::server::web_assets

#endif  // DOSSIER_SERVER_WEB_ASSETS_H_
