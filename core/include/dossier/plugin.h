// The plugin interface. A plugin is a shared library libdossier_<name>.so,
// found on DOSSIER_PLUGIN_PATH (folders separated by ':') or in the install's
// plugin folder, dossier/plugins beside libdossier_core.so (<prefix>/<libdir>/
// dossier/plugins: /usr/lib/x86_64-linux-gnu/dossier/plugins for the Debian
// package, <build>/lib/dossier/plugins in a build tree). It exports, as plain
// C symbols:
//
//   uint32_t dossier_plugin_api_version(void);       // checked before anything else
//   const DossierPluginInfo* dossier_plugin_info(void);
//   void dossier_plugin_register(dossier::PluginRegistry*);  // adds its capabilities
//
// The host checks the API version first and refuses a plugin built for
// another one, naming the file and both versions; only then does it call
// the others. A plugin includes only headers from core/include/dossier/ and
// links the core's shared library (libdossier_core.so), so it calls the same
// Repository the front end does and every rule of the core applies to it.
#ifndef DOSSIER_PLUGIN_H_
#define DOSSIER_PLUGIN_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "dossier/export.h"
#include "dossier/import.h"
#include "dossier/render.h"
#include "dossier/repository.h"
#include "dossier/status.h"

/// The plugin API this core speaks. Bump on any incompatible change.
#define DOSSIER_PLUGIN_API_VERSION 6u

extern "C" {
/// What a plugin says about itself. Strings are static and UTF-8.
struct DossierPluginInfo {
  const char* name;         // "pdf"
  const char* version;      // the plugin's own version
  const char* description;  // one line
  const char* provides;     // comma-separated capabilities: "render", "export:csv", ...
};
}

namespace dossier {

/// What a plugin's command runs with: the repository the host opened, the
/// acting user, and where to write. The host owns all of it.
struct CommandContext {
  Repository* repo = nullptr;
  Actor actor;
  bool json = false;  // the global --json
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
};

/// A top-level command a plugin adds (`dossier disposal ...`). The host
/// runs it when no built-in command has its name; every rule still holds,
/// since it works through the Repository.
class PluginCommand {
 public:
  virtual ~PluginCommand() = default;
  virtual std::string Name() const = 0;     // "disposal"
  virtual std::string Summary() const = 0;  // one line, for 'dossier --help'
  /// Usage, for 'dossier NAME --help' (no repository is opened for it).
  virtual std::string Help() const = 0;
  /// Runs with the arguments after the name; returns the exit code
  /// (0 ok, 1 bad usage or input, 2 integrity, 3 internal).
  virtual int Run(CommandContext& context, const std::vector<std::string>& args) const = 0;
};

/// What a plugin adds to the host. Implemented by the host.
class PluginRegistry {
 public:
  virtual ~PluginRegistry() = default;
  virtual void AddRenderer(std::shared_ptr<Renderer> renderer) = 0;
  virtual void AddExporter(std::shared_ptr<Exporter> exporter) = 0;
  virtual void AddImporter(std::shared_ptr<Importer> importer) = 0;
  virtual void AddCommand(std::shared_ptr<PluginCommand> command) = 0;
};

}  // namespace dossier

/// Declares the three entry points of a plugin: its info, and the function
/// `void fn(dossier::PluginRegistry&)` that registers what it provides.
#define DOSSIER_DECLARE_PLUGIN(info_ptr, register_fn)                                             \
  extern "C" __attribute__((visibility("default"))) uint32_t dossier_plugin_api_version(void) {   \
    return DOSSIER_PLUGIN_API_VERSION;                                                            \
  }                                                                                               \
  extern "C" __attribute__((visibility("default"))) const DossierPluginInfo* dossier_plugin_info( \
      void) {                                                                                     \
    return (info_ptr);                                                                            \
  }                                                                                               \
  extern "C" __attribute__((visibility("default"))) void dossier_plugin_register(                 \
      dossier::PluginRegistry* r) {                                                               \
    register_fn(*r);                                                                              \
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

/// The folders searched, in order: `first` (the CLI passes those of
/// DOSSIER_PLUGIN_PATH), then the install's.
std::vector<std::string> PluginSearchPath(const std::vector<std::string>& first = {});

/// Finds libdossier_*.so on the search path and loads each whose API version
/// matches; a refused plugin is listed with the reason.
std::vector<PluginRecord> DiscoverPlugins(const std::vector<std::string>& first = {});

/// The plugins found and what the loaded ones registered.
struct LoadedPlugins {
  std::vector<PluginRecord> records;
  std::vector<std::shared_ptr<Renderer>> renderers;
  std::vector<std::shared_ptr<Exporter>> exporters;
  std::vector<std::shared_ptr<Importer>> importers;
  std::vector<std::shared_ptr<PluginCommand>> commands;
  /// The renderer for `format`, or null.
  std::shared_ptr<Renderer> RendererFor(const std::string& format) const;
  /// The exporter of `format` ("csv"), or null.
  std::shared_ptr<Exporter> ExporterFor(const std::string& format) const;
  /// The importer of `format`, or null.
  std::shared_ptr<Importer> ImporterFor(const std::string& format) const;
  /// The importer that recognises `package` (a bag folder, .zip, .tar.gz), or null.
  std::shared_ptr<Importer> ImporterOf(const std::filesystem::path& package) const;
  /// The command of that name, or null.
  std::shared_ptr<PluginCommand> CommandFor(const std::string& name) const;
};
/// Discovers the plugins on PluginSearchPath(first) and lets each loaded one
/// register its capabilities.
LoadedPlugins LoadPlugins(const std::vector<std::string>& first = {});

}  // namespace dossier

#endif  // DOSSIER_PLUGIN_H_
