// 'dossier disposal': destruction lists from the command line. Each
// subcommand calls the core, which holds every rule (roles, sign-offs,
// holds, eligibility); this file only parses and prints.
#ifndef DOSSIER_PLUGINS_DISPOSAL_DISPOSAL_COMMAND_H_
#define DOSSIER_PLUGINS_DISPOSAL_DISPOSAL_COMMAND_H_

#include "dossier/plugin.h"

namespace dossier::disposal {

class DisposalCommand : public PluginCommand {
 public:
  std::string Name() const override { return "disposal"; }
  std::string Summary() const override;
  std::string Help() const override;
  int Run(CommandContext& context, const std::vector<std::string>& args) const override;
};

}  // namespace dossier::disposal

#endif  // DOSSIER_PLUGINS_DISPOSAL_DISPOSAL_COMMAND_H_
