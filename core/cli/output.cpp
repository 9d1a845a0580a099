#include "cli/output.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <sstream>

#include "cli/local_time.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

void PrintLifecycle(std::ostream& out, const LifecycleState& life, const Names& names,
                    const std::string& type) {
  if (life.workflow.empty()) return;
  out << "  " << names.Field("流程状态", "state") << names.State(type, life.state)
      << (life.frozen ? names.Say("，内容已冻结", ", content frozen") : "") << "\n";
  std::string actions;
  for (const auto& a : life.actions) {
    actions += (actions.empty() ? "" : names.Say("、", ", ")) + names.Action(type, life.state, a);
  }
  out << "  " << names.Field("可办理", "you may")
      << (actions.empty() ? names.Say("目前无", "nothing now") : actions) << "\n";
  if (!life.awaiting.empty()) {
    std::string roles;
    for (const auto& r : life.awaiting) {
      auto role = ParseRole(r);
      roles += (roles.empty() ? "" : names.Say("、", ", ")) + (role ? names.RoleOf(*role) : r);
    }
    out << "  " << names.Field("待会审", "awaiting") << roles << "\n";
  }
  if (life.steps.empty()) return;
  out << "  " << names.Say("审批记录：", "trail:") << "\n";
  for (const auto& s : life.steps) {
    auto role = ParseRole(s.role);
    out << "    " << LocalTime(s.at) << "  " << s.actor << " ("
        << (role ? names.RoleOf(*role) : s.role) << ")  "
        << names.Action(type, s.from_state, s.action) << "  " << names.State(type, s.from_state)
        << " -> " << names.State(type, s.to_state)
        << (s.comment.empty() ? "" : "  「" + s.comment + "」") << "\n";
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
      std::fprintf(stderr, "\r  %s: %s %lld/%lld   ", command.c_str(), phase.c_str(),
                   static_cast<long long>(done), static_cast<long long>(total));
    } else {
      std::fprintf(stderr, "\r  %s: %s %lld          ", command.c_str(), phase.c_str(),
                   static_cast<long long>(done));
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
      return Status::InvalidArgument("--set '" + s +
                                     "': expected key=value (text) or key:=json (number, list...)");
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
