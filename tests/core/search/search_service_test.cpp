// Search as people see it, over a test double of the catalog's SearchIndex:
// no repository, no SQLite. The double holds the hits, counts, snippets and
// number matches a test gives it, and records what it was asked.
#include "search/search_service.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace dossier {
namespace {

DocumentRow Row(const std::string& id, const std::string& number, int version = 1) {
  DocumentRow row;
  row.summary.id = id;
  row.summary.number = number;
  row.summary.current_version = version;
  return row;
}

// A TimeLimit the test ends by hand.
class ManualTimeLimit final : public TimeLimit {
 public:
  explicit ManualTimeLimit(const bool* passed) : passed_(passed) {}
  bool Passed() const override { return *passed_; }

 private:
  const bool* passed_;
};

class FakeSearchIndex final : public SearchIndex {
 public:
  // What searches find.
  std::vector<DocumentRow> by_number;
  std::vector<SearchRowHit> hits;
  std::optional<int64_t> counted_on_the_way;  // else CountSearch answers
  int64_t count = 0;
  Status search_fails = Status::Ok();
  // The time limit passes after this many snippets (never when negative).
  int snippets_before_time_is_up = -1;
  // What it was asked.
  std::vector<std::string> numbers_asked;
  std::vector<int64_t> snippets_asked;
  int counts_asked = 0;
  int max_confidentiality_asked = -1;
  std::string fts_asked;

  Result<std::vector<DocumentRow>> FindByNumberOrCode(const std::string& text,
                                                      int max_confidentiality) override {
    numbers_asked.push_back(text);
    max_confidentiality_asked = max_confidentiality;
    return by_number;
  }
  Result<std::vector<SearchRowHit>> Search(const std::string& fts, const SearchRequest&,
                                           int max_confidentiality, int64_t* total) override {
    fts_asked = fts;
    max_confidentiality_asked = max_confidentiality;
    if (!search_fails.ok()) return search_fails;
    if (counted_on_the_way && total != nullptr) *total = *counted_on_the_way;
    return hits;
  }
  Result<int64_t> CountSearch(const std::string&, const SearchRequest&, int) override {
    ++counts_asked;
    return count;
  }
  Result<std::string> Snippet(const std::string&, int64_t index_row, bool) override {
    snippets_asked.push_back(index_row);
    if (snippets_before_time_is_up >= 0 &&
        static_cast<int>(snippets_asked.size()) >= snippets_before_time_is_up) {
      time_is_up_ = true;
    }
    return "…[合同]…" + std::to_string(index_row);
  }
  std::unique_ptr<TimeLimit> LimitTime(std::chrono::milliseconds) override {
    return std::make_unique<ManualTimeLimit>(&time_is_up_);
  }

  // What a search never asks for.
  Result<bool> InsertBlobText(const std::string&, const std::string&, const std::string&, uint64_t,
                              const std::string&) override {
    return Unused();
  }
  Result<std::vector<BlobRow>> BlobsWithoutText() override { return Unused(); }
  Result<std::string> FileNameOf(const std::string&) override { return Unused(); }
  Result<std::vector<FileTextInfo>> FileTexts(const std::string&, int) override { return Unused(); }
  Status IndexVersion(const std::string&, int, const std::string&, const std::string*) override {
    return Unused();
  }
  Status RefreshIndexedNumber(const std::string&) override { return Unused(); }
  Status RemoveDocument(const std::string&) override { return Unused(); }
  Status ClearSearchIndex() override { return Unused(); }
  Result<int64_t> InsertSearchRow(const std::string&, int, bool, const std::string&) override {
    return Unused();
  }
  Status RebuildSearchIndexes() override { return Unused(); }
  Result<std::optional<std::array<std::string, kIndexColumnCount>>> VersionIndexColumns(
      const std::string&, int, const std::string&) override {
    return Unused();
  }
  Status StoreTermLists(const BuiltTermLists&) override { return Unused(); }
  Result<std::vector<std::string>> CheckSearchIndex() override { return Unused(); }
  Result<std::vector<std::string>> CheckTermLists() override { return Unused(); }
  Status CheckSearchIntegrity() override { return Unused(); }

 private:
  static Status Unused() { return Status::Internal("a search does not ask this of the index"); }
  bool time_is_up_ = false;
};

SearchRowHit Hit(const std::string& id, const std::string& number, int64_t index_row, double score,
                 int version = 1) {
  return SearchRowHit{Row(id, number, version), index_row, version, score, false};
}

class SearchServiceTest : public ::testing::Test {
 protected:
  Actor clerk_{"张三", Role::kClerk, Confidentiality::kInternal, "商务部", "zh"};
  FakeSearchIndex index_;
};

TEST_F(SearchServiceTest, ANumberTypedAsTheQueryComesFirstAndIsNotListedTwice) {
  index_.by_number = {Row("d2", "HT-2026-SW-0002")};
  index_.hits = {Hit("d1", "HT-2026-SW-0001", 11, -3.0), Hit("d2", "HT-2026-SW-0002", 12, -2.0)};
  index_.counted_on_the_way = 2;
  SearchRequest request;
  request.query = "  HT-2026-SW-0002 ";
  auto result = RunSearch(index_, clerk_, request);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->hits.size(), 2u);
  EXPECT_EQ(result->hits[0].document.number, "HT-2026-SW-0002");
  EXPECT_EQ(result->hits[0].score, 0);
  EXPECT_EQ(result->hits[0].snippet, "");
  EXPECT_EQ(result->hits[1].document.number, "HT-2026-SW-0001");
  EXPECT_EQ(result->hits[1].snippet, "…[合同]…11");
  EXPECT_EQ(result->total, 2);
  EXPECT_EQ(index_.numbers_asked, std::vector<std::string>{"HT-2026-SW-0002"});  // trimmed
  EXPECT_EQ(index_.max_confidentiality_asked, static_cast<int>(Confidentiality::kInternal));
  EXPECT_EQ(index_.counts_asked, 0);  // counted on the way
}

TEST_F(SearchServiceTest, HitsStopAtTheLimitWithSnippetsOnlyForThoseShownAndAreCounted) {
  for (int i = 0; i < 5; ++i) {
    index_.hits.push_back(Hit("d" + std::to_string(i), "WJ-" + std::to_string(i), 100 + i, -i));
  }
  index_.count = 37;
  SearchRequest request;
  request.query = "合同";
  request.limit = 3;
  auto result = RunSearch(index_, clerk_, request);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->hits.size(), 3u);
  EXPECT_EQ(index_.snippets_asked, (std::vector<int64_t>{100, 101, 102}));
  EXPECT_EQ(index_.counts_asked, 1);
  EXPECT_EQ(result->total, 37);
  EXPECT_FALSE(index_.fts_asked.empty());
}

TEST_F(SearchServiceTest, AVersionOfADocumentAlreadyShownIsShownAgainOnlyWhenEveryVersionIsAsked) {
  index_.hits = {Hit("d1", "WJ-1", 1, -3.0, 2), Hit("d1", "WJ-1", 2, -2.0, 1)};
  index_.count = 2;
  SearchRequest request;
  request.query = "档案";
  EXPECT_EQ(RunSearch(index_, clerk_, request)->hits.size(), 1u);
  request.all_versions = true;
  auto all = RunSearch(index_, clerk_, request);
  ASSERT_EQ(all->hits.size(), 2u);
  EXPECT_EQ(all->hits[1].version, 1);
}

TEST_F(SearchServiceTest, ASearchPastItsTimeLimitIsRefusedAsTooExpensiveNamingTheLimit) {
  for (int i = 0; i < 5; ++i) index_.hits.push_back(Hit("d" + std::to_string(i), "WJ", i, -i));
  index_.snippets_before_time_is_up = 2;
  SearchRequest request;
  request.query = "合同";
  request.time_limit = std::chrono::milliseconds(1500);
  auto result = RunSearch(index_, clerk_, request);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalidArgument());
  EXPECT_NE(result.status().message().find("ran past its limit of 1.5 s"), std::string::npos)
      << result.status().message();
  EXPECT_EQ(index_.snippets_asked.size(), 2u);  // stopped between hits
}

TEST_F(SearchServiceTest, TheIndexsOwnFailureIsReturnedAsItIs) {
  index_.search_fails = Status::Corruption("search_index is damaged");
  SearchRequest request;
  request.query = "合同";
  auto result = RunSearch(index_, clerk_, request);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "search_index is damaged");
}

TEST_F(SearchServiceTest, ALimitBelowOneOrAQueryThatIsNoExpressionIsRefusedBeforeTheIndexIsAsked) {
  SearchRequest request;
  request.query = "合同";
  request.limit = 0;
  auto none = RunSearch(index_, clerk_, request);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(), "the limit must be at least 1");
  request.limit = 5;
  request.query = "\"合同";
  auto unbalanced = RunSearch(index_, clerk_, request);
  ASSERT_FALSE(unbalanced.ok());
  EXPECT_TRUE(unbalanced.status().IsInvalidArgument());
  EXPECT_TRUE(index_.numbers_asked.empty());
  EXPECT_TRUE(index_.fts_asked.empty());
}

}  // namespace
}  // namespace dossier
