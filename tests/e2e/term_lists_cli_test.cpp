// Term lists (core/src/search/term_lists.h) through the real binary: a
// one-term search answered from the lists (and a phrase or AND query
// scored by the catalog) ranks and counts exactly as FTS5 ranking every
// match does, while documents are added, versioned and the lists rebuilt;
// verify finds a list that disagrees with the index.
//
// DOSSIER_TERM_LISTS_FROM=20 builds the lists from 20 rows (terms in 4 or
// more rows listed) instead of 5,000, so that a few dozen documents do.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <random>

#include "e2e/run_dossier.h"
#include "support/edit_catalog.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Object;

constexpr const char* kSmallLists = "DOSSIER_TERM_LISTS_FROM=20";
// Few characters and words, so that every one is in many documents.
const std::vector<std::string> kChinese = {"合", "同", "档", "案", "验", "收",
                                           "违", "约", "甲", "乙", "付", "款"};
const std::vector<std::string> kEnglish = {"contract", "delivery", "payment",
                                           "quality",  "archive",  "penalty"};

struct Ranked {
  int64_t total = 0;
  std::vector<std::pair<std::string, double>> hits;  // number, score
};

class TermListsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_ / "repo";
    ASSERT_EQ(Run({"init", repo_.string()}).exit_code, 0);
  }
  testing::Outcome Run(std::vector<std::string> args) {
    return testing::RunDossier(args, dir_.path(), kSmallLists);
  }
  testing::Outcome As(std::vector<std::string> args) {
    args.insert(args.begin(), {"--repo", repo_.string(), "--as", "admin"});
    return Run(args);
  }
  std::string Text() {
    std::string text;
    int n = std::uniform_int_distribution<int>(30, 300)(rng_);
    for (int i = 0; i < n; ++i) {
      text += kChinese[std::uniform_int_distribution<size_t>(0, kChinese.size() - 1)(rng_)];
      if (i % 40 == 39) text += "。";
    }
    text += "\n";
    n = std::uniform_int_distribution<int>(3, 30)(rng_);
    for (int i = 0; i < n; ++i)
      text += kEnglish[std::uniform_int_distribution<size_t>(0, kEnglish.size() - 1)(rng_)] + " ";
    return text + "\n";
  }
  Ranked Search(const std::string& query, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"search", query, "--limit", "10", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto o = As(args);
    EXPECT_EQ(o.exit_code, 0) << o.err;
    Ranked r;
    if (o.exit_code != 0) return r;
    auto j = o.Json().extract<Object::Ptr>();
    r.total = j->getValue<int64_t>("total");
    auto hits = j->getArray("hits");
    for (size_t i = 0; i < hits->size(); ++i) {
      auto h = hits->getObject(static_cast<unsigned>(i));
      r.hits.emplace_back(h->getValue<std::string>("number"), h->getValue<double>("score"));
    }
    return r;
  }
  // The lists' answer against FTS5 ranking every match: a filter every
  // document passes (--not-archived) sends the search past the lists.
  void ExpectListsAgreeWithTheIndex(const std::string& when) {
    // One term (the lists); phrases and terms joined by AND (scored by the
    // catalog from the lists' counts, dossier_match).
    const std::vector<std::string> queries = {
        "合",   "档",   "验",   "款",       "contract",  "quality",          "penalty",
        "合同", "验收", "甲乙", "合同验收", "档案 付款", "contract payment", "合同 penalty"};
    for (const auto& q : queries) {
      Ranked fast = Search(q);
      Ranked full = Search(q, {"--not-archived"});
      EXPECT_EQ(fast.total, full.total) << when << ": " << q;
      ASSERT_EQ(fast.hits.size(), full.hits.size()) << when << ": " << q;
      for (size_t i = 0; i < fast.hits.size(); ++i) {
        EXPECT_NEAR(fast.hits[i].second, full.hits[i].second,
                    1e-9 * std::max(1.0, std::abs(full.hits[i].second)))
            << when << ": " << q << " rank " << i;
        // Rows of equal score may come in either order; others may not.
        bool tie = (i > 0 && full.hits[i - 1].second == full.hits[i].second) ||
                   (i + 1 < full.hits.size() && full.hits[i + 1].second == full.hits[i].second);
        if (!tie) {
          EXPECT_EQ(fast.hits[i].first, full.hits[i].first) << when << ": " << q << " rank " << i;
        }
      }
    }
  }
  int64_t ListedTerms() { return SqlInt("SELECT count(*) FROM search_terms"); }
  int64_t Builds() { return SqlInt("SELECT generation FROM search_term_state"); }
  int64_t SqlInt(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((repo_ / "catalog.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
  void Sql(const std::string& sql) { testing::EditCatalog(repo_, sql); }

  std::mt19937 rng_{20261130};
  testing::TempDir dir_;
  std::filesystem::path repo_;
};

TEST_F(TermListsCli, AOneTermSearchFromTheListsRanksAndCountsAsRankingEveryMatchDoes) {
  // More documents than a list keeps (128), so that the lists are full.
  for (int i = 0; i < 150; ++i) dir_.Write("corpus/doc" + std::to_string(i) + ".txt", Text());
  ASSERT_EQ(As({"ingest", (dir_ / "corpus").string(), "--type", "generic"}).exit_code, 0);
  ASSERT_GT(ListedTerms(), 20);
  ExpectListsAgreeWithTheIndex("after ingest");

  // Documents added one at a time: most hold common terms without beating
  // their best rows (the counts change), some beat them (the lists change).
  std::vector<std::string> numbers;
  for (int i = 0; i < 25; ++i) {
    auto file = dir_.Write("new/add" + std::to_string(i) + ".txt", Text());
    auto o = As({"add", "generic", "--title", "合同 contract " + std::to_string(i), file.string(),
                 "--json"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    numbers.push_back(o.Json().extract<Object::Ptr>()->getValue<std::string>("number"));
  }
  ExpectListsAgreeWithTheIndex("after 25 added");
  // New versions replace old text (rows leave the lists).
  for (int i = 0; i < 25; i += 3) {
    auto file = dir_.Write("v2/add" + std::to_string(i) + ".txt", Text());
    auto o = As({"version", numbers[static_cast<size_t>(i)], file.string(), "--title", "修订"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
  }
  ExpectListsAgreeWithTheIndex("after new versions");
  // Past four times the rows the lists were built from: built again.
  ASSERT_EQ(Builds(), 1);
  for (int i = 0; i < 450; ++i) dir_.Write("more/doc" + std::to_string(i) + ".txt", Text());
  ASSERT_EQ(As({"ingest", (dir_ / "more").string(), "--type", "generic"}).exit_code, 0);
  EXPECT_EQ(Builds(), 2);
  ExpectListsAgreeWithTheIndex("after the lists were built again");
  auto verify = As({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  // reindex rebuilds them, to the same answers.
  ASSERT_EQ(As({"reindex"}).exit_code, 0);
  ExpectListsAgreeWithTheIndex("after reindex");
}

TEST_F(TermListsCli, VerifyFindsAListThatDisagreesWithTheIndexAndReindexRepairsIt) {
  for (int i = 0; i < 30; ++i) dir_.Write("corpus/doc" + std::to_string(i) + ".txt", Text());
  ASSERT_EQ(As({"ingest", (dir_ / "corpus").string(), "--type", "generic"}).exit_code, 0);
  ASSERT_EQ(As({"verify"}).exit_code, 0);
  const int64_t total = Search("合").total;
  // What a damaged list would make searches say: the count is the list's.
  Sql("UPDATE search_terms SET df = df + 7 WHERE term = '合'");
  EXPECT_EQ(Search("合").total, total + 7);
  // And the best rows are the list's: one that claims a single row of 档.
  const size_t hits = Search("档").hits.size();
  ASSERT_GT(hits, 1u);
  Sql("UPDATE search_terms SET df = 1, floor = 0 WHERE term = '档'; "
      "UPDATE search_term_tops SET top = X'01010101' WHERE term = '档'");  // one entry: row 1,
                                                                           // count 1, size 1
  EXPECT_EQ(Search("档").hits.size(), 1u);
  auto verify = As({"verify"});
  EXPECT_NE(verify.exit_code, 0);
  EXPECT_NE(verify.out.find("term list of '合': " + std::to_string(total + 7) +
                            " rows listed, the index has " + std::to_string(total)),
            std::string::npos)
      << verify.out;
  EXPECT_NE(verify.out.find("term list of '档'"), std::string::npos) << verify.out;
  ASSERT_EQ(As({"reindex"}).exit_code, 0);
  EXPECT_EQ(Search("合").total, total);
  EXPECT_EQ(Search("档").hits.size(), hits);
  EXPECT_EQ(As({"verify"}).exit_code, 0);
}

TEST_F(TermListsCli, TuningOutOfRangeIsRefusedNamingTheVariableAndChangesNothing) {
  for (const std::string env :
       {"DOSSIER_TERM_LISTS_FROM=4", "DOSSIER_TERM_LISTS_FROM=many",
        "DOSSIER_CHARACTER_SCAN_FROM=-1", "DOSSIER_CHARACTER_SCAN_FROM=2x"}) {
    auto o = testing::RunDossier({"--repo", repo_.string(), "--as", "admin", "search", "合同"},
                                 dir_.path(), env);
    EXPECT_EQ(o.exit_code, 1) << env;
    EXPECT_NE(o.err.find(env + " is not a whole number of at least"), std::string::npos)
        << env << ": " << o.err;
  }
  // The server takes the same tuning, and refuses it the same way before it listens.
  auto served = testing::RunDossier({"--repo", repo_.string(), "serve", "--listen", "127.0.0.1:0"},
                                    dir_.path(), "DOSSIER_TERM_LISTS_FROM=0");
  EXPECT_EQ(served.exit_code, 1);
  EXPECT_NE(served.err.find("DOSSIER_TERM_LISTS_FROM=0 is not a whole number of at least 5"),
            std::string::npos)
      << served.err;
  EXPECT_EQ(As({"verify"}).exit_code, 0);
}

}  // namespace
}  // namespace dossier
