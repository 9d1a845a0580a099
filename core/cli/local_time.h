// Times as people read them: stored in UTC (2026-12-07T08:18:49.418Z), shown
// in the repository's time zone (config/locale.json, Asia/Shanghai by
// default) unless the user's TZ says otherwise: 2026-12-07 16:18 +08:00.
#ifndef DOSSIER_CLI_LOCAL_TIME_H_
#define DOSSIER_CLI_LOCAL_TIME_H_

#include <string>

namespace dossier::cli {

/// Makes `zone` the process's time zone unless TZ is set (and not empty):
/// what is shown, and what "today" is, follow it. Call before any thread starts.
void UseTimeZone(const std::string& zone);

/// The zone times are shown in: TZ, or the one UseTimeZone set ("UTC" before).
std::string ShownTimeZone();

/// "2026-12-07 16:18 +08:00" for "2026-12-07T08:18:49.418Z" (with `seconds`,
/// "2026-12-07 16:18:49 +08:00"); text that is no such time, as it is.
std::string LocalTime(const std::string& iso_utc, bool seconds = false);

/// The local day of that time, "2026-12-07"; "" for "".
std::string LocalDate(const std::string& iso_utc);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_LOCAL_TIME_H_
