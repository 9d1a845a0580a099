// dossier search and reindex through the real binary, on the repository the
// user guide's walk-through makes: an archived contract file, minutes, and
// a contract whose rendered PDF is attached and read back for its text.
#include <gtest/gtest.h>

#include <fstream>

#include "e2e/run_dossier.h"
#include "e2e/walkthrough_copy.h"
#include "support/temp_dir.h"
#include "support/this_year.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class SearchCli : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_ / "demo";
    testing::CopyOfWalkthrough(repo_);
  }
  testing::Outcome Run(const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"--repo", repo_.string(), "--as", user});
    return testing::RunDossier(args, dir_.path());
  }
  std::vector<std::string> Numbers(const std::string& user,
                                   const std::vector<std::string>& search_args,
                                   int64_t* total = nullptr) {
    std::vector<std::string> args = {"search", "--json"};
    args.insert(args.end(), search_args.begin(), search_args.end());
    auto o = Run(user, args);
    EXPECT_EQ(o.exit_code, 0) << o.err;
    std::vector<std::string> out;
    if (o.exit_code != 0) return out;
    auto j = o.Json().extract<Object::Ptr>();
    if (total) *total = j->getValue<int64_t>("total");
    auto hits = j->getArray("hits");
    for (size_t i = 0; i < hits->size(); ++i)
      out.push_back(hits->getObject(static_cast<unsigned>(i))->getValue<std::string>("number"));
    return out;
  }

  testing::TempDir dir_;
  std::filesystem::path repo_;
};

TEST_F(SearchCli, FindsChineseInMetadataAndInTheTextOfARenderedPdf) {
  std::ifstream meta_in(std::string(DOSSIER_SOURCE_DIR) +
                        "/docs/examples/contract-server-purchase.json");
  auto meta = dir_.Write("c.json", std::string(std::istreambuf_iterator<char>(meta_in), {}));
  auto added =
      Run("张三", {"add", "contract", "--title", "第二份合同", "--meta", meta.string(), "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string n = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  // Wording of the contract template, not of the metadata: only the PDF has it.
  EXPECT_EQ(Numbers("张三", {"诚实信用"}), std::vector<std::string>{});
  ASSERT_EQ(Run("张三", {"render", n, "--attach"}).exit_code, 0);
  EXPECT_EQ(Numbers("张三", {"诚实信用"}), std::vector<std::string>{n});
  EXPECT_EQ(Numbers("张三", {"\"平等、自愿、公平、诚实信用\""}), std::vector<std::string>{n});
  // Traditional characters find the simplified text.
  EXPECT_EQ(Numbers("张三", {"誠實信用"}), std::vector<std::string>{n});
  auto show = Run("张三", {"show", n, "--json"});
  auto text = show.Json().extract<Object::Ptr>()->getArray("text")->getObject(0);
  EXPECT_EQ(text->getValue<std::string>("kind"), "pdf");
  EXPECT_TRUE(text->getValue<bool>("extracted"));
  auto plain = Run("张三", {"search", "诚实信用"});
  EXPECT_NE(plain.out.find("[诚实信用]"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("1 of 1 match(es)"), std::string::npos) << plain.out;
  // With history, a hit is a version (rendering added one); the total counts documents.
  auto history = Run("张三", {"search", "第二份合同", "--all-versions"});
  EXPECT_NE(history.out.find("2 version(s) shown, of 1 matching document(s)"), std::string::npos)
      << history.out;
}

TEST_F(SearchCli, AnArchivalCodeTypedAsTheQueryPutsTheUnitsMainDocumentFirst) {
  auto show = Run("陈总", {"show", testing::ThisYear("HT-2026-SW-0001"), "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  std::string code =
      show.Json().extract<Object::Ptr>()->getObject("archive")->getValue<std::string>(
          "archive_code");
  auto found = Numbers("陈总", {code});
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], testing::ThisYear("HT-2026-SW-0001"));
  EXPECT_EQ(Numbers("陈总", {testing::ThisYear("HY-2026-0001")})[0],
            testing::ThisYear("HY-2026-0001"));
  // Filters: archived contracts only, then none archived under D10.
  EXPECT_EQ(Numbers("陈总", {"--type", "contract", "--archived"}),
            std::vector<std::string>{testing::ThisYear("HT-2026-SW-0001")});
  EXPECT_EQ(Numbers("陈总", {"--retention", "D10"}), std::vector<std::string>{});
}

TEST_F(SearchCli, AUserSeesNoTraceOfWhatIsAboveTheirClearance) {
  auto classified = Run(
      "档案员", {"classify", testing::ThisYear("HY-2026-0001"), "机密", "--reason", "涉及报价"});
  ASSERT_EQ(classified.exit_code, 0) << classified.err;
  int64_t total = -1;
  EXPECT_EQ(Numbers("张三", {"例会"}, &total), std::vector<std::string>{});
  EXPECT_EQ(total, 0);
  EXPECT_EQ(Numbers("张三", {testing::ThisYear("HY-2026-0001")}), std::vector<std::string>{});
  std::vector<std::string> all = Numbers("张三", {"--limit", "100"}, &total);
  EXPECT_EQ(std::count(all.begin(), all.end(), testing::ThisYear("HY-2026-0001")), 0);
  EXPECT_EQ(total, static_cast<int64_t>(all.size()));
  EXPECT_EQ(Numbers("陈总", {"例会"}), std::vector<std::string>{testing::ThisYear("HY-2026-0001")});
}

TEST_F(SearchCli, BadQueriesAreClearErrorsAndReindexKeepsVerifyClean) {
  auto unclosed = Run("张三", {"search", "\"违约"});
  EXPECT_EQ(unclosed.exit_code, 1);
  EXPECT_NE(unclosed.err.find("quote that is not closed"), std::string::npos) << unclosed.err;
  auto negated = Run("张三", {"search", "NOT", "合同"});
  EXPECT_EQ(negated.exit_code, 1);
  EXPECT_NE(negated.err.find("not negated"), std::string::npos) << negated.err;
  EXPECT_EQ(Run("张三", {"search", "合同", "--limit", "0"}).exit_code, 1);
  auto refused = Run("张三", {"reindex"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("archivist"), std::string::npos) << refused.err;
  auto before = Numbers("档案员", {"服务器"});
  ASSERT_EQ(Run("档案员", {"reindex"}).exit_code, 0);
  EXPECT_EQ(Numbers("档案员", {"服务器"}), before);
  auto verify = Run("档案员", {"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto audit = Run("档案员", {"audit"});
  EXPECT_NE(audit.out.find("重建索引"), std::string::npos) << audit.out;
}

}  // namespace
}  // namespace dossier
