// Commands for the repository's signing keys and the keys of repositories
// it trusts: the packages it exports carry its signature; the packages it
// imports must carry a trusted one.
#include <CLI/CLI.hpp>
#include <fstream>

#include "cli/context.h"
#include "cli/output.h"
#include "dossier/files.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const KeyInfo* CurrentKey(const std::vector<KeyInfo>& keys) {
  for (const auto& k : keys) {
    if (k.current) return &k;
  }
  return nullptr;
}

int PrintKeys(Context& ctx, const std::vector<KeyInfo>& keys, bool all) {
  if (ctx.json) {
    Array::Ptr arr = new Array();
    for (const auto& k : keys) {
      if (all || k.removed_at.empty()) arr->add(json::KeyJson(k));
    }
    PrintJson(ctx.out, arr);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& k : keys) {
    if (!all && !k.removed_at.empty()) continue;
    std::string whose = k.current ? "this repository (signs its exports)"
                        : k.own   ? "this repository (earlier)"
                                  : "trusted";
    if (!k.removed_at.empty()) whose = "no longer trusted since " + k.removed_at.substr(0, 10);
    rows.push_back({k.key_id, k.label, whose, k.added_at.substr(0, 10), k.added_by});
  }
  PrintTable(ctx.out, {"key", "label", "whose", "added", "by"}, rows);
  if (!CurrentKey(keys)) {
    ctx.out << "This repository has no signing key: its exports go unsigned ('dossier keys "
               "generate' makes one).\n";
  }
  return 0;
}

Handler DefineKeys(CLI::App& app) {
  struct Opts {
    std::string to, output;
    bool all = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_flag("--all", o->all, "Keys no longer trusted too");
  auto* generate = app.add_subcommand(
      "generate", "Make a new signing key for this repository's exports (admin)");
  generate->add_option(
      "--to", o->to,
      "Where the private key goes, outside the repository (default: beside it, NAME.signing-key)");
  auto* exported = app.add_subcommand(
      "export", "Write this repository's public key, for 'dossier trust add' elsewhere");
  exported->add_option("-o,--output", o->output, "The file (PEM); default: standard output");
  return [o, generate, exported](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto& [repo, actor] = *s;
    if (generate->parsed()) {
      auto made = repo->GenerateSigningKey(actor, o->to);
      if (!made.ok()) return ctx.Fail(made.status());
      if (ctx.json) {
        PrintJson(ctx.out, json::KeyJson(*made));
      } else {
        ctx.out << "This repository's exports are now signed with key " << made->key_id
                << ".\nGive its public half ('dossier keys export') to the repositories that "
                   "import them.\n";
      }
      return 0;
    }
    auto keys = repo->ListKeys(actor);
    if (!keys.ok()) return ctx.Fail(keys.status());
    if (exported->parsed()) {
      const KeyInfo* current = CurrentKey(*keys);
      if (!current) {
        return ctx.Fail(Status::NotFound(
            "this repository has no signing key ('dossier keys generate' makes one)"));
      }
      if (o->output.empty()) {
        ctx.out << current->public_key_pem;
        return 0;
      }
      std::error_code ec;
      if (std::filesystem::exists(o->output, ec)) {
        return ctx.Fail(Status::AlreadyExists(o->output + " exists; name a new file"));
      }
      if (Status st = WriteFileAtomic(o->output, current->public_key_pem); !st.ok())
        return ctx.Fail(st);
      if (!ctx.json) ctx.out << "Wrote key " << current->key_id << " to " << o->output << "\n";
      return 0;
    }
    return PrintKeys(ctx, *keys, o->all);
  };
}

Handler DefineTrust(CLI::App& app) {
  struct Opts {
    std::string file, label, key_id;
  };
  auto o = std::make_shared<Opts>();
  app.require_subcommand(1);
  auto* add = app.add_subcommand(
      "add", "Trust the packages another repository signs with this public key (admin)");
  add->add_option("FILE", o->file, "Its public key, as 'dossier keys export' wrote it (PEM)")
      ->required();
  add->add_option("--label", o->label, "Whose key it is (a repository, an archive)")->required();
  auto* remove = app.add_subcommand("remove", "Stop trusting a key (admin)");
  remove->add_option("KEY", o->key_id, "The key, as 'dossier keys' shows it")->required();
  return [o, add](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto& [repo, actor] = *s;
    if (add->parsed()) {
      auto pem = ReadFileToString(o->file);
      if (!pem.ok()) return ctx.Fail(pem.status());
      auto trusted = repo->TrustKey(actor, *pem, o->label);
      if (!trusted.ok()) return ctx.Fail(trusted.status().WithContext(o->file));
      if (ctx.json) {
        PrintJson(ctx.out, json::KeyJson(*trusted));
      } else {
        ctx.out << "Trusted key " << trusted->key_id << " (" << trusted->label << ")\n";
      }
      return 0;
    }
    if (Status st = repo->DistrustKey(actor, o->key_id); !st.ok()) return ctx.Fail(st);
    if (!ctx.json) ctx.out << "No longer trusted: key " << o->key_id << "\n";
    return 0;
  };
}

}  // namespace

const std::vector<Command>& KeyCommands() {
  static const std::vector<Command> kCommands = {
      {"keys", "This repository's signing keys and those it trusts; make or export its key",
       DefineKeys},
      {"trust", "Trust or stop trusting another repository's signing key", DefineTrust},
  };
  return kCommands;
}

}  // namespace dossier::cli
