// Entry points of the disposal plugin (libdossier_disposal.so).
#include "dossier/plugin.h"

#include "disposal_command.h"
#include "dossier/version.h"

namespace dossier::disposal {

namespace {

const DossierPluginInfo kInfo = {
    "disposal", DOSSIER_VERSION,
    "Destruction lists (销毁清册): propose, sign, execute; the daily schedule", "command:disposal"};

void Register(PluginRegistry& registry) {
  registry.AddCommand(std::make_shared<DisposalCommand>());
}

}  // namespace

}  // namespace dossier::disposal

DOSSIER_DECLARE_PLUGIN(&dossier::disposal::kInfo, dossier::disposal::Register)
