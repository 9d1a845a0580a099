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
  std::string plain;
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

std::string Sha1Hex(std::string_view data) {
  Poco::SHA1Engine sha1;
  sha1.update(data.data(), static_cast<unsigned>(data.size()));
  return Poco::DigestEngine::digestToHex(sha1.digest());
}

Asset MakeAsset(std::string_view path, std::string content) {
  Asset a;
  a.content_type = ContentType(path);
  a.gzipped = Gzip(content);
  a.etag = "\"" + Sha1Hex(content).substr(0, 20) + "\"";
  a.plain = std::move(content);
  return a;
}

void ReplaceOnce(std::string& text, std::string_view from, const std::string& to) {
  auto at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
}

// The files, and their version: one hash of them all. Under /v/VERSION/ a
// file may be cached for a year, since a new binary's files have a new
// version; index.html asks for the script and the stylesheet there.
struct WebFiles {
  std::map<std::string, Asset> assets;
  std::string version;
};

// Built once, on the first request: the files never change while the binary runs.
const WebFiles& Files() {
  static const WebFiles kFiles = [] {
    WebFiles out;
    std::string hashes;
    for (const auto& r : web_assets::All()) {
      std::string path = "/" + std::string(r.path);
      Asset asset = MakeAsset(path, std::string(r.data));
      hashes += asset.etag;  // each file's hash, already taken
      out.assets.emplace(path, std::move(asset));
    }
    out.version = Sha1Hex(hashes).substr(0, 12);
    auto index = out.assets.find("/index.html");
    if (index != out.assets.end()) {
      std::string html = index->second.plain;
      const std::string prefix = "/v/" + out.version;
      ReplaceOnce(html, "href=\"/style.css\"", "href=\"" + prefix + "/style.css\"");
      ReplaceOnce(html, "src=\"/app.js\"", "src=\"" + prefix + "/app.js\"");
      index->second = MakeAsset("/index.html", std::move(html));
    }
    return out;
  }();
  return kFiles;
}

// A page's path (no file extension in its last segment) is the application's
// to show: it gets index.html. A missing file is a 404. A file under
// /v/VERSION/ is the file; `current` says whether VERSION is this binary's.
const Asset* Find(std::string path, bool* current) {
  const auto& files = Files();
  *current = false;
  if (path.rfind("/v/", 0) == 0) {
    auto slash = path.find('/', 3);
    if (slash == std::string::npos) return nullptr;
    *current = path.compare(3, slash - 3, files.version) == 0;
    path = path.substr(slash);
    auto it = files.assets.find(path);
    return it == files.assets.end() || path == "/index.html" ? nullptr : &it->second;
  }
  auto it = files.assets.find(path);
  if (it != files.assets.end()) return &it->second;
  auto slash = path.rfind('/');
  if (path.find('.', slash == std::string::npos ? 0 : slash) != std::string::npos) return nullptr;
  it = files.assets.find("/index.html");
  return it == files.assets.end() ? nullptr : &it->second;
}

bool AcceptsGzip(const Poco::Net::HTTPServerRequest& request) {
  return request.get("Accept-Encoding", "").find("gzip") != std::string::npos;
}

}  // namespace

void WebHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                               Poco::Net::HTTPServerResponse& response) {
  auto start = std::chrono::steady_clock::now();
  std::string path = Poco::URI(request.getURI()).getPath();
  // The pages' scripts and styles come from this server alone: no inline
  // script, no other origin. PDFs of the API are shown in a frame of ours.
  response.set("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "object-src 'none'; frame-src 'self'; base-uri 'none'; form-action 'self'; "
               "frame-ancestors 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  size_t bytes = 0;
  const std::string& method = request.getMethod();
  bool versioned = false;
  const Asset* asset = Find(path, &versioned);
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
    // A file of this version never changes; anything else is revalidated on
    // every load (no-cache), so a new binary's pages are seen at once.
    response.set("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
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
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (log_request_) log_request_(method, path, static_cast<int>(response.getStatus()), bytes, ms);
}

}  // namespace dossier::server
