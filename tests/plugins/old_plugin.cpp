// A plugin that claims another plugin API version: the host must refuse it
// before calling anything else in it.
#include <cstdint>
#include <cstdlib>

#include "dossier/plugin.h"

extern "C" __attribute__((visibility("default"))) uint32_t dossier_plugin_api_version(void) {
  return 999;
}

// Never reached: calling it would abort the test.
extern "C" __attribute__((visibility("default"))) const DossierPluginInfo* dossier_plugin_info(
    void) {
  std::abort();
}
