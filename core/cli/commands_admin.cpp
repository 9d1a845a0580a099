// Commands for the repository as a whole: creating it, its users and types,
// bulk ingest, numbering, verification, the audit trail and plugins.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "cli/audit_text.h"
#include "cli/context.h"
#include "cli/local_time.h"
#include "cli/output.h"
#include "cli/password_input.h"
#include "dossier/files.h"
#include "dossier/plugin.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Handler DefineInit(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  auto password_file = std::make_shared<std::string>();
  auto admin = std::make_shared<std::string>("admin");
  auto signing_key = std::make_shared<std::string>();
  app.add_option("DIR", *dir, "Folder for the new repository (new or empty; default: --repo)");
  app.add_option("--admin", *admin,
                 "The first administrator's name (default admin; a name of one's own leaves no "
                 "well-known account)");
  app.add_option("--admin-password-file", *password_file,
                 "Their password, the first line of FILE (- for standard input); default: a "
                 "one-time password printed once");
  app.add_option(
      "--signing-key", *signing_key,
      "Where the key that signs the repository's exports goes, outside it (default: beside it, "
      "DIR.signing-key); a file already holding a key is used as it is");
  return [dir, password_file, admin, signing_key](Context& ctx) {
    std::string path = *dir;
    if (path.empty() && !ctx.repo_path.empty()) {
      auto configured = ctx.RepositoryPath();
      if (!configured.ok()) return ctx.Fail(configured.status());
      path = *configured;
    }
    if (path.empty())
      return ctx.Fail(Status::InvalidArgument("init needs a folder: dossier init DIR"));
    std::string password;
    if (!password_file->empty()) {
      auto read = ReadPasswordFile(*password_file);
      if (!read.ok()) return ctx.Fail(read.status());
      password = *read;
    }
    auto report = Repository::Init(path, {}, password, *admin, *signing_key);
    if (!report.ok()) return ctx.Fail(report.status());
    const std::string& name = report->admin_name;
    if (ctx.json) {
      Object::Ptr j = new Object();
      j->set("path", path);
      j->set("admin", name);
      if (report->admin_password_generated) j->set("admin_password", report->admin_password);
      j->set("signing_key_file", report->signing_key_file.string());
      j->set("signing_key_id", report->signing_key_id);
      PrintJson(ctx.out, j);
    } else {
      ctx.out << "Created repository " << path
              << " (readable by its owner alone)\n  first user: " << name << " (role admin)\n";
      if (report->admin_password_generated) {
        ctx.out << "  " << name << "'s one-time password: " << report->admin_password
                << "\n  (shown this once; to be changed at the first sign-in to the server)\n";
      }
      ctx.out << "  signing key: " << report->signing_key_id << " in "
              << report->signing_key_file.string()
              << "\n  (keep it outside the repository, readable by its owner alone; its exports "
                 "are signed with it)\n";
      ctx.out << "  next: dossier --repo " << path << " --as " << name
              << " user add NAME --role clerk\n";
    }
    return 0;
  };
}

Handler DefineTypes(CLI::App& app) {
  (void)app;
  return [](Context& ctx) {
    auto repo = ctx.OpenRepository();
    if (!repo.ok()) return ctx.Fail(repo.status());
    auto types = (*repo)->Types();
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& t : types) arr->add(json::TypeJson(t));
      PrintJson(ctx.out, arr);
      return 0;
    }
    Names names = ctx.NamesFor(**repo);
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : types)
      rows.push_back({t.code, t.name_zh, t.name_en, t.numbering, t.retention});
    PrintTable(ctx.out,
               {names.Say("代码", "type"), "名称", "name", names.Say("编号规则", "numbering"),
                names.Say("保管期限", "retention")},
               rows);
    return 0;
  };
}

Handler DefineUser(CLI::App& app) {
  struct Opts {
    std::string name, role, clearance, active, password_file, dept, handover_to;
    std::optional<std::string> department;
    std::optional<std::string> language;
    bool temporary = false;
  };
  auto o = std::make_shared<Opts>();
  app.require_subcommand(1);
  auto* add = app.add_subcommand("add", "Add a user (admin)");
  add->add_option("NAME", o->name, "User name")->required();
  add->add_option("--role", o->role,
                  "clerk | manager | director | legal | finance | archivist | admin")
      ->required();
  add->add_option("--clearance", o->clearance,
                  "Highest level they may see: 公开 | 内部 | 秘密 | 机密 (default per role)");
  add->add_option("--department", o->department,
                  "The department they work in (所属部门), as config/departments.json names it");
  auto* set = app.add_subcommand(
      "set",
      "Change a user's role, clearance, department or activity (admin), or language "
      "(anyone their own)");
  set->add_option("NAME", o->name, "User name")->required();
  set->add_option("--role", o->role, "New role");
  set->add_option("--clearance", o->clearance, "New clearance");
  set->add_option("--active", o->active, "yes | no");
  set->add_option("--department", o->department, "New department ('' for none)");
  set->add_option("--language", o->language,
                  "What they read Dossier in: zh or en ('' for the default, zh); "
                  "--lang and DOSSIER_LANG still choose for one command");
  set->add_option("--handover-to", o->handover_to,
                  "With --active no: hand their loans, open resolutions and seal requests to this "
                  "user (recorded)");
  auto* holds = app.add_subcommand(
      "holds", "What a user holds that keeps them from being deactivated (admin)");
  holds->add_option("NAME", o->name, "User name")->required();
  auto* list = app.add_subcommand("list", "List users");
  list->add_option("--dept", o->dept, "Only the users of this department");
  auto* passwd = app.add_subcommand(
      "passwd", "Set a user's password (admin; anyone for themselves); ends their sessions");
  passwd->add_option("NAME", o->name, "User name")->required();
  passwd->add_option(
      "--password-file", o->password_file,
      "The first line of FILE (- for standard input); default: asked twice at the terminal");
  passwd->add_flag("--temporary", o->temporary,
                   "The user must choose a new one at their next sign-in");
  auto* end = app.add_subcommand(
      "end-sessions", "End every server session of a user (admin; anyone for themselves)");
  end->add_option("NAME", o->name, "User name")->required();
  auto* second = app.add_subcommand(
      "remove-second-factor",
      "Remove a user's second factor (admin; a lost phone): they sign in with their "
      "password alone and enrol again; their sessions end");
  second->add_option("NAME", o->name, "User name")->required();
  return [o, add, set, holds, list, passwd, end, second](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto& [repo, actor] = *s;
    if (holds->parsed()) {
      auto held = repo->ObligationsOf(actor, o->name);
      if (!held.ok()) return ctx.Fail(held.status());
      size_t count = held->loans.size() + held->resolutions.size() + held->seal_requests.size() +
                     held->reviews.size();
      if (ctx.json) {
        Object::Ptr j = new Object();
        Array::Ptr loans = new Array(), resolutions = new Array(), seals = new Array(),
                   reviews = new Array();
        for (const auto& l : held->loans) loans->add(json::LoanJson(l));
        for (const auto& r : held->resolutions) resolutions->add(json::ResolutionJson(r));
        for (const auto& u : held->seal_requests) seals->add(json::SealJson(u));
        for (const auto& p : held->reviews) reviews->add(p.document.number);
        j->set("loans", loans);
        j->set("resolutions", resolutions);
        j->set("seal_requests", seals);
        j->set("reviews", reviews);
        PrintJson(ctx.out, j);
      } else if (count == 0) {
        ctx.out << o->name << " holds nothing: they can be deactivated\n";
      } else {
        ctx.out << DescribeObligations(o->name, *held) << "\n";
      }
      return 0;
    }
    if (passwd->parsed()) {
      auto password = o->password_file.empty() ? PromptNewPassword(o->name)
                                               : ReadPasswordFile(o->password_file);
      if (!password.ok()) return ctx.Fail(password.status());
      if (Status st = repo->SetPassword(actor, o->name, *password, o->temporary); !st.ok())
        return ctx.Fail(st);
      if (!ctx.json) {
        const Names names = ctx.NamesFor(*repo);
        ctx.out << names.Say(
            "已设置 " + o->name + " 的" + (o->temporary ? "临时" : "") + "密码；其会话均已结束\n",
            "Set the password of " + o->name + (o->temporary ? " (temporary)" : "") +
                "; their sessions ended\n");
      }
      return 0;
    }
    if (end->parsed()) {
      auto ended = repo->EndSessionsOf(actor, o->name);
      if (!ended.ok()) return ctx.Fail(ended.status());
      if (ctx.json) {
        Object::Ptr j = new Object();
        j->set("ended", *ended);
        PrintJson(ctx.out, j);
      } else {
        const std::string n = std::to_string(*ended);
        ctx.out << ctx.NamesFor(*repo).Say("已结束 " + o->name + " 的 " + n + " 个会话\n",
                                           "Ended " + n + " session(s) of " + o->name + "\n");
      }
      return 0;
    }
    if (second->parsed()) {
      if (actor.name == o->name) {
        return ctx.Fail(Status::InvalidArgument(
            "one's own second factor is removed when signed in (the server, with the password)"));
      }
      if (Status st = repo->RemoveSecondFactor(actor, o->name, ""); !st.ok()) return ctx.Fail(st);
      if (!ctx.json) {
        ctx.out << ctx.NamesFor(*repo).Say(
            "已移除 " + o->name + " 的第二因素；其会话均已结束\n",
            "Removed the second factor of " + o->name + "; their sessions ended\n");
      }
      return 0;
    }
    std::optional<Role> role;
    std::optional<Confidentiality> clearance;
    if (!o->role.empty()) {
      role = ParseRole(o->role);
      if (!role)
        return ctx.Fail(Status::InvalidArgument(
            "unknown role '" + o->role +
            "'; roles: clerk, manager, director, legal, finance, archivist, admin"));
    }
    if (!o->clearance.empty()) {
      clearance = ParseConfidentiality(o->clearance);
      if (!clearance)
        return ctx.Fail(Status::InvalidArgument("clearance '" + o->clearance +
                                                "': use 公开, 内部, 秘密 or 机密"));
    }
    if (add->parsed()) {
      if (Status st = repo->AddUser(actor, o->name, *role, clearance, o->department.value_or(""));
          !st.ok()) {
        return ctx.Fail(st);
      }
      if (!ctx.json) {
        const Names names = ctx.NamesFor(*repo);
        ctx.out << names.Say("已添加用户 ", "Added user ") << o->name << names.Say("（", " (")
                << names.RoleOf(*role) << names.Say("）\n", ")\n");
      }
      return 0;
    }
    if (set->parsed()) {
      std::optional<bool> active;
      if (o->active == "yes" || o->active == "true")
        active = true;
      else if (o->active == "no" || o->active == "false")
        active = false;
      else if (!o->active.empty())
        return ctx.Fail(Status::InvalidArgument("--active takes yes or no"));
      if (o->language) {
        if (active || role || clearance || o->department || !o->handover_to.empty()) {
          return ctx.Fail(Status::InvalidArgument(
              "--language goes alone (a user sets their own; the rest is an admin's)"));
        }
        if (Status st = repo->SetUserLanguage(actor, o->name, *o->language); !st.ok())
          return ctx.Fail(st);
        if (!ctx.json) {
          const std::string chosen = o->language->empty() ? "" : *o->language;
          ctx.out << ctx.NamesFor(*repo).Say(
              o->name + " 的语言：" +
                  (chosen.empty()   ? "默认（中文）"
                   : chosen == "en" ? "英文（en）"
                                    : "中文（zh）") +
                  "\n",
              "Language of " + o->name + ": " + (chosen.empty() ? "default (zh)" : chosen) + "\n");
        }
        return 0;
      }
      if (!o->handover_to.empty()) {
        if (active != false || role || clearance || o->department) {
          return ctx.Fail(Status::InvalidArgument("--handover-to goes with --active no alone"));
        }
        if (Status st = repo->DeactivateUser(actor, o->name, o->handover_to); !st.ok())
          return ctx.Fail(st);
        if (!ctx.json) {
          ctx.out << ctx.NamesFor(*repo).Say(
              "已停用 " + o->name + "；其经手事项已交接给 " + o->handover_to + "\n",
              "Deactivated " + o->name + "; what they held is now " + o->handover_to + "'s\n");
        }
        return 0;
      }
      if (Status st = repo->UpdateUser(actor, o->name, role, clearance, active, o->department);
          !st.ok()) {
        return ctx.Fail(st);
      }
      if (!ctx.json)
        ctx.out << ctx.NamesFor(*repo).Say("已更新用户 " + o->name + "\n",
                                           "Updated user " + o->name + "\n");
      return 0;
    }
    (void)list;
    auto users = repo->ListUsers(actor);
    if (!users.ok()) return ctx.Fail(users.status());
    if (!o->dept.empty()) {
      std::erase_if(*users, [&](const User& u) { return u.department != o->dept; });
    }
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& u : *users) arr->add(json::UserJson(u));
      PrintJson(ctx.out, arr);
      return 0;
    }
    Names names = ctx.NamesFor(*repo);
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : *users) {
      rows.push_back({u.name, names.RoleOf(u.role), names.Level(u.clearance), u.department,
                      u.active ? names.Say("在用", "active") : names.Say("停用", "deactivated")});
    }
    PrintTable(
        ctx.out,
        {names.Say("用户", "user"), names.Say("角色", "role"), names.Say("密级", "clearance"),
         names.Say("部门", "department"), names.Say("状态", "status")},
        rows);
    return 0;
  };
}

Handler DefineIngest(CLI::App& app) {
  struct Opts {
    std::string dir, type;
    int threads = 0;
    size_t batch = 1000;
    bool skip_duplicates = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("DIR", o->dir, "Folder to register, one document per file")->required();
  app.add_flag("--skip-duplicates", o->skip_duplicates,
               "Skip a file whose content a document you may see already holds (default: register "
               "it and warn)");
  app.add_option("--type", o->type, "Type of files without a NAME.json sidecar");
  app.add_option("--threads", o->threads, "Worker threads (default: one per core)");
  app.add_option("--batch", o->batch, "Documents per transaction (default 1000)")
      ->check(CLI::Range(1, 100000));
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto& [repo, actor] = *s;
    IngestOptions options;
    options.default_type = o->type;
    options.threads = o->threads;
    options.batch_files = o->batch;
    options.skip_duplicates = o->skip_duplicates;
    bool tty = ::isatty(STDERR_FILENO) != 0;
    auto start = std::chrono::steady_clock::now();
    if (tty) {
      options.progress = [&](const IngestProgress& p) {
        std::fprintf(stderr, "\r  ingest: %lld/%lld files, %s",
                     static_cast<long long>(p.files_done), static_cast<long long>(p.files_total),
                     HumanBytes(static_cast<uint64_t>(p.bytes_done)).c_str());
        std::fflush(stderr);
      };
    }
    auto report = repo->Ingest(actor, o->dir, options);
    if (tty) std::fprintf(stderr, "\n");
    if (!report.ok()) return ctx.Fail(report.status());
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (ctx.json) {
      PrintJson(ctx.out, json::IngestJson(*report, secs));
    } else {
      char took[32];
      std::snprintf(took, sizeof took, "%.1f", secs);
      const Names names = ctx.NamesFor(*repo);
      const std::string count = std::to_string(report->registered.size());
      const std::string size = HumanBytes(static_cast<uint64_t>(report->bytes));
      ctx.out << names.Say("已登记 " + count + " 份文件，" + size + "，用时 " + took + " 秒",
                           "Registered " + count + " document(s), " + size + ", in " + took + " s");
      const std::string already = std::to_string(report->already.size());
      if (!report->already.empty())
        ctx.out << names.Say("；" + already + " 份已登记过，跳过",
                             "; " + already + " already registered, skipped");
      if (!report->duplicates.empty()) {
        const std::string same = std::to_string(report->duplicates.size());
        ctx.out << names.Say("；" + same + " 份的内容已在档案库中",
                             "; " + same + " with content already in the repository")
                << (o->skip_duplicates
                        ? names.Say("，跳过", ", skipped")
                        : names.Say("（仍已登记；--skip-duplicates 可跳过）",
                                    " (registered again; --skip-duplicates skips them)"));
      }
      ctx.out << "\n";
      for (const auto& d : report->duplicates) {
        ctx.err << "  " << (o->skip_duplicates ? "skipped" : "warning") << ": " << d.path
                << " has the content of " << d.number << "\n";
      }
      for (const auto& f : report->failed)
        ctx.err << "  failed: " << f.path << ": " << f.message << "\n";
      if (!report->failed.empty()) ctx.err << report->failed.size() << " file(s) not registered\n";
    }
    return report->failed.empty() ? 0 : 1;
  };
}

Handler DefineNumbers(CLI::App& app) {
  app.require_subcommand(1);
  app.add_subcommand("check",
                     "List gaps, duplicates and voids per numbering scope (archivist, admin)");
  return [](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto reports = s->repo->CheckNumbers(s->actor);
    if (!reports.ok()) return ctx.Fail(reports.status());
    Names names = ctx.NamesFor(*s->repo);
    bool problems = false;
    Array::Ptr arr = new Array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : *reports) {
      problems = problems || !r.recorded || !r.gaps.empty() || !r.duplicates.empty();
      Object::Ptr j = new Object();
      j->set("type", r.type);
      j->set("scope", r.scope);
      j->set("recorded", r.recorded);  // false: the scope's sequence row is gone
      j->set("last", r.last);
      j->set("assigned", r.assigned);
      Array::Ptr gaps = new Array(), dups = new Array(), voids = new Array(),
                 elsewhere = new Array();
      for (auto g : r.gaps) gaps->add(g);
      for (auto e : r.elsewhere) elsewhere->add(e);
      for (const auto& d : r.duplicates) dups->add(d);
      for (const auto& v : r.voids) voids->add(v);
      j->set("gaps", gaps);
      j->set("duplicates", dups);
      j->set("voids", voids);
      j->set("elsewhere", elsewhere);
      arr->add(j);
      auto join = [](const auto& v) {
        std::string out;
        for (const auto& x : v) {
          std::ostringstream s;
          s << x;
          out += (out.empty() ? "" : ",") + s.str();
        }
        return out.empty() ? std::string("-") : out;
      };
      rows.push_back(
          {r.scope, names.Type(r.type),
           r.recorded ? std::to_string(r.last) : names.Say("无序号记录", "no sequence row"),
           join(r.gaps), join(r.duplicates), join(r.voids), join(r.elsewhere)});
    }
    if (ctx.json) {
      PrintJson(ctx.out, arr);
    } else {
      PrintTable(
          ctx.out,
          {names.Say("编号范围", "scope"), names.Say("类型", "type"), names.Say("最后序号", "last"),
           names.Say("缺号", "gaps"), names.Say("重号", "duplicates"), names.Say("作废", "voids"),
           names.Say("导入未带", "imported without")},
          rows);
    }
    return problems ? 2 : 0;
  };
}

Handler DefineVerify(CLI::App& app) {
  auto against = std::make_shared<std::string>();
  app.add_option(
      "--against", *against,
      "A witness file of checkpoints: the history must extend every one (a rollback fails)");
  return [against](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    std::string witness;
    if (!against->empty()) {
      auto text = ReadFileToString(*against);
      if (!text.ok()) return ctx.Fail(text.status());
      witness = std::move(*text);
    }
    ProgressFn progress = TerminalProgress("verify");
    auto report = s->repo->Verify(s->actor, progress);
    ClearProgress(progress);
    if (!report.ok()) return ctx.Fail(report.status());
    if (!against->empty()) {
      auto found = s->repo->CheckAgainstWitness(s->actor, witness);
      if (!found.ok()) return ctx.Fail(found.status());
      report->problems.insert(report->problems.end(), found->begin(), found->end());
    }
    if (ctx.json) {
      PrintJson(ctx.out, json::VerifyJson(*report));
    } else {
      const Names names = ctx.NamesFor(*s->repo);
      const std::string documents = std::to_string(report->documents_checked);
      const std::string versions = std::to_string(report->versions_checked);
      const std::string blobs = std::to_string(report->blobs_checked);
      const std::string entries = std::to_string(report->audit_entries_checked);
      ctx.out << names.Say("已核对 " + documents + " 份文件、" + versions + " 个版本、" + blobs +
                               " 个存储对象、" + entries + " 条审计记录\n",
                           "Checked " + documents + " documents, " + versions + " versions, " +
                               blobs + " blobs, " + entries + " audit entries\n");
      for (const auto& p : report->problems)
        ctx.out << "  PROBLEM [" << p.kind << "] " << p.message << "\n";
      for (const auto& n : report->not_checked) ctx.out << "  not checked: " << n << "\n";
      uint64_t leftover_bytes = 0;
      for (const auto& l : report->leftovers) {
        ctx.out << "  leftover: " << l.path << " (" << l.what << ", " << l.bytes << " bytes)\n";
        leftover_bytes += l.bytes;
      }
      if (!report->leftovers.empty()) {
        ctx.out << report->leftovers.size() << " leftover file(s), " << leftover_bytes
                << " bytes, that the catalog does not refer to: left by interrupted writes (or one "
                   "in progress); "
                   "dossier gc removes them\n";
      }
      uint64_t abandoned_bytes = 0;
      for (const auto& l : report->abandoned) {
        ctx.out << "  abandoned: " << l.path << " (" << l.bytes << " bytes)\n";
        abandoned_bytes += l.bytes;
      }
      if (!report->abandoned.empty()) {
        ctx.out << report->abandoned.size() << " temporary folder(s), " << abandoned_bytes
                << " bytes, left in TMPDIR by killed imports, exports or uploads; dossier gc "
                   "removes them\n";
      }
      ctx.out << (report->clean()
                      ? "OK: no problems found\n"
                      : std::to_string(report->problems.size()) + " problem(s) found\n");
    }
    return report->clean() ? 0 : 2;
  };
}

Handler DefineAudit(CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  app.add_option("REF", *ref, "Only the entries of this document (default: all; archivist, admin)");
  return [ref](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto entries = s->repo->Audit(
        s->actor, ref->empty() ? std::nullopt : std::optional<std::string_view>(*ref));
    if (!entries.ok()) return ctx.Fail(entries.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& e : *entries) arr->add(AuditJson(e));
      PrintJson(ctx.out, arr);
      return 0;
    }
    // Documents by number, for those the reader may see (others keep their id).
    DocumentLabels documents;
    ListFilter every;
    every.limit = 0;
    auto visible = s->repo->List(s->actor, every);
    if (!visible.ok()) return ctx.Fail(visible.status());
    for (const auto& d : *visible) documents[d.id] = DocumentLabel{d.number, d.type};
    Names names = ctx.NamesFor(*s->repo);
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : *entries) {
      auto doc = documents.find(e.object);
      rows.push_back({std::to_string(e.seq), LocalTime(e.at, true), e.actor,
                      AuditActionName(e.action, names),
                      doc == documents.end() ? e.object : doc->second.number,
                      AuditDetailsText(e, names, documents)});
    }
    PrintTable(ctx.out,
               {names.Say("序号", "seq"), names.Say("时间", "time") + " (" + ShownTimeZone() + ")",
                names.Say("操作人", "actor"), names.Say("操作", "action"),
                names.Say("对象", "object"), names.Say("内容", "details")},
               rows);
    return 0;
  };
}

Handler DefinePlugins(CLI::App& app) {
  (void)app;
  return [](Context& ctx) {
    auto plugins = DiscoverPlugins(PluginFoldersFromEnvironment());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& p : plugins) {
        Object::Ptr j = new Object();
        j->set("name", p.name);
        j->set("path", p.path);
        j->set("version", p.version);
        j->set("description", p.description);
        j->set("provides", p.provides);
        j->set("api_version", p.api_version);
        j->set("loaded", p.loaded);
        j->set("error", p.error);
        arr->add(j);
      }
      PrintJson(ctx.out, arr);
      return 0;
    }
    if (plugins.empty()) {
      ctx.out << "No plugins found. Searched:\n";
      for (const auto& d : PluginSearchPath(PluginFoldersFromEnvironment()))
        ctx.out << "  " << d << "\n";
      return 0;
    }
    for (const auto& p : plugins) {
      if (p.loaded)
        ctx.out << p.name << " " << p.version << "  " << p.description << "  [" << p.provides
                << "]\n  " << p.path << "\n";
      else
        ctx.out << "REFUSED " << p.path << ": " << p.error << "\n";
    }
    return 0;
  };
}

Handler DefineCheckpoint(CLI::App& app) {
  auto to = std::make_shared<std::string>();
  app.add_option("--to", *to,
                 "Append it to this witness file (kept outside the repository); else print it");
  return [to](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto checkpoint = s->repo->TakeCheckpoint(s->actor, *to);
    if (!checkpoint.ok()) return ctx.Fail(checkpoint.status());
    if (ctx.json || to->empty()) {
      ctx.out << checkpoint->line << "\n";
    } else {
      ctx.out << "Checkpoint of entry " << checkpoint->seq << " (" << checkpoint->head
              << "), signed by key " << checkpoint->key_id << ", appended to " << *to << "\n";
    }
    return 0;
  };
}

Handler DefineGc(CLI::App& app) {
  struct Opts {
    bool dry_run = false;
    double keep_hours = 1;
  };
  auto o = std::make_shared<Opts>();
  app.add_flag("--dry-run", o->dry_run, "List what would be removed; remove nothing");
  app.add_option("--keep-temporary-hours", o->keep_hours,
                 "Keep temporary files younger than this: a running write may still be filling one "
                 "(default 1)")
      ->check(CLI::Range(0.0, 24.0 * 365));
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    GcOptions options;
    options.dry_run = o->dry_run;
    options.keep_temporary = std::chrono::seconds(static_cast<int64_t>(o->keep_hours * 3600));
    auto report = s->repo->CollectGarbage(s->actor, options);
    if (!report.ok()) return ctx.Fail(report.status());
    if (ctx.json) {
      PrintJson(ctx.out, json::GcJson(*report, o->dry_run));
      return 0;
    }
    const char* verb = o->dry_run ? "would remove" : "removed";
    for (const auto& l : report->removed)
      ctx.out << "  " << verb << ": " << l.path << " (" << l.what << ", " << l.bytes << " bytes)\n";
    for (const auto& l : report->kept)
      ctx.out << "  kept: " << l.path << " (" << l.what << " younger than the grace period)\n";
    ctx.out << (o->dry_run ? "Would remove " : "Removed ") << report->removed.size() << " file(s), "
            << HumanBytes(report->bytes) << (o->dry_run ? " (dry run: nothing removed)" : "")
            << "\n";
    return 0;
  };
}

}  // namespace

const std::vector<Command>& AdminCommands() {
  static const std::vector<Command> kCommands = {
      {"init", "Create a repository (first user: admin, or --admin NAME)", DefineInit},
      {"types", "List the document types and their numbering", DefineTypes},
      {"user", "Add, change and list users", DefineUser},
      {"ingest", "Register a folder tree in bulk, one document per file", DefineIngest},
      {"numbers", "Check numbering: gaps, duplicates, voids", DefineNumbers},
      {"verify", "Check blobs, versions, the audit chain, numbering and metadata", DefineVerify},
      {"checkpoint", "Sign the audit trail's head, for a witness file kept elsewhere",
       DefineCheckpoint},
      {"gc", "Remove what interrupted writes left in the store, beside running writers", DefineGc},
      {"audit", "Show the audit trail", DefineAudit},
      {"plugins", "List the plugins found and whether they load", DefinePlugins},
  };
  return kCommands;
}

}  // namespace dossier::cli
