#include "repository/locale_config.h"

#include "repository/repository_impl.h"
#include "util/json_util.h"

namespace dossier {

namespace {

constexpr const char* kZoneInfo = "/usr/share/zoneinfo";

bool LooksLikeZoneName(const std::string& zone) {
  if (zone.empty() || zone.front() == '/' || zone.find("..") != std::string::npos) return false;
  for (char c : zone) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<std::string> LoadTimeZone(const std::filesystem::path& config_dir) {
  auto path = config_dir / "locale.json";
  auto text = ReadConfigOrDefault(config_dir, "locale.json");
  if (!text.ok()) return text.status();
  auto obj = ParseJsonObject(*text, path.string());
  if (!obj.ok()) return obj.status();
  std::string zone = (*obj)->optValue<std::string>("time_zone", "");
  std::error_code ec;
  if (!LooksLikeZoneName(zone) ||
      !std::filesystem::is_regular_file(std::filesystem::path(kZoneInfo) / zone, ec)) {
    return Status::InvalidArgument(path.string() + ": time_zone '" + zone +
                                   "' is not a time zone (a name under " + kZoneInfo +
                                   ", such as Asia/Shanghai)");
  }
  return zone;
}

}  // namespace dossier
