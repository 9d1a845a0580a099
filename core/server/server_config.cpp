#include "server/server_config.h"

#include "dossier/json_input.h"

namespace dossier::server {

namespace {

Result<int64_t> Limit(const Poco::JSON::Object::Ptr& limits, const std::string& key,
                      int64_t fallback, int64_t max) {
  if (!limits || !limits->has(key)) return fallback;
  auto value = limits->get(key);
  if (!value.isInteger() || value.convert<int64_t>() < 1 || value.convert<int64_t>() > max) {
    return Status::InvalidArgument("config/server.json: limits." + key +
                                   " must be a whole number from 1 to " + std::to_string(max));
  }
  return value.convert<int64_t>();
}

}  // namespace

Result<ServerConfig> LoadServerConfig(const Repository& repo) {
  auto text = repo.ConfigText("server.json");
  if (!text.ok()) return text.status();
  // The one strict reader: a key written twice is refused, not silently the last.
  auto parsed = ParseJsonObject(*text, "config/server.json");
  if (!parsed.ok()) return parsed.status();
  Poco::JSON::Object::Ptr root = *parsed;
  auto limits = root->getObject("limits");
  ServerConfig c;
  auto body =
      Limit(limits, "max_body_bytes", static_cast<int64_t>(c.max_body_bytes), int64_t{1} << 30);
  auto upload =
      Limit(limits, "max_upload_bytes", static_cast<int64_t>(c.max_upload_bytes), int64_t{4} << 30);
  auto header = Limit(limits, "max_header_bytes", c.max_header_bytes, 1 << 20);
  auto fields = Limit(limits, "max_header_fields", c.max_header_fields, 100);
  auto timeout = Limit(limits, "timeout_seconds", c.timeout_seconds, 3600);
  auto connections = Limit(limits, "max_connections", c.max_connections, 100000);
  auto searches = Limit(limits, "concurrent_searches", c.concurrent_searches, 1024);
  auto search_seconds = Limit(limits, "search_seconds", c.search_seconds, 600);
  for (const auto* r :
       {&body, &upload, &header, &fields, &timeout, &connections, &searches, &search_seconds}) {
    if (!r->ok()) return r->status();
  }
  c.max_body_bytes = static_cast<uint64_t>(*body);
  c.max_upload_bytes = static_cast<uint64_t>(*upload);
  c.max_header_bytes = static_cast<int>(*header);
  c.max_header_fields = static_cast<int>(*fields);
  c.timeout_seconds = static_cast<int>(*timeout);
  c.max_connections = static_cast<int>(*connections);
  c.concurrent_searches = static_cast<int>(*searches);
  c.search_seconds = static_cast<int>(*search_seconds);
  if (root->has("checkpoints")) {
    auto checkpoints = root->getObject("checkpoints");
    if (!checkpoints)
      return Status::InvalidArgument(
          "config/server.json: checkpoints must be an object {to, every_hours}");
    auto to = checkpoints->get("to");
    if (!to.isString() || to.convert<std::string>().empty() ||
        to.convert<std::string>()[0] != '/') {
      return Status::InvalidArgument(
          "config/server.json: checkpoints.to must be the absolute path of a witness file "
          "outside the repository");
    }
    c.checkpoint_to = to.convert<std::string>();
    if (checkpoints->has("every_hours")) {
      auto every = checkpoints->get("every_hours");
      const double hours = every.isNumeric() ? every.convert<double>() : -1;
      if (!(hours >= 0.001 && hours <= 24 * 31)) {
        return Status::InvalidArgument(
            "config/server.json: checkpoints.every_hours must be a number of hours from "
            "0.001 to 744 (default 24)");
      }
      c.checkpoint_every = std::chrono::milliseconds(static_cast<int64_t>(hours * 3600 * 1000));
    }
  }
  if (auto proxy = root->getObject("proxy"); proxy && proxy->has("tls")) {
    auto tls = proxy->get("tls");
    if (!tls.isBoolean())
      return Status::InvalidArgument("config/server.json: proxy.tls must be true or false");
    c.behind_tls_proxy = tls.convert<bool>();
  }
  return c;
}

}  // namespace dossier::server
