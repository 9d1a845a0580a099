// Workflows a company writes (config/workflows/*.json): a bad file is refused
// when the repository opens, naming the file and the field; nothing else may
// happen. Each input is written as the one workflow file of a configuration
// that otherwise holds the default types, and the registry loaded from it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "types/type_registry.h"
#include "workflow/workflow.h"

namespace {

// Removed at exit (libFuzzer ends with exit()), so runs leave nothing behind.
char g_config_dir[256];
void RemoveConfigDir() {
  std::error_code ec;
  std::filesystem::remove_all(g_config_dir, ec);
}

struct Config {
  std::filesystem::path dir;
  std::unique_ptr<dossier::TypeRegistry> types;
};

const Config& DefaultConfig() {
  static const Config config = [] {
    Config c;
    c.dir = std::filesystem::temp_directory_path() /
            ("dossier-fuzz-workflow-" + std::to_string(getpid()));
    std::filesystem::create_directories(c.dir / "workflows");
    snprintf(g_config_dir, sizeof g_config_dir, "%s", c.dir.c_str());
    std::atexit(RemoveConfigDir);
    if (!dossier::WriteDefaultConfig(c.dir).ok()) __builtin_trap();
    auto types = dossier::TypeRegistry::Load(c.dir);
    if (!types.ok()) __builtin_trap();
    c.types = std::move(*types);
    return c;
  }();
  return config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Config& config = DefaultConfig();
  std::ofstream(config.dir / "workflows" / "fuzz.json", std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  (void)dossier::WorkflowRegistry::Load(config.dir, *config.types);
  return 0;
}
