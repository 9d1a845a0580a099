// A clock the test sets, so that due dates and overdue items need no waiting.
#ifndef DOSSIER_TESTS_SUPPORT_FIXED_CLOCK_H_
#define DOSSIER_TESTS_SUPPORT_FIXED_CLOCK_H_

#include <chrono>

#include "dossier/clock.h"

namespace dossier::testing {

/// Noon (UTC) of a calendar day: the same local date in China and in UTC.
inline std::chrono::system_clock::time_point Noon(int year, unsigned month, unsigned day) {
  return std::chrono::sys_days{std::chrono::year{year} / month / day} + std::chrono::hours{12};
}

class FixedClock : public Clock {
 public:
  /// With a `tick`, each reading advances the clock by it, so that things
  /// done one after another are ordered in time as they would be for real.
  explicit FixedClock(std::chrono::system_clock::time_point t,
                      std::chrono::seconds tick = std::chrono::seconds{0})
      : t_(t), tick_(tick) {}
  std::chrono::system_clock::time_point Now() const override {
    auto now = t_;
    t_ += tick_;
    return now;
  }
  void Set(std::chrono::system_clock::time_point t) { t_ = t; }
  void Advance(std::chrono::hours h) { t_ += h; }

 private:
  mutable std::chrono::system_clock::time_point t_;
  std::chrono::seconds tick_;
};

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SUPPORT_FIXED_CLOCK_H_
