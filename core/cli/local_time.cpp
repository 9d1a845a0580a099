#include "cli/local_time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

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
  std::tm utc{};
  const char* rest = ::strptime(iso_utc.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
  if (rest == nullptr) return iso_utc;
  std::time_t t = ::timegm(&utc);
  std::tm local{};
  ::localtime_r(&t, &local);
  char text[40];
  std::strftime(text, sizeof text, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &local);
  int minutes = static_cast<int>(std::labs(local.tm_gmtoff) / 60) %
                (24 * 60);  // a zone is less than a day off UTC
  char zone[16];
  std::snprintf(zone, sizeof zone, " %c%02d:%02d", local.tm_gmtoff < 0 ? '-' : '+', minutes / 60,
                minutes % 60);
  return std::string(text) + zone;
}

std::string LocalDate(const std::string& iso_utc) {
  if (iso_utc.empty()) return "";
  std::string local = LocalTime(iso_utc);
  return local == iso_utc ? iso_utc.substr(0, 10) : local.substr(0, 10);
}

}  // namespace dossier::cli
