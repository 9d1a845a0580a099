// dossier serve: the repository behind the HTTP API (core/server).
#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "server/server.h"

namespace dossier::cli {

namespace {

Handler DefineServe(CLI::App& app) {
  auto o = std::make_shared<server::ServeOptions>();
  app.add_option("--listen", o->listen,
                 "ADDR:PORT to listen on (default 127.0.0.1:8080; port 0: any free one)");
  app.add_option("--tls-cert", o->tls_cert,
                 "TLS certificate chain (PEM); with --tls-key, serve HTTPS");
  app.add_option("--tls-key", o->tls_key, "TLS private key (PEM)");
  app.add_option("--threads", o->threads, "Requests served at once (default 32)");
  return [o](Context& ctx) {
    if (!ctx.user.empty() && std::getenv("DOSSIER_USER") == nullptr) {
      ctx.err << "dossier: serve takes no --as: everyone signs in to the server\n";
      return 1;
    }
    o->repo = ctx.repo_path;
    auto open = ctx.OpenOptionsFromEnvironment();
    if (!open.ok()) return ctx.Fail(open.status());
    o->open = *open;
    o->plugin_folders = PluginFoldersFromEnvironment();
    return server::Serve(*o, ctx.err);
  };
}

}  // namespace

const std::vector<Command>& ServeCommands() {
  static const std::vector<Command> kCommands = {
      {"serve", "Serve the repository over HTTP(S) to signed-in users (see docs/server.md)",
       DefineServe},
  };
  return kCommands;
}

}  // namespace dossier::cli
