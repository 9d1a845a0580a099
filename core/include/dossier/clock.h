// The clock the core reads, behind an interface so tests can fix the time.
//
// Implementations must be thread-safe.
#ifndef DOSSIER_CLOCK_H_
#define DOSSIER_CLOCK_H_

#include <chrono>
#include <memory>
#include <string>

namespace dossier {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

/// The system's wall clock.
std::shared_ptr<Clock> SystemClock();

/// "2026-11-23 14:05 UTC": when an export was made, for its watermark.
std::string NowUtcMinutes();
/// "2026-11-23T14:05:09Z": the same in ISO 8601, for records.
std::string NowUtcIso();

}  // namespace dossier

#endif  // DOSSIER_CLOCK_H_
