// The route table: every path of the API, what it needs, and what the
// OpenAPI document says of it. The table is the one list of routes: the
// server dispatches through it and /api/v1/openapi.json is made from it.
#ifndef DOSSIER_SERVER_ROUTER_H_
#define DOSSIER_SERVER_ROUTER_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "server/exchange.h"

namespace dossier::server {

using RouteHandler = std::function<Status(Exchange&)>;

/// A query parameter of a route, for the OpenAPI document.
struct QueryParam {
  std::string name;
  std::string type;  // "string", "integer", "boolean"
  std::string description;
};

enum class Access {
  kPublic,    // no credentials: sign-in, health, metrics, the OpenAPI document
  kSignedIn,  // a session or a token
  kAnyUser,   // signed in, even with a password still to change
};

enum class Body { kNone, kJson, kMultipart };

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // "/api/v1/documents/{ref}"
  std::string tag;      // the OpenAPI group: "documents", "workflow", ...
  std::string summary;
  RouteHandler handler;
  Access access = Access::kSignedIn;
  Body body = Body::kNone;
  std::vector<QueryParam> query;
  std::string produces = "application/json";  // or a file type for downloads

  /// Anything but GET and HEAD changes state: it needs the CSRF token with a
  /// session cookie and is refused to read-only tokens.
  bool Mutates() const { return method != "GET" && method != "HEAD"; }
};

class Router {
 public:
  void Add(Route route) { routes_.push_back(std::move(route)); }
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has the path, with another method
  };
  /// The route for a method and a path (without its query), its {params} decoded.
  Match Find(const std::string& method, const std::string& path) const;

 private:
  std::vector<Route> routes_;
};

/// The API's routes, by group (routes_*.cpp).
void AddSessionRoutes(Router& router);
void AddDocumentRoutes(Router& router);
void AddWorkflowRoutes(Router& router);
void AddSearchRoutes(Router& router);
void AddAdminRoutes(Router& router);
void AddRegisterRoutes(Router& router);
void AddRetentionRoutes(Router& router);
void AddDisposalRoutes(Router& router);
void AddRenderRoutes(Router& router);   // PDF renditions (the pdf plugin)
void AddPackageRoutes(Router& router);  // exports and imports (the export and import plugins)
/// GET /api/v1/openapi.json, made from the table it is added to.
void AddOpenApiRoute(Router& router);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_ROUTER_H_
