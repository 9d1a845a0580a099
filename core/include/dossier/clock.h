// The clock the core reads, behind an interface so tests can fix the time.
//
// Implementations must be thread-safe.
#ifndef DOSSIER_CLOCK_H_
#define DOSSIER_CLOCK_H_

#include <chrono>
#include <memory>

namespace dossier {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

/// The system's wall clock.
std::shared_ptr<Clock> SystemClock();

}  // namespace dossier

#endif  // DOSSIER_CLOCK_H_
