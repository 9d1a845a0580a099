// A process killed at any moment leaves a repository that opens and verifies.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>

#include "e2e/run_dossier.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

// A fresh repository for each test, and the binary run on it as admin.
class CrashSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(testing::RunDossier({"init", repo_}, dir_.path()).exit_code, 0);
  }
  testing::Outcome Run(std::vector<std::string> args, const std::string& env = "") {
    args.insert(args.begin(), {"--repo", repo_, "--as", "admin"});
    return testing::RunDossier(args, dir_.path(), env);
  }

  testing::TempDir dir_;
  const std::string repo_ = (dir_ / "repo").string();
};

TEST_F(CrashSafety, IngestKilledAtManyPointsLeavesAVerifyingRepository) {
  // Enough work that a kill lands in the middle: staging, publishing, committing.
  std::string line = "第一条 甲方向乙方采购服务器。The supplier delivers in two lots.\n";
  std::string body;
  while (body.size() < 40'000) body += line;
  for (int i = 0; i < 400; ++i)
    dir_.Write("in/" + std::to_string(i / 50) + "/f" + std::to_string(i) + ".txt",
               body + std::to_string(i));

  int registered_before = 0;
  for (int delay_ms : {5, 40, 90, 150, 250, 400}) {
    testing::Process ingest({"--repo", repo_, "--as", "admin", "ingest", (dir_ / "in").string(),
                             "--type", "generic", "--batch", "40"},
                            dir_.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ingest.Kill(SIGKILL);
    ingest.Wait();
    auto verify = Run({"verify", "--json"});
    ASSERT_EQ(verify.exit_code, 0) << "killed after " << delay_ms << " ms:\n"
                                   << verify.out << verify.err;
    auto list = Run({"list", "--json"});
    int registered = static_cast<int>(list.Json().extract<Poco::JSON::Array::Ptr>()->size());
    EXPECT_GE(registered, registered_before);  // committed batches survive
    EXPECT_EQ(registered % 40, 0) << "a batch is all or nothing";
    registered_before = registered;
  }
  // A rerun after the last kill completes the job, registering no file twice.
  auto rerun = Run({"ingest", (dir_ / "in").string(), "--type", "generic", "--json"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  auto report = rerun.Json().extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(static_cast<int>(report->getArray("already")->size()), registered_before);
  EXPECT_EQ(static_cast<int>(report->getArray("registered")->size()), 400 - registered_before);
  auto all = Run({"list", "--json", "--limit", "1000"});
  EXPECT_EQ(all.Json().extract<Poco::JSON::Array::Ptr>()->size(), 400u);
  // Once more: everything is there already; a changed file is a new document.
  dir_.Write("in/0/f7.txt", body + "改");
  auto third = Run({"ingest", (dir_ / "in").string(), "--type", "generic"});
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.out.find("已登记 1 份文件，"), std::string::npos) << third.out;
  EXPECT_NE(third.out.find("399 份已登记过，跳过"), std::string::npos) << third.out;
  auto check = Run({"numbers", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

TEST_F(CrashSafety, WhatAKilledAddLeftIsReportedByVerifyAsLeftoversNotProblems) {
  // A large file goes to the store's temporary folder, then to a loose
  // file; a small one into a pack. Killed after staging, then after
  // publishing: neither was ever referenced by the catalog.
  std::string large(3 << 20, 'x');
  for (size_t i = 0; i < large.size(); i += 97) large[i] = static_cast<char>('a' + i % 26);
  auto big = dir_.Write("big.bin", large);
  auto small = dir_.Write("small.txt", "第一条 标的。");
  EXPECT_NE(Run({"add", "generic", "--title", "大文件", "--set", "date=2026-01-01", big.string()},
                "DOSSIER_CRASH_AT=staged:1")
                .exit_code,
            0);
  EXPECT_NE(Run({"add", "generic", "--title", "大文件", "--set", "date=2026-01-01", big.string()},
                "DOSSIER_CRASH_AT=published:1")
                .exit_code,
            0);
  EXPECT_NE(Run({"add", "generic", "--title", "小文件", "--set", "date=2026-01-01", small.string()},
                "DOSSIER_CRASH_AT=published:1")
                .exit_code,
            0);
  auto verify = Run({"verify", "--json"});
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto report = verify.Json().extract<Poco::JSON::Object::Ptr>();
  EXPECT_TRUE(report->getValue<bool>("clean"));
  std::map<std::string, uint64_t> bytes_by_kind;
  auto leftovers = report->getArray("leftovers");
  for (size_t i = 0; i < leftovers->size(); ++i) {
    auto l = leftovers->getObject(static_cast<unsigned>(i));
    bytes_by_kind[l->getValue<std::string>("what")] += l->getValue<uint64_t>("bytes");
    EXPECT_EQ(l->getValue<std::string>("path").rfind("store/", 0), 0u)
        << l->getValue<std::string>("path");
  }
  EXPECT_GT(bytes_by_kind["temporary file"], 0u);
  EXPECT_GT(bytes_by_kind["unreferenced blob"], 0u);
  EXPECT_GT(bytes_by_kind["unreferenced pack"], 0u);
  // The text report says it too; a successful add of the same content
  // refers to it, and it is no longer left over.
  auto text = Run({"verify"});
  EXPECT_NE(text.out.find("leftover file(s)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("OK: no problems found"), std::string::npos) << text.out;
  ASSERT_EQ(Run({"add", "generic", "--title", "大文件", "--set", "date=2026-01-01", big.string()})
                .exit_code,
            0);
  auto after =
      Run({"verify", "--json"}).Json().extract<Poco::JSON::Object::Ptr>()->getArray("leftovers");
  for (size_t i = 0; i < after->size(); ++i) {
    EXPECT_NE(after->getObject(static_cast<unsigned>(i))->getValue<std::string>("what"),
              "unreferenced blob");
  }
}

// dossier gc removes what verify lists, keeps young temporary files unless
// told otherwise, is audited, and leaves a repository whose documents all
// read back.
TEST_F(CrashSafety, GcRemovesTheLeftoversOfKilledWrites) {
  std::string large(3 << 20, 'y');
  for (size_t i = 0; i < large.size(); i += 89) large[i] = static_cast<char>('a' + i % 26);
  auto big = dir_.Write("big.bin", large);
  auto kept = dir_.Write("kept.txt", "第二条 价款。");
  auto added = Run(
      {"add", "generic", "--title", "留存", "--set", "date=2026-01-01", kept.string(), "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string number =
      added.Json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("number");
  EXPECT_NE(Run({"add", "generic", "--title", "大文件", "--set", "date=2026-01-01", big.string()},
                "DOSSIER_CRASH_AT=staged:1")
                .exit_code,
            0);
  EXPECT_NE(Run({"add", "generic", "--title", "大文件", "--set", "date=2026-01-01", big.string()},
                "DOSSIER_CRASH_AT=published:1")
                .exit_code,
            0);
  auto leftovers = [&] {
    return Run({"verify", "--json"})
        .Json()
        .extract<Poco::JSON::Object::Ptr>()
        ->getArray("leftovers")
        ->size();
  };
  const size_t before = leftovers();
  ASSERT_GE(before, 2u);

  ASSERT_EQ(Run({"gc"}).exit_code, 0);
  // The temporary file is young: kept by default, a running write may own it.
  auto dry = Run({"gc", "--dry-run", "--keep-temporary-hours", "0", "--json"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  auto planned = dry.Json().extract<Poco::JSON::Object::Ptr>();
  EXPECT_GE(planned->getArray("removed")->size(), 1u) << dry.out;
  EXPECT_GT(leftovers(), 0u);  // a dry run removes nothing
  auto gc = Run({"gc", "--keep-temporary-hours", "0"});
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  EXPECT_NE(gc.out.find("Removed "), std::string::npos) << gc.out;
  EXPECT_EQ(leftovers(), 0u);
  auto verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  auto audit = Run({"audit", "--json"});
  EXPECT_NE(audit.out.find("\"gc\""), std::string::npos);
  auto got = Run({"get", number, "-o", (dir_ / "out").string()});
  EXPECT_EQ(got.exit_code, 0) << got.err;
  // Only the archivist and the admin collect; a clerk is refused.
  ASSERT_EQ(Run({"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
  auto clerk = testing::RunDossier({"--repo", repo_, "--as", "张三", "gc"}, dir_.path());
  EXPECT_EQ(clerk.exit_code, 1) << clerk.out;
}

// Work folders in TMPDIR: one a killed import left (its lock file, no lock
// held: the kernel released it with the process), one in use (locked), one
// without a lock file (being made, or not a work folder at all). verify
// lists the first; gc removes it and keeps the others.
TEST_F(CrashSafety, GcRemovesTheWorkFoldersKilledProcessesLeftInTmpdir) {
  const auto tmp = dir_ / "tmp";
  const std::string env = "TMPDIR=" + tmp.string();
  dir_.Write("tmp/dossier-import-Ab12Cd/.in-use", "");
  dir_.Write("tmp/dossier-import-Ab12Cd/bag/data/big.bin", std::string(1 << 20, 'x'));
  dir_.Write("tmp/dossier-export-Ef34Gh/.in-use", "");
  dir_.Write("tmp/dossier-export-Ef34Gh/part.zip", "PK");
  dir_.Write("tmp/dossier-upload-Ij56Kl/upload.bin", "正在上传");
  dir_.Write("tmp/other-program/keep.txt", "not ours");
  const int held = ::open((tmp / "dossier-export-Ef34Gh/.in-use").c_str(), O_RDWR);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);

  auto verify = Run({"verify", "--json"}, env);
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto abandoned = verify.Json().extract<Poco::JSON::Object::Ptr>()->getArray("abandoned");
  ASSERT_EQ(abandoned->size(), 1u) << verify.out;
  EXPECT_EQ(abandoned->getObject(0)->getValue<std::string>("path"),
            (tmp / "dossier-import-Ab12Cd").string());
  EXPECT_GE(abandoned->getObject(0)->getValue<uint64_t>("bytes"), 1u << 20);
  EXPECT_NE(Run({"verify"}, env).out.find("left in TMPDIR by killed imports"), std::string::npos);

  auto dry = Run({"gc", "--dry-run"}, env);
  EXPECT_NE(dry.out.find("dossier-import-Ab12Cd"), std::string::npos) << dry.out;
  EXPECT_TRUE(std::filesystem::exists(tmp / "dossier-import-Ab12Cd"));
  auto gc = Run({"gc"}, env);
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  EXPECT_NE(gc.out.find("abandoned temporary folder"), std::string::npos) << gc.out;
  EXPECT_FALSE(std::filesystem::exists(tmp / "dossier-import-Ab12Cd"));
  EXPECT_TRUE(std::filesystem::exists(tmp / "dossier-export-Ef34Gh/part.zip"));  // in use
  EXPECT_TRUE(std::filesystem::exists(
      tmp / "dossier-upload-Ij56Kl/upload.bin"));  // no lock file: not judged
  EXPECT_TRUE(std::filesystem::exists(tmp / "other-program/keep.txt"));
  // Once its process is gone, the folder in use is abandoned too.
  ::close(held);
  ASSERT_EQ(Run({"gc"}, env).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(tmp / "dossier-export-Ef34Gh"));
}

// gc run again and again while an ingest writes: no content a committed
// document names is ever removed (writers hold the store between publishing
// and committing; gc waits for them).
TEST_F(CrashSafety, GcBesideARunningIngestRemovesNothingACommittedDocumentNeeds) {
  std::string body;
  while (body.size() < 20'000) body += "第三条 交付与验收。Delivery and acceptance.\n";
  for (int i = 0; i < 300; ++i)
    dir_.Write("in/f" + std::to_string(i) + ".txt", body + std::to_string(i));
  testing::Process ingest({"--repo", repo_, "--as", "admin", "ingest", (dir_ / "in").string(),
                           "--type", "generic", "--batch", "5"},
                          dir_.path());
  int rounds = 0;
  for (; rounds < 200 && ingest.Running(); ++rounds) {
    auto gc = Run({"gc", "--keep-temporary-hours", "0"});
    ASSERT_EQ(gc.exit_code, 0) << gc.err;
  }
  auto done = ingest.Wait();
  EXPECT_EQ(done.exit_code, 0) << done.err;
  EXPECT_GT(rounds, 1);
  auto verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  auto list = Run({"list", "--json", "--limit", "1000"});
  EXPECT_EQ(list.Json().extract<Poco::JSON::Array::Ptr>()->size(), 300u);
}

}  // namespace
}  // namespace dossier
