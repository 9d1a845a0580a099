// Serves the web interface (core/server/web/, embedded) for every path the
// API does not own: its files by name, and index.html for a page's path
// (/documents/HT-2026-…), where the page's script takes over.
#ifndef DOSSIER_SERVER_WEB_HANDLER_H_
#define DOSSIER_SERVER_WEB_HANDLER_H_

#include <Poco/Net/HTTPRequestHandler.h>

#include <functional>
#include <string>

namespace dossier::server {

class WebHandler : public Poco::Net::HTTPRequestHandler {
 public:
  /// `log_request(method, path, status, bytes, ms)` writes the access log line.
  using LogRequest =
      std::function<void(const std::string&, const std::string&, int, size_t, double)>;
  explicit WebHandler(LogRequest log_request) : log_request_(std::move(log_request)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  LogRequest log_request_;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_WEB_HANDLER_H_
