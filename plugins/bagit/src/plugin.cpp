// Entry points of the BagIt plugin (libdossier_bagit.so): archival packages
// out of the repository (export bagit).
#include "bag_exporter.h"
#include "dossier/plugin.h"

namespace dossier::bagit {
namespace {

const DossierPluginInfo kInfo = {"bagit", "0.1.0", "BagIt (RFC 8493) archival packages: folder, zip or tar.gz",
                                 "export:bagit"};

void Register(PluginRegistry& registry) { registry.AddExporter(std::make_shared<BagExporter>()); }

}  // namespace
}  // namespace dossier::bagit

DOSSIER_DECLARE_PLUGIN(&dossier::bagit::kInfo, dossier::bagit::Register)
