// Numbers carry the year they were registered in (HT-2026-SW-0001). Tests
// that register through the real binary, on the real clock, write numbers as
// the user guide does (2026) and read them through ThisYear, so that they keep
// passing after the new year. A 档号 carries the year of its documents' dates
// (Z001-WS·2026-Y-SW-0001 for a contract signed in 2026), and dates in
// metadata are not numbers: both are left as written.
#ifndef DOSSIER_TESTS_SUPPORT_THIS_YEAR_H_
#define DOSSIER_TESTS_SUPPORT_THIS_YEAR_H_

#include <ctime>
#include <regex>
#include <string>

namespace dossier::testing {

/// The current year, UTC (as the core numbers documents).
inline std::string CurrentYear() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return std::to_string(utc.tm_year + 1900);
}

/// `text` with every document number's year 2026 made the current year.
inline std::string ThisYear(const std::string& text) {
  static const std::regex kYearOfNumber("\\b([A-Z]{2})-2026-");
  return std::regex_replace(text, kYearOfNumber,
                            "$1-" + CurrentYear() + "-");  // "$1" + "2027" would read as $12
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SUPPORT_THIS_YEAR_H_
