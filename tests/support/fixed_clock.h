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
  explicit FixedClock(std::chrono::system_clock::time_point t) : t_(t) {}
  std::chrono::system_clock::time_point Now() const override { return t_; }
  void Set(std::chrono::system_clock::time_point t) { t_ = t; }
  void Advance(std::chrono::hours h) { t_ += h; }

 private:
  std::chrono::system_clock::time_point t_;
};

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SUPPORT_FIXED_CLOCK_H_
