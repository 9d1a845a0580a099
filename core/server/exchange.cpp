#include "server/exchange.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

#include "dossier/json_input.h"
#include "dossier/messages.h"

namespace dossier::server {

using Poco::Net::HTTPResponse;

HttpError HttpErrorOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return {200, "ok"};
    case StatusCode::kInvalidArgument:
      return {400, "invalid_argument"};
    case StatusCode::kNotFound:
      return {404, "not_found"};
    case StatusCode::kPermissionDenied:
      return {403, "forbidden"};
    case StatusCode::kAlreadyExists:
      return {409, "already_exists"};
    case StatusCode::kConflict:
      return {409, "conflict"};
    case StatusCode::kUnauthenticated:
      return {401, "unauthenticated"};
    case StatusCode::kTooManyAttempts:
      return {429, "too_many_attempts"};
    case StatusCode::kSchemaViolation:
      return {422, "invalid_metadata"};
    case StatusCode::kCorruption:
      return {500, "corruption"};
    case StatusCode::kIoError:
      return {500, "io_error"};
    case StatusCode::kInternal:
      return {500, "internal"};
  }
  return {500, "internal"};
}

namespace {

std::string PercentEncode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The name as plain ASCII for old clients: other bytes become '_'.
std::string AsciiFallback(const std::string& name) {
  std::string out;
  for (unsigned char c : name)
    out += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
  return out;
}

struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
};

// One range of "bytes=a-b", "bytes=a-" or "bytes=-n" within `size`;
// nullopt when unsatisfiable or malformed (several ranges: the whole file).
std::optional<ByteRange> ParseRange(const std::string& header, uint64_t size, bool* unsatisfiable) {
  *unsatisfiable = false;
  if (header.rfind("bytes=", 0) != 0 || header.find(',') != std::string::npos) return std::nullopt;
  std::string spec = header.substr(6);
  auto dash = spec.find('-');
  if (dash == std::string::npos) return std::nullopt;
  std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() < 20 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (a.empty()) {
    if (!digits(b)) return std::nullopt;
    uint64_t n = std::stoull(b);
    if (n == 0 || size == 0) {
      *unsatisfiable = true;
      return std::nullopt;
    }
    return ByteRange{size - std::min<uint64_t>(n, size), size - 1};
  }
  if (!digits(a) || (!b.empty() && !digits(b))) return std::nullopt;
  uint64_t first = std::stoull(a);
  uint64_t last = b.empty() ? size - 1 : std::min<uint64_t>(std::stoull(b), size - 1);
  if (first >= size || (!b.empty() && std::stoull(b) < first)) {
    *unsatisfiable = true;
    return std::nullopt;
  }
  return ByteRange{first, last};
}

}  // namespace

Exchange::Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                   Repository& repo, const ServerConfig& config)
    : request_(request), response_(response), repo_(repo), config_(config) {}

const std::string& Exchange::param(const std::string& name) const {
  static const std::string empty;
  auto it = params_.find(name);
  return it == params_.end() ? empty : it->second;
}

Result<int64_t> Exchange::NumberParam(const std::string& name, const std::string& what) const {
  const std::string& text = param(name);
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::NotFound("no " + what + " " + text);
  }
  return std::stoll(text);
}

std::optional<std::string> Exchange::query(const std::string& name) const {
  if (!query_) {
    query_.emplace();
    Poco::URI uri(request_.getURI());
    for (const auto& [key, value] : uri.getQueryParameters()) query_->emplace(key, value);
  }
  auto it = query_->find(name);
  if (it == query_->end()) return std::nullopt;
  return it->second;
}

Result<int64_t> Exchange::QueryInt(const std::string& name, int64_t fallback, int64_t min,
                                   int64_t max) const {
  auto text = query(name);
  if (!text) return fallback;
  if (text->empty() || text->size() > 18 ||
      text->find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument(name + " '" + *text + "' is not a whole number");
  }
  int64_t n = std::stoll(*text);
  if (n < min || n > max) {
    return Status::InvalidArgument(name + " must be from " + std::to_string(min) + " to " +
                                   std::to_string(max));
  }
  return n;
}

Result<Poco::JSON::Object::Ptr> Exchange::JsonBody() {
  if (request_.hasContentLength() &&
      static_cast<uint64_t>(request_.getContentLength64()) > config_.max_body_bytes) {
    body_too_large_ = true;
    return Status::InvalidArgument("the body is larger than " +
                                   std::to_string(config_.max_body_bytes) + " bytes");
  }
  std::string body;
  char buf[8192];
  auto& in = request_.stream();
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    body.append(buf, static_cast<size_t>(in.gcount()));
    if (body.size() > config_.max_body_bytes) {
      body_too_large_ = true;
      return Status::InvalidArgument("the body is larger than " +
                                     std::to_string(config_.max_body_bytes) + " bytes");
    }
  }
  if (body.empty()) return Status::InvalidArgument("the request has no JSON body");
  return ParseJsonObject(body, "the body");
}

Status Exchange::SendJson(const Poco::Dynamic::Var& value, int status) {
  std::ostringstream text;
  Poco::JSON::Stringifier::condense(value, text);
  std::string body = text.str();
  response_.setStatus(static_cast<HTTPResponse::HTTPStatus>(status));
  response_.setContentType("application/json; charset=utf-8");
  response_.setContentLength64(static_cast<Poco::Int64>(body.size()));
  response_.send().write(body.data(), static_cast<std::streamsize>(body.size()));
  bytes_sent_ = body.size();
  return Status::Ok();
}

Status Exchange::SendNoContent() {
  response_.setStatus(HTTPResponse::HTTP_NO_CONTENT);
  response_.setContentLength(0);
  response_.send();
  return Status::Ok();
}

Result<Repository::ByteSpan> Exchange::BeginFile(uint64_t size, const std::string& name,
                                                 const std::string& content_type, bool as_inline) {
  response_.set("Accept-Ranges", "bytes");
  response_.set("Content-Disposition", std::string(as_inline ? "inline" : "attachment") +
                                           "; filename=\"" + AsciiFallback(name) +
                                           "\"; filename*=UTF-8''" + PercentEncode(name));
  Repository::ByteSpan span{0, size};
  if (request_.has("Range")) {
    bool unsatisfiable = false;
    auto range = ParseRange(request_.get("Range"), size, &unsatisfiable);
    if (unsatisfiable) {
      response_.set("Content-Range", "bytes */" + std::to_string(size));
      SendError(416, "range_not_satisfiable",
                "the range asked for lies outside the file's " + std::to_string(size) + " bytes");
      return span;
    }
    if (range) {
      span = {range->first, range->last - range->first + 1};
      response_.setStatus(HTTPResponse::HTTP_PARTIAL_CONTENT);
      response_.set("Content-Range", "bytes " + std::to_string(range->first) + "-" +
                                         std::to_string(range->last) + "/" + std::to_string(size));
    }
  }
  response_.setContentType(content_type);
  if (as_inline && content_type == "application/pdf") {
    // A PDF shown in the web interface's own preview frame: framed by this
    // origin alone, and still able to load nothing else.
    response_.set("X-Frame-Options", "SAMEORIGIN");
    response_.set("Content-Security-Policy",
                  "default-src 'none'; object-src 'self'; frame-ancestors 'self'");
  }
  response_.setContentLength64(static_cast<Poco::Int64>(span.length));
  body_ = &response_.send();
  // The body goes straight to the socket: Poco's response stream would cut
  // it into 4 KB writes (HTTPBufferAllocator), halving the rate of a download.
  body_->flush();
  socket_ = &static_cast<Poco::Net::HTTPServerRequestImpl&>(request_).socket();
  return span;
}

Status Exchange::Write(const char* data, size_t size) {
  if (socket_ == nullptr) return Status::Internal("Write before BeginFile");
  try {
    while (size > 0) {
      int n = socket_->sendBytes(data, static_cast<int>(std::min<size_t>(size, 1 << 20)));
      if (n <= 0) return Status::IoError("the client went away");
      data += n;
      size -= static_cast<size_t>(n);
      bytes_sent_ += static_cast<uint64_t>(n);
    }
  } catch (const Poco::Exception& e) {
    return Status::IoError("the client went away: " + e.displayText());
  }
  return Status::Ok();
}

std::string ContentTypeOf(const std::string& name) {
  auto dot = name.rfind('.');
  std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "pdf") return "application/pdf";
  if (ext == "txt" || ext == "md" || ext == "csv") return "text/plain; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "docx")
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (ext == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == "zip") return "application/zip";
  if (ext == "gz") return "application/gzip";
  if (ext == "jsonl") return "application/jsonl";
  return "application/octet-stream";
}

Status Exchange::SendBytes(const std::string& bytes, const std::string& name,
                           const std::string& content_type, bool as_inline) {
  auto span = BeginFile(bytes.size(), name, content_type, as_inline);
  if (!span.ok()) return span.status();
  if (socket_ == nullptr) return Status::Ok();  // answered 416
  Status written = Write(bytes.data() + span->offset, span->length);
  return written.ok() ? written
                      : Status::Ok();  // the answer had begun: the client sees a short body
}

Status Exchange::SendLocalFile(const std::filesystem::path& path, const std::string& name,
                               const std::string& content_type, bool as_inline) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (!in || ec)
    return Status::IoError("cannot read " + path.filename().string() + " the server made");
  auto span = BeginFile(size, name, content_type, as_inline);
  if (!span.ok()) return span.status();
  if (socket_ == nullptr) return Status::Ok();  // answered 416
  in.seekg(static_cast<std::streamoff>(span->offset));
  std::vector<char> buffer(1 << 20);
  uint64_t left = span->length;
  while (left > 0 && in) {
    in.read(buffer.data(), static_cast<std::streamsize>(std::min<uint64_t>(left, buffer.size())));
    auto n = static_cast<size_t>(in.gcount());
    if (n == 0 || !Write(buffer.data(), n).ok()) break;  // the client sees a short body
    left -= n;
  }
  return Status::Ok();
}

Status Exchange::SendDocumentFile(const std::string& ref, int version, const std::string& name,
                                  bool as_inline) {
  bool refused = false;
  Status done = repo_.ReadFile(
      actor(), ref, version, name,
      [&](const FileEntry& file) -> Result<Repository::ByteSpan> {
        auto span = BeginFile(file.size, file.name, ContentTypeOf(file.name), as_inline);
        refused = sent() && socket_ == nullptr;  // answered 416
        if (refused) return Status::InvalidArgument("range not satisfiable");
        return span;
      },
      [&](const char* data, size_t size) { return Write(data, size); });
  if (!done.ok() && sent())
    return Status::Ok();  // the answer had begun: the client sees a short body
  return done;
}

void Exchange::SendError(int status, const std::string& code, const std::string& message,
                         const std::string& field) {
  if (response_.sent()) return;
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object();
  error->set("code", code);
  error->set("message", message);
  // Programs match the English; a Chinese reader is shown this.
  if (std::string zh = MessageInChinese(message); !zh.empty()) error->set("message_zh", zh);
  if (!field.empty()) error->set("field", field);
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object();
  body->set("error", error);
  (void)SendJson(body, status);
}

void Exchange::SendStatus(const Status& status) {
  HttpError e = HttpErrorOf(status);
  SendError(e.status, e.code,
            e.status == 500 && status.code() == StatusCode::kInternal ? "internal error"
                                                                      : status.message(),
            status.field());
}

std::string Exchange::ClientAddress() const { return request_.clientAddress().host().toString(); }

}  // namespace dossier::server
