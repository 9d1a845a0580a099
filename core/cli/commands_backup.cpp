// dossier backup DEST and dossier restore BACKUP DIR (dossier/backup.h).
#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "cli/output.h"
#include "dossier/text_table.h"

namespace dossier::cli {

namespace {

std::string Count(int64_t n) { return std::to_string(n); }

Handler DefineBackup(CLI::App& app) {
  struct Opts {
    std::string dest;
    std::string previous;
    bool full = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("DEST", o->dest,
                 "A new folder for the backup, outside the repository (e.g. "
                 "/srv/backup/dossier/2026-12-07)")
      ->required();
  app.add_option("--previous", o->previous,
                 "The backup to take unchanged store files from (default: the newest backup of "
                 "this repository "
                 "beside DEST)");
  app.add_flag("--full", o->full, "Copy every store file, linking none from a previous backup");
  return [o](Context& ctx) {
    auto s = Begin(ctx);
    if (!s.ok()) return ctx.Fail(s.status());
    BackupOptions options;
    options.previous = o->previous;
    options.full = o->full;
    auto report = s->repo->Backup(s->actor, o->dest, options);
    if (!report.ok()) return ctx.Fail(report.status());
    if (ctx.json) {
      PrintJson(ctx.out, json::BackupJson(*report));
      return 0;
    }
    const Names names = ctx.NamesFor(*s->repo);
    const auto& r = *report;
    const std::string dest = r.dest.string();
    const std::string copied = Count(r.files_copied) + " (" + HumanBytes(r.bytes_copied) + ")";
    const std::string linked = Count(r.files_linked) + " (" + HumanBytes(r.bytes_linked) + ")";
    ctx.out << names.Say("已备份到 " + dest + "：" + Count(r.documents) + " 份文件，审计记录至第 " +
                             Count(r.head.seq) + " 条\n",
                         "Backed up to " + dest + ": " + Count(r.documents) +
                             " documents, audit trail to entry " + Count(r.head.seq) + "\n");
    ctx.out << names.Say("  存储文件：新复制 " + copied + "，自上次备份链接 " + linked + "；目录 " +
                             HumanBytes(r.catalog_bytes) + "\n",
                         "  store files: " + copied + " copied, " + linked +
                             " linked from the previous backup; catalog " +
                             HumanBytes(r.catalog_bytes) + "\n");
    if (!r.previous.empty())
      ctx.out << names.Say("  上次备份：", "  previous backup: ") << r.previous.string() << "\n";
    ctx.out << names.Say("  已核对副本：" + Count(r.verify.documents_checked) + " 份文件、" +
                             Count(r.verify.blobs_checked) + " 个存储对象、" +
                             Count(r.verify.audit_entries_checked) + " 条审计记录，无问题\n",
                         "  copy verified: " + Count(r.verify.documents_checked) + " documents, " +
                             Count(r.verify.blobs_checked) + " blobs, " +
                             Count(r.verify.audit_entries_checked) +
                             " audit entries, no problems\n");
    return 0;
  };
}

Handler DefineRestore(CLI::App& app) {
  struct Opts {
    std::string backup;
    std::string dir;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("BACKUP", o->backup, "A backup's folder (made by dossier backup)")->required();
  app.add_option("DIR", o->dir, "A new (or empty) folder for the restored repository")->required();
  return [o](Context& ctx) {
    if (ctx.user.empty()) {
      return ctx.Fail(
          Status::InvalidArgument("restore verifies the copy as one of the backup's archivists or "
                                  "administrators: name them with --as or "
                                  "DOSSIER_USER"));
    }
    auto report = Repository::Restore(o->backup, o->dir, ctx.user);
    if (!report.ok()) return ctx.Fail(report.status());
    if (ctx.json) {
      PrintJson(ctx.out, json::RestoreJson(*report));
      return 0;
    }
    const Names names({}, ParseLang(ctx.lang_text).value_or(Lang::kZh));
    const auto& r = *report;
    ctx.out << names.Say(
        "已恢复到 " + r.dir.string() + "：" + Count(r.documents) + " 份文件，审计记录至第 " +
            Count(r.head.seq) + " 条；" + Count(r.files) + " 个文件（" + HumanBytes(r.bytes) +
            "），已核对，无问题\n",
        "Restored to " + r.dir.string() + ": " + Count(r.documents) +
            " documents, audit trail to entry " + Count(r.head.seq) + "; " + Count(r.files) +
            " files (" + HumanBytes(r.bytes) + "), verified, no problems\n");
    return 0;
  };
}

}  // namespace

const std::vector<Command>& BackupCommands() {
  static const std::vector<Command> kCommands = {
      {"backup",
       "Back up the repository while it is in use: a verified copy, new content only since the "
       "last",
       DefineBackup},
      {"restore", "Make a repository from a backup, verified before it is used", DefineRestore},
  };
  return kCommands;
}

}  // namespace dossier::cli
