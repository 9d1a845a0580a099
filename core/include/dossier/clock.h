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

/// "2026-11-23T14:05:09Z": now in ISO 8601 UTC, for records.
std::string NowUtcIso();

/// Times as people read them. The front ends make the process's zone the
/// repository's (config/locale.json) unless the user's TZ says otherwise, so
/// what is printed matches what is shown; the offset is always written, as a
/// printed page may be read anywhere.
///
/// "2026-11-23 22:05 +08:00" for "2026-11-23T14:05:09.123Z" (with `seconds`,
/// "2026-11-23 22:05:09 +08:00"); text that is no such time, as it is.
std::string FormatLocalTime(const std::string& iso_utc, bool seconds = false);
/// Now, as FormatLocalTime writes it: when an export was made, for its watermark.
std::string NowLocalMinutes();

}  // namespace dossier

#endif  // DOSSIER_CLOCK_H_
