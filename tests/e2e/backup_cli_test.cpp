// dossier backup and restore, through the real binary: a backup is a verified
// repository of its own, the next one copies only what is new, nothing is
// ever overwritten, and a backup taken while four processes write restores to
// a repository holding every document committed before it started.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "e2e/run_dossier.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using Poco::JSON::Array;
using Poco::JSON::Object;

class BackupCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(testing::RunDossier({"init", repo_}, dir_.path()).exit_code, 0);
    ASSERT_EQ(Run({"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
    ASSERT_EQ(Run({"user", "add", "档案员", "--role", "archivist"}).exit_code, 0);
  }
  testing::Outcome Run(std::vector<std::string> args, const std::string& as = "admin",
                       const std::string& repo = "") {
    args.insert(args.begin(), {"--repo", repo.empty() ? repo_ : repo, "--as", as});
    return testing::RunDossier(args, dir_.path());
  }
  // A document with a file of its own content; returns its number.
  std::string Add(const std::string& title, const std::string& text) {
    auto file = dir_.Write("files/" + title + ".txt", text);
    auto added = Run(
        {"add", "generic", "--title", title, "--set", "date=2026-03-01", file.string(), "--json"},
        "张三");
    EXPECT_EQ(added.exit_code, 0) << added.err;
    return added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  }
  std::set<std::string> Numbers(const std::string& repo) {
    auto list = Run({"list", "--json", "--limit", "100000"}, "档案员", repo);
    EXPECT_EQ(list.exit_code, 0) << list.err;
    std::set<std::string> out;
    Array::Ptr documents = list.Json().extract<Array::Ptr>();
    for (const auto& d : *documents)
      out.insert(d.extract<Object::Ptr>()->getValue<std::string>("number"));
    return out;
  }
  static ino_t Inode(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
  }

  testing::TempDir dir_;
  const std::string repo_ = (dir_ / "repo").string();
  const fs::path backups_ = dir_ / "backups";
};

TEST_F(BackupCli, ABackupIsAVerifiedRepositoryAndRestoresToOneWithTheSameDocumentsAndFiles) {
  const auto first = Add("服务器采购合同", "第一条 甲方向乙方采购服务器二十台。");
  const auto second = Add("会议纪要", std::string(700 * 1024, 'x') + "大文件，存为单独的对象");
  auto backup = Run({"backup", (backups_ / "b1").string(), "--json"}, "档案员");
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  auto report = backup.Json().extract<Object::Ptr>();
  EXPECT_EQ(report->getValue<int>("documents"), 2);
  EXPECT_GE(report->getValue<int>("files_copied"), 2) << "a pack and a loose blob";
  EXPECT_EQ(report->getValue<int>("files_linked"), 0);
  EXPECT_TRUE(report->getObject("verify")->getArray("problems")->size() == 0);
  // What the copy's verification left out is said, not hidden.
  auto not_checked = report->getObject("verify")->getArray("not_checked");
  ASSERT_EQ(not_checked->size(), 1u);
  EXPECT_NE(not_checked->getElement<std::string>(0).find("FTS5 integrity-check"),
            std::string::npos);
  EXPECT_TRUE(fs::exists(backups_ / "b1" / "backup.json"));
  // No partial folder is left beside it.
  for (const auto& e : fs::directory_iterator(backups_)) EXPECT_EQ(e.path().filename(), "b1");

  // The backup is a repository: it lists and verifies as one.
  EXPECT_EQ(Numbers((backups_ / "b1").string()), (std::set<std::string>{first, second}));
  EXPECT_EQ(Run({"verify"}, "档案员", (backups_ / "b1").string()).exit_code, 0);

  const auto restored = (dir_ / "restored").string();
  auto restore = testing::RunDossier(
      {"--as", "档案员", "restore", (backups_ / "b1").string(), restored}, dir_.path());
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_NE(restore.out.find("已恢复到 " + restored + "：2 份文件"), std::string::npos)
      << restore.out;
  EXPECT_EQ(Numbers(restored), (std::set<std::string>{first, second}));
  auto got = Run({"get", first, "-o", (dir_ / "got").string()}, "张三", restored);
  ASSERT_EQ(got.exit_code, 0) << got.err;
  std::ifstream in(dir_ / "got" / "服务器采购合同.txt");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}),
            "第一条 甲方向乙方采购服务器二十台。");
  // The restored repository is a working one, owner-only, and records how it came to be.
  EXPECT_EQ(fs::status(restored).permissions() & fs::perms::all, fs::perms::owner_all);
  auto audit = Run({"audit", "--json"}, "admin", restored);
  EXPECT_NE(audit.out.find("\"restore\""), std::string::npos) << audit.out;
  EXPECT_FALSE(Add("恢复后的新文件", "新内容").empty());
  // The live repository records the backup.
  auto live_audit = Run({"audit", "--json"});
  EXPECT_NE(live_audit.out.find("\"backup\""), std::string::npos);
}

TEST_F(BackupCli, TheNextBackupBesideItCopiesOnlyWhatIsNewAndLinksTheRest) {
  for (int i = 0; i < 5; ++i)
    Add("文件" + std::to_string(i), "第" + std::to_string(i) + "份的内容");
  ASSERT_EQ(Run({"backup", (backups_ / "monday").string()}).exit_code, 0);
  const auto added = Add("新的文件", "周二新增的内容");
  auto second = Run({"backup", (backups_ / "tuesday").string(), "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  auto r = second.Json().extract<Object::Ptr>();
  EXPECT_EQ(r->getValue<std::string>("previous"), (backups_ / "monday").string());
  EXPECT_EQ(r->getValue<int>("files_copied"), 1) << "the new document's pack alone";
  EXPECT_GE(r->getValue<int>("files_linked"), 5);
  // A linked file is the previous backup's very file.
  int shared = 0;
  for (const auto& e : fs::recursive_directory_iterator(backups_ / "tuesday" / "store" / "packs")) {
    auto earlier = backups_ / "monday" / e.path().lexically_relative(backups_ / "tuesday");
    if (fs::exists(earlier) && Inode(earlier) == Inode(e.path())) ++shared;
  }
  EXPECT_GE(shared, 5);
  EXPECT_EQ(Numbers((backups_ / "tuesday").string()).count(added), 1u);
  EXPECT_EQ(Run({"verify"}, "档案员", (backups_ / "tuesday").string()).exit_code, 0);
  // --full links nothing.
  auto full = Run({"backup", (backups_ / "full").string(), "--full", "--json"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_EQ(full.Json().extract<Object::Ptr>()->getValue<int>("files_linked"), 0);
}

TEST_F(BackupCli, NothingIsEverOverwrittenAndWhatIsNotABackupIsNamed) {
  Add("合同", "内容");
  fs::create_directories(backups_ / "taken");
  dir_.Write("backups/taken/notes.txt", "someone's notes");
  auto onto = Run({"backup", (backups_ / "taken").string()});
  EXPECT_EQ(onto.exit_code, 1);
  EXPECT_NE(onto.err.find((backups_ / "taken").string() + " exists"), std::string::npos)
      << onto.err;
  EXPECT_TRUE(fs::exists(backups_ / "taken" / "notes.txt"));
  EXPECT_FALSE(fs::exists(backups_ / "taken" / "catalog.db"));

  auto inside = Run({"backup", repo_ + "/backup"});
  EXPECT_EQ(inside.exit_code, 1);
  EXPECT_NE(inside.err.find("outside the repository"), std::string::npos) << inside.err;

  ASSERT_EQ(Run({"backup", (backups_ / "good").string()}).exit_code, 0);
  auto over_repo = testing::RunDossier(
      {"--as", "admin", "restore", (backups_ / "good").string(), repo_}, dir_.path());
  EXPECT_EQ(over_repo.exit_code, 1);
  EXPECT_NE(over_repo.err.find(repo_ + " exists"), std::string::npos) << over_repo.err;
  EXPECT_EQ(Run({"verify"}).exit_code, 0) << "the repository restore was refused over is untouched";

  auto not_backup = testing::RunDossier(
      {"--as", "admin", "restore", (backups_ / "taken").string(), (dir_ / "r").string()},
      dir_.path());
  EXPECT_EQ(not_backup.exit_code, 1);
  EXPECT_NE(not_backup.err.find("is not a Dossier backup"), std::string::npos) << not_backup.err;
  EXPECT_FALSE(fs::exists(dir_ / "r"));

  auto nobody = testing::RunDossier(
      {"restore", (backups_ / "good").string(), (dir_ / "r").string()}, dir_.path());
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_NE(nobody.err.find("DOSSIER_USER"), std::string::npos) << nobody.err;

  // A clerk may neither back up nor restore (the core checks the role in the backup too).
  auto clerk = Run({"backup", (backups_ / "clerk").string()}, "张三");
  EXPECT_EQ(clerk.exit_code, 1);
  EXPECT_FALSE(fs::exists(backups_ / "clerk"));
  auto clerk_restore = testing::RunDossier(
      {"--as", "张三", "restore", (backups_ / "good").string(), (dir_ / "r").string()},
      dir_.path());
  EXPECT_NE(clerk_restore.exit_code, 0);
  EXPECT_FALSE(fs::exists(dir_ / "r"));
  // An empty folder is a fine place to restore into.
  fs::create_directories(dir_ / "empty");
  EXPECT_EQ(testing::RunDossier({"--as", "admin", "restore", (backups_ / "good").string(),
                                 (dir_ / "empty").string()},
                                dir_.path())
                .exit_code,
            0);
}

TEST_F(BackupCli, ABackupDuringFourWritersRestoresEverythingCommittedBeforeItStarted) {
  for (int i = 0; i < 4; ++i) {
    std::string text;
    for (int j = 0; j < 40; ++j)
      text += "第" + std::to_string(j) + "条 写入者" + std::to_string(i) + "的材料。\n";
    for (int f = 0; f < 60; ++f)
      dir_.Write("in" + std::to_string(i) + "/d" + std::to_string(f) + ".txt",
                 text + std::to_string(f));
  }
  std::vector<std::unique_ptr<testing::Process>> writers;
  for (int i = 0; i < 4; ++i) {
    writers.push_back(std::make_unique<testing::Process>(
        std::vector<std::string>{"--repo", repo_, "--as", "admin", "ingest",
                                 (dir_ / ("in" + std::to_string(i))).string(), "--type", "generic",
                                 "--batch", "5"},
        dir_.path()));
  }
  // Wait until some documents are in, then note them and back up.
  std::set<std::string> before;
  for (int tries = 0; tries < 200 && before.size() < 20; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    before = Numbers(repo_);
  }
  ASSERT_GE(before.size(), 20u) << "the writers did not get going";
  auto backup = Run({"backup", (backups_ / "busy").string(), "--json"});
  bool writing_during = false;
  for (auto& w : writers) writing_during = writing_during || w->Running();
  for (auto& w : writers) EXPECT_EQ(w->Wait().exit_code, 0);
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_TRUE(writing_during) << "the backup finished after the writers: no concurrency was tested";

  const auto restored = (dir_ / "restored").string();
  auto restore = testing::RunDossier(
      {"--as", "admin", "restore", (backups_ / "busy").string(), restored}, dir_.path());
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  auto verify = Run({"verify", "--json"}, "admin", restored);
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(verify.Json().extract<Object::Ptr>()->getArray("leftovers")->size(), 0u);
  auto in_backup = Numbers(restored);
  for (const auto& n : before)
    EXPECT_EQ(in_backup.count(n), 1u) << n << " was committed before the backup started";
  const auto all = Numbers(repo_);
  EXPECT_EQ(all.size(), 240u);
  for (const auto& n : in_backup) EXPECT_EQ(all.count(n), 1u) << n;
  // Each restored document's content is the live one's.
  const std::string one = *before.begin();
  auto live = Run({"get", one, "-o", (dir_ / "live").string()});
  auto copy = Run({"get", one, "-o", (dir_ / "copy").string()}, "admin", restored);
  ASSERT_EQ(live.exit_code, 0);
  ASSERT_EQ(copy.exit_code, 0);
  for (const auto& f : fs::directory_iterator(dir_ / "live")) {
    std::ifstream a(f.path()), b(dir_ / "copy" / f.path().filename());
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(a), {}),
              std::string(std::istreambuf_iterator<char>(b), {}));
  }
}

}  // namespace
}  // namespace dossier
