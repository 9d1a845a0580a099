// Counters the server keeps for /metrics (Prometheus text format 0.0.4):
// requests by route, method and status, latency histograms by route, and
// failed sign-ins. Thread-safe.
#ifndef DOSSIER_SERVER_METRICS_H_
#define DOSSIER_SERVER_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace dossier::server {

class Metrics {
 public:
  void Record(const std::string& method, const std::string& route, int status, double seconds);
  void CountFailedSignIn() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++failed_sign_ins_;
  }
  /// The text of /metrics, with the gauge of open sessions given.
  std::string Render(int64_t open_sessions) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   10};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t total = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  uint64_t failed_sign_ins_ = 0;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_METRICS_H_
