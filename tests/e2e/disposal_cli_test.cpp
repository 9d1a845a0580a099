// End to end: destruction through the real binary and the disposal plugin:
// the schedule proposes (once), the roles sign, execution destroys, content
// leaves the store; and an execution killed at every one of its steps leaves
// a repository that verifies, each line destroyed or untouched, and a rerun
// finishes the job.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "e2e/run_dossier.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kDatedSidecar = R"({"type": "generic", "metadata": {"date": "2015-07-01"}})";

class DisposalCli : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = (dir_ / "repo").string();
    ASSERT_EQ(testing::RunDossier({"init", repo_}, dir_.path()).exit_code, 0);
    for (const char* spec : {"张三:clerk", "李经理:manager", "王律师:legal", "陈总:director",
                             "档案员:archivist", "档案员二:archivist"}) {
      std::string s = spec;
      auto colon = s.find(':');
      ASSERT_EQ(Run("admin", {"user", "add", s.substr(0, colon), "--role", s.substr(colon + 1)})
                    .exit_code,
                0);
    }
  }
  testing::Outcome Run(const std::string& user, std::vector<std::string> args,
                       const std::string& env = "") {
    args.insert(args.begin(), {"--repo", repo_, "--as", user});
    return testing::RunDossier(args, dir_.path(), env);
  }
  // Files of 2015-07-01 registered in one batch (their contents share a
  // pack), each archived today on its own under D10 but those named `keep`.
  std::vector<std::string> IngestAndArchive(int count, int keep) {
    for (int i = 0; i < count; ++i) {
      dir_.Write("in/f" + std::to_string(i) + ".txt", "往来函件 TOKEN-" + std::to_string(i));
      const std::string sidecar = "in/f" + std::to_string(i) + ".txt.json";
      if (!std::filesystem::exists(dir_ / sidecar))
        dir_.Write(sidecar, kDatedSidecar);  // unless the test wrote one
    }
    // One large file: stored loose, not in a pack (incompressible, so its token stays visible in
    // the store).
    std::string large = "TOKEN-LARGE ";
    uint64_t x = 88172645463325252ull;
    while (large.size() < 700'000) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      large.push_back(static_cast<char>(x & 0xff));
    }
    dir_.Write("in/z-large.bin", large);
    dir_.Write("in/z-large.bin.json", kDatedSidecar);
    ++count;
    auto ingested =
        Run("档案员", {"ingest", (dir_ / "in").string(), "--type", "generic", "--json"});
    EXPECT_EQ(ingested.exit_code, 0) << ingested.err;
    std::vector<std::string> numbers;
    auto registered = ingested.Json().extract<Object::Ptr>()->getArray("registered");
    for (size_t i = 0; i < registered->size(); ++i) {
      numbers.push_back(
          registered->getObject(static_cast<unsigned>(i))->getValue<std::string>("number"));
    }
    std::sort(numbers.begin(), numbers.end());
    for (int i = keep; i < count; ++i)
      EXPECT_EQ(Run("档案员", {"archive", numbers[i]}).exit_code, 0);
    return numbers;
  }
  // As if eleven years had passed: the company's D10 now counts from the
  // document's own date (2015-07-01), so what was archived today is due.
  // (Editing the archive rows instead is tampering, which verify reports.)
  void ElevenYearsLater() {
    std::string schedule = testing::ReadAll(std::filesystem::path(DOSSIER_SOURCE_DIR) /
                                            "schemas/retention/business.json");
    const std::string d10 = R"("years": 10,
     "starts": "archive_date")";
    auto at = schedule.find(d10);
    ASSERT_NE(at, std::string::npos);
    schedule.replace(at, d10.size(), R"("years": 10, "starts": "document_date")");
    dir_.Write("repo/config/retention/business.json", schedule);
  }
  std::string StoreBytes(const std::string& repo) {
    std::string all;
    for (const auto& e : std::filesystem::recursive_directory_iterator(repo + "/store")) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }
  std::string Proposed(const testing::Outcome& o) {
    EXPECT_EQ(o.exit_code, 0) << o.err;
    return o.Json().extract<Object::Ptr>()->getValue<std::string>("proposed");
  }

  testing::TempDir dir_;
  std::string repo_;
};

TEST_F(DisposalCli, TheScheduleProposesOnceTheRolesSignAndExecutionDestroys) {
  auto numbers = IngestAndArchive(4, 1);
  auto plugins = Run("admin", {"plugins"});
  EXPECT_NE(plugins.out.find("command:disposal"), std::string::npos) << plugins.out;
  EXPECT_EQ(Proposed(Run("档案员", {"--json", "disposal", "schedule"})), "");  // nothing due yet
  ElevenYearsLater();
  std::string list = Proposed(Run("档案员", {"disposal", "schedule", "--json"}));
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(Proposed(Run("档案员", {"disposal", "schedule", "--json"})), "");  // idempotent
  auto schedule = Run("档案员", {"disposal", "schedule"});
  EXPECT_NE(schedule.out.find(list + " awaits the sign-off of archivist, manager, legal, director"),
            std::string::npos)
      << schedule.out;

  // The same as tables: what is due, and the list's lines (销毁清册), as CSV.
  auto due_csv = (dir_ / "due.csv").string();
  auto exported = Run("档案员", {"export", "csv", "--table", "due", "-o", due_csv});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::ifstream due_in(due_csv);
  std::string due_text((std::istreambuf_iterator<char>(due_in)), {});
  EXPECT_NE(due_text.find("处置方式"), std::string::npos) << due_text;
  EXPECT_NE(due_text.find(numbers[3]), std::string::npos) << due_text;
  EXPECT_EQ(due_text.find(numbers[0] + ","), std::string::npos)
      << due_text;  // not archived: not due
  auto list_csv = (dir_ / "list.csv").string();
  exported = Run("档案员", {"export", "csv", "--table", "destruction", "--destruction-list", list,
                            "--labels", "en", "-o", list_csv});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::ifstream list_in(list_csv);
  std::string list_text((std::istreambuf_iterator<char>(list_in)), {});
  EXPECT_NE(list_text.find("Years kept"), std::string::npos) << list_text;
  EXPECT_NE(list_text.find("定期10年"), std::string::npos) << list_text;
  auto no_list = Run("档案员", {"export", "csv", "--table", "destruction", "-o", list_csv});
  EXPECT_EQ(no_list.exit_code, 1);
  EXPECT_NE(no_list.err.find("--destruction-list"), std::string::npos) << no_list.err;

  auto shown = Run("张三", {"disposal", "show", list});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("定期10年"), std::string::npos) << shown.out;
  auto self = Run("档案员", {"disposal", "approve", list});
  EXPECT_EQ(self.exit_code, 1);
  EXPECT_NE(self.err.find("the proposer does not sign it"), std::string::npos) << self.err;
  EXPECT_EQ(Run("张三", {"disposal", "approve", list}).exit_code, 1);
  auto early = Run("档案员", {"disposal", "execute", list});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find("awaits the sign-off"), std::string::npos) << early.err;
  for (const char* who : {"李经理", "王律师", "档案员二", "陈总"}) {
    auto o = Run(who, {"disposal", "approve", list, "--comment", "同意销毁"});
    ASSERT_EQ(o.exit_code, 0) << who << ": " << o.err;
  }
  EXPECT_NE(Run("档案员", {"disposal", "schedule"}).out.find(list + " is approved"),
            std::string::npos);
  ASSERT_NE(StoreBytes(repo_).find("TOKEN-3"), std::string::npos);
  auto executed = Run("档案员", {"disposal", "execute", list, "--json"});
  ASSERT_EQ(executed.exit_code, 0) << executed.err;
  auto outcome = executed.Json().extract<Object::Ptr>();
  EXPECT_EQ(outcome->getValue<int>("destroyed"), 4);  // three small files and the large one
  std::string store = StoreBytes(repo_);
  EXPECT_EQ(store.find("TOKEN-3"), std::string::npos);
  EXPECT_NE(store.find("TOKEN-0"), std::string::npos);  // kept, in the same pack before
  auto gone = Run("张三", {"show", numbers[3], "--json"}).Json().extract<Object::Ptr>();
  EXPECT_EQ(gone->getValue<std::string>("status"), "destroyed");
  EXPECT_EQ(gone->getObject("destroyed")->getValue<std::string>("certificate"),
            outcome->getValue<std::string>("certificate"));
  auto cert = Run("张三", {"show", outcome->getValue<std::string>("certificate")});
  EXPECT_EQ(cert.exit_code, 0);
  EXPECT_NE(cert.out.find(list), std::string::npos) << cert.out;
  auto verify = Run("admin", {"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // Both records print through the PDF plugin's templates (销毁清册 with a sign-off table,
  // 销毁证明).
  for (const auto& [ref, words] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {list, {"档案销毁清册", "鉴定与审批", "已保管年限", "定期10年"}},
           {outcome->getValue<std::string>("certificate"),
            {"档案销毁证明", list, "已销毁", "王律师"}}}) {
    auto pdf = (dir_ / (ref + ".pdf")).string();
    auto rendered = Run("张三", {"render", ref, "-o", pdf});
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    auto text =
        testing::Process({"-layout", pdf, "-"}, dir_.path(), "", "/usr/bin/pdftotext").Wait();
    for (const auto& w : words)
      EXPECT_NE(text.out.find(w), std::string::npos) << ref << ": " << w << "\n" << text.out;
  }
  // Nothing of a destroyed document is left to package: named, refused; chosen by filters, left
  // out.
  auto named = Run("档案员", {"export", "json", numbers[3], "-o", (dir_ / "gone.json").string()});
  EXPECT_EQ(named.exit_code, 1);
  EXPECT_NE(named.err.find(numbers[3] + " was destroyed"), std::string::npos) << named.err;
  auto all =
      Run("档案员", {"export", "jsonl", "--type", "generic", "-o", (dir_ / "all.jsonl").string()});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::ifstream jsonl(dir_ / "all.jsonl");
  int lines = 0;
  for (std::string line; std::getline(jsonl, line);) lines += line.empty() ? 0 : 1;
  EXPECT_EQ(lines, 1);  // the one kept
  auto bad = Run("档案员", {"disposal", "execute"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("LIST"), std::string::npos) << bad.err;
}

// Executed before its date (proposed ahead with --as-of), a list destroys
// nothing: every line is skipped with the reason, and no certificate says
// that something was destroyed.
TEST_F(DisposalCli, AListThatDestroysNothingIssuesNoCertificate) {
  auto numbers = IngestAndArchive(1, 0);
  auto retention = Run("admin", {"retention", "show", numbers[0], "--json"});
  ASSERT_EQ(retention.exit_code, 0) << retention.err;
  std::string due =
      retention.Json().extract<Object::Ptr>()->getValue<std::string>("disposition_date");
  auto proposed = Run("档案员", {"disposal", "propose", "--as-of", due, "--json"});
  ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
  std::string list = proposed.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  ASSERT_FALSE(list.empty());
  for (const char* who : {"李经理", "王律师", "档案员二", "陈总"})
    ASSERT_EQ(Run(who, {"disposal", "approve", list}).exit_code, 0);
  auto executed = Run("档案员", {"disposal", "execute", list});
  ASSERT_EQ(executed.exit_code, 0) << executed.err;
  EXPECT_NE(executed.out.find("0 destroyed, 2 skipped"), std::string::npos) << executed.out;
  EXPECT_NE(executed.out.find("no certificate"), std::string::npos) << executed.out;
  auto json = Run("档案员", {"disposal", "show", list, "--json"}).Json().extract<Object::Ptr>();
  EXPECT_EQ(json->getValue<std::string>("status"), "executed");
  EXPECT_EQ(json->getValue<std::string>("certificate"), "");
  auto shown = Run("档案员", {"disposal", "show", list});
  EXPECT_NE(shown.out.find("skipped: is kept until " + due), std::string::npos) << shown.out;
  auto certificates = Run("档案员", {"list", "--type", "destruction-certificate", "--json"});
  ASSERT_EQ(certificates.exit_code, 0) << certificates.err;
  EXPECT_EQ(certificates.Json().extract<Array::Ptr>()->size(), 0u) << certificates.out;
  for (const auto& n : numbers) {
    EXPECT_EQ(Run("档案员", {"show", n, "--json"})
                  .Json()
                  .extract<Object::Ptr>()
                  ->getValue<std::string>("status"),
              "archived");
  }
  EXPECT_EQ(Run("admin", {"verify"}).exit_code, 0);
}

// A list holding a 机密 file is marked 秘密, so the manager reads, signs and
// prints it; the line is withheld from the printed list and certificate,
// and the certificate prints where the audit trail stood when it was made.
TEST_F(DisposalCli, AClassifiedLineIsWithheldFromThePrintedListAndCertificate) {
  dir_.Write(
      "in/f1.txt.json",
      R"({"type": "generic", "confidentiality": "机密", "metadata": {"date": "2015-07-01"}})");
  auto numbers = IngestAndArchive(2, 0);
  ASSERT_EQ(numbers.size(), 3u);
  const std::string secret = numbers[1];
  ElevenYearsLater();
  auto proposed = Run("档案员", {"disposal", "propose", "--json"});
  ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
  const std::string list = proposed.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto shown = Run("李经理", {"disposal", "show", list});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out.find(secret), std::string::npos) << shown.out;
  for (const char* who : {"李经理", "王律师", "档案员二", "陈总"}) {
    auto o = Run(who, {"disposal", "approve", list});
    ASSERT_EQ(o.exit_code, 0) << who << ": " << o.err;
  }
  auto executed = Run("档案员", {"disposal", "execute", list, "--json"});
  ASSERT_EQ(executed.exit_code, 0) << executed.err;
  const std::string certificate =
      executed.Json().extract<Object::Ptr>()->getValue<std::string>("certificate");
  auto head = Run("李经理", {"show", certificate, "--json"}).Json().extract<Object::Ptr>();
  const std::string hash = head->getObject("metadata")->getValue<std::string>("audit_head");
  ASSERT_EQ(hash.size(), 64u);
  for (const auto& [ref, withheld] : std::vector<std::pair<std::string, std::string>>{
           {list, "不在本清册中列明"}, {certificate, "不在本证明中列明"}}) {
    auto pdf = (dir_ / (ref + ".pdf")).string();
    auto rendered = Run("李经理", {"render", ref, "-o", pdf});
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    auto text = testing::Process({pdf, "-"}, dir_.path(), "", "/usr/bin/pdftotext").Wait().out;
    EXPECT_NE(text.find(withheld), std::string::npos) << ref << "\n" << text;
    EXPECT_EQ(text.find(secret), std::string::npos) << ref << "\n" << text;
    if (ref == certificate) {
      EXPECT_NE(text.find(hash.substr(0, 16)), std::string::npos) << text;
    }
  }
}

TEST_F(DisposalCli, AnExecutionKilledAtEveryStepIsFinishedByARerun) {
  auto numbers =
      IngestAndArchive(6, 2);  // six small and one large; four small and the large archived
  ElevenYearsLater();
  std::string list = Proposed(Run("档案员", {"disposal", "schedule", "--json"}));
  ASSERT_FALSE(list.empty());
  for (const char* who : {"李经理", "王律师", "档案员二", "陈总"})
    ASSERT_EQ(Run(who, {"disposal", "approve", list}).exit_code, 0);
  std::string base = (dir_ / "base").string();
  std::filesystem::copy(repo_, base, std::filesystem::copy_options::recursive);

  int points = 0;
  for (int at = 1; at < 100; ++at) {
    std::filesystem::remove_all(repo_);
    std::filesystem::copy(base, repo_, std::filesystem::copy_options::recursive);
    auto killed =
        Run("档案员", {"disposal", "execute", list}, "DOSSIER_CRASH_AT=" + std::to_string(at));
    if (killed.exit_code == 0) break;  // past the last crash point
    ASSERT_EQ(killed.exit_code, 128 + 9) << "crash point " << at << ": " << killed.err;
    ++points;
    auto verify = Run("admin", {"verify"});
    ASSERT_EQ(verify.exit_code, 0) << "killed at point " << at << ":\n" << verify.out << verify.err;
    // Each line destroyed (residual record, audit entry) or untouched (its file there).
    for (size_t i = 2; i < numbers.size(); ++i) {
      auto doc = Run("张三", {"show", numbers[i], "--json"}).Json().extract<Object::Ptr>();
      std::string status = doc->getValue<std::string>("status");
      if (status == "destroyed") {
        EXPECT_TRUE(doc->has("destroyed")) << numbers[i];
        EXPECT_NE(Run("admin", {"audit", numbers[i]}).out.find("销毁"), std::string::npos)
            << numbers[i];
      } else {
        EXPECT_EQ(status, "archived") << "point " << at << ", " << numbers[i];
        auto out =
            Run("张三", {"get", numbers[i], "-o",
                         (dir_ / ("co" + std::to_string(at) + "-" + std::to_string(i))).string()});
        EXPECT_EQ(out.exit_code, 0) << numbers[i] << ": " << out.err;
      }
    }
    auto rerun = Run("档案员", {"disposal", "execute", list, "--json"});
    ASSERT_EQ(rerun.exit_code, 0) << "rerun after point " << at << ": " << rerun.err;
    EXPECT_EQ(Run("张三", {"disposal", "show", list, "--json"})
                  .Json()
                  .extract<Object::Ptr>()
                  ->getValue<std::string>("status"),
              "executed");
    std::string store = StoreBytes(repo_);
    for (int i = 2; i < 6; ++i) {
      EXPECT_EQ(store.find("TOKEN-" + std::to_string(i)), std::string::npos)
          << "point " << at << ", file " << i;
    }
    EXPECT_EQ(store.find("TOKEN-LARGE"), std::string::npos) << "point " << at;
    EXPECT_NE(store.find("TOKEN-0"), std::string::npos) << "point " << at;
    auto kept =
        Run("张三", {"get", numbers[1], "-o", (dir_ / ("kept" + std::to_string(at))).string()});
    EXPECT_EQ(kept.exit_code, 0) << kept.err;
    auto final_verify = Run("admin", {"verify"});
    ASSERT_EQ(final_verify.exit_code, 0) << "after the rerun of point " << at << ":\n"
                                         << final_verify.out;
  }
  // The steps: marking it executing, five lines, the loose file removed, the pack named, written,
  // moved and removed, the sweep done.
  EXPECT_GE(points, 12);
  RecordProperty("crash_points", points);
}

}  // namespace
}  // namespace dossier
