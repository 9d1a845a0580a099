#include "cli/local_time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "dossier/clock.h"

namespace dossier::cli {

namespace {

std::string& Zone() {
  static std::string zone;
  return zone;
}

}  // namespace

void UseTimeZone(const std::string& zone) {
  const char* tz = std::getenv("TZ");
  if (tz != nullptr && *tz != '\0') {
    Zone() = tz[0] == ':' ? tz + 1 : tz;
  } else {
    ::setenv("TZ", zone.c_str(), 1);
    Zone() = zone;
  }
  ::tzset();
}

std::string ShownTimeZone() { return Zone().empty() ? "UTC" : Zone(); }

std::string LocalTime(const std::string& iso_utc, bool seconds) {
  return FormatLocalTime(iso_utc, seconds);
}

std::string LocalDate(const std::string& iso_utc) {
  if (iso_utc.empty()) return "";
  std::string local = LocalTime(iso_utc);
  return local == iso_utc ? iso_utc.substr(0, 10) : local.substr(0, 10);
}

}  // namespace dossier::cli
