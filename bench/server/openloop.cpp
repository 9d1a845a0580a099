// An open-loop load generator for bench/server: sends GET requests at a fixed
// rate, whatever the answers do, over keep-alive connections to 127.0.0.1,
// and reports the latency of each counted from the moment it was due (so a
// slow answer also delays what queues behind it: no coordinated omission).
//
//   dossier_openloop PORT PATHS_FILE COOKIE RATE SECONDS [CONNECTIONS]
//
// prints one JSON line: {"sent", "bad", "p50", "p95", "p99", "max"} in ms;
// with OPENLOOP_TRACE=FILE, also each request's due second and latency (to
// see when slow answers came: a stall, or a queue draining).
// In C++ rather than Python so that the generator's own delays, on cores it
// shares with the server, stay far below what it measures.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Nanos = int64_t;

Nanos Now() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<Nanos>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void SleepUntil(Nanos at) {
  timespec ts{static_cast<time_t>(at / 1000000000), static_cast<long>(at % 1000000000)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) != 0) {
  }
}

// One keep-alive connection: sends a request, reads the answer whole.
class Connection {
 public:
  explicit Connection(int port) : port_(port) {}
  ~Connection() { Close(); }

  // The answer's status, or 0 when the connection failed.
  int Get(const std::string& request) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (fd_ < 0 && !Open()) return 0;
      if (Send(request)) {
        int status = ReadAnswer();
        if (status > 0) return status;
      }
      Close();  // the server closed a kept-alive connection: once more on a new one
    }
    return 0;
  }

 private:
  bool Open() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return false;
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      Close();
      return false;
    }
    buffer_.clear();
    return true;
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  bool Send(const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }

  bool Fill() {
    char chunk[65536];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  // Status line, headers, then Content-Length bytes of body (the server
  // always sends one).
  int ReadAnswer() {
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return 0;
    }
    int status = std::atoi(buffer_.c_str() + 9);
    size_t length = 0;
    std::string head = buffer_.substr(0, end);
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
      length = std::strtoull(head.c_str() + at + 17, nullptr, 10);
    }
    size_t total = end + 4 + length;
    while (buffer_.size() < total) {
      if (!Fill()) return 0;
    }
    buffer_.erase(0, total);
    return status;
  }

  int port_;
  int fd_ = -1;
  std::string buffer_;
};

double Percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  double k = (static_cast<double>(sorted.size()) - 1) * p;
  auto lo = static_cast<size_t>(k);
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (k - static_cast<double>(lo));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s PORT PATHS_FILE COOKIE RATE SECONDS [CONNECTIONS]\n", argv[0]);
    return 1;
  }
  int port = std::atoi(argv[1]);
  std::ifstream in(argv[2]);
  std::string cookie = argv[3];
  double rate = std::atof(argv[4]);
  double seconds = std::atof(argv[5]);
  int connections = argc > 6 ? std::atoi(argv[6]) : 32;
  std::vector<std::string> requests;
  for (std::string path; std::getline(in, path);) {
    if (path.empty()) continue;
    requests.push_back("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: dossier_session=" +
                       cookie + "\r\n\r\n");
  }
  if (requests.empty() || rate <= 0 || seconds <= 0 || connections <= 0) {
    std::fprintf(stderr, "no paths, or a rate, time or connection count that is not positive\n");
    return 1;
  }
  auto total = static_cast<int64_t>(rate * seconds);
  std::vector<double> latencies(static_cast<size_t>(total));
  std::atomic<int64_t> next{0}, bad{0};
  Nanos start = Now() + 50000000;  // 50 ms for the threads to start
  auto worker = [&]() {
    Connection connection(port);
    for (int64_t i = next++; i < total; i = next++) {
      Nanos due = start + static_cast<Nanos>(static_cast<double>(i) * 1e9 / rate);
      SleepUntil(due);
      int status = connection.Get(requests[static_cast<size_t>(i) % requests.size()]);
      latencies[static_cast<size_t>(i)] = static_cast<double>(Now() - due) / 1e6;
      if (status != 200) ++bad;
    }
  };
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  std::vector<double> unsorted = latencies;
  std::sort(latencies.begin(), latencies.end());
  if (const char* trace = std::getenv("OPENLOOP_TRACE"); trace != nullptr) {
    // Each request's due time and latency, to see when slow answers come.
    std::ofstream out(trace);
    for (size_t i = 0; i < unsorted.size(); ++i)
      out << static_cast<double>(i) / rate << "\t" << unsorted[i] << "\n";
  }
  std::printf(
      "{\"sent\": %lld, \"bad\": %lld, \"p50\": %.2f, \"p95\": %.2f, \"p99\": %.2f, \"max\": "
      "%.2f}\n",
      static_cast<long long>(total), static_cast<long long>(bad.load()), Percentile(latencies, .5),
      Percentile(latencies, .95), Percentile(latencies, .99),
      latencies.empty() ? 0 : latencies.back());
  return 0;
}
