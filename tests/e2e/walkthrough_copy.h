// The user guide's walk-through as a test fixture. Running it takes a minute
// under AddressSanitizer, and every suite that reads from it is a process of
// its own under ctest, so ctest runs it once per run (the `walkthrough`
// fixture, tests/CMakeLists.txt) and each test takes a private copy. Run
// outside ctest (a whole test binary, shuffled), the process makes it once
// and each test copies that.
#ifndef DOSSIER_TESTS_E2E_WALKTHROUGH_COPY_H_
#define DOSSIER_TESTS_E2E_WALKTHROUGH_COPY_H_

#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace dossier::testing {

/// The walk-through's repository: ctest's fixture (DOSSIER_WALKTHROUGH), or
/// one this process made in a folder removed at exit; empty if that failed.
inline std::filesystem::path WalkthroughSource() {
  if (const char* made = std::getenv("DOSSIER_WALKTHROUGH"); made != nullptr) return made;
  static TempDir own;
  static const bool walked = [] {
    std::string walk = std::string("DOSSIER_BIN=") + DOSSIER_BINARY + " bash " +
                       DOSSIER_SOURCE_DIR + "/docs/examples/walkthrough.sh '" +
                       (own / "demo").string() + "' >/dev/null 2>&1";
    return std::system(walk.c_str()) == 0;
  }();
  return walked ? own / "demo" : std::filesystem::path();
}

/// Makes `repo` a copy of the walk-through's repository, its signing key
/// beside it as `init` would have put it, signing with its own copy of the
/// key. Fails the test if that cannot be done.
inline void CopyOfWalkthrough(const std::filesystem::path& repo) {
  namespace fs = std::filesystem;
  const fs::path source = WalkthroughSource();
  ASSERT_FALSE(source.empty()) << "the walk-through failed";
  ASSERT_TRUE(fs::exists(source / "catalog.db"))
      << "the walkthrough fixture did not make " << source;
  const fs::path source_key = source.string() + ".signing-key";
  const fs::path key = repo.string() + ".signing-key";
  fs::create_directories(repo.parent_path());
  fs::copy(source, repo, fs::copy_options::recursive);
  fs::copy_file(source_key, key);
  Poco::JSON::Object config;
  config.set("key_file", key.string());
  std::ofstream out(repo / "config" / "signing.json", std::ios::trunc);
  config.stringify(out);
  ASSERT_TRUE(out.good());
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_E2E_WALKTHROUGH_COPY_H_
