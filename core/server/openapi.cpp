// GET /api/v1/openapi.json: an OpenAPI 3.1 description made from the route
// table itself, so that it names every route the server has and no other.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "server/access.h"
#include "server/router.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Object::Ptr Ref(const std::string& to) {
  Object::Ptr o = new Object();
  o->set("$ref", to);
  return o;
}

Object::Ptr ErrorResponse(const std::string& description) {
  Object::Ptr content = new Object();
  Object::Ptr media = new Object();
  media->set("schema", Ref("#/components/schemas/Error"));
  content->set("application/json", media);
  Object::Ptr response = new Object();
  response->set("description", description);
  response->set("content", content);
  return response;
}

Object::Ptr Components() {
  Object::Ptr error_fields = new Object();
  Object::Ptr str = new Object();
  str->set("type", "string");
  error_fields->set("code", str);
  error_fields->set("message", str);
  Object::Ptr message_zh = new Object();
  message_zh->set("type", "string");
  message_zh->set(
      "description",
      "the message in Chinese, when the core's catalogue knows its form (dossier/messages.h)");
  error_fields->set("message_zh", message_zh);
  error_fields->set("field", str);
  Object::Ptr inner = new Object();
  inner->set("type", "object");
  inner->set("properties", error_fields);
  Array::Ptr required = new Array();
  required->add("code");
  required->add("message");
  inner->set("required", required);
  Object::Ptr props = new Object();
  props->set("error", inner);
  Object::Ptr error = new Object();
  error->set("type", "object");
  error->set("properties", props);
  Object::Ptr schemas = new Object();
  schemas->set("Error", error);

  Object::Ptr session = new Object();
  session->set("type", "apiKey");
  session->set("in", "cookie");
  session->set("name", kSessionCookie);
  session->set("description", std::string("From POST /api/v1/session (named ") +
                                  kSecureSessionCookie +
                                  " under TLS); changes also send X-CSRF-Token");
  Object::Ptr bearer = new Object();
  bearer->set("type", "http");
  bearer->set("scheme", "bearer");
  bearer->set("description", "An API token (dossier token create, or POST /api/v1/tokens)");
  Object::Ptr security = new Object();
  security->set("session", session);
  security->set("token", bearer);

  Object::Ptr c = new Object();
  c->set("schemas", schemas);
  c->set("securitySchemes", security);
  return c;
}

Object::Ptr Operation(const Route& route) {
  Object::Ptr op = new Object();
  op->set("summary", route.summary);
  Array::Ptr tags = new Array();
  tags->add(route.tag);
  op->set("tags", tags);
  std::string id = route.method;
  for (char c : route.pattern) id += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  op->set("operationId", id);
  Array::Ptr params = new Array();
  for (size_t open = route.pattern.find('{'); open != std::string::npos;
       open = route.pattern.find('{', open + 1)) {
    std::string name = route.pattern.substr(open + 1, route.pattern.find('}', open) - open - 1);
    Object::Ptr p = new Object();
    p->set("name", name);
    p->set("in", "path");
    p->set("required", true);
    Object::Ptr schema = new Object();
    schema->set("type", "string");
    p->set("schema", schema);
    params->add(p);
  }
  for (const auto& q : route.query) {
    Object::Ptr p = new Object();
    p->set("name", q.name);
    p->set("in", "query");
    p->set("description", q.description);
    Object::Ptr schema = new Object();
    schema->set("type", q.type);
    p->set("schema", schema);
    params->add(p);
  }
  if (params->size() > 0) op->set("parameters", params);
  if (route.body != Body::kNone) {
    Object::Ptr content = new Object();
    Object::Ptr media = new Object();
    Object::Ptr schema = new Object();
    schema->set("type", "object");
    media->set("schema", schema);
    content->set(route.body == Body::kJson ? "application/json" : "multipart/form-data", media);
    Object::Ptr body = new Object();
    body->set("required", true);
    body->set("content", content);
    op->set("requestBody", body);
  }
  Object::Ptr responses = new Object();
  Object::Ptr ok = new Object();
  ok->set("description", "done");
  Object::Ptr content = new Object();
  content->set(route.produces, Object::Ptr(new Object()));
  ok->set("content", content);
  responses->set(route.method == "POST" && route.body == Body::kMultipart ? "201" : "200", ok);
  responses->set("400", ErrorResponse("bad input, naming what is wrong"));
  if (route.access != Access::kPublic) {
    responses->set("401",
                   ErrorResponse("not signed in, or the session or token is no longer valid"));
    responses->set(
        "403", ErrorResponse("the user's role may not do this, or a change lacks the CSRF token"));
    Array::Ptr security = new Array();
    Object::Ptr session = new Object();
    session->set("session", Array::Ptr(new Array()));
    Object::Ptr token = new Object();
    token->set("token", Array::Ptr(new Array()));
    security->add(session);
    security->add(token);
    op->set("security", security);
  } else {
    op->set("security", Array::Ptr(new Array()));
  }
  if (route.pattern.find('{') != std::string::npos) {
    responses->set("404",
                   ErrorResponse("no such object, or one the user may not see (the same answer)"));
  }
  if (route.Mutates())
    responses->set("409", ErrorResponse("the object's state does not allow it now"));
  if (route.body != Body::kNone)
    responses->set("413", ErrorResponse("the body or a file is too large"));
  if (route.pattern == "/api/v1/session" && route.method == "POST") {
    responses->set("401", ErrorResponse("wrong user name or password"));
    responses->set("429", ErrorResponse("too many failed sign-ins; try again later"));
  }
  op->set("responses", responses);
  return op;
}

}  // namespace

void AddOpenApiRoute(Router& router) {
  // Made once the table is whole: this route describes itself too.
  auto document = std::make_shared<Object::Ptr>();
  router.Add({"GET", "/api/v1/openapi.json", "admin", "This description of the API (OpenAPI 3.1)",
              [document](Exchange& ex) { return ex.SendJson(*document); }, Access::kPublic});
  Object::Ptr paths = new Object();
  for (const auto& route : router.routes()) {
    Object::Ptr item =
        paths->has(route.pattern) ? paths->getObject(route.pattern) : Object::Ptr(new Object());
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    item->set(method, Operation(route));
    paths->set(route.pattern, item);
  }
  Object::Ptr info = new Object();
  info->set("title", "Dossier API");
  info->set("version", "1");
  info->set("description",
            "Contracts, minutes and reports, numbered, versioned and archived. See docs/api.md.");
  Object::Ptr doc = new Object();
  doc->set("openapi", "3.1.0");
  doc->set("info", info);
  doc->set("paths", paths);
  doc->set("components", Components());
  *document = doc;
}

}  // namespace dossier::server
