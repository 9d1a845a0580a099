#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "cli/context.h"
#include "cli/local_time.h"
#include "dossier/messages.h"
#include "dossier/plugin.h"
#include "dossier/version.h"

namespace dossier::cli {

namespace {

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : nullptr;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

// The first word that is not a global option: the command the user meant.
std::string CommandWord(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--repo" || arg == "--as" || arg == "--lang") {
      ++i;
      continue;
    }
    if (!arg.empty() && arg[0] == '-') continue;
    return arg;
  }
  return "";
}

// Runs a command a plugin added: the global options before its name are the
// host's, everything after is the plugin's.
int RunPluginCommand(Context& ctx, const PluginCommand& command, int argc, char** argv) {
  std::vector<std::string> args;
  bool seen = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--json") {
      ctx.json = true;  // global, wherever it is written (as for the built-in commands)
    } else if (seen) {
      args.push_back(arg);
    } else if ((arg == "--repo" || arg == "--as") && i + 1 < argc) {
      (arg == "--repo" ? ctx.repo_path : ctx.user) = argv[++i];
    } else if (arg == command.Name()) {
      seen = true;
    }
  }
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      ctx.out << command.Help();
      return 0;
    }
  }
  ctx.TakeEnvironment();
  auto session = Begin(ctx);
  if (!session.ok()) return ctx.Fail(session.status());
  CommandContext context{session->repo.get(), session->actor, ctx.json, &ctx.out, &ctx.err};
  try {
    return command.Run(context, args);
  } catch (const std::exception& e) {
    ctx.err << "dossier: internal error in plugin command '" << command.Name() << "': " << e.what()
            << "\n";
    return 3;
  }
}

bool AsksForHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") return true;
  }
  return false;
}

}  // namespace

void Context::TakeEnvironment() {
  if (repo_path.empty()) {
    if (const char* v = Env("DOSSIER_REPO")) {
      repo_path = v;
      repo_from_environment = true;
    }
  }
  if (user.empty()) {
    if (const char* v = Env("DOSSIER_USER")) user = v;
  }
  if (lang_text.empty()) {
    if (const char* v = Env("DOSSIER_LANG")) lang_text = v;
  }
}

Names Context::NamesFor(const Repository& repo) const {
  std::string chosen = lang_text;
  // Without --lang or DOSSIER_LANG, the acting user's own setting.
  if (chosen.empty() && !user.empty()) {
    if (auto actor = repo.ActorFor(user); actor.ok()) chosen = actor->language;
  }
  return Names(repo.Types(), ParseLang(chosen).value_or(Lang::kZh));
}

// A relative DOSSIER_REPO would mean another folder after every `cd` (and
// perhaps another repository): it is refused, naming what it means here.
Result<std::string> Context::RepositoryPath() const {
  if (repo_path.empty())
    return Status::InvalidArgument("no repository given: use --repo DIR or set DOSSIER_REPO");
  if (repo_from_environment && !std::filesystem::path(repo_path).is_absolute()) {
    std::string here = std::filesystem::absolute(repo_path).lexically_normal().string();
    return Status::InvalidArgument(
        "DOSSIER_REPO=" + repo_path +
        " is relative, so it would change with the current folder (here it means " + here +
        "); set it to an absolute path, e.g. export DOSSIER_REPO=" + here);
  }
  return repo_path;
}

namespace {

// A whole decimal number of at least `least` from the environment variable
// `name`, or `fallback` when it is not set.
Result<int64_t> EnvironmentNumber(const char* name, int64_t least, int64_t fallback) {
  const char* text = Env(name);
  if (text == nullptr) return fallback;
  char* end = nullptr;
  errno = 0;
  long long n = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || errno == ERANGE || n < least) {
    return Status::InvalidArgument(std::string(name) + "=" + text +
                                   " is not a whole number of at least " + std::to_string(least));
  }
  return static_cast<int64_t>(n);
}

}  // namespace

std::vector<std::string> PluginFoldersFromEnvironment() {
  std::vector<std::string> folders;
  const char* text = Env("DOSSIER_PLUGIN_PATH");
  if (text == nullptr) return folders;
  std::string all = text;
  for (size_t pos = 0; pos <= all.size();) {
    size_t end = all.find(':', pos);
    if (end == std::string::npos) end = all.size();
    if (end > pos) folders.push_back(all.substr(pos, end - pos));
    pos = end + 1;
  }
  return folders;
}

Result<OpenOptions> Context::OpenOptionsFromEnvironment() const {
  OpenOptions options;
  auto lists = EnvironmentNumber("DOSSIER_TERM_LISTS_FROM", 5, options.search.term_lists_from_rows);
  if (!lists.ok()) return lists.status();
  options.search.term_lists_from_rows = *lists;
  auto scan =
      EnvironmentNumber("DOSSIER_CHARACTER_SCAN_FROM", 0, options.search.character_scan_from_rows);
  if (!scan.ok()) return scan.status();
  options.search.character_scan_from_rows = *scan;
  return options;
}

Result<std::unique_ptr<Repository>> Context::OpenRepository() const {
  auto path = RepositoryPath();
  if (!path.ok()) return path.status();
  auto options = OpenOptionsFromEnvironment();
  if (!options.ok()) return options.status();
  auto repo = Repository::Open(*path, *options);
  if (repo.ok()) UseTimeZone((*repo)->TimeZone());
  // Creating one is suggested only for a folder this command line named.
  if (!repo.ok() && repo.status().IsNotFound() && !repo_from_environment) {
    return repo.status().WithMessage(repo.status().message() + "; create one with 'dossier init " +
                                     *path + "'");
  }
  return repo;
}

Result<Session> Begin(const Context& ctx) {
  auto repo = ctx.OpenRepository();
  if (!repo.ok()) return repo.status();
  auto actor = ctx.ActingUser(**repo);
  if (!actor.ok()) return actor.status();
  return Session{std::move(*repo), *actor};
}

Result<Actor> Context::ActingUser(const Repository& repo) const {
  if (user.empty())
    return Status::InvalidArgument("who is acting? use --as USER or set DOSSIER_USER");
  auto actor = repo.ActorFor(user);
  if (actor.ok()) user_language = actor->language;
  return actor;
}

// A Chinese reader gets the refusal in Chinese when the core's catalogue
// knows its form, and the English beneath it, for whoever helps them.
int Context::Fail(const Status& status) const {
  std::string chosen = lang_text.empty() ? user_language : lang_text;
  std::string chinese =
      ParseLang(chosen).value_or(Lang::kZh) == Lang::kZh ? MessageInChinese(status.message()) : "";
  if (chinese.empty())
    err << "dossier: " << status.message() << "\n";
  else
    err << "dossier: " << chinese << "\n  (" << status.message() << ")\n";
  return status.ExitCode();
}

int Run(int argc, char** argv, std::string_view revision) {
  Context ctx;
  CLI::App app{
      "dossier: contracts, minutes and reports, numbered, versioned and archived under retention "
      "rules."};
  app.name("dossier");
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version",
                       std::string("dossier ") + DOSSIER_VERSION +
                           (revision.empty() ? "" : " (git " + std::string(revision) + ")"));
  app.add_option("--repo", ctx.repo_path, "Repository folder (default: $DOSSIER_REPO)");
  app.add_option("--as", ctx.user, "Acting user (default: $DOSSIER_USER)");
  app.add_flag("--json", ctx.json, "Machine-readable output");
  app.add_option("--lang", ctx.lang_text,
                 "What people read: zh (default) or en; also $DOSSIER_LANG")
      ->check(CLI::IsMember({"zh", "en"}));

  std::vector<std::pair<CLI::App*, Handler>> handlers;
  std::vector<std::string> names;
  for (const auto* table :
       {&DocumentCommands(), &SearchCommands(), &RegisterCommands(), &RenderCommands(),
        &ExportCommands(), &RetentionCommands(), &AdminCommands(), &BackupCommands(),
        &IdentityCommands(), &KeyCommands(), &ServeCommands(), &CompletionCommands()}) {
    for (const auto& cmd : *table) {
      CLI::App* sub = app.add_subcommand(cmd.name, cmd.help);
      handlers.emplace_back(sub, cmd.define(*sub));
      names.emplace_back(cmd.name);
    }
  }

  std::string word = CommandWord(argc, argv);
  if (word.empty() && AsksForHelp(argc, argv)) {
    std::string footer;
    for (const auto& command : LoadPlugins(PluginFoldersFromEnvironment()).commands) {
      footer += "  " + command->Name() + "  " + command->Summary() + "\n";
    }
    if (!footer.empty()) app.footer("Commands from plugins:\n" + footer);
  }
  if (!word.empty() && std::find(names.begin(), names.end(), word) == names.end()) {
    auto plugins = LoadPlugins(PluginFoldersFromEnvironment());
    if (auto command = plugins.CommandFor(word)) return RunPluginCommand(ctx, *command, argc, argv);
    for (const auto& command : plugins.commands) names.push_back(command->Name());
    std::string best;
    size_t best_d = 3;
    for (const auto& n : names) {
      size_t d = EditDistance(word, n);
      if (d < best_d) {
        best_d = d;
        best = n;
      }
    }
    ctx.err << "dossier: unknown command '" << word << "'";
    if (!best.empty()) ctx.err << "; did you mean '" << best << "'?";
    ctx.err << "\nRun 'dossier --help' for the list of commands.\n";
    return 1;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    ctx.err << "dossier: " << e.what() << "\nRun 'dossier --help' or 'dossier COMMAND --help'.\n";
    return 1;
  }
  ctx.TakeEnvironment();
  for (auto& [sub, handler] : handlers) {
    if (sub->parsed()) {
      try {
        return handler(ctx);
      } catch (const std::exception& e) {
        ctx.err << "dossier: internal error: " << e.what() << "\n";
        return 3;
      }
    }
  }
  return 1;
}

}  // namespace dossier::cli
