#include "server/router.h"

#include <Poco/URI.h>

namespace dossier::server {

namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  if (path.empty() || path[0] != '/') return match;
  auto parts = Segments(path);
  for (const auto& route : routes_) {
    auto pattern = Segments(route.pattern);
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool fits = true;
    for (size_t i = 0; i < parts.size() && fits; ++i) {
      const std::string& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        std::string value;
        Poco::URI::decode(parts[i], value);
        if (value.empty()) fits = false;
        params[p.substr(1, p.size() - 2)] = value;
      } else {
        fits = p == parts[i];
      }
    }
    if (!fits) continue;
    if (route.method != method) {
      match.path_known = true;
      continue;
    }
    match.route = &route;
    match.params = std::move(params);
    return match;
  }
  return match;
}

}  // namespace dossier::server
