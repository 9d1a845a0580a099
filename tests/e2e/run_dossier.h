// Runs the real dossier binary and captures what a user would see.
#ifndef DOSSIER_TESTS_E2E_RUN_DOSSIER_H_
#define DOSSIER_TESTS_E2E_RUN_DOSSIER_H_

#include <Poco/JSON/Parser.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern char** environ;

namespace dossier::testing {

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;

  Poco::Dynamic::Var Json() const {
    Poco::JSON::Parser parser;
    return parser.parse(out);
  }
};

/// A started process whose output goes to files; Wait() collects it.
class Process {
 public:
  /// `cwd`: the folder it runs in (default: the test's own).
  Process(const std::vector<std::string>& args, const std::filesystem::path& scratch,
          const std::string& env_extra = "", const std::string& binary = DOSSIER_BINARY,
          const std::filesystem::path& cwd = {}) {
    static int counter = 0;
    out_path_ = scratch / ("out-" + std::to_string(::getpid()) + "-" + std::to_string(counter));
    err_path_ = scratch / ("err-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<std::string> argv_s = {binary};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The tests name repository and user explicitly; the caller's
    // environment must not leak in. Times are UTC, as the tests compute
    // "today", unless a test gives TZ (TZ= for the repository's own zone).
    std::vector<std::string> env_s;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string v = *e;
      if (v.rfind("DOSSIER_REPO=", 0) == 0 || v.rfind("DOSSIER_USER=", 0) == 0 ||
          v.rfind("TZ=", 0) == 0)
        continue;
      if (v.rfind("DOSSIER_LANG=", 0) == 0) continue;
      env_s.push_back(v);
    }
    if (!env_extra.empty()) env_s.push_back(env_extra);
    if (env_extra.rfind("TZ=", 0) != 0) env_s.push_back("TZ=UTC");
    std::vector<char*> envp;
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
  }

  void Kill(int signal) { ::kill(pid_, signal); }

  /// Whether it has not exited yet (without waiting).
  bool Running() {
    if (exited_) return false;
    exited_ = ::waitpid(pid_, &status_, WNOHANG) == pid_;
    return !exited_;
  }

  Outcome Wait() {
    Outcome o;
    if (!exited_) ::waitpid(pid_, &status_, 0);
    exited_ = true;
    const int status = status_;
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    o.out = Slurp(out_path_);
    o.err = Slurp(err_path_);
    std::filesystem::remove(out_path_);
    std::filesystem::remove(err_path_);
    return o;
  }

 private:
  static std::string Slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = 0;
  std::filesystem::path out_path_, err_path_;
};

inline Outcome RunDossier(const std::vector<std::string>& args,
                          const std::filesystem::path& scratch, const std::string& env_extra = "") {
  return Process(args, scratch, env_extra).Wait();
}
/// As RunDossier, in the folder `dir` (for relative paths and default output names).
inline Outcome RunDossierIn(const std::filesystem::path& dir, const std::vector<std::string>& args,
                            const std::string& env_extra = "") {
  return Process(args, dir, env_extra, DOSSIER_BINARY, dir).Wait();
}

/// A copy of the binary in `dir`/bin and of the core's libraries in `dir`/lib
/// (which the binary finds relative to itself), away from the build's plugin
/// folder: what a user has who installed the core without plugins.
inline std::string BinaryWithoutPlugins(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir / "bin");
  fs::create_directories(dir / "lib");
  auto copy = dir / "bin" / "dossier";
  fs::copy_file(DOSSIER_BINARY, copy, fs::copy_options::overwrite_existing);
  for (const auto& entry :
       fs::directory_iterator(fs::path(DOSSIER_BINARY).parent_path().parent_path() / "lib")) {
    if (entry.is_directory()) continue;  // lib/dossier/plugins stays behind
    fs::copy(entry.path(), dir / "lib" / entry.path().filename(),
             fs::copy_options::overwrite_existing | fs::copy_options::copy_symlinks);
  }
  return copy.string();
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_E2E_RUN_DOSSIER_H_
