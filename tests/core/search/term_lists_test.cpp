// The term lists' arithmetic (search/term_lists.h): which rows a list
// keeps, and when it may answer a search without the index ranking.
#include "search/term_lists.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace dossier {
namespace {

constexpr double kAvgdl = 100.0;

TermList ListOf(int rows, int64_t df) {
  TermList list;
  list.df = df;
  // Row i holds the term i+1 times in a row of 100 tokens: higher rows weigh more.
  for (int i = 0; i < rows; ++i)
    OfferToList(list, TermEntry{i, static_cast<uint32_t>(i + 1), 100}, kAvgdl);
  return list;
}

TEST(TermLists, AListKeepsItsBestRowsBestFirstAndItsFloorIsTheBestLeftOut) {
  TermList list = ListOf(static_cast<int>(kTermListCapacity) + 10, kTermListCapacity + 10);
  ASSERT_EQ(list.top.size(), kTermListCapacity);
  EXPECT_EQ(list.top.front().row, static_cast<int64_t>(kTermListCapacity) + 9);
  EXPECT_EQ(list.top.back().row, 10);
  // Rows 0..9 were left out; row 9 (10 occurrences) weighs most of them.
  EXPECT_DOUBLE_EQ(list.floor, TermImpact(10, 100, kAvgdl));
  RemoveFromList(list, 50);
  EXPECT_EQ(list.top.size(), kTermListCapacity - 1);
  EXPECT_DOUBLE_EQ(list.floor, TermImpact(10, 100, kAvgdl));  // a row that left raises nothing
}

TEST(TermLists, TheBuilderKeepsWhatOfferingRowByRowKeepsTiesIncluded) {
  // Rows of three kinds of weight, many of them equal, offered in row order.
  TermList offered;
  TermListBuilder builder(2, kAvgdl);
  for (int i = 0; i < 600; ++i) {
    TermEntry e{i, static_cast<uint32_t>(1 + (i * 7) % 3),
                static_cast<uint32_t>(80 + (i % 2) * 40)};
    ++offered.df;
    OfferToList(offered, e, kAvgdl);
    builder.Offer(0, e);
  }
  builder.Offer(1, TermEntry{5, 1, 10});
  auto built = builder.Finish();
  ASSERT_EQ(built.size(), 2u);
  EXPECT_EQ(built[0].df, offered.df);
  EXPECT_DOUBLE_EQ(built[0].floor, offered.floor);
  ASSERT_EQ(built[0].top.size(), offered.top.size());
  for (size_t i = 0; i < offered.top.size(); ++i)
    EXPECT_EQ(built[0].top[i].row, offered.top[i].row) << i;
  EXPECT_EQ(built[1].df, 1);
  EXPECT_EQ(built[1].floor, 0.0);
  ASSERT_EQ(built[1].top.size(), 1u);
}

TEST(TermLists, BuildersFedHalfTheRowsEachMergeIntoTheListsOfAllOfThem) {
  // As the threads of a build are fed: batches of rows, interleaved.
  TermListBuilder whole(1, kAvgdl), even(1, kAvgdl), odd(1, kAvgdl);
  for (int i = 0; i < 900; ++i) {
    TermEntry e{i, static_cast<uint32_t>(1 + (i * 7) % 3),
                static_cast<uint32_t>(80 + (i % 2) * 40)};
    whole.Offer(0, e);
    ((i / 50) % 2 ? odd : even).Offer(0, e);
  }
  odd.Merge(std::move(even));  // the later rows first: ties must still keep the lower rows
  auto expected = whole.Finish();
  auto merged = odd.Finish();
  EXPECT_EQ(merged[0].df, expected[0].df);
  EXPECT_DOUBLE_EQ(merged[0].floor, expected[0].floor);
  ASSERT_EQ(merged[0].top.size(), expected[0].top.size());
  for (size_t i = 0; i < expected[0].top.size(); ++i)
    EXPECT_EQ(merged[0].top[i].row, expected[0].top[i].row) << i;
}

TEST(TermLists, TermsShortAndLongAreNumberedAndFound) {
  TermIds ids;
  std::vector<std::string> terms;
  for (int i = 0; i < 5000; ++i) terms.push_back(std::to_string(i * 7919));  // short: packed
  terms.push_back("合同");                                                   // 6 bytes
  terms.push_back("a-rather-long-english-word-of-many-bytes");               // long: hashed
  for (const auto& t : terms) ids.Add(t);
  ASSERT_EQ(ids.size(), terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    ASSERT_EQ(ids.Find(terms[i]), static_cast<int64_t>(i)) << terms[i];
    EXPECT_EQ(ids.Term(static_cast<uint32_t>(i)), terms[i]);
  }
  EXPECT_EQ(ids.Add("合同"), 5000u);  // known: the same number
  EXPECT_EQ(ids.Find("合"), -1);
  EXPECT_EQ(ids.Find("7"), -1);
  EXPECT_EQ(ids.Find(""), -1);
  EXPECT_EQ(ids.Find("a-rather-long-english-word-of-many-byte"), -1);
  ids.clear();
  EXPECT_EQ(ids.Find("合同"), -1);
  EXPECT_EQ(ids.Add("合同"), 0u);
}

TEST(TermLists, ALongerRowWeighsLessAndImpactFollowsBm25) {
  EXPECT_GT(TermImpact(3, 50, kAvgdl), TermImpact(3, 200, kAvgdl));
  EXPECT_GT(TermImpact(4, 100, kAvgdl), TermImpact(3, 100, kAvgdl));
  // bm25 with k1 = 1.2, b = 0.75, as FTS5 computes it.
  EXPECT_DOUBLE_EQ(TermImpact(2, 100, 100.0), 2 * 2.2 / (2 + 1.2));
  EXPECT_DOUBLE_EQ(TermIdf(10, 1000), std::log(990.5 / 10.5));
  EXPECT_DOUBLE_EQ(TermIdf(600, 1000), 1e-6);   // more than half the rows: FTS5's floor
  EXPECT_DOUBLE_EQ(TermIdf(1200, 1000), 1e-6);  // impossible counts give no NaN
}

TEST(TermLists, AListAnswersWhenItsLastWantedRowOutweighsEveryRowLeftOut) {
  TermList list = ListOf(200, 200);
  auto top = TopOfList(list, 20, 10000, kAvgdl, kAvgdl);
  ASSERT_TRUE(top.has_value());
  ASSERT_EQ(top->size(), 20u);
  EXPECT_EQ((*top)[0].first, 199);
  EXPECT_DOUBLE_EQ((*top)[0].second, -TermIdf(200, 10000) * TermImpact(200, 100, kAvgdl));
  for (size_t i = 1; i < top->size(); ++i) EXPECT_LE((*top)[i - 1].second, (*top)[i].second);
  // More rows than the list keeps: no answer.
  EXPECT_FALSE(TopOfList(list, kTermListMaxLimit + 1, 10000, kAvgdl, kAvgdl).has_value());
}

TEST(TermLists, AListDoesNotAnswerWhenRowsLeftOutMightNowWeighMore) {
  // Every row nearly alike: the 20th kept row barely outweighs the floor.
  TermList list;
  list.df = 1000;
  for (int i = 0; i < 1000; ++i)
    OfferToList(list, TermEntry{i, 5, static_cast<uint32_t>(1000 + i)}, kAvgdl);
  EXPECT_TRUE(TopOfList(list, 20, 5000, kAvgdl, kAvgdl).has_value());
  // Rows have grown longer on average since: a long row left out may have
  // gained more than the short ones kept. The list cannot vouch.
  EXPECT_FALSE(TopOfList(list, 20, 5000, kAvgdl * 1.5, kAvgdl).has_value());
  // Rows shrank on average: nothing left out gained, and rows that stand
  // well clear of the floor still answer.
  TermList spread = ListOf(200, 1000);
  EXPECT_TRUE(TopOfList(spread, 20, 5000, kAvgdl * 0.5, kAvgdl).has_value());
  // Fewer rows kept than asked for, while others hold the term: no answer.
  TermList few = ListOf(5, 40);
  EXPECT_FALSE(TopOfList(few, 10, 5000, kAvgdl, kAvgdl).has_value());
  // A list holding every row of the term answers whatever its floor.
  TermList all = ListOf(5, 5);
  all.floor = 1e9;
  auto top = TopOfList(all, 10, 5000, kAvgdl, kAvgdl);
  ASSERT_TRUE(top.has_value());
  EXPECT_EQ(top->size(), 5u);
}

TEST(TermLists, ARowIsCountedAsFts5CountsItWeightedByColumn) {
  std::string number = "HT-2026-0001", title = "采购合同", meta = "合同", body = "合同。档档";
  const std::string* columns[kIndexColumnCount] = {&body, &number, &title, &meta};
  TermIds ids;
  for (const char* term : {"合同", "合", "档", "ht", "采购"}) ids.Add(term);
  ListedTerms listed = TokenizeListed(columns, ids);
  std::map<std::string, uint32_t> freq;
  for (const auto& [id, count] : listed.freq) freq[ids.Term(id)] = count;
  // Only the numbered terms are kept (采购 is, 购合 is not).
  EXPECT_EQ(listed.freq.size(), 5u);
  // 合同 in the title (5), the metadata (2) and the body (1).
  EXPECT_EQ(freq["合同"], 8u);
  // A character counts the places where a term starts with it (档*):
  // 合 starts 合同 in each column; 档 starts 档档 and the run's last 档.
  EXPECT_EQ(freq["合"], 8u);
  EXPECT_EQ(freq["档"], 2u);
  EXPECT_EQ(freq["ht"], 10u);
  // Places: ht 2026 0001 | 采购 购合 合同 同 | 合同 同 | 合同 同 档档 档.
  EXPECT_EQ(listed.size, 3u + 4u + 2u + 4u);
  // What a one-character search reads of the row, the same counts.
  const CharacterCount he = CountCharacter(columns, "合");
  EXPECT_EQ(he.freq, 8u);
  EXPECT_EQ(he.size, listed.size);
  EXPECT_EQ(CountCharacter(columns, "档").freq, 2u);
  EXPECT_EQ(CountCharacter(columns, "书").freq, 0u);
}

TEST(TermLists, EntriesSurviveTheirEncodingAndADamagedBlobIsRefused) {
  std::vector<TermEntry> entries = {{1, 2, 3}, {int64_t{1} << 40, 7, 900}};
  std::vector<TermEntry> back;
  ASSERT_TRUE(DecodeTermEntries(EncodeTermEntries(entries), back));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].row, int64_t{1} << 40);
  EXPECT_EQ(back[1].size, 900u);
  // Cut short anywhere, or with bytes left over, the blob is refused.
  const std::string blob = EncodeTermEntries(entries);
  for (size_t cut = 0; cut < blob.size(); ++cut)
    EXPECT_FALSE(DecodeTermEntries(blob.substr(0, cut), back)) << cut;
  EXPECT_FALSE(DecodeTermEntries(blob + '\x01', back));
  // A count larger than the blob could hold is refused before anything is reserved.
  EXPECT_FALSE(DecodeTermEntries(std::string("\xff\xff\xff\xff\x0f", 5), back));
  // Compact: small rows take a few bytes, not a fixed 16.
  EXPECT_LE(EncodeTermEntries({{200000, 12, 1500}}).size(), 7u);
}

}  // namespace
}  // namespace dossier
