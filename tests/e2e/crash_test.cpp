// A process killed at any moment leaves a repository that opens and verifies.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "e2e/run_dossier.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

TEST(CrashSafety, IngestKilledAtManyPointsLeavesAVerifyingRepository) {
  testing::TempDir dir;
  std::string repo = (dir / "repo").string();
  ASSERT_EQ(testing::RunDossier({"init", repo}, dir.path()).exit_code, 0);
  // Enough work that a kill lands in the middle: staging, publishing, committing.
  std::string line = "第一条 甲方向乙方采购服务器。The supplier delivers in two lots.\n";
  std::string body;
  while (body.size() < 40'000) body += line;
  for (int i = 0; i < 400; ++i) dir.Write("in/" + std::to_string(i / 50) + "/f" + std::to_string(i) + ".txt", body + std::to_string(i));

  int registered_before = 0;
  for (int delay_ms : {5, 40, 90, 150, 250, 400}) {
    testing::Process ingest({"--repo", repo, "--as", "admin", "ingest", (dir / "in").string(), "--type", "generic",
                             "--batch", "40"},
                            dir.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ingest.Kill(SIGKILL);
    ingest.Wait();
    auto verify = testing::RunDossier({"--repo", repo, "--as", "admin", "verify", "--json"}, dir.path());
    ASSERT_EQ(verify.exit_code, 0) << "killed after " << delay_ms << " ms:\n" << verify.out << verify.err;
    auto list = testing::RunDossier({"--repo", repo, "--as", "admin", "list", "--json"}, dir.path());
    int registered = static_cast<int>(list.Json().extract<Poco::JSON::Array::Ptr>()->size());
    EXPECT_GE(registered, registered_before);  // committed batches survive
    EXPECT_EQ(registered % 40, 0) << "a batch is all or nothing";
    registered_before = registered;
  }
  // A rerun after the last kill completes the job.
  auto rerun = testing::RunDossier({"--repo", repo, "--as", "admin", "ingest", (dir / "in").string(), "--type", "generic"},
                                   dir.path());
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  auto check = testing::RunDossier({"--repo", repo, "--as", "admin", "numbers", "check"}, dir.path());
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

}  // namespace
}  // namespace dossier
