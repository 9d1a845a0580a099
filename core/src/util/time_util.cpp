#include "util/time_util.h"

#include <cstdio>
#include <ctime>

#include "dossier/clock.h"

namespace dossier {

namespace {
class WallClock : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};
}  // namespace

std::shared_ptr<Clock> SystemClock() {
  static const auto kClock = std::make_shared<WallClock>();
  return kClock;
}

namespace {
std::string NowUtc(const char* format) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}
}  // namespace

std::string NowUtcIso() { return NowUtc("%Y-%m-%dT%H:%M:%SZ"); }

std::string FormatLocalTime(const std::string& iso_utc, bool seconds) {
  std::tm utc{};
  const char* rest = ::strptime(iso_utc.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
  if (rest == nullptr) return iso_utc;
  std::time_t t = ::timegm(&utc);
  std::tm local{};
  ::localtime_r(&t, &local);
  char text[40];
  std::strftime(text, sizeof text, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &local);
  long offset = local.tm_gmtoff;
  int minutes = static_cast<int>((offset < 0 ? -offset : offset) / 60) %
                (24 * 60);  // a zone is less than a day off UTC
  char zone[16];
  std::snprintf(zone, sizeof zone, " %c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60,
                minutes % 60);
  return std::string(text) + zone;
}

std::string NowLocalMinutes() { return FormatLocalTime(NowUtcIso()); }

std::string FormatIsoUtc(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

int YearOf(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&secs, &tm);
  return tm.tm_year + 1900;
}

std::string LocalDate(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&secs, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::optional<std::chrono::system_clock::time_point> ParseIsoUtc(std::string_view text) {
  std::tm tm{};
  int ms = 0;
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t secs = timegm(&tm);
  return std::chrono::system_clock::from_time_t(secs) + std::chrono::milliseconds(ms);
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  std::chrono::year_month_day ymd{
      std::chrono::year{std::stoi(std::string(s.substr(0, 4)))},
      std::chrono::month{static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))))},
      std::chrono::day{static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))))}};
  return ymd.ok();
}

}  // namespace dossier
