// Search through the Repository: results checked against a brute-force scan
// of the same texts, permissions, versions, numbers, filters, extraction
// from Word and Excel files, and the index kept in step (verify, reindex).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "catalog/sqlite/sqlite_db.h"
#include "dossier/repository.h"
#include "search/text_fold.h"
#include "support/samples.h"
#include "support/temp_dir.h"
#include "support/zip_bytes.h"

namespace dossier {
namespace {

using testing::TempDir;

// A small vocabulary, so that queries hit some documents and miss others;
// some words are written in traditional characters, some fall at the end
// of a sentence (a run-final character).
const std::vector<std::string> kChinese = {
    "合同",     "验收",     "违约责任", "档案",     "归档", "付款", "服务器", "交货",
    "會議紀要", "檔案管理", "争议解决", "质量标准", "采购", "保密", "甲方",   "乙方"};
const std::vector<std::string> kEnglish = {"delivery", "Contract", "payment", "warranty",
                                           "server",   "audit",    "Café"};

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Repository::Init(dir_ / "repo").ok());
    auto repo = Repository::Open(dir_ / "repo");
    ASSERT_TRUE(repo.ok()) << repo.status().message();
    repo_ = std::move(*repo);
    admin_ = *repo_->ActorFor("admin");
    ASSERT_TRUE(repo_->AddUser(admin_, "张三", Role::kClerk, Confidentiality::kInternal).ok());
    ASSERT_TRUE(repo_->AddUser(admin_, "档案员", Role::kArchivist, std::nullopt).ok());
    clerk_ = *repo_->ActorFor("张三");
    archivist_ = *repo_->ActorFor("档案员");
  }

  // The repository opened again with `search` tuning, as a large archive's
  // paths are taken on a few dozen documents.
  void ReopenWith(const SearchOptions& search) {
    repo_.reset();
    OpenOptions options;
    options.search = search;
    auto repo = Repository::Open(dir_ / "repo", options);
    ASSERT_TRUE(repo.ok()) << repo.status().message();
    repo_ = std::move(*repo);
  }

  std::string Add(const std::string& title, const std::string& body,
                  Confidentiality level = Confidentiality::kInternal,
                  const std::string& file = "text.txt", const std::string& dept = "商务部") {
    NewDocument doc;
    doc.type = "generic";
    doc.title = title;
    doc.metadata_json = R"({"date":"2026-05-01","department":")" + dept + "\"}";
    doc.confidentiality = level;
    doc.files = {FileInput{dir_.Write("in/" + std::to_string(++files_) + "/" + file, body), ""}};
    auto r = repo_->Register(admin_, doc);
    EXPECT_TRUE(r.ok()) << r.status().message();
    texts_[r->summary.number] = title + "\n" + body;
    return r->summary.number;
  }

  std::set<std::string> Found(const std::string& query, const Actor* actor = nullptr) {
    SearchRequest r;
    r.query = query;
    r.limit = 1000;
    auto result = repo_->Search(actor ? *actor : admin_, r);
    EXPECT_TRUE(result.ok()) << query << ": " << result.status().message();
    std::set<std::string> numbers;
    if (!result.ok()) return numbers;
    for (const auto& h : result->hits) numbers.insert(h.document.number);
    EXPECT_EQ(result->total, static_cast<int64_t>(numbers.size())) << query;
    return numbers;
  }

  // The oracle: documents whose folded text contains the folded term, for
  // Chinese within one run of characters (never across punctuation).
  std::set<std::string> Containing(const std::string& term) const {
    const Folding& f = Folding::Get();
    std::string needle = f.FoldString(term);
    std::set<std::string> out;
    for (const auto& [number, text] : texts_) {
      if (f.FoldString(text).find(needle) != std::string::npos) out.insert(number);
    }
    return out;
  }

  // Latin words match whole words only.
  std::set<std::string> WithWord(const std::string& word) const {
    const Folding& f = Folding::Get();
    std::string needle = f.FoldString(word);
    std::set<std::string> out;
    for (const auto& [number, text] : texts_) {
      std::string folded = f.FoldString(text);
      for (char& c : folded) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80)
          c = ' ';
      }
      std::istringstream words(folded);
      for (std::string w; words >> w;) {
        if (w == needle) out.insert(number);
      }
    }
    return out;
  }

  void AddCorpus(int n) {
    std::mt19937 rng(20261130);
    for (int i = 0; i < n; ++i) {
      std::string body;
      int sentences = 2 + static_cast<int>(rng() % 5);
      for (int s = 0; s < sentences; ++s) {
        int words = 1 + static_cast<int>(rng() % 3);
        for (int w = 0; w < words; ++w) {
          if (rng() % 4 == 0)
            body += " " + kEnglish[rng() % kEnglish.size()] + " ";
          else
            body += kChinese[rng() % kChinese.size()];
        }
        body += rng() % 2 ? "。" : "，";
      }
      Add("文件" + std::to_string(i), body);
    }
  }

  void ExpectOneCharacterSearchesRankAsFts5();

  TempDir dir_;
  std::unique_ptr<Repository> repo_;
  Actor admin_, clerk_, archivist_;
  std::map<std::string, std::string> texts_;
  int files_ = 0;
};

TEST_F(SearchTest, ResultsEqualABruteForceScanForChineseOfOneTwoAndFourCharactersAndEnglish) {
  AddCorpus(60);
  for (const std::string q : {"档", "案", "器", "收", "合同", "验收", "档案", "归档", "纪要",
                              "违约责任", "争议解决", "檔案", "会议纪要", "服务器", "质量标准"}) {
    EXPECT_EQ(Found(q), Containing(q)) << q;
    EXPECT_FALSE(Containing(q).empty()) << q << " is a useless query: fix the corpus";
  }
  for (const std::string q : {"delivery", "contract", "CONTRACT", "cafe", "Café"}) {
    EXPECT_EQ(Found(q), WithWord(q)) << q;
  }
  // Two bigrams that never stand next to each other in one run.
  EXPECT_TRUE(Found("同验").empty() || Found("同验") == Containing("同验"));
}

// One-character searches take one of three ways (sqlite_character_search.cpp):
// a term list, FTS5's prefix query, or rows scored from their text. Each
// must give FTS5's own ranking of the prefix query, filtered and not.
void SearchTest::ExpectOneCharacterSearchesRankAsFts5() {
  AddCorpus(40);
  for (int i = 0; i < 12; ++i)
    Add("档案" + std::to_string(i), "財務部的档案。合同", Confidentiality::kInternal, "t.txt",
        "财务部");
  auto db = SqliteDb::Open(dir_ / "repo" / "catalog.db", true);
  ASSERT_TRUE(db.ok()) << db.status().message();
  for (const std::string character : {"合", "档", "同", "收", "纪", "器"}) {
    for (bool filtered : {false, true}) {
      // FTS5's own ranking of the prefix query, as the oracle.
      auto ranked = (*db)->Prepare(
          "SELECT d.number, bm25(search_index, 1, 10, 5, 2) AS score FROM search_index "
          "JOIN search_rows r ON r.id = search_index.rowid JOIN documents d ON d.id = r.doc_id "
          "WHERE search_index MATCH ? AND (? = 0 OR d.dept = '财务部') ORDER BY score");
      ASSERT_TRUE(ranked.ok());
      ranked->BindAll("\"" + character + "\" *", filtered ? 1 : 0);
      std::vector<std::pair<std::string, double>> expected;
      std::map<std::string, double> score_of;
      while (*ranked->Step()) {
        score_of[ranked->Text(0)] = ranked->Double(1);
        if (expected.size() < 8) expected.emplace_back(ranked->Text(0), ranked->Double(1));
      }
      if (!filtered) {
        ASSERT_FALSE(expected.empty()) << character << " is a useless query: fix the corpus";
      }
      SearchRequest r;
      r.query = character;
      r.limit = 8;
      if (filtered) r.dept = "财务部";
      auto result = repo_->Search(admin_, r);
      ASSERT_TRUE(result.ok()) << result.status().message();
      ASSERT_EQ(result->hits.size(), expected.size()) << character << (filtered ? " filtered" : "");
      for (size_t k = 0; k < expected.size(); ++k) {
        // Rows of equal score may come in either order: compare scores.
        EXPECT_NEAR(result->hits[k].score, expected[k].second, 1e-9) << character << " #" << k;
        ASSERT_TRUE(score_of.count(result->hits[k].document.number)) << character;
        EXPECT_NEAR(result->hits[k].score, score_of[result->hits[k].document.number], 1e-9)
            << character;
      }
      const auto all = Containing(character);
      int64_t in_dept = 0;
      for (const auto& n : all) in_dept += texts_.at(n).find("財務部") != std::string::npos;
      EXPECT_EQ(result->total, filtered ? in_dept : static_cast<int64_t>(all.size())) << character;
    }
  }
  auto report = repo_->Verify(admin_);  // which checks the lists against FTS5 too
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->clean()) << report->problems[0].message;
}

TEST_F(SearchTest, AOneCharacterSearchRanksAsFts5RanksItsPrefixQuery) {
  ExpectOneCharacterSearchesRankAsFts5();  // few rows: FTS5 ranks
}

TEST_F(SearchTest, AOneCharacterSearchFromTermListsRanksAsFts5) {
  // Lists from 20 rows: the frequent characters' best rows come from them.
  SearchOptions lists_from_20;
  lists_from_20.term_lists_from_rows = 20;
  ReopenWith(lists_from_20);
  ExpectOneCharacterSearchesRankAsFts5();
  auto db = SqliteDb::Open(dir_ / "repo" / "catalog.db", false);
  ASSERT_TRUE(db.ok());
  auto lists = (*db)->Prepare("SELECT count(*) FROM search_terms WHERE term IN ('合', '档', '同')");
  ASSERT_TRUE(lists.ok());
  ASSERT_TRUE(*lists->Step());
  EXPECT_EQ(lists->Int(0), 3);
  // With history asked for and no older versions: the same answer, the
  // current rows' from the list.
  for (const std::string character : {"合", "档"}) {
    SearchRequest r;
    r.query = character;
    r.limit = 6;
    auto now = repo_->Search(admin_, r);
    r.all_versions = true;
    auto all = repo_->Search(admin_, r);
    ASSERT_TRUE(now.ok() && all.ok());
    EXPECT_EQ(all->total, now->total);
    ASSERT_EQ(all->hits.size(), now->hits.size());
    for (size_t k = 0; k < now->hits.size(); ++k)
      EXPECT_NEAR(all->hits[k].score, now->hits[k].score, 1e-9);
  }
  // A secret document at the top of the lists of 档 and 档案: the clerk's
  // searches, filtered by clearance, read the lists without it.
  std::string secret = Add("档案档案档案", "档案档案。", Confidentiality::kClassified);
  for (const std::string query : {"档", "档案"}) {
    SearchRequest r;
    r.query = query;
    r.limit = 6;
    auto everyone = repo_->Search(admin_, r);
    r.limit = 5;
    auto clerk = repo_->Search(clerk_, r);
    ASSERT_TRUE(everyone.ok() && clerk.ok());
    ASSERT_EQ(everyone->hits.size(), 6u);
    EXPECT_EQ(everyone->hits[0].document.number, secret) << query;
    EXPECT_EQ(clerk->total, everyone->total - 1) << query;
    ASSERT_EQ(clerk->hits.size(), 5u);
    for (size_t k = 0; k < clerk->hits.size(); ++k) {
      EXPECT_NE(clerk->hits[k].document.number, secret) << query;
      // The clerk's best are everyone's best after the secret one.
      EXPECT_NEAR(clerk->hits[k].score, everyone->hits[k + 1].score, 1e-9) << query;
    }
  }
}

TEST_F(SearchTest, AOneCharacterSearchScoringRowsFromTheirTextRanksAsFts5) {
  SearchOptions scan_every_row;
  scan_every_row.character_scan_from_rows = 0;  // every row scored from its text
  ReopenWith(scan_every_row);
  ExpectOneCharacterSearchesRankAsFts5();
}

TEST_F(SearchTest, BooleanQueriesArePhrasesCombinedAsSetsAre) {
  AddCorpus(60);
  auto both = [](const std::set<std::string>& a, const std::set<std::string>& b) {
    std::set<std::string> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.begin()));
    return out;
  };
  auto either = [](std::set<std::string> a, const std::set<std::string>& b) {
    a.insert(b.begin(), b.end());
    return a;
  };
  auto without = [](const std::set<std::string>& a, const std::set<std::string>& b) {
    std::set<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.begin()));
    return out;
  };
  EXPECT_EQ(Found("合同 验收"), both(Containing("合同"), Containing("验收")));
  EXPECT_EQ(Found("合同 OR 保密"), either(Containing("合同"), Containing("保密")));
  EXPECT_EQ(Found("合同 -保密"), without(Containing("合同"), Containing("保密")));
  EXPECT_EQ(Found("付款 delivery"), both(Containing("付款"), WithWord("delivery")));
  EXPECT_EQ(Found("\"违约责任\""), Containing("违约责任"));
}

TEST_F(SearchTest, QueriesPastTheirLimitsAreRefusedNamingTheLimit) {
  Add("服务器采购合同", "合同的验收。");
  struct Case {
    std::string query, refusal;
  };
  const Case cases[] = {
      {testing::Repeat("合同 ", 2000), "the query is 6,000 characters long; at most 1,000"},
      {testing::Repeat("合同 ", 33), "the query has 33 terms; at most 32"},
      {testing::Repeat("(", 9) + "合同" + testing::Repeat(")", 9),
       "nests parentheses 9 deep; at most 8"},
      {testing::Repeat("(", 200) + "合同" + testing::Repeat(")", 200),
       "nests parentheses 200 deep"},
  };
  for (const auto& c : cases) {
    SearchRequest r;
    r.query = c.query;
    auto result = repo_->Search(admin_, r);
    ASSERT_FALSE(result.ok()) << c.refusal;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(result.status().message().find(c.refusal), std::string::npos)
        << result.status().message();
  }
  // At the limits, the query is answered.
  EXPECT_EQ(Found(testing::Repeat("合同 ", 32)).size(), 1u);
  EXPECT_EQ(Found(testing::Repeat("(", 8) + "验收" + testing::Repeat(")", 8)).size(), 1u);
}

TEST_F(SearchTest, ASearchPastItsTimeIsStoppedAsTooExpensive) {
  AddCorpus(40);
  SearchRequest r;
  r.query = "合同 OR 验收 OR 档案 OR contract*";
  r.time_limit = std::chrono::milliseconds(0);
  auto result = repo_->Search(admin_, r);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find(
                "ran past its limit of 0 s and was stopped as too expensive: narrow it"),
            std::string::npos)
      << result.status().message();
  // The connection is left as it was: the next search runs to its end.
  r.time_limit = std::chrono::seconds(10);
  auto again = repo_->Search(admin_, r);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_GT(again->total, 0);
}

TEST_F(SearchTest, APhraseNeverMatchesAcrossPunctuation) {
  std::string apart = Add("甲", "签订合同。验收完成");
  std::string together = Add("乙", "签订合同验收完成");
  EXPECT_EQ(Found("同验"), (std::set<std::string>{together}));
  EXPECT_EQ(Found("合同验收"), (std::set<std::string>{together}));
  EXPECT_EQ(Found("验"), (std::set<std::string>{apart, together}));
  EXPECT_EQ(Found("同"), (std::set<std::string>{apart, together}));  // run-final in the first
  // A phrase takes the punctuation's place: it matches the same words
  // apart, never the words run together.
  EXPECT_EQ(Found("\"合同。验收\""), (std::set<std::string>{apart}));
  EXPECT_EQ(Found("\"合同、验收\""), (std::set<std::string>{apart}));
  // A character before a Latin word, and after one.
  std::string mixed = Add("丙", "型号A档案，B档");
  EXPECT_EQ(Found("\"A档\""), (std::set<std::string>{mixed}));
  EXPECT_EQ(Found("\"B档\""), (std::set<std::string>{mixed}));
  EXPECT_TRUE(Found("\"档B\"").empty());
}

TEST_F(SearchTest, TitleMatchesRankAboveBodyMatchesAndSnippetsMarkTheMatch) {
  std::string in_body = Add("一般文件", "本文提到一次档案。其余内容与此无关，说明若干事项。");
  std::string in_title = Add("档案管理办法", "其余内容与此无关。");
  SearchRequest r;
  r.query = "档案";
  auto result = repo_->Search(admin_, r);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->hits.size(), 2u);
  EXPECT_EQ(result->hits[0].document.number, in_title);
  EXPECT_NE(result->hits[1].snippet.find("[档案]"), std::string::npos) << result->hits[1].snippet;
}

TEST_F(SearchTest, SnippetsMarkOnlyWhatMatched) {
  // One character is marked alone, not with the character after it (the
  // bigram it shares a place with in the index), also at a run's end.
  std::string doc = Add("文件", "本文提到归档案卷。全部归档。");
  SearchRequest r;
  r.query = "档";
  auto one = repo_->Search(admin_, r);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->hits.size(), 1u);
  EXPECT_EQ(one->hits[0].snippet, "本文提到归[档]案卷。全部归[档]。");
  // A phrase and a prefix word, in the same text.
  Add("报告", "The contractor signed. 违约责任条款 applies to every contract.");
  r.query = "违约责任 contr*";
  auto both = repo_->Search(admin_, r);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->hits.size(), 1u);
  EXPECT_EQ(both->hits[0].snippet,
            "The [contractor] signed. [违约责任]条款 applies to every [contract].");
}

TEST_F(SearchTest, AnIndexOfAnEarlierLayoutIsRebuiltWithItsCharactersWhenTheCatalogOpens) {
  std::string doc = Add("采购合同", "本文提到归档案卷。");
  VersionChange second;
  second.title = "采购合同（修订）";
  ASSERT_TRUE(repo_->AddVersion(admin_, doc, second).ok());
  repo_.reset();
  {
    // The catalog as migration 012 left it: the text the last column, no
    // index of characters, a term list in the old fixed layout.
    auto db = SqliteDb::Open(dir_ / "repo" / "catalog.db", false);
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto done = (*db)->ExecScript(
        "DROP TABLE search_index; DROP TABLE search_history;"
        "DROP TABLE search_index_chars; DROP TABLE search_history_chars;"
        "CREATE VIRTUAL TABLE search_index USING fts5(number, title, meta, body, content = "
        "'search_current', "
        "content_rowid = 'id', tokenize = 'dossier');"
        "CREATE VIRTUAL TABLE search_history USING fts5(number, title, meta, body, content = "
        "'search_past', "
        "content_rowid = 'id', tokenize = 'dossier');"
        "INSERT INTO search_index (search_index) VALUES ('rebuild');"
        "INSERT INTO search_history (search_history) VALUES ('rebuild');"
        "INSERT INTO search_terms VALUES ('档', 1, 0, -1); INSERT INTO search_term_tops VALUES "
        "('档', zeroblob(16));"
        "INSERT INTO search_term_state VALUES (1, 10, 1, 1, 1);"
        "DELETE FROM schema_migrations WHERE version IN (13, 14);");
    ASSERT_TRUE(done.ok()) << done.message();
  }
  auto repo = Repository::Open(dir_ / "repo");
  ASSERT_TRUE(repo.ok()) << repo.status().message();
  repo_ = std::move(*repo);
  admin_ = *repo_->ActorFor("admin");
  {
    auto db = SqliteDb::Open(dir_ / "repo" / "catalog.db", false);
    ASSERT_TRUE(db.ok());
    auto first = (*db)->Prepare("SELECT name FROM pragma_table_info('search_index') WHERE cid = 0");
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(*first->Step());
    EXPECT_EQ(first->Text(0), "body");
    auto lists = (*db)->Prepare(
        "SELECT (SELECT count(*) FROM search_terms) + (SELECT count(*) FROM search_term_state)");
    ASSERT_TRUE(lists.ok());
    ASSERT_TRUE(*lists->Step());
    EXPECT_EQ(lists->Int(0), 0);  // the old lists are gone, to be built again
    auto characters = (*db)->Prepare(
        "SELECT count(*) FROM search_index_chars WHERE search_index_chars MATCH '档'");
    ASSERT_TRUE(characters.ok());
    ASSERT_TRUE(*characters->Step());
    EXPECT_EQ(characters->Int(0), 1);
  }
  SearchRequest r;
  r.query = "档";
  auto found = repo_->Search(admin_, r);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].snippet, "本文提到归[档]案卷。");
  EXPECT_EQ(Found("修订"), (std::set<std::string>{doc}));
  r.query = "采购合同";
  r.all_versions = true;
  auto history = repo_->Search(admin_, r);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->hits.size(), 2u);  // both versions: the history index was rebuilt too
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->clean()) << report->problems[0].message;
}

TEST_F(SearchTest, ADocumentAboveTheUsersClearanceLeavesNoTrace) {
  Add("普通合同", "价格条款 unique-word");
  std::string secret = Add("机密合同", "价格条款 classifiedword", Confidentiality::kClassified);
  EXPECT_EQ(Found("classifiedword", &clerk_), std::set<std::string>{});
  EXPECT_EQ(Found("价格条款", &clerk_).count(secret), 0u);
  EXPECT_EQ(Found("价格条款", &clerk_).size(), 1u);
  // Not by its number either, nor in a metadata-only count.
  EXPECT_TRUE(Found(secret, &clerk_).empty());
  SearchRequest all;
  all.limit = 100;
  auto everything = repo_->Search(clerk_, all);
  ASSERT_TRUE(everything.ok());
  EXPECT_EQ(everything->total, 1);
  EXPECT_EQ(Found("classifiedword", &admin_), (std::set<std::string>{secret}));
  // A character of the secret document's alone: counted and found only
  // where the clerk may look.
  EXPECT_EQ(Found("价", &clerk_).count(secret), 0u);
  EXPECT_EQ(Found("价", &clerk_).size(), 1u);
  EXPECT_EQ(Found("价", &admin_).size(), 2u);
}

TEST_F(SearchTest, ANumberTypedAsTheQueryComesFirst) {
  std::string first = Add("报告甲", "内容");
  Add("报告乙", "内容 " + first + " 被引用两次 " + first);
  SearchRequest r;
  r.query = first;
  auto result = repo_->Search(admin_, r);
  ASSERT_TRUE(result.ok());
  ASSERT_GE(result->hits.size(), 2u);
  EXPECT_EQ(result->hits[0].document.number, first);
}

TEST_F(SearchTest, OnlyTheNewestVersionIsSearchedUnlessHistoryIsAsked) {
  std::string number = Add("方案", "旧的条款 oldclause");
  VersionChange change;
  change.add_files = {FileInput{dir_.Write("v2/text.txt", "新的条款 newclause"), ""}};
  ASSERT_TRUE(repo_->AddVersion(admin_, number, change).ok());
  EXPECT_TRUE(Found("oldclause").empty());
  EXPECT_EQ(Found("newclause"), (std::set<std::string>{number}));
  SearchRequest r;
  r.query = "oldclause";
  r.all_versions = true;
  auto history = repo_->Search(admin_, r);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->hits.size(), 1u);
  EXPECT_EQ(history->hits[0].version, 1);
  EXPECT_NE(history->hits[0].snippet.find("[oldclause]"), std::string::npos)
      << history->hits[0].snippet;
  // One character, found in the older version only when history is asked.
  EXPECT_TRUE(Found("旧").empty());
  r.query = "旧";
  auto old_character = repo_->Search(admin_, r);
  ASSERT_TRUE(old_character.ok());
  ASSERT_EQ(old_character->hits.size(), 1u);
  EXPECT_EQ(old_character->hits[0].version, 1);
  EXPECT_EQ(old_character->total, 1);
  EXPECT_EQ(old_character->hits[0].snippet, "[旧]的条款 oldclause");
  r.query = "条";  // in both versions of one document
  auto both_versions = repo_->Search(admin_, r);
  ASSERT_TRUE(both_versions.ok());
  EXPECT_EQ(both_versions->hits.size(), 2u);
  EXPECT_EQ(both_versions->total, 1);
  // A third version: the second joins the first in the history index.
  VersionChange third;
  third.title = "方案（定稿）";
  ASSERT_TRUE(repo_->AddVersion(admin_, number, third).ok());
  EXPECT_EQ(Found("定稿"), (std::set<std::string>{number}));
  EXPECT_EQ(Found("newclause"), (std::set<std::string>{number}));  // the text stayed
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->clean()) << report->problems[0].message;
}

TEST_F(SearchTest, MetadataFiltersNarrowTheResultsAndWorkWithoutText) {
  std::string a = Add("采购报告", "采购", Confidentiality::kInternal, "a.txt", "商务部");
  std::string b = Add("采购报告", "采购", Confidentiality::kInternal, "b.txt", "财务部");
  SearchRequest r;
  r.query = "采购";
  r.dept = "财务部";
  auto result = repo_->Search(admin_, r);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->hits.size(), 1u);
  EXPECT_EQ(result->hits[0].document.number, b);
  r.query.clear();
  r.dept = "商务部";
  result = repo_->Search(admin_, r);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->hits.size(), 1u);
  EXPECT_EQ(result->hits[0].document.number, a);
  r.archived = true;
  EXPECT_TRUE(repo_->Search(admin_, r)->hits.empty());
}

// A PDF with one page of text in a standard font, small enough to write by hand.
std::string HandMadePdf(const std::string& text) {
  std::string content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << "
      "/F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Poppler lives in a module the core loads on first use; this goes through it.
TEST_F(SearchTest, PdfFilesAreReadForTextAndDamagedOnesSayWhy) {
  dir_.Write("delivery.pdf", HandMadePdf("Delivery acceptance protocol Zephyrine"));
  dir_.Write("broken.pdf", "%PDF-1.4\nthis is not a PDF body at all");
  NewDocument doc;
  doc.type = "generic";
  doc.title = "PDF files";
  doc.metadata_json = "{}";
  doc.files = {FileInput{dir_ / "delivery.pdf", ""}, FileInput{dir_ / "broken.pdf", ""}};
  auto r = repo_->Register(admin_, doc);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string number = r->summary.number;
  EXPECT_EQ(Found("zephyrine"), (std::set<std::string>{number}));
  EXPECT_EQ(Found("\"acceptance protocol\""), (std::set<std::string>{number}));
  auto texts = repo_->FileTexts(admin_, number, 0);
  ASSERT_TRUE(texts.ok());
  ASSERT_EQ(texts->size(), 2u);
  for (const auto& text : *texts) {
    EXPECT_EQ(text.kind, "pdf");
    if (text.name == "broken.pdf") {
      EXPECT_EQ(text.note, "not a readable PDF");
    } else {
      EXPECT_TRUE(text.note.empty()) << text.note;
    }
  }
}

TEST_F(SearchTest, WordAndExcelFilesAreReadForTextAndOtherFilesSayWhyNot) {
  auto zip = [&](const std::string& name, const std::map<std::string, std::string>& entries) {
    std::ofstream(dir_ / name, std::ios::binary) << testing::ZipBytes(entries);
    return dir_ / name;
  };
  auto docx = zip(
      "memo.docx",
      {{"word/document.xml",
        R"(<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)"
        R"(<w:p><w:r><w:t>備忘錄：交貨</w:t></w:r><w:r><w:t>延期</w:t></w:r></w:p><w:p><w:r><w:t>second paragraph</w:t></w:r></w:p></w:body></w:document>)"}});
  auto xlsx = zip(
      "ledger.xlsx",
      {{"xl/sharedStrings.xml",
        R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>合同台账</t></si><si><t>华信科技</t></si></sst>)"},
       {"xl/worksheets/sheet1.xml",
        R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>内联文字</t></is></c></row></sheetData></worksheet>)"}});
  dir_.Write("photo.jpg", "\xff\xd8\xff\xe0 not really a jpeg");
  NewDocument doc;
  doc.type = "generic";
  doc.title = "附件";
  doc.metadata_json = "{}";
  doc.files = {FileInput{docx, ""}, FileInput{xlsx, ""}, FileInput{dir_ / "photo.jpg", ""}};
  auto r = repo_->Register(admin_, doc);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string number = r->summary.number;
  EXPECT_EQ(Found("交货延期"), (std::set<std::string>{number}));  // runs across <w:t> elements join
  EXPECT_EQ(Found("备忘录"), (std::set<std::string>{number}));
  EXPECT_EQ(Found("华信"), (std::set<std::string>{number}));
  EXPECT_EQ(Found("内联"), (std::set<std::string>{number}));
  auto texts = repo_->FileTexts(admin_, number, 0);
  ASSERT_TRUE(texts.ok());
  ASSERT_EQ(texts->size(), 3u);
  EXPECT_EQ((*texts)[0].kind, "xlsx");
  EXPECT_EQ((*texts)[1].kind, "docx");
  EXPECT_TRUE((*texts)[1].note.empty());
  EXPECT_EQ((*texts)[2].kind, "none");
  EXPECT_NE((*texts)[2].note.find(".jpg"), std::string::npos);
}

TEST_F(SearchTest, TextThatIsNotUtf8IsReadAsGb18030OrSaidToBeUnreadable) {
  // "采购合同" in GB18030.
  std::string number = Add("旧系统导出", "\xb2\xc9\xb9\xba\xba\xcf\xcd\xac");
  EXPECT_EQ(Found("采购合同"), (std::set<std::string>{number}));
  std::string broken =
      Add("损坏", std::string("\x81\x20\xff\xfe", 4), Confidentiality::kInternal, "bad.txt");
  auto texts = repo_->FileTexts(admin_, broken, 0);
  ASSERT_TRUE(texts.ok());
  EXPECT_NE((*texts)[0].note.find("not UTF-8 or GB18030"), std::string::npos);
}

TEST_F(SearchTest, VerifyChecksTheIndexAndFindsItCleanAfterRegistrations) {
  AddCorpus(5);
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->clean()) << report->problems[0].message;
}

TEST_F(SearchTest, ContentStoredTwiceKeepsOneTextAndTheIndexAgreesWithIt) {
  // The same bytes as text, then under a name no extractor reads, then
  // twice in one document: the text is kept once per content, and the
  // index holds exactly what the catalog will read back (verify checks).
  std::string first = Add("第一份", "共同的条款 sharedclause");
  std::string second =
      Add("第二份", "共同的条款 sharedclause", Confidentiality::kInternal, "copy.bin");
  NewDocument doc;
  doc.type = "generic";
  doc.title = "两份相同附件";
  doc.metadata_json = "{}";
  doc.files = {FileInput{dir_.Write("twice/b.txt", "重复内容 twiceclause"), ""},
               FileInput{dir_.Write("twice/a.txt", "重复内容 twiceclause"), ""}};
  auto third = repo_->Register(admin_, doc);
  ASSERT_TRUE(third.ok()) << third.status().message();
  EXPECT_EQ(Found("sharedclause"), (std::set<std::string>{first, second}));
  EXPECT_EQ(Found("twiceclause"), (std::set<std::string>{third->summary.number}));
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->clean()) << report->problems[0].message;
}

TEST_F(SearchTest, VerifyFindsAnIndexThatDisagreesAndReindexRepairsIt) {
  AddCorpus(10);
  std::string number = texts_.begin()->first;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "repo" / "catalog.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(db, "DELETE FROM search_rows WHERE id = (SELECT min(id) FROM search_rows)",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);
  }
  auto report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->clean());
  bool named = false;
  for (const auto& p : report->problems) named |= p.kind == "search";
  EXPECT_TRUE(named);
  EXPECT_TRUE(repo_->Reindex(clerk_).IsPermissionDenied());
  ASSERT_TRUE(repo_->Reindex(archivist_).ok());
  report = repo_->Verify(admin_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->clean()) << report->problems[0].message;
  EXPECT_EQ(Found("合同"), Containing("合同"));
}

}  // namespace
}  // namespace dossier
