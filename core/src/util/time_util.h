// Time formatting. The catalog stores UTC instants as ISO 8601 text with
// milliseconds ("2026-11-23T08:15:02.123Z"), which sorts as it reads.
#ifndef DOSSIER_UTIL_TIME_UTIL_H_
#define DOSSIER_UTIL_TIME_UTIL_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dossier {

std::string FormatIsoUtc(std::chrono::system_clock::time_point t);
/// The calendar year in the process's time zone (the repository's): a number
/// registered at 01:00 Beijing time on 1 January carries the new year.
int YearOf(std::chrono::system_clock::time_point t);
/// The calendar date (YYYY-MM-DD) in the machine's local time zone: due
/// dates are local dates.
std::string LocalDate(std::chrono::system_clock::time_point t);
/// The instant of a timestamp written by FormatIsoUtc; nullopt if malformed.
std::optional<std::chrono::system_clock::time_point> ParseIsoUtc(std::string_view text);
/// True for a valid calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view text);

}  // namespace dossier

#endif  // DOSSIER_UTIL_TIME_UTIL_H_
