#include "server/web_handler.h"

#include <Poco/DeflatingStream.h>
#include <Poco/DigestEngine.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/SHA1Engine.h>
#include <Poco/URI.h>

#include <chrono>
#include <map>
#include <sstream>

#include "server/web_assets.h"

namespace dossier::server {

namespace {

// One file ready to send: its type, the bytes plain and gzipped (browsers
// all take gzip; the ES modules shrink to about a quarter), and an ETag so a
// reload costs a 304.
struct Asset {
  std::string content_type;
  std::string_view plain;
  std::string gzipped;
  std::string etag;
};

std::string ContentType(std::string_view path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".json")) return "application/json";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string Gzip(std::string_view data) {
  std::ostringstream out;
  Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 9);
  deflate.write(data.data(), static_cast<std::streamsize>(data.size()));
  deflate.close();
  return out.str();
}

// Built once, on the first request: the files never change while the binary runs.
const std::map<std::string, Asset>& Assets() {
  static const std::map<std::string, Asset> kAssets = [] {
    std::map<std::string, Asset> out;
    for (const auto& r : web_assets::All()) {
      Asset a;
      a.content_type = ContentType(r.path);
      a.plain = r.data;
      a.gzipped = Gzip(r.data);
      Poco::SHA1Engine sha1;
      sha1.update(r.data.data(), static_cast<unsigned>(r.data.size()));
      a.etag = "\"" + Poco::DigestEngine::digestToHex(sha1.digest()).substr(0, 20) + "\"";
      out.emplace("/" + std::string(r.path), std::move(a));
    }
    return out;
  }();
  return kAssets;
}

// A page's path (no file extension in its last segment) is the application's
// to show: it gets index.html. A missing file is a 404.
const Asset* Find(const std::string& path) {
  const auto& assets = Assets();
  auto it = assets.find(path);
  if (it != assets.end()) return &it->second;
  auto slash = path.rfind('/');
  if (path.find('.', slash == std::string::npos ? 0 : slash) != std::string::npos) return nullptr;
  it = assets.find("/index.html");
  return it == assets.end() ? nullptr : &it->second;
}

bool AcceptsGzip(const Poco::Net::HTTPServerRequest& request) {
  return request.get("Accept-Encoding", "").find("gzip") != std::string::npos;
}

}  // namespace

void WebHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  auto start = std::chrono::steady_clock::now();
  std::string path = Poco::URI(request.getURI()).getPath();
  // The pages' scripts and styles come from this server alone: no inline
  // script, no other origin. PDFs of the API are shown in a frame of ours.
  response.set("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "object-src 'none'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  size_t bytes = 0;
  const std::string& method = request.getMethod();
  const Asset* asset = Find(path);
  if (method != "GET" && method != "HEAD") {
    response.set("Allow", "GET, HEAD");
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED);
    response.setContentLength(0);
    response.send();
  } else if (asset == nullptr) {
    static const std::string kMissing = "no such file\n";
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
    response.setContentType("text/plain; charset=utf-8");
    response.sendBuffer(kMissing.data(), kMissing.size());
    bytes = kMissing.size();
  } else {
    // Revalidated on every load (no-cache): a new binary's pages are seen at once.
    response.set("Cache-Control", "no-cache");
    response.set("ETag", asset->etag);
    response.set("Vary", "Accept-Encoding");
    response.setContentType(asset->content_type);
    if (request.get("If-None-Match", "") == asset->etag) {
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
      response.setContentLength(0);
      response.send();
    } else {
      bool gzip = AcceptsGzip(request);
      std::string_view body = gzip ? std::string_view(asset->gzipped) : asset->plain;
      if (gzip) response.set("Content-Encoding", "gzip");
      if (method == "HEAD") {
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send();
      } else {
        response.sendBuffer(body.data(), body.size());
        bytes = body.size();
      }
    }
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (log_request_) log_request_(method, path, static_cast<int>(response.getStatus()), bytes, ms);
}

}  // namespace dossier::server
