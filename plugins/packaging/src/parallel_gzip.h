// gzip on every core: the stream is cut into 1 MiB chunks, each compressed
// on a worker as a gzip member of its own, and the members are written in
// order. Concatenated members are one valid gzip file (RFC 1952 section
// 2.2), read by gzip, tar, Python and libarchive alike. Memory stays flat:
// at most two chunks per worker are in flight.
#ifndef DOSSIER_PLUGINS_PACKAGING_PARALLEL_GZIP_H_
#define DOSSIER_PLUGINS_PACKAGING_PARALLEL_GZIP_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "dossier/status.h"

namespace dossier::packaging {

class ParallelGzip {
 public:
  /// `out` receives the compressed members in order, on the calling thread.
  ParallelGzip(std::function<Status(std::string_view)> out, int level, unsigned workers);
  ~ParallelGzip();
  ParallelGzip(const ParallelGzip&) = delete;
  ParallelGzip& operator=(const ParallelGzip&) = delete;

  Status Write(std::string_view data);
  /// Compresses what is left and writes every member.
  Status Finish();

 private:
  static constexpr size_t kChunk = 1 << 20;
  void Work();
  Status Submit();
  Status Drain(bool all);

  std::function<Status(std::string_view)> out_;
  int level_;
  size_t max_in_flight_;
  std::string pending_;
  uint64_t next_index_ = 0;  // of the next chunk submitted
  uint64_t next_write_ = 0;  // of the next member written
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable done_ready_;
  std::deque<std::pair<uint64_t, std::string>> jobs_;
  std::map<uint64_t, std::string> done_;
  std::string error_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

/// One gzip member of `data` (used by the workers; exposed for tests).
std::string GzipMember(std::string_view data, int level);

}  // namespace dossier::packaging

#endif  // DOSSIER_PLUGINS_PACKAGING_PARALLEL_GZIP_H_
