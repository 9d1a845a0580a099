// Entry points of the BagIt plugin (libdossier_bagit.so): archival packages
// out of the repository (export bagit).
#include "dossier/plugin.h"

#include "bag_exporter.h"
#include "bag_importer.h"
#include "dossier/version.h"

namespace dossier::bagit {
namespace {

const DossierPluginInfo kInfo = {"bagit", DOSSIER_VERSION,
                                 "BagIt (RFC 8493) archival packages: folder, zip or tar.gz",
                                 "export:bagit,import:bagit"};

void Register(PluginRegistry& registry) {
  registry.AddExporter(std::make_shared<BagExporter>());
  registry.AddImporter(std::make_shared<BagImporter>());
}

}  // namespace
}  // namespace dossier::bagit

DOSSIER_DECLARE_PLUGIN(&dossier::bagit::kInfo, dossier::bagit::Register)
