// An example plugin: `dossier tally` counts the documents the acting user may
// see, by type and status. It goes through the Repository, so every rule of the
// core holds: a user is never told of a document above their clearance.
#include <map>
#include <utility>

#include "dossier/plugin.h"
#include "dossier/version.h"

namespace {

class TallyCommand : public dossier::PluginCommand {
 public:
  std::string Name() const override { return "tally"; }
  std::string Summary() const override {
    return "Count the documents you may see, by type and status";
  }
  std::string Help() const override {
    return "Usage: dossier tally\n\nCounts the documents you may see, by type and status.\n";
  }

  int Run(dossier::CommandContext& context, const std::vector<std::string>& args) const override {
    if (!args.empty()) {
      *context.err << "dossier tally: takes no arguments (got '" << args.front() << "')\n";
      return 1;
    }
    auto documents = context.repo->List(context.actor, dossier::ListFilter{});
    if (!documents.ok()) {
      *context.err << "dossier tally: " << documents.status().message() << "\n";
      return documents.status().ExitCode();
    }
    std::map<std::pair<std::string, std::string>, int> counts;
    for (const auto& d : *documents) ++counts[{d.type, d.status}];
    for (const auto& [key, count] : counts)
      *context.out << key.first << "\t" << key.second << "\t" << count << "\n";
    *context.out << "total\t\t" << documents->size() << "\n";
    return 0;
  }
};

const DossierPluginInfo kInfo = {"tally", "1.0.0 (built against Dossier " DOSSIER_VERSION ")",
                                 "Counts the documents you may see, by type and status",
                                 "command:tally"};

void Register(dossier::PluginRegistry& registry) {
  registry.AddCommand(std::make_shared<TallyCommand>());
}

}  // namespace

DOSSIER_DECLARE_PLUGIN(&kInfo, Register)
