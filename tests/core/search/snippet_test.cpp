// Snippets mark what matched, in the window FTS5 would choose. Places are
// numbered as FTS5 numbers them (tokenizer.h): in 归档案 the bigram 归档
// stands at place 0, 档案 at place 1 and the run's last character 案 at 2.
#include "search/snippet.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace dossier {
namespace {

std::string Snip(std::string_view text, const std::vector<SnippetHit>& hits, std::string_view fts,
                 int places = 24) {
  return MakeSnippet({text}, hits, SnippetPhrasesOf(fts), places);
}

TEST(Snippet, OneCharacterIsMarkedAloneWhereverItStands) {
  // 档 is the prefix query 档*: it matched the bigram 档案, and 档 is marked.
  EXPECT_EQ(Snip("归档案。", {{0, 0, 1}}, "\"档\" *"), "归[档]案。");
  // At the end of a run it is a term of its own.
  EXPECT_EQ(Snip("归档。", {{0, 0, 1}}, "\"档\" *"), "归[档]。");
  EXPECT_EQ(Snip("档档", {{0, 0, 0}, {0, 0, 1}}, "\"档\" *"), "[档档]");
  // A Latin prefix still marks the whole word.
  EXPECT_EQ(Snip("contracts", {{0, 0, 0}}, "\"contr\" *"), "[contracts]");
}

TEST(Snippet, MatchesAreFoundInTheTextAsFts5FindsThem) {
  using Hits = std::vector<std::tuple<int, int, int>>;
  auto hits = [](std::vector<std::string_view> columns, std::string_view fts) {
    Hits out;
    for (const auto& h : FindSnippetHits(columns, SnippetPhrasesOf(fts)))
      out.emplace_back(h.phrase, h.column, h.place);
    return out;
  };
  // 归档(0) 档案(1) 案(2) | 档(3): the character wherever it stands.
  EXPECT_EQ(hits({"归档案。档"}, "\"档\" *"), (Hits{{0, 0, 1}, {0, 0, 3}}));
  // A phrase takes the places the text takes, across punctuation.
  EXPECT_EQ(hits({"依照平等、自愿原则"}, "\"平等、自愿\""), (Hits{{0, 0, 2}}));
  EXPECT_TRUE(hits({"依照平等，公平原则"}, "\"平等、自愿\"").empty());
  // Every phrase, in each column, by column then place.
  EXPECT_EQ(hits({"合同验收", "验收单"}, "\"验收\" AND \"合同\""),
            (Hits{{1, 0, 0}, {0, 0, 2}, {0, 1, 0}}));
  // Folded as the index folds: traditional characters, case, accents.
  EXPECT_EQ(hits({"檔案 CAFÉ"}, "\"档案\" AND \"cafe\""), (Hits{{0, 0, 0}, {1, 0, 2}}));
  EXPECT_TRUE(hits({"合同"}, "\"验收\"").empty());
}

TEST(Snippet, APhraseOfBigramsIsMarkedWhole) {
  EXPECT_EQ(Snip("归档案。", {{0, 0, 1}}, "\"档案\""), "归[档案]。");
  EXPECT_EQ(Snip("违约责任条款", {{0, 0, 0}}, "\"违约责任\""), "[违约责任]条款");
  // Two phrases side by side read as one mark.
  EXPECT_EQ(Snip("合同验收", {{0, 0, 0}, {1, 0, 2}}, "\"合同\" AND \"验收\""), "[合同验收]");
}

TEST(Snippet, LatinWordsAreMatchedFoldedAndByPrefix) {
  EXPECT_EQ(Snip("Café au lait", {{0, 0, 0}}, "\"cafe\""), "[Café] au lait");
  EXPECT_EQ(Snip("the contract and the contractor", {{0, 0, 1}, {0, 0, 4}}, "\"contr\" *"),
            "the [contract] and the [contractor]");
  // A token at the place that is not the term is not marked.
  EXPECT_EQ(Snip("the contract", {{0, 0, 1}}, "\"law\""), "the contract");
}

TEST(Snippet, ALongTextIsCutAroundTheMatchWithEllipses) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "word" + std::to_string(i) + " ";
  text += "target";
  for (int i = 40; i < 80; ++i) text += " word" + std::to_string(i);
  // target is place 40; a window of 5 places centred on it: 38..42.
  EXPECT_EQ(Snip(text, {{0, 0, 40}}, "\"target\"", 5), "…word38 word39 [target] word40 word41…");
  // At the start: no leading ellipsis; at the end: no trailing one.
  EXPECT_EQ(Snip("target a b c d e f g", {{0, 0, 0}}, "\"target\"", 3), "[target] a b…");
  EXPECT_EQ(Snip("a b c d e f g target.", {{0, 0, 7}}, "\"target\"", 3), "…f g [target].");
}

TEST(Snippet, AWindowPrefersToStartASentence) {
  // target, at place 8, would be centred in 7..10; the sentence that holds
  // it starts at place 6 (after "."), which FTS5 prefers.
  EXPECT_EQ(Snip("a b c d e f. g h target i j k l", {{0, 0, 8}}, "\"target\"", 4),
            "…g h [target] i…");
}

TEST(Snippet, TheColumnWithTheMostPhrasesIsShown) {
  std::vector<std::string_view> columns = {"正文有合同也有验收", "HT-1", "合同"};
  // 合同 in the title (column 2) once; 合同 and 验收 in the body (column 0),
  // whose bigrams 正文 文有 有合 合同 ... stand at places 0, 1, 2, 3, ...
  std::vector<SnippetHit> hits = {{0, 0, 3}, {1, 0, 7}, {0, 2, 0}};
  EXPECT_EQ(MakeSnippet(columns, hits, SnippetPhrasesOf("\"合同\" AND \"验收\""), 24),
            "正文有[合同]也有[验收]");
  // No hit anywhere: no snippet.
  EXPECT_EQ(MakeSnippet(columns, {}, SnippetPhrasesOf("\"合同\""), 24), "");
}

TEST(Snippet, PhrasesAreReadInFts5sOrder) {
  auto phrases = SnippetPhrasesOf("\"合同\" AND (\"验收\" OR \"contr\" *) NOT \"草\"\"稿\"");
  ASSERT_EQ(phrases.size(), 4u);
  EXPECT_EQ(phrases[0].terms, std::vector<std::string>({"合同"}));
  EXPECT_TRUE(phrases[2].prefix);
  EXPECT_FALSE(phrases[1].prefix);
  // A quote inside a phrase separates like any punctuation.
  EXPECT_EQ(phrases[3].terms, std::vector<std::string>({"草", "稿"}));
  EXPECT_EQ(SnippetPhrasesOf("\"违约责任\"")[0].terms,
            std::vector<std::string>({"违约", "约责", "责任"}));
}

}  // namespace
}  // namespace dossier
