// The repository's time zone (config/locale.json): times are stored in UTC
// and shown, and "today" judged, in this zone.
#ifndef DOSSIER_REPOSITORY_LOCALE_CONFIG_H_
#define DOSSIER_REPOSITORY_LOCALE_CONFIG_H_

#include <filesystem>
#include <string>

#include "dossier/status.h"

namespace dossier {

/// The IANA zone of config/locale.json (default Asia/Shanghai when the file
/// is absent), refused naming the file when it is no zone this machine has.
Result<std::string> LoadTimeZone(const std::filesystem::path& config_dir);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_LOCALE_CONFIG_H_
