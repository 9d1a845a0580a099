#include "server/metrics.h"

#include <sstream>

namespace dossier::server {

namespace {

// A label value as the text format writes it: \, " and newline escaped.
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::Record(const std::string& method, const std::string& route, int status,
                     double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.total;
  h.sum += seconds;
}

std::string Metrics::Render(int64_t open_sessions) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::ostringstream out;
  out << "# HELP dossier_http_requests_total Requests answered, by method, route and status.\n"
      << "# TYPE dossier_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out << "dossier_http_requests_total{method=\"" << Label(method) << "\",route=\"" << Label(route)
        << "\",status=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP dossier_http_request_duration_seconds Time from a request's headers to its "
         "answer, by route.\n"
      << "# TYPE dossier_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string r = Label(route);
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "dossier_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\""
          << kBuckets[i] << "\"} " << h.counts[i] << "\n";
    }
    out << "dossier_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"+Inf\"} "
        << h.total << "\n"
        << "dossier_http_request_duration_seconds_sum{route=\"" << r << "\"} " << h.sum << "\n"
        << "dossier_http_request_duration_seconds_count{route=\"" << r << "\"} " << h.total << "\n";
  }
  out << "# HELP dossier_sessions_open Sign-in sessions not yet ended or expired.\n"
      << "# TYPE dossier_sessions_open gauge\n"
      << "dossier_sessions_open " << open_sessions << "\n"
      << "# HELP dossier_sign_in_failures_total Sign-ins refused: wrong name or password, or "
         "locked out.\n"
      << "# TYPE dossier_sign_in_failures_total counter\n"
      << "dossier_sign_in_failures_total " << failed_sign_ins_ << "\n";
  return out.str();
}

}  // namespace dossier::server
