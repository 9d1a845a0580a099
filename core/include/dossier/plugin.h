// The plugin interface. A plugin is a shared library libdossier_<name>.so,
// found on DOSSIER_PLUGIN_PATH (folders separated by ':') or in the install's
// plugin folder (<prefix>/lib/dossier/plugins, beside the dossier binary's
// ../lib). It exports, as plain C symbols:
//
//   uint32_t dossier_plugin_api_version(void);       // checked before anything else
//   const DossierPluginInfo* dossier_plugin_info(void);
//
// The host checks the API version first and refuses a plugin built for
// another one, naming the file and both versions. Within a major version the
// interface is append-only. A plugin includes only headers from
// core/include/dossier/.
#ifndef DOSSIER_PLUGIN_H_
#define DOSSIER_PLUGIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dossier/status.h"

/// The plugin API this core speaks. Bump on any incompatible change.
#define DOSSIER_PLUGIN_API_VERSION 1u

extern "C" {
/// What a plugin says about itself. Strings are static and UTF-8.
struct DossierPluginInfo {
  const char* name;         // "pdf"
  const char* version;      // the plugin's own version
  const char* description;  // one line
  const char* provides;     // comma-separated capabilities: "render", "export:csv", ...
};
}

/// Declares the two entry points of a plugin.
#define DOSSIER_DECLARE_PLUGIN(info_ptr)                                                         \
  extern "C" __attribute__((visibility("default"))) uint32_t dossier_plugin_api_version(void) { \
    return DOSSIER_PLUGIN_API_VERSION;                                                          \
  }                                                                                             \
  extern "C" __attribute__((visibility("default"))) const DossierPluginInfo* dossier_plugin_info(void) { \
    return (info_ptr);                                                                          \
  }

namespace dossier {

struct PluginRecord {
  std::string path;
  std::string name;
  std::string version;
  std::string description;
  std::string provides;
  uint32_t api_version = 0;
  bool loaded = false;
  std::string error;  // why it was refused, when not loaded
};

/// The folders searched, in order: DOSSIER_PLUGIN_PATH, then the install's.
std::vector<std::string> PluginSearchPath();

/// Finds libdossier_*.so on the search path and loads each whose API version
/// matches; a refused plugin is listed with the reason.
std::vector<PluginRecord> DiscoverPlugins();

}  // namespace dossier

#endif  // DOSSIER_PLUGIN_H_
