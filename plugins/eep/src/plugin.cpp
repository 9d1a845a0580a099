// Entry points of the EEP plugin (libdossier_eep.so): DA/T 48-2009 style
// electronic records encapsulation packages.
#include "dossier/plugin.h"

#include "dossier/version.h"
#include "eep_exporter.h"

namespace dossier::eep {
namespace {

const DossierPluginInfo kInfo = {"eep", DOSSIER_VERSION,
                                 "DA/T 48-2009 style XML encapsulation packages (电子文件封装包)",
                                 "export:eep"};

void Register(PluginRegistry& registry) { registry.AddExporter(std::make_shared<EepExporter>()); }

}  // namespace
}  // namespace dossier::eep

DOSSIER_DECLARE_PLUGIN(&dossier::eep::kInfo, dossier::eep::Register)
