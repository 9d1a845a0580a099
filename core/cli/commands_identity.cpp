// Commands for API tokens: scripts and integrations sign in to the server
// with a token instead of a password.
#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "cli/output.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Handler DefineToken(CLI::App& app) {
  struct Opts {
    std::string user, expires, label;
    bool read_only = false;
    int64_t id = 0;
  };
  auto o = std::make_shared<Opts>();
  app.require_subcommand(1);
  auto* create =
      app.add_subcommand("create", "Create a token (shown once); admin for another user");
  create->add_option("--user", o->user, "Whose token (default: the acting user)");
  create
      ->add_option("--expires", o->expires,
                   "Last day it is valid, YYYY-MM-DD (at most a year ahead)")
      ->required();
  create->add_option("--label", o->label, "What it is for (shown in lists)");
  create->add_flag("--read-only", o->read_only, "It can read but change nothing");
  auto* list =
      app.add_subcommand("list", "List tokens (yours; an admin's: everyone's or --user's)");
  list->add_option("--user", o->user, "Only this user's");
  auto* revoke = app.add_subcommand("revoke", "Revoke a token by its number");
  revoke->add_option("ID", o->id, "The token's number (from token list)")->required();
  return [o, create, revoke](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto& [repo, actor] = *s;
    if (create->parsed()) {
      auto made =
          repo->CreateToken(actor, TokenRequest{o->user, o->label, o->expires, o->read_only});
      if (!made.ok()) return ctx.Fail(made.status());
      if (ctx.json) {
        Object::Ptr j = json::TokenJson(made->token);
        j->set("secret", made->secret);
        PrintJson(ctx.out, j);
      } else {
        ctx.out << "Token " << made->token.id << " for " << made->token.user
                << (made->token.read_only ? " (read-only)" : "") << ", valid through "
                << made->token.expires_at << ":\n  " << made->secret
                << "\n  (shown this once; send it as 'Authorization: Bearer <token>')\n";
      }
      return 0;
    }
    if (revoke->parsed()) {
      if (Status st = repo->RevokeToken(actor, o->id); !st.ok()) return ctx.Fail(st);
      if (!ctx.json) ctx.out << "Revoked token " << o->id << "\n";
      return 0;
    }
    auto tokens = repo->Tokens(actor, o->user);
    if (!tokens.ok()) return ctx.Fail(tokens.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& t : *tokens) arr->add(json::TokenJson(t));
      PrintJson(ctx.out, arr);
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : *tokens) {
      rows.push_back({std::to_string(t.id), t.user, t.label,
                      t.read_only ? "read-only" : "read-write", t.expires_at,
                      t.revoked_at.empty() ? "" : "revoked " + t.revoked_at.substr(0, 10),
                      t.last_used_at.empty() ? "never" : t.last_used_at.substr(0, 16)});
    }
    PrintTable(ctx.out, {"id", "user", "label", "access", "expires", "revoked", "last used"}, rows);
    return 0;
  };
}

}  // namespace

const std::vector<Command>& IdentityCommands() {
  static const std::vector<Command> kCommands = {
      {"token", "Create, list and revoke API tokens for the server", DefineToken},
  };
  return kCommands;
}

}  // namespace dossier::cli
