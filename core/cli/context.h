// What every command handler gets: the global options, the output streams,
// and helpers to open the repository and find the acting user.
#ifndef DOSSIER_CLI_CONTEXT_H_
#define DOSSIER_CLI_CONTEXT_H_

#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/names.h"
#include "dossier/repository.h"

namespace CLI {
class App;
}

namespace dossier::cli {

struct Context {
  std::string repo_path;               // --repo, else DOSSIER_REPO
  bool repo_from_environment = false;  // repo_path came from DOSSIER_REPO
  std::string user;                    // --as, else DOSSIER_USER
  bool json = false;
  std::string lang_text;  // --lang, else DOSSIER_LANG; else the user's own (user set --language);
                          // zh by default
  mutable std::string
      user_language;  // the acting user's own setting, once ActingUser has found them
  std::ostream& out = std::cout;
  std::ostream& err = std::cerr;

  /// Takes DOSSIER_REPO and DOSSIER_USER for what the command line left unsaid.
  void TakeEnvironment();
  /// The repository's folder: --repo as given, or DOSSIER_REPO when it is absolute.
  Result<std::string> RepositoryPath() const;
  Result<std::unique_ptr<Repository>> OpenRepository() const;
  /// How the repository is opened: the defaults, with the search tuning of
  /// DOSSIER_TERM_LISTS_FROM and DOSSIER_CHARACTER_SCAN_FROM (tests set them).
  Result<OpenOptions> OpenOptionsFromEnvironment() const;
  /// The names people read in their language (--lang), from `repo`'s types and workflows.
  Names NamesFor(const Repository& repo) const;
  Result<Actor> ActingUser(const Repository& repo) const;
  /// Prints the Status as "dossier: message" and returns its exit code.
  int Fail(const Status& status) const;
};

/// The folders of DOSSIER_PLUGIN_PATH (colon-separated), searched for
/// plugins before the install's.
std::vector<std::string> PluginFoldersFromEnvironment();

/// An open repository and the acting user: what most commands start from.
struct Session {
  std::unique_ptr<Repository> repo;
  Actor actor;
};
/// Opens the repository and resolves the actor, or says why not.
Result<Session> Begin(const Context& ctx);

using Handler = std::function<int(Context&)>;

/// One entry of the command table: it adds its options to `app` and returns
/// the handler that runs once they are parsed.
struct Command {
  const char* name;
  const char* help;
  std::function<Handler(CLI::App& app)> define;
};

/// The command tables, one per file of commands.
const std::vector<Command>& DocumentCommands();
const std::vector<Command>& AdminCommands();
const std::vector<Command>& IdentityCommands();
const std::vector<Command>& KeyCommands();
const std::vector<Command>& ServeCommands();
const std::vector<Command>& RegisterCommands();
const std::vector<Command>& RenderCommands();
const std::vector<Command>& SearchCommands();
const std::vector<Command>& ExportCommands();
const std::vector<Command>& RetentionCommands();
const std::vector<Command>& BackupCommands();
const std::vector<Command>& CompletionCommands();

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_CONTEXT_H_
