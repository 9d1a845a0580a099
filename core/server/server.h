// dossier serve: the repository behind an HTTP API (Poco::Net), for many
// people at once, each signed in (see docs/server.md).
#ifndef DOSSIER_SERVER_SERVER_H_
#define DOSSIER_SERVER_SERVER_H_

#include <ostream>
#include <string>
#include <vector>

#include "dossier/repository.h"

namespace dossier::server {

struct ServeOptions {
  std::string repo;
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT; port 0 takes a free one
  std::string tls_cert;                   // PEM files: both or neither
  std::string tls_key;
  int threads = 32;                         // requests served at once
  OpenOptions open;                         // how the repository is opened
  std::vector<std::string> plugin_folders;  // searched before the install's
};

/// Serves until SIGTERM or SIGINT, then finishes the requests in flight,
/// refuses new ones and returns 0. Writes "listening on URL" and then one
/// JSON line per request to `log`. Returns an exit code (1: bad options or
/// repository, 3: the server failed).
int Serve(const ServeOptions& options, std::ostream& log);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_SERVER_H_
