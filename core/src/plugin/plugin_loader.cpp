#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>

#include "dossier/plugin.h"
#include "util/install_dirs.h"

namespace dossier {

namespace {

using VersionFn = uint32_t (*)();
using InfoFn = const DossierPluginInfo* (*)();
using RegisterFn = void (*)(PluginRegistry*);

// Collects what the plugins register.
class Collector : public PluginRegistry {
 public:
  explicit Collector(LoadedPlugins& out) : out_(out) {}
  void AddRenderer(std::shared_ptr<Renderer> renderer) override {
    if (renderer) out_.renderers.push_back(std::move(renderer));
  }
  void AddExporter(std::shared_ptr<Exporter> exporter) override {
    // The first plugin on the path to register a format keeps it.
    if (exporter && !out_.ExporterFor(exporter->Format()))
      out_.exporters.push_back(std::move(exporter));
  }
  void AddImporter(std::shared_ptr<Importer> importer) override {
    if (importer && !out_.ImporterFor(importer->Format()))
      out_.importers.push_back(std::move(importer));
  }
  void AddCommand(std::shared_ptr<PluginCommand> command) override {
    if (command && !out_.CommandFor(command->Name())) out_.commands.push_back(std::move(command));
  }

 private:
  LoadedPlugins& out_;
};

// Loads the plugin at `path`; when `registry` is given, lets it register.
PluginRecord Load(const std::filesystem::path& path, PluginRegistry* registry) {
  PluginRecord r;
  r.path = path.string();
  r.name = path.stem().string().substr(std::string("libdossier_").size());
  // Loaded libraries stay loaded for the life of the process: plugins hand
  // out pointers to their static data.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    r.error = std::string("cannot be loaded: ") + ::dlerror();
    return r;
  }
  auto version = reinterpret_cast<VersionFn>(::dlsym(handle, "dossier_plugin_api_version"));
  if (version == nullptr) {
    r.error = "is not a Dossier plugin: it has no dossier_plugin_api_version()";
    return r;
  }
  r.api_version = version();
  if (r.api_version != DOSSIER_PLUGIN_API_VERSION) {
    r.error = "was built for plugin API " + std::to_string(r.api_version) +
              ", this dossier speaks API " + std::to_string(DOSSIER_PLUGIN_API_VERSION) +
              "; rebuild the plugin";
    return r;
  }
  auto info_fn = reinterpret_cast<InfoFn>(::dlsym(handle, "dossier_plugin_info"));
  const DossierPluginInfo* info = info_fn ? info_fn() : nullptr;
  if (info == nullptr || info->name == nullptr) {
    r.error = "has no dossier_plugin_info()";
    return r;
  }
  r.name = info->name;
  r.version = info->version ? info->version : "";
  r.description = info->description ? info->description : "";
  r.provides = info->provides ? info->provides : "";
  auto register_fn = reinterpret_cast<RegisterFn>(::dlsym(handle, "dossier_plugin_register"));
  if (register_fn == nullptr) {
    r.error = "has no dossier_plugin_register()";
    return r;
  }
  if (registry != nullptr) register_fn(registry);
  r.loaded = true;
  return r;
}

}  // namespace

std::vector<std::string> PluginSearchPath(const std::vector<std::string>& first) {
  std::vector<std::string> dirs;
  for (const auto& dir : first) {
    if (!dir.empty()) dirs.push_back(dir);
  }
  // The install's: beside the core library (<prefix>/<libdir>/dossier/plugins,
  // whatever the libdir, multiarch or not), then <prefix>/lib/dossier/plugins
  // from the executable, for a core found elsewhere by the loader.
  auto add = [&dirs](const std::filesystem::path& dir) {
    if (dir.empty()) return;
    auto text = dir.lexically_normal().string();
    if (std::find(dirs.begin(), dirs.end(), text) == dirs.end()) dirs.push_back(text);
  };
  if (auto core = CoreLibraryDir(); !core.empty()) add(core / "dossier" / "plugins");
  if (auto exe = ExecutableDir(); !exe.empty())
    add(exe.parent_path() / "lib" / "dossier" / "plugins");
  return dirs;
}

namespace {

std::vector<PluginRecord> Discover(const std::vector<std::string>& first,
                                   PluginRegistry* registry) {
  std::vector<PluginRecord> out;
  std::set<std::string> seen_names;
  for (const auto& dir : PluginSearchPath(first)) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      auto name = entry.path().filename().string();
      if (name.rfind("libdossier_", 0) == 0 && entry.path().extension() == ".so")
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      // The first folder on the path wins, as PATH does for programs.
      if (!seen_names.insert(f.filename().string()).second) continue;
      out.push_back(Load(f, registry));
    }
  }
  return out;
}

}  // namespace

std::vector<PluginRecord> DiscoverPlugins(const std::vector<std::string>& first) {
  return Discover(first, nullptr);
}

LoadedPlugins LoadPlugins(const std::vector<std::string>& first) {
  LoadedPlugins loaded;
  Collector collector(loaded);
  loaded.records = Discover(first, &collector);
  return loaded;
}

std::shared_ptr<Renderer> LoadedPlugins::RendererFor(const std::string& format) const {
  for (const auto& r : renderers) {
    if (r->Format() == format) return r;
  }
  return nullptr;
}

std::shared_ptr<Exporter> LoadedPlugins::ExporterFor(const std::string& format) const {
  for (const auto& e : exporters) {
    if (e->Format() == format) return e;
  }
  return nullptr;
}

std::shared_ptr<Importer> LoadedPlugins::ImporterFor(const std::string& format) const {
  for (const auto& i : importers) {
    if (i->Format() == format) return i;
  }
  return nullptr;
}

std::shared_ptr<Importer> LoadedPlugins::ImporterOf(const std::filesystem::path& package) const {
  for (const auto& i : importers) {
    if (i->Recognises(package)) return i;
  }
  return nullptr;
}

std::shared_ptr<PluginCommand> LoadedPlugins::CommandFor(const std::string& name) const {
  for (const auto& c : commands) {
    if (c->Name() == name) return c;
  }
  return nullptr;
}

}  // namespace dossier
