#include "util/crash_point.h"

#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace dossier {

namespace {

struct Target {
  std::string name;  // "" for any point
  long at = 0;       // 0: never
};

const Target& TargetFromEnvironment() {
  static const Target target = [] {
    Target t;
    const char* v = std::getenv("DOSSIER_CRASH_AT");
    if (v == nullptr || *v == '\0') return t;
    std::string spec = v;
    auto colon = spec.rfind(':');
    if (colon != std::string::npos) {
      t.name = spec.substr(0, colon);
      spec = spec.substr(colon + 1);
    }
    t.at = std::strtol(spec.c_str(), nullptr, 10);
    return t;
  }();
  return target;
}

std::atomic<long> reached{0};

}  // namespace

void CrashPoint(const char* name) {
  const Target& t = TargetFromEnvironment();
  if (t.at <= 0 || (!t.name.empty() && t.name != name)) return;
  if (++reached == t.at) ::raise(SIGKILL);
}

}  // namespace dossier
