// One request and its answer, as a route's handler sees them: the path's
// parameters, the query, the body, the acting user, and ways to answer in
// JSON or with a file. Errors are answered as
// {"error": {"code", "message", "field"}} with the status that fits.
#ifndef DOSSIER_SERVER_EXCHANGE_H_
#define DOSSIER_SERVER_EXCHANGE_H_

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "dossier/repository.h"
#include "server/gate.h"
#include "server/server_config.h"

namespace dossier::server {

class Metrics;
}  // namespace dossier::server
namespace dossier {
struct LoadedPlugins;
}
namespace dossier::server {

/// An HTTP status with the error code clients test for ("not_found").
struct HttpError {
  int status = 500;
  std::string code;
};
/// How a core Status is answered: 400, 401, 403, 404, 409, 429 or 500.
HttpError HttpErrorOf(const Status& status);

class Exchange {
 public:
  Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
           Repository& repo, const ServerConfig& config);

  Poco::Net::HTTPServerRequest& request() { return request_; }
  Poco::Net::HTTPServerResponse& response() { return response_; }
  Repository& repo() { return repo_; }
  const ServerConfig& config() const { return config_; }

  /// The server's counters (for /metrics).
  Metrics* metrics() const { return metrics_; }
  void set_metrics(Metrics* m) { metrics_ = m; }

  /// Searches pass through this gate (limits.concurrent_searches).
  Gate* search_gate() const { return search_gate_; }
  void set_search_gate(Gate* g) { search_gate_ = g; }

  /// The plugins the server loaded at start (render, export, import).
  const LoadedPlugins& plugins() const { return *plugins_; }
  void set_plugins(const LoadedPlugins* p) { plugins_ = p; }

  /// The signed-in user (set once the route's credentials are checked).
  const Actor& actor() const { return credential_.actor; }
  const Credential& credential() const { return credential_; }
  void set_credential(Credential c) {
    credential_ = std::move(c);
    signed_in_ = true;
  }
  bool signed_in() const { return signed_in_; }

  /// A parameter of the route's path ("ref" of /documents/{ref}), decoded.
  const std::string& param(const std::string& name) const;
  void set_params(std::map<std::string, std::string> params) { params_ = std::move(params); }
  /// A path parameter that numbers something ("what": "token", "hold"):
  /// NotFound for anything but a whole number, as for a number nobody has.
  Result<int64_t> NumberParam(const std::string& name, const std::string& what) const;
  /// A query parameter, or nullopt when absent (an empty value is "").
  std::optional<std::string> query(const std::string& name) const;
  /// A whole-number query parameter within [min, max]; `fallback` when absent.
  Result<int64_t> QueryInt(const std::string& name, int64_t fallback, int64_t min,
                           int64_t max) const;

  /// The body as a JSON object (at most the configured max_body_bytes).
  Result<Poco::JSON::Object::Ptr> JsonBody();

  /// Answers with a JSON value (200 unless told).
  Status SendJson(const Poco::Dynamic::Var& value, int status = 200);
  /// Answers 204 No Content.
  Status SendNoContent();
  /// Starts answering with a file of `size` bytes named `name` (UTF-8, RFC
  /// 5987), as an attachment or inline: the whole file (200), or the one
  /// Range asked for (206). Returns the bytes to send next through Write;
  /// a range outside the file is answered 416 here (`sent()` is then true).
  Result<Repository::ByteSpan> BeginFile(uint64_t size, const std::string& name,
                                         const std::string& content_type, bool as_inline);
  /// Sends body bytes after BeginFile; IoError when the client went away.
  Status Write(const char* data, size_t size);
  /// A file the server made (a rendition, an export) as an attachment or
  /// inline, with Range as for stored files.
  Status SendLocalFile(const std::filesystem::path& path, const std::string& name,
                       const std::string& content_type, bool as_inline);
  /// Bytes the server holds (a rendition), likewise.
  Status SendBytes(const std::string& bytes, const std::string& name,
                   const std::string& content_type, bool as_inline);
  /// A stored file of a document (routes: /documents/{ref}/files/{name}).
  Status SendDocumentFile(const std::string& ref, int version, const std::string& name,
                          bool as_inline);
  /// Answers with an error; `field` names the input at fault, when known.
  void SendError(int status, const std::string& code, const std::string& message,
                 const std::string& field = "");
  void SendStatus(const Status& status);

  /// True once a body was refused for its size (answered 413).
  bool body_too_large() const { return body_too_large_; }
  void set_body_too_large() { body_too_large_ = true; }

  /// The client's address (the peer's IP).
  std::string ClientAddress() const;
  bool sent() const { return response_.sent(); }
  /// Bytes of body sent, for the access log.
  uint64_t bytes_sent() const { return bytes_sent_; }
  /// The route's pattern ("/api/v1/documents/{ref}"), for logs and metrics.
  std::string route = "-";

 private:
  Poco::Net::HTTPServerRequest& request_;
  Poco::Net::HTTPServerResponse& response_;
  Repository& repo_;
  const ServerConfig& config_;
  Credential credential_;
  bool signed_in_ = false;
  std::map<std::string, std::string> params_;
  mutable std::optional<std::map<std::string, std::string>> query_;
  uint64_t bytes_sent_ = 0;
  bool body_too_large_ = false;
  std::ostream* body_ = nullptr;
  Poco::Net::StreamSocket* socket_ = nullptr;  // a file's body is written here
  Metrics* metrics_ = nullptr;
  const LoadedPlugins* plugins_ = nullptr;
  Gate* search_gate_ = nullptr;
};

/// The media type of a file by its name's extension.
std::string ContentTypeOf(const std::string& name);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_EXCHANGE_H_
