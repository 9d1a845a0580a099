// Commands that register, change and read documents.
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/context.h"
#include "cli/local_time.h"
#include "cli/output.h"
#include "cli/show_text.h"

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// The metadata file's text, read up to one byte past what the core takes
// (kMaxMetadataBytes) so that a huge file is not read whole to be refused.
// A FIFO or device is refused without waiting on it: '-' reads a pipe.
Result<std::string> ReadMetaFile(const std::string& path) {
  const bool from_stdin = path == "-";
  const std::string what = from_stdin ? "the metadata on standard input" : "metadata file " + path;
  const int fd =
      from_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Status::InvalidArgument("cannot read " + what + ": " + std::strerror(errno));
  struct stat st {};
  if (!from_stdin && (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
    ::close(fd);
    return Status::InvalidArgument(what + " is not a regular file (give '-' to read a pipe)");
  }
  std::string text(kMaxMetadataBytes + 1, '\0');
  size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (!from_stdin) ::close(fd);
      return Status::InvalidArgument("cannot read " + what + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  if (!from_stdin) ::close(fd);
  if (got > kMaxMetadataBytes) {
    return Status::InvalidArgument(what + " is larger than the " +
                                   std::to_string(kMaxMetadataBytes >> 20) +
                                   " MiB metadata may be");
  }
  text.resize(got);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(what + " is empty: give a JSON object ({} for none)");
  }
  return text;
}

std::vector<FileInput> Inputs(const std::vector<std::string>& paths) {
  std::vector<FileInput> out;
  for (const auto& p : paths) out.push_back(FileInput{p, ""});
  return out;
}

Result<std::optional<Confidentiality>> ParseLevel(const std::string& text) {
  if (text.empty()) return std::optional<Confidentiality>();
  auto level = ParseConfidentiality(text);
  if (!level)
    return Status::InvalidArgument(
        "confidentiality '" + text +
        "': use 公开, 内部, 秘密 or 机密 (public, internal, secret, classified)");
  return std::optional<Confidentiality>(*level);
}

// --- add -------------------------------------------------------------------------

Handler DefineAdd(CLI::App& app) {
  struct Opts {
    std::string type, title, meta, confidentiality = "内部", comment;
    std::vector<std::string> sets, files;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("TYPE", o->type, "Document type (see 'dossier types')")->required();
  app.add_option("--title", o->title, "Title")->required();
  app.add_option("--meta", o->meta, "Metadata JSON file ('-' for standard input)");
  app.add_option("--set", o->sets,
                 "key=value (text) or key:=json; dotted keys reach inside (parties.0.name)")
      ->allow_extra_args(false);
  app.add_option("--confidentiality", o->confidentiality,
                 "公开 | 内部 | 秘密 | 机密 (default 内部)");
  app.add_option("--comment", o->comment, "Comment on this first version");
  app.add_option("FILE", o->files, "Files of the document");
  return [o](Context& ctx) {
    auto sets = ParseSets(o->sets);
    if (!sets.ok()) return ctx.Fail(sets.status());
    auto level = ParseLevel(o->confidentiality);
    if (!level.ok()) return ctx.Fail(level.status());
    NewDocument doc;
    doc.type = o->type;
    doc.title = o->title;
    doc.set = *sets;
    doc.confidentiality = level->value_or(Confidentiality::kInternal);
    doc.comment = o->comment;
    doc.files = Inputs(o->files);
    if (!o->meta.empty()) {
      auto text = ReadMetaFile(o->meta);
      if (!text.ok()) return ctx.Fail(text.status());
      doc.metadata_json = *text;
    }
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto result = s->repo->Register(s->actor, doc);
    if (!result.ok()) return ctx.Fail(result.status());
    // Registered all the same (a copy may be meant), but said: a scan filed twice.
    auto same = s->repo->FindSameContent(s->actor, result->summary.id);
    if (ctx.json) {
      auto j = DocumentJson(*result);
      Array::Ptr matches = new Array();
      for (const auto& m : same.ok() ? *same : std::vector<SameContent>{}) {
        Object::Ptr x = new Object();
        x->set("file", m.file_name);
        x->set("number", m.other_number);
        x->set("title", m.other_title);
        x->set("other_file", m.other_file_name);
        matches->add(x);
      }
      j->set("same_content", matches);
      PrintJson(ctx.out, j);
    } else {
      const Names names = ctx.NamesFor(*s->repo);
      const std::string files = std::to_string(result->current.files.size());
      ctx.out << names.Say("已登记 ", "Registered ") << result->summary.number << "  "
              << result->summary.title << "\n  id " << result->summary.id
              << names.Say("，第 1 版，" + files + " 个文件\n",
                           ", version 1, " + files + " file(s)\n");
    }
    if (!same.ok()) {
      ctx.err << "dossier: registered, but could not look for the same content elsewhere: "
              << same.status().message() << "\n";
    } else if (!ctx.json) {
      for (const auto& m : *same) {
        ctx.err << "dossier: note: " << m.file_name << " has the same content as "
                << m.other_file_name << " of " << m.other_number << "  " << m.other_title << "\n";
      }
    }
    return 0;
  };
}

// --- version ---------------------------------------------------------------------

Handler DefineVersion(CLI::App& app) {
  struct Opts {
    std::string ref, title, meta, comment;
    std::vector<std::string> sets, files, remove;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "Document number or id")->required();
  app.add_option("--title", o->title, "New title");
  app.add_option("--meta", o->meta,
                 "Replace the metadata with this JSON file ('-' for standard input)");
  app.add_option("--set", o->sets, "key=value or key:=json, applied on top")
      ->allow_extra_args(false);
  app.add_option("--remove", o->remove, "Name of a file to leave out of the new version")
      ->allow_extra_args(false);
  app.add_option("--comment", o->comment, "What changed and why");
  app.add_option("FILE", o->files, "Files to add (a file of the same name is replaced)");
  return [o](Context& ctx) {
    auto sets = ParseSets(o->sets);
    if (!sets.ok()) return ctx.Fail(sets.status());
    VersionChange change;
    if (!o->title.empty()) change.title = o->title;
    if (!o->meta.empty()) {
      auto text = ReadMetaFile(o->meta);
      if (!text.ok()) return ctx.Fail(text.status());
      change.metadata_json = *text;
    }
    change.set = *sets;
    change.add_files = Inputs(o->files);
    change.remove_files = o->remove;
    change.comment = o->comment;
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto v = s->repo->AddVersion(s->actor, o->ref, change);
    if (!v.ok()) return ctx.Fail(v.status());
    if (ctx.json)
      PrintJson(ctx.out, VersionJson(*v));
    else
      ctx.out << o->ref << " is now at version " << v->number << " (" << v->files.size()
              << " file(s))\n";
    return 0;
  };
}

// --- show / history / diff -------------------------------------------------------------

Handler DefineShow(CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  app.add_option("REF", *ref, "Document number or id")->required();
  return [ref](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto detail = json::LoadDocumentDetail(*s->repo, s->actor, *ref);
    if (!detail.ok()) return ctx.Fail(detail.status());
    const Document& d = detail->document;
    if (ctx.json) {
      PrintJson(ctx.out, json::DocumentDetailJson(*detail));
    } else {
      std::string schema_json;
      for (const auto& t : s->repo->Types()) {
        if (t.code == d.summary.type) schema_json = t.schema_json;
      }
      PrintDocumentDetail(ctx.out, *detail, ctx.NamesFor(*s->repo), schema_json);
    }
    return 0;
  };
}

// --- transition / pending -------------------------------------------------------------

Handler DefineTransition(CLI::App& app) {
  struct Opts {
    std::string ref, action, comment;
    std::vector<std::string> sets;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "Document number or id")->required();
  app.add_option("ACTION", o->action,
                 "submit, approve, reject, request-changes, sign, ... (see 'dossier show REF')")
      ->required();
  app.add_option("--comment", o->comment,
                 "Comment or reason (required to reject or request changes)");
  app.add_option("--set", o->sets,
                 "Data the action needs, key=value (sign: signing_date, signatory_ours, "
                 "signatory_theirs, seal)")
      ->allow_extra_args(false);
  return [o](Context& ctx) {
    auto sets = ParseSets(o->sets);
    if (!sets.ok()) return ctx.Fail(sets.status());
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto life =
        s->repo->Transition(s->actor, o->ref, TransitionRequest{o->action, o->comment, *sets});
    if (!life.ok()) return ctx.Fail(life.status());
    if (ctx.json) {
      Object::Ptr j = new Object();
      AddLifecycleJson(j, *life);
      PrintJson(ctx.out, j);
    } else {
      Names names = ctx.NamesFor(*s->repo);
      ctx.out << o->ref << ": " << o->action << " -> "
              << names.Say(life->state_name_zh, life->state) << "\n";
      if (!life->awaiting.empty()) {
        std::string roles;
        for (const auto& r : life->awaiting) {
          auto role = ParseRole(r);
          roles += (roles.empty() ? "" : names.Say("、", ", ")) + (role ? names.RoleOf(*role) : r);
        }
        ctx.out << names.Say("  尚待会审：", "  still awaiting approval of: ") << roles << "\n";
      }
    }
    return 0;
  };
}

Handler DefineDistribute(CLI::App& app) {
  struct Opts {
    std::string ref, note;
    std::vector<std::string> to;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "A signed contract or agreement")->required();
  app.add_option("--to", o->to, "A department or person who receives a copy (repeat for each)")
      ->required()
      ->allow_extra_args(false);
  app.add_option("--note", o->note, "Note, e.g. how the copy was handed over");
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    if (Status st = s->repo->Distribute(s->actor, o->ref, o->to, o->note); !st.ok())
      return ctx.Fail(st);
    if (!ctx.json)
      ctx.out << o->ref << ": copies recorded for " << o->to.size() << " recipient(s)\n";
    return 0;
  };
}

Handler DefineResolutions(CLI::App& app) {
  struct Opts {
    ResolutionFilter filter;
    std::string ref, note;
    int item = 0;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--owner", o->filter.owner, "Only this owner's");
  app.add_flag("--overdue", o->filter.overdue, "Only open items past their due date");
  app.add_flag("--open", o->filter.open, "Only items not done");
  auto* done =
      app.add_subcommand("done", "Mark a resolution done (its owner, a manager or a director)");
  done->add_option("REF", o->ref, "The minutes")->required();
  done->add_option("ITEM", o->item, "The resolution's number (1 for the first)")->required();
  done->add_option("--note", o->note, "What was done");
  return [o, done](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    if (done->parsed()) {
      if (Status st = s->repo->CompleteResolution(s->actor, o->ref, o->item, o->note); !st.ok())
        return ctx.Fail(st);
      if (!ctx.json) ctx.out << o->ref << " resolution " << o->item << " is done\n";
      return 0;
    }
    auto items = s->repo->Resolutions(s->actor, o->filter);
    if (!items.ok()) return ctx.Fail(items.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& r : *items) arr->add(json::ResolutionJson(r));
      PrintJson(ctx.out, arr);
      return 0;
    }
    Names names = ctx.NamesFor(*s->repo);
    static const std::map<std::string, const char*> kStatus = {
        {"open", "办理中"}, {"done", "已办结"}, {"overdue", "逾期"}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : *items) {
      auto zh = kStatus.find(r.status);
      rows.push_back({r.minutes_number, std::to_string(r.item), r.owner, r.due,
                      zh == kStatus.end() ? r.status : names.Say(zh->second, r.status), r.text});
    }
    PrintTable(ctx.out,
               {names.Say("纪要", "minutes"), names.Say("事项", "item"),
                names.Say("责任人", "owner"), names.Say("完成期限", "due"),
                names.Say("状态", "status"), names.Say("决议", "resolution")},
               rows);
    ctx.out << names.Say("共 " + std::to_string(items->size()) + " 项决议",
                         std::to_string(items->size()) + " resolution(s)")
            << "\n";
    return 0;
  };
}

Handler DefineFile(CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  app.add_option("REF", *ref, "A contract (or any document)")->required();
  return [ref](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto file = s->repo->File(s->actor, *ref);
    if (!file.ok()) return ctx.Fail(file.status());
    if (ctx.json) {
      PrintJson(ctx.out, json::ContractFileJson(*file));
      return 0;
    }
    Names names = ctx.NamesFor(*s->repo);
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : file->pieces) {
      std::string part = p.part == "main" ? names.Say("主件", "main") : names.Relation(p.part);
      rows.push_back({part, p.document.number, names.Type(p.document.type),
                      names.State(p.document.type, p.document.status), p.document.title});
    }
    PrintTable(ctx.out,
               {names.Say("组成", "part"), names.Say("编号", "number"), names.Say("类型", "type"),
                names.Say("状态", "state"), names.Say("题名", "title")},
               rows);
    if (file->complete()) {
      ctx.out << names.Say("档案齐全，可以归档\n", "complete: ready to archive\n");
    } else {
      ctx.out << names.Say("缺少或阻碍归档：\n", "missing or blocking:\n");
      for (const auto& m : file->missing) ctx.out << "  - " << m << "\n";
    }
    return 0;
  };
}

Handler DefineArchive(CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  auto request = std::make_shared<ArchiveRequest>();
  app.add_option("REF", *ref, "The document whose file is archived")->required();
  app.add_option("--retention", request->retention, "Override the retention class (Y, D30, D10)");
  app.add_option("--reason", request->reason, "Why the class is overridden");
  return [ref, request](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto records = s->repo->Archive(s->actor, *ref, *request);
    if (!records.ok()) return ctx.Fail(records.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& r : *records) arr->add(ArchiveJson(r));
      PrintJson(ctx.out, arr);
      return 0;
    }
    const auto& head = records->front();
    const Names names = ctx.NamesFor(*s->repo);
    ctx.out << names.Say("已归档 " + *ref + "，档号 " + head.archive_code + "，保管期限 " +
                             head.retention + "（",
                         "Archived " + *ref + " as 档号 " + head.archive_code + ", retention " +
                             head.retention + " (")
            << head.retention_reason << names.Say("）\n", ")\n");
    for (const auto& r : *records) {
      ctx.out << names.Say("  第 " + std::to_string(r.piece) + " 件  ",
                           "  piece " + std::to_string(r.piece) + "  ")
              << r.document_number << "\n";
    }
    return 0;
  };
}

Handler DefinePending(CLI::App& app) {
  (void)app;
  return [](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto items = s->repo->Pending(s->actor);
    if (!items.ok()) return ctx.Fail(items.status());
    if (ctx.json) {
      PrintJson(ctx.out, json::PendingJson(*items));
      return 0;
    }
    Names names = ctx.NamesFor(*s->repo);
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : *items) {
      const auto& d = item.document;
      std::string actions;
      for (const auto& a : item.actions)
        actions +=
            (actions.empty() ? "" : names.Say("、", ", ")) + names.Action(d.type, d.status, a);
      rows.push_back({d.number, names.State(d.type, d.status), actions, d.title});
    }
    PrintTable(ctx.out,
               {names.Say("编号", "number"), names.Say("状态", "state"),
                names.Say("可办理", "you may"), names.Say("题名", "title")},
               rows);
    ctx.out << names.Say(
        std::to_string(items->size()) + " 件待 " + s->actor.name + " 办理\n",
        std::to_string(items->size()) + " document(s) waiting for " + s->actor.name + "\n");
    return 0;
  };
}

Handler DefineHistory(CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  app.add_option("REF", *ref, "Document number or id")->required();
  return [ref](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto versions = s->repo->History(s->actor, *ref);
    if (!versions.ok()) return ctx.Fail(versions.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& v : *versions) arr->add(VersionJson(v));
      PrintJson(ctx.out, arr);
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& v : *versions) {
      rows.push_back({"v" + std::to_string(v.number), LocalTime(v.created_at, true), v.author,
                      std::to_string(v.files.size()), v.title, v.comment});
    }
    Names names = ctx.NamesFor(*s->repo);
    PrintTable(ctx.out,
               {names.Say("版本", "version"),
                names.Say("时间（" + ShownTimeZone() + "）", "time (" + ShownTimeZone() + ")"),
                names.Say("作者", "author"), names.Say("文件数", "files"),
                names.Say("题名", "title"), names.Say("说明", "comment")},
               rows);
    return 0;
  };
}

Handler DefineDiff(CLI::App& app) {
  struct Opts {
    std::string ref;
    int from = 0, to = 0;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "Document number or id")->required();
  app.add_option("V1", o->from, "Older version number")->required();
  app.add_option("V2", o->to, "Newer version number")->required();
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto diff = s->repo->Diff(s->actor, o->ref, o->from, o->to);
    if (!diff.ok()) return ctx.Fail(diff.status());
    if (ctx.json) {
      PrintJson(ctx.out, json::DiffJson(*diff));
      return 0;
    }
    ctx.out << o->ref << ": version " << diff->from << " -> " << diff->to << "\n";
    if (diff->title)
      ctx.out << "  title: " << diff->title->first << " -> " << diff->title->second << "\n";
    for (const auto& f : diff->fields) {
      if (!f.before)
        ctx.out << "  + " << f.path << ": " << *f.after << "\n";
      else if (!f.after)
        ctx.out << "  - " << f.path << ": " << *f.before << "\n";
      else
        ctx.out << "  ~ " << f.path << ": " << *f.before << " -> " << *f.after << "\n";
    }
    for (const auto& n : diff->files_added) ctx.out << "  file added: " << n << "\n";
    for (const auto& n : diff->files_removed) ctx.out << "  file removed: " << n << "\n";
    for (const auto& n : diff->files_changed) ctx.out << "  file changed: " << n << "\n";
    if (!diff->title && diff->fields.empty() && diff->files_added.empty() &&
        diff->files_removed.empty() && diff->files_changed.empty()) {
      ctx.out << "  no differences\n";
    }
    return 0;
  };
}

// --- get / list ------------------------------------------------------------------------

Handler DefineGet(CLI::App& app) {
  struct Opts {
    std::string ref, out;
    int version = 0;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "Document number or id")->required();
  app.add_option("--version", o->version, "Version number (default: the newest)");
  app.add_option("-o,--output", o->out, "Folder to write the files into")->required();
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto written = s->repo->CheckOut(s->actor, o->ref, o->version, o->out);
    if (!written.ok()) return ctx.Fail(written.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& p : *written) arr->add(p.string());
      Object::Ptr j = new Object();
      j->set("files", arr);
      PrintJson(ctx.out, j);
    } else {
      for (const auto& p : *written) ctx.out << p.string() << "\n";
    }
    return 0;
  };
}

Handler DefineList(CLI::App& app) {
  struct Opts {
    std::string type, status, dept, counterparty, from, to;
    int limit = 0;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--type", o->type, "Only this document type");
  app.add_option("--status", o->status, "Only this status");
  app.add_option("--dept", o->dept, "Only this department; 本部门 (or mine): your own");
  app.add_option("--counterparty", o->counterparty, "Counterparty name contains this");
  app.add_option("--from", o->from, "Document date on or after (YYYY-MM-DD)");
  app.add_option("--to", o->to, "Document date on or before (YYYY-MM-DD)");
  app.add_option("--limit", o->limit, "At most this many");
  return [o](Context& ctx) {
    ListFilter f;
    auto opt = [](const std::string& v) {
      return v.empty() ? std::nullopt : std::optional<std::string>(v);
    };
    f.type = opt(o->type);
    f.status = opt(o->status);
    f.dept = opt(o->dept);
    f.counterparty = opt(o->counterparty);
    f.from = opt(o->from);
    f.to = opt(o->to);
    f.limit = o->limit;
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    auto docs = s->repo->List(s->actor, f);
    if (!docs.ok()) return ctx.Fail(docs.status());
    if (ctx.json) {
      Array::Ptr arr = new Array();
      for (const auto& d : *docs) arr->add(SummaryJson(d));
      PrintJson(ctx.out, arr);
      return 0;
    }
    Names names = ctx.NamesFor(*s->repo);
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : *docs) {
      rows.push_back({d.number, names.Type(d.type), names.Level(d.confidentiality),
                      names.State(d.type, d.status), d.doc_date, d.counterparty, d.title});
    }
    PrintTable(ctx.out,
               {names.Say("编号", "number"), names.Say("类型", "type"),
                names.Say("密级", "confidentiality"), names.Say("状态", "status"),
                names.Say("日期", "date"), names.Say("相对方", "counterparty"),
                names.Say("题名", "title")},
               rows);
    ctx.out << names.Say("共 " + std::to_string(docs->size()) + " 件\n",
                         std::to_string(docs->size()) + " document(s)\n");
    return 0;
  };
}

// --- link / void / classify --------------------------------------------------------------

Handler DefineLink(CLI::App& app) {
  struct Opts {
    std::string ref;
    std::string targets[5];
  };
  auto o = std::make_shared<Opts>();
  app.add_option("REF", o->ref, "The document the relation starts from")->required();
  const char* flags[5] = {"--amends", "--terminates", "--attaches-to", "--minutes-of",
                          "--supersedes"};
  const char* help[5] = {
      "REF is an amendment agreement of this contract",
      "REF is a termination agreement of this contract",
      "REF is an attachment (approval form, correspondence, record) of this contract",
      "REF is the minutes of this matter", "REF replaces this document"};
  auto* group = app.add_option_group("relation", "exactly one of");
  for (int i = 0; i < 5; ++i) group->add_option(flags[i], o->targets[i], help[i]);
  group->require_option(1);
  return [o](Context& ctx) {
    const RelationKind kinds[5] = {RelationKind::kAmends, RelationKind::kTerminates,
                                   RelationKind::kAttachmentOf, RelationKind::kMinutesOf,
                                   RelationKind::kSupersedes};
    int i = 0;
    while (i < 5 && o->targets[i].empty()) ++i;
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    if (Status st = s->repo->Link(s->actor, o->ref, kinds[i], o->targets[i]); !st.ok())
      return ctx.Fail(st);
    if (!ctx.json)
      ctx.out << o->ref << " " << RelationCode(kinds[i]) << " " << o->targets[i] << "\n";
    else {
      Object::Ptr j = new Object();
      j->set("from", o->ref);
      j->set("kind", std::string(RelationCode(kinds[i])));
      j->set("to", o->targets[i]);
      PrintJson(ctx.out, j);
    }
    return 0;
  };
}

Handler DefineVoid(CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  app.add_option("REF", *ref, "Document number or id")->required();
  app.add_option("--reason", *reason, "Why the registration is void")->required();
  return [ref, reason](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    if (Status st = s->repo->Void(s->actor, *ref, *reason); !st.ok()) return ctx.Fail(st);
    if (!ctx.json) ctx.out << *ref << " is void; its number stays recorded and is never reused\n";
    return 0;
  };
}

Handler DefineClassify(CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  auto level = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  app.add_option("REF", *ref, "Document number or id")->required();
  app.add_option("LEVEL", *level, "公开 | 内部 | 秘密 | 机密")->required();
  app.add_option("--reason", *reason, "Why the marking changes")->required();
  return [ref, level, reason](Context& ctx) {
    auto parsed = ParseLevel(*level);
    if (!parsed.ok()) return ctx.Fail(parsed.status());
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    if (Status st = s->repo->SetConfidentiality(s->actor, *ref, **parsed, *reason); !st.ok())
      return ctx.Fail(st);
    if (!ctx.json) ctx.out << *ref << " is now marked " << ConfidentialityName(**parsed) << "\n";
    return 0;
  };
}

}  // namespace

const std::vector<Command>& DocumentCommands() {
  static const std::vector<Command> kCommands = {
      {"add", "Register a document: validate its metadata, store its files, assign its number",
       DefineAdd},
      {"version", "Add a version: changed metadata, title or files", DefineVersion},
      {"show", "Show a document: number, state, files, relations, metadata", DefineShow},
      {"history", "List the versions of a document", DefineHistory},
      {"diff", "Show what changed between two versions", DefineDiff},
      {"get", "Write the files of a version into a folder (verified)", DefineGet},
      {"list", "List documents, with filters", DefineList},
      {"transition", "Take a workflow action: submit, approve, reject, request-changes, sign, ...",
       DefineTransition},
      {"pending", "What waits for you: reviews to give, next steps of your documents",
       DefinePending},
      {"distribute", "Record copies of a signed contract given to departments or people (副本分发)",
       DefineDistribute},
      {"resolutions",
       "Resolutions of minutes: owners, due dates, status; 'resolutions done REF N' closes one",
       DefineResolutions},
      {"file", "Show a contract's file (合同档案) and what it lacks before archiving", DefineFile},
      {"archive",
       "Archive a document with its whole file: 档号, retention class, archive date (archivist)",
       DefineArchive},
      {"link", "Relate two documents (amends, terminates, attaches-to, minutes-of, supersedes)",
       DefineLink},
      {"void", "Void a registration; the number is kept and never reused", DefineVoid},
      {"classify", "Change a document's confidentiality (密级)", DefineClassify},
  };
  return kCommands;
}

}  // namespace dossier::cli
