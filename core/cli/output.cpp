#include "cli/output.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <sstream>

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

void PrintLifecycle(std::ostream& out, const LifecycleState& life) {
  if (life.workflow.empty()) return;
  out << "  state:           " << life.state_name_zh << " (" << life.state << ")" << (life.frozen ? ", content frozen" : "")
      << "\n";
  std::string actions;
  for (const auto& a : life.actions) actions += (actions.empty() ? "" : ", ") + a;
  out << "  you may:         " << (actions.empty() ? "nothing now" : actions) << "\n";
  if (!life.awaiting.empty()) {
    std::string roles;
    for (const auto& r : life.awaiting) roles += (roles.empty() ? "" : ", ") + r;
    out << "  awaiting:        " << roles << "\n";
  }
  if (life.steps.empty()) return;
  out << "  trail:\n";
  for (const auto& s : life.steps) {
    out << "    " << s.at << "  " << s.actor << " (" << s.role << ")  " << s.action << "  " << s.from_state << " -> "
        << s.to_state << (s.comment.empty() ? "" : "  「" + s.comment + "」") << "\n";
  }
}

void PrintJson(std::ostream& out, const Poco::Dynamic::Var& value) {
  Poco::JSON::Stringifier::stringify(value, out, 2, -1, Poco::JSON_WRAP_STRINGS);
  out << "\n";
}


}  // namespace dossier::cli

namespace dossier::cli {

ProgressFn TerminalProgress(const std::string& command) {
  if (::isatty(STDERR_FILENO) == 0) return nullptr;
  return [command](const std::string& phase, int64_t done, int64_t total) {
    if (total > 0) {
      std::fprintf(stderr, "\r  %s: %s %lld/%lld   ", command.c_str(), phase.c_str(), static_cast<long long>(done),
                   static_cast<long long>(total));
    } else {
      std::fprintf(stderr, "\r  %s: %s %lld          ", command.c_str(), phase.c_str(), static_cast<long long>(done));
    }
    std::fflush(stderr);
  };
}

void ClearProgress(const ProgressFn& progress) {
  if (progress) std::fprintf(stderr, "\r%60s\r", "");
}

Result<std::vector<MetadataAssignment>> ParseSets(const std::vector<std::string>& sets) {
  std::vector<MetadataAssignment> out;
  for (const auto& s : sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument("--set '" + s + "': expected key=value (text) or key:=json (number, list...)");
    }
    MetadataAssignment a;
    a.raw_json = s[eq - 1] == ':';
    a.path = s.substr(0, a.raw_json ? eq - 1 : eq);
    a.value = s.substr(eq + 1);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace dossier::cli
