// dossier checkpoint and verify --against: the audit trail's head, signed
// and kept outside the repository, shows a rollback to an older copy and a
// history rewritten after it, which verify alone cannot.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e/run_dossier.h"
#include "support/samples.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::Outcome;
using testing::TempDir;

class CheckpointCli : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_ / "repo";
    ASSERT_EQ(testing::RunDossier({"init", repo_.string()}, dir_.path()).exit_code, 0);
    ASSERT_EQ(Dossier({"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
    witness_ = dir_ / "elsewhere" / "witness.jsonl";
    std::filesystem::create_directories(witness_.parent_path());
  }
  Outcome Dossier(std::vector<std::string> args, const std::string& user = "admin") {
    args.insert(args.begin(), {"--repo", repo_.string(), "--as", user});
    return testing::RunDossier(args, dir_.path());
  }
  void Add(const std::string& title) {
    auto o = Dossier({"add", "generic", "--title", title, "--set", "date=2026-05-01"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
  }
  void Checkpoint() {
    auto o = Dossier({"checkpoint", "--to", witness_.string()});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_NE(o.out.find("appended to " + witness_.string()), std::string::npos) << o.out;
  }
  Outcome VerifyAgainstWitness() { return Dossier({"verify", "--against", witness_.string()}); }
  // The repository as it was: a backup put back in its place.
  void Restore(const std::filesystem::path& backup) {
    std::filesystem::remove_all(repo_);
    std::filesystem::copy(backup, repo_, std::filesystem::copy_options::recursive);
  }

  TempDir dir_;
  std::filesystem::path repo_, witness_;
};

TEST_F(CheckpointCli, AHistoryThatExtendsEveryCheckpointVerifies) {
  Add("会议纪要一");
  Checkpoint();
  Add("会议纪要二");
  Checkpoint();
  Add("会议纪要三");
  auto lines = testing::ReadAll(witness_);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 2);
  auto v = VerifyAgainstWitness();
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  EXPECT_NE(v.out.find("OK: no problems found"), std::string::npos) << v.out;
  // Without --to, the checkpoint is printed: to mail, to print, to keep.
  auto printed = Dossier({"checkpoint"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_NE(printed.out.find("\"signature\":"), std::string::npos) << printed.out;
}

TEST_F(CheckpointCli, ARollbackToAnOlderConsistentCopyIsFound) {
  Add("会议纪要一");
  const auto backup = dir_ / "backup";
  std::filesystem::copy(repo_, backup, std::filesystem::copy_options::recursive);
  Add("会议纪要二");
  Checkpoint();
  Restore(backup);
  // The old copy is consistent in itself...
  auto plain = Dossier({"verify"});
  EXPECT_EQ(plain.exit_code, 0) << plain.out;
  // ...but it does not extend what was witnessed.
  auto v = VerifyAgainstWitness();
  EXPECT_EQ(v.exit_code, 2) << v.out << v.err;
  EXPECT_NE(v.out.find("witness line 1: the checkpoint of"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("the repository was rolled back to an older copy"), std::string::npos)
      << v.out;
  // Work done on the old copy since makes it a rewritten history.
  Add("另一份纪要");
  Add("又一份纪要");
  v = VerifyAgainstWitness();
  EXPECT_EQ(v.exit_code, 2) << v.out;
  EXPECT_NE(v.out.find("its history up to there was rewritten"), std::string::npos) << v.out;
}

TEST_F(CheckpointCli, AnAlteredOrForeignCheckpointIsAProblemNamingItsLine) {
  Add("会议纪要一");
  Checkpoint();
  Add("会议纪要二");
  Checkpoint();
  auto text = testing::ReadAll(witness_);
  // The second line moved back to entry 1: its signature no longer holds.
  auto second = text.find('\n') + 1;
  auto seq = text.find("\"seq\":", second);
  ASSERT_NE(seq, std::string::npos);
  text.replace(seq, text.find(',', seq) - seq, "\"seq\":1");
  std::ofstream(witness_, std::ios::trunc) << text << "not json\n";
  auto v = VerifyAgainstWitness();
  EXPECT_EQ(v.exit_code, 2) << v.out;
  EXPECT_EQ(v.out.find("witness line 1:"), std::string::npos) << v.out;
  EXPECT_NE(
      v.out.find("witness line 2: its signature does not match what it says: the line was altered"),
      std::string::npos)
      << v.out;
  EXPECT_NE(v.out.find("witness line 3: not a checkpoint"), std::string::npos) << v.out;
  // Another repository's checkpoint, signed by a key this one does not trust.
  const auto other = dir_ / "other";
  ASSERT_EQ(testing::RunDossier({"init", other.string()}, dir_.path()).exit_code, 0);
  const auto foreign = dir_ / "elsewhere" / "foreign.jsonl";
  ASSERT_EQ(testing::RunDossier(
                {"--repo", other.string(), "--as", "admin", "checkpoint", "--to", foreign.string()},
                dir_.path())
                .exit_code,
            0);
  v = Dossier({"verify", "--against", foreign.string()});
  EXPECT_EQ(v.exit_code, 2) << v.out;
  EXPECT_NE(v.out.find("which is not one of this repository's keys or one it trusts"),
            std::string::npos)
      << v.out;
}

TEST_F(CheckpointCli, OnlyTheArchivistOrAdminTakesOneAndNeverIntoTheRepository) {
  auto clerk = Dossier({"checkpoint", "--to", witness_.string()}, "张三");
  EXPECT_NE(clerk.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(witness_));
  auto inside = Dossier({"checkpoint", "--to", (repo_ / "witness.jsonl").string()});
  EXPECT_EQ(inside.exit_code, 1) << inside.err;
  EXPECT_FALSE(std::filesystem::exists(repo_ / "witness.jsonl"));
  auto missing = Dossier({"verify", "--against", (dir_ / "nowhere.jsonl").string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("nowhere.jsonl"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace dossier
