// config/server.json's limits for the HTTP side (the session and lockout
// settings are the core's: Repository::SessionConfig).
#ifndef DOSSIER_SERVER_SERVER_CONFIG_H_
#define DOSSIER_SERVER_SERVER_CONFIG_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "dossier/repository.h"

namespace dossier::server {

struct ServerConfig {
  uint64_t max_body_bytes = 1 << 20;              // a JSON body
  uint64_t max_upload_bytes = uint64_t{4} << 30;  // one uploaded file
  int max_header_bytes = 16384;                   // all header fields together
  int max_header_fields = 64;
  int timeout_seconds = 30;  // a silent client is dropped
  int max_connections = 256;
  int concurrent_searches = 4;    // searches run at once; more wait their turn
  int search_seconds = 10;        // a search running longer is stopped as too expensive
  bool tls = false;               // served over TLS (--tls-cert)
  bool behind_tls_proxy = false;  // proxy.tls: a TLS proxy in front serves it as https
  /// checkpoints.to: a witness file outside the repository the server
  /// appends a signed checkpoint to at start and every checkpoint_every;
  /// empty for none.
  std::string checkpoint_to;
  std::chrono::milliseconds checkpoint_every{std::chrono::hours(24)};
  /// Cookies are Secure and __Host- prefixed when browsers reach the
  /// server over TLS, its own or a proxy's.
  bool SecureCookies() const { return tls || behind_tls_proxy; }
};

/// Reads the "limits" object of config/server.json, naming a bad value.
Result<ServerConfig> LoadServerConfig(const Repository& repo);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_SERVER_CONFIG_H_
