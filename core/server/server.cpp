#include "server/server.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <thread>

#include "dossier/plugin.h"
#include "server/access.h"
#include "server/checkpoint_schedule.h"
#include "server/metrics.h"
#include "server/router.h"
#include "server/web_handler.h"

namespace dossier::server {

namespace {

// What every request handler shares: the repository, the routes, the log.
struct Shared {
  Repository* repo = nullptr;
  ServerConfig config;
  Router router;
  Metrics metrics;
  LoadedPlugins plugins;
  std::unique_ptr<Gate> search_gate;
  std::ostream* log = nullptr;
  std::mutex log_mutex;
};

// One JSON line per request: who, what, how it ended, how long it took.
void WriteAccessLog(Shared& shared, const std::string& user, const std::string& method,
                    const std::string& route, int status, size_t bytes, double ms) {
  Poco::JSON::Object::Ptr line = new Poco::JSON::Object();
  line->set("time", Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%S.%iZ"));
  line->set("user", user);
  line->set("method", method);
  line->set("route", route);
  line->set("status", status);
  line->set("bytes", static_cast<Poco::UInt64>(bytes));
  line->set("ms", static_cast<double>(static_cast<int64_t>(ms * 100)) / 100);
  std::ostringstream text;
  Poco::JSON::Stringifier::condense(line, text);
  std::lock_guard<std::mutex> lock(shared.log_mutex);
  *shared.log << text.str() << "\n" << std::flush;
}

// Header fields beyond the configured count or size: 431.
bool HeadersTooLarge(const Poco::Net::HTTPServerRequest& request, const ServerConfig& config) {
  size_t bytes = 0, fields = 0;
  for (const auto& [name, value] : request) {
    bytes += name.size() + value.size() + 4;
    ++fields;
  }
  return fields > static_cast<size_t>(config.max_header_fields) ||
         bytes > static_cast<size_t>(config.max_header_bytes);
}

class ApiHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ApiHandler(Shared& shared) : shared_(shared) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    auto start = std::chrono::steady_clock::now();
    Exchange ex(request, response, *shared_.repo, shared_.config);
    ex.set_metrics(&shared_.metrics);
    ex.set_plugins(&shared_.plugins);
    ex.set_search_gate(shared_.search_gate.get());
    // Nothing the API answers is to be cached, framed, sniffed or run as a page.
    response.set("Cache-Control", "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "no-referrer");
    response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (shared_.config.tls) response.set("Strict-Transport-Security", "max-age=31536000");
    try {
      Dispatch(ex);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(shared_.log_mutex);
      *shared_.log << "dossier serve: internal error on " << request.getMethod() << " " << ex.route
                   << ": " << e.what() << "\n";
      ex.SendError(500, "internal", "internal error");
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    int status = static_cast<int>(response.getStatus());
    shared_.metrics.Record(request.getMethod(), ex.route, status, seconds);
    if (ex.route == "/api/v1/session" && request.getMethod() == "POST" &&
        (status == 401 || status == 429)) {
      shared_.metrics.CountFailedSignIn();
    }
    WriteAccessLog(shared_, ex.signed_in() ? ex.actor().name : std::string("-"),
                   request.getMethod(), ex.route, status, ex.bytes_sent(), seconds * 1000);
  }

 private:
  void Dispatch(Exchange& ex) {
    auto& request = ex.request();
    if (HeadersTooLarge(request, shared_.config)) {
      ex.SendError(431, "headers_too_large",
                   "the request's header fields are too many or too large");
      return;
    }
    std::string path = Poco::URI(request.getURI()).getPath();
    auto match = shared_.router.Find(request.getMethod(), path);
    if (match.route == nullptr) {
      if (match.path_known) {
        ex.SendError(405, "method_not_allowed", request.getMethod() + " is not allowed on " + path);
      } else {
        ex.SendError(404, "no_route", "no such path: " + path);
      }
      return;
    }
    const Route& route = *match.route;
    ex.route = route.pattern;
    ex.set_params(std::move(match.params));
    if (!CheckAccess(ex, route)) return;
    if (route.body == Body::kJson && request.hasContentLength() &&
        static_cast<uint64_t>(request.getContentLength64()) > shared_.config.max_body_bytes) {
      ex.SendError(
          413, "payload_too_large",
          "the body is larger than " + std::to_string(shared_.config.max_body_bytes) + " bytes");
      return;
    }
    Status done = route.handler(ex);
    if (done.ok()) return;
    if (ex.body_too_large()) {
      ex.SendError(413, "payload_too_large", done.message());
    } else {
      ex.SendStatus(done);
    }
  }

  Shared& shared_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Shared& shared) : shared_(shared) {}
  // The API owns /api/, /healthz and /metrics; every other path is the web interface's.
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override {
    // An answer leaves in two writes, its head and its body: with Nagle's
    // algorithm on, the body may wait for the client's delayed ACK of the head
    // on a kept-alive connection. (On loopback bench/ui saw no difference.)
    if (const auto* impl = dynamic_cast<const Poco::Net::HTTPServerRequestImpl*>(&request)) {
      const_cast<Poco::Net::HTTPServerRequestImpl*>(impl)->socket().setNoDelay(true);
    }
    std::string path = Poco::URI(request.getURI()).getPath();
    if (path.rfind("/api/", 0) == 0 || path == "/api" || path == "/healthz" || path == "/metrics") {
      return new ApiHandler(shared_);
    }
    Shared& shared = shared_;
    return new WebHandler(
        [&shared](const std::string& method, const std::string& route, int status, size_t bytes,
                  double ms) { WriteAccessLog(shared, "-", method, route, status, bytes, ms); });
  }

 private:
  Shared& shared_;
};

Result<Poco::Net::SocketAddress> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size()) {
    return Status::InvalidArgument("--listen '" + listen +
                                   "' is not ADDR:PORT (e.g. 127.0.0.1:8080)");
  }
  try {
    return Poco::Net::SocketAddress(listen);
  } catch (const Poco::Exception& e) {
    return Status::InvalidArgument("--listen '" + listen + "': " + e.displayText());
  }
}

}  // namespace

int Serve(const ServeOptions& options, std::ostream& log) {
  auto fail = [&](const Status& s) {
    log << "dossier: " << s.message() << "\n";
    return s.ExitCode();
  };
  if (options.repo.empty())
    return fail(Status::InvalidArgument("no repository given: use --repo DIR or set DOSSIER_REPO"));
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return fail(Status::InvalidArgument("TLS needs both --tls-cert and --tls-key"));
  }
  if (options.threads < 1 || options.threads > 1024)
    return fail(Status::InvalidArgument("--threads must be from 1 to 1024"));
  auto address = ParseListen(options.listen);
  if (!address.ok()) return fail(address.status());
  auto repo = Repository::Open(options.repo, options.open);
  if (!repo.ok()) return fail(repo.status());
  auto config = LoadServerConfig(**repo);
  if (!config.ok()) return fail(config.status());

  // SIGTERM and SIGINT are taken by sigwait below, never by a worker thread:
  // blocked here, before any thread starts, so every thread inherits it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client gone mid-answer is an error to handle, not a death

  // glibc gives threads up to 8 malloc arenas per core, each keeping what
  // its threads freed: with 32 request threads that held 70 MB more at the
  // peak than two arenas per core. One per core was leaner still, but the
  // searches running at once (limits.concurrent_searches) then queued on
  // the arenas' locks: 275 searches/s against 311 with two (bench/server).
  // MALLOC_ARENA_MAX in the environment still decides, when set.
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) {
    mallopt(M_ARENA_MAX, static_cast<int>(2 * std::max(1u, std::thread::hardware_concurrency())));
  }
  // A fixed threshold above which blocks are mapped and given back when
  // freed: glibc's own moves up to 32 MB after the first such free, and the
  // search's large buffers (FTS5's position lists) then stayed in the
  // arenas. Peak memory under search load 146 -> 104 MB, same speed.
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") == nullptr) mallopt(M_MMAP_THRESHOLD, 256 * 1024);

  Shared shared;
  shared.repo = repo->get();
  shared.config = *config;
  shared.config.tls = !options.tls_cert.empty();
  shared.log = &log;
  AddSessionRoutes(shared.router);
  AddDocumentRoutes(shared.router);
  AddWorkflowRoutes(shared.router);
  AddSearchRoutes(shared.router);
  AddAdminRoutes(shared.router);
  AddRegisterRoutes(shared.router);
  AddRetentionRoutes(shared.router);
  AddDisposalRoutes(shared.router);
  AddRenderRoutes(shared.router);
  AddPackageRoutes(shared.router);
  AddOpenApiRoute(shared.router);
  shared.plugins = LoadPlugins(options.plugin_folders);
  shared.search_gate = std::make_unique<Gate>(shared.config.concurrent_searches);
  std::unique_ptr<CheckpointSchedule> checkpoints;
  if (!shared.config.checkpoint_to.empty()) {
    checkpoints = std::make_unique<CheckpointSchedule>(
        **repo, shared.config.checkpoint_to, shared.config.checkpoint_every,
        [&shared](const std::string& line) {
          std::lock_guard<std::mutex> lock(shared.log_mutex);
          *shared.log << line << "\n" << std::flush;
        });
    if (Status s = checkpoints->Start(); !s.ok()) return fail(s);
  }

  try {
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    if (shared.config.tls) {
      Poco::Net::initializeSSL();
      Poco::Net::Context::Ptr context =
          new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.tls_key,
                                 options.tls_cert, "", Poco::Net::Context::VERIFY_NONE);
      context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                Poco::Net::Context::PROTO_TLSV1 |
                                Poco::Net::Context::PROTO_TLSV1_1);
      socket = std::make_unique<Poco::Net::SecureServerSocket>(*address, 64, context);
    } else {
      socket = std::make_unique<Poco::Net::ServerSocket>(*address, 64);
    }
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams();
    params->setMaxThreads(options.threads);
    params->setMaxQueued(std::max(1, shared.config.max_connections - options.threads));
    params->setTimeout(Poco::Timespan(shared.config.timeout_seconds, 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(std::min(15, shared.config.timeout_seconds), 0));
    params->setMaxKeepAliveRequests(10000);
    params->setServerName("dossier");
    Poco::ThreadPool pool(2, options.threads);
    Poco::Net::HTTPServer http(new Factory(shared), pool, *socket, params);
    http.start();
    std::string scheme = shared.config.tls ? "https" : "http";
    log << "dossier: serving " << (*repo)->root().string() << " on " << scheme << "://"
        << socket->address().toString() << "/ (" << options.threads << " threads)\n"
        << std::flush;
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    log << "dossier: " << (signal_number == SIGTERM ? "SIGTERM" : "SIGINT")
        << ": finishing the requests in flight, refusing new ones\n"
        << std::flush;
    http.stopAll(false);
    pool.joinAll();
    log << "dossier: stopped\n" << std::flush;
  } catch (const Poco::Exception& e) {
    log << "dossier: the server failed: " << e.displayText() << "\n";
    return 3;
  }
  return 0;
}

}  // namespace dossier::server
