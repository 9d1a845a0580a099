// A minimal plugin for the loader's tests: built against the current API.
#include "dossier/plugin.h"

namespace {
const DossierPluginInfo kInfo = {"testgood", "1.0", "test fixture plugin", "test"};

void Register(dossier::PluginRegistry&) {}
}  // namespace

DOSSIER_DECLARE_PLUGIN(&kInfo, Register)
