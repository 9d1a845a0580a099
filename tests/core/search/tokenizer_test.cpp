// The search tokenizer, its folding, and the translation of user queries.
#include "search/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/query.h"
#include "search/text_fold.h"

namespace dossier {
namespace {

struct Token {
  std::string text;
  bool colocated;
  int start, end;
  bool operator==(const Token& o) const {
    return text == o.text && colocated == o.colocated && start == o.start && end == o.end;
  }
};

std::vector<Token> Tokens(const std::string& text, TokenizeMode mode = TokenizeMode::kDocument) {
  std::vector<Token> out;
  int rc = Tokenize(
      text, mode, &out, [](void* ctx, int flags, const char* t, int n, int start, int end) {
        static_cast<std::vector<Token>*>(ctx)->push_back(
            {std::string(t, static_cast<size_t>(n)), (flags & kTokenColocated) != 0, start, end});
        return 0;
      });
  EXPECT_EQ(rc, 0) << text;
  return out;
}

std::vector<std::string> Texts(const std::string& text,
                               TokenizeMode mode = TokenizeMode::kDocument) {
  std::vector<std::string> out;
  for (const auto& t : Tokens(text, mode)) out.push_back(t.colocated ? "+" + t.text : t.text);
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, AChineseRunBecomesOverlappingBigramsAndItsLastCharacter) {
  EXPECT_EQ(Texts("违约责任"), (V{"违约", "约责", "责任", "任"}));
  // Every character starts exactly one term, at a place of its own.
  auto t = Tokens("归档");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], (Token{"归档", false, 0, 6}));
  EXPECT_EQ(t[1], (Token{"档", false, 3, 6}));
  EXPECT_EQ(Texts("档"), (V{"档"}));
}

TEST(Tokenizer, AQueryHasOnlyBigramsSoItMatchesInsideLongerRuns) {
  EXPECT_EQ(Texts("违约责任", TokenizeMode::kQuery), (V{"违约", "约责", "责任"}));
  EXPECT_EQ(Texts("档", TokenizeMode::kQuery), (V{"档"}));
  // A run followed by another term ends with its last character, so that
  // the query takes the places the text takes.
  EXPECT_EQ(Texts("平等、自愿", TokenizeMode::kQuery), (V{"平等", "等", "自愿"}));
  EXPECT_EQ(Texts("平等、自愿"), (V{"平等", "等", "自愿", "愿"}));
  EXPECT_EQ(Texts("合同ABC", TokenizeMode::kQuery), (V{"合同", "同", "abc"}));
}

TEST(Tokenizer, PunctuationEndsARunSoNoBigramSpansIt) {
  EXPECT_EQ(Texts("合同。验收"), (V{"合同", "同", "验收", "收"}));
  EXPECT_EQ(Texts("（甲方）、乙方"), (V{"甲方", "方", "乙方", "方"}));
}

TEST(Tokenizer, TheCharactersIndexHoldsEachChineseCharacterOnce) {
  EXPECT_EQ(Texts("合同。合同书 Contract 檔案档", TokenizeMode::kCharacters),
            (V{"合", "同", "书", "档", "案"}));
  EXPECT_TRUE(Texts("Contract 2026", TokenizeMode::kCharacters).empty());
  // Each text is counted afresh.
  EXPECT_EQ(Texts("合同", TokenizeMode::kCharacters), (V{"合", "同"}));
}

TEST(Tokenizer, ASingleCharacterTermIsOneChineseCharacter) {
  EXPECT_TRUE(IsSingleCharacterTerm("档"));
  EXPECT_TRUE(IsSingleCharacterTerm("𠮷"));
  EXPECT_FALSE(IsSingleCharacterTerm("档案"));
  EXPECT_FALSE(IsSingleCharacterTerm("a"));
  EXPECT_FALSE(IsSingleCharacterTerm(""));
  EXPECT_FALSE(IsSingleCharacterTerm("\xe6\xa1"));
}

TEST(Tokenizer, LatinWordsAndNumbersAreWholeAndFoldedNextToChinese) {
  EXPECT_EQ(Texts("采购Dell服务器10台"),
            (V{"采购", "购", "dell", "服务", "务器", "器", "10", "台"}));
  EXPECT_EQ(Texts("Café RÉSUMÉ naïve"), (V{"cafe", "resume", "naive"}));
  EXPECT_EQ(Texts("ＡＢＣ１２３"), (V{"abc123"}));
}

TEST(Tokenizer, TraditionalCharactersFoldToSimplified) {
  EXPECT_EQ(Texts("檔案"), Texts("档案"));
  EXPECT_EQ(Texts("違約責任"), Texts("违约责任"));
  EXPECT_EQ(Folding::Get().FoldString("會議紀要"), "会议纪要");
  // Simplified text and characters common to both stay as they are.
  EXPECT_EQ(Folding::Get().FoldString("合同"), "合同");
}

TEST(Tokenizer, CharactersOutsideTheBmpAreKeptAndEmojiSeparate) {
  // 𠮷 (U+20BB7) is a Han character of plane 2: it is part of the run.
  EXPECT_EQ(Texts("吉𠮷家"), (V{"吉𠮷", "𠮷家", "家"}));
  // An emoji is a symbol, not text: it separates like punctuation.
  EXPECT_EQ(Texts("合同😀验收"), Texts("合同。验收"));
}

TEST(Tokenizer, InvalidUtf8IsRefusedBeforeAnyToken) {
  std::vector<Token> out;
  for (std::string bad : {std::string("合同\xff"), std::string("\xe5\x90"), std::string("\xc0\xaf"),
                          std::string("\xed\xa0\x80")}) {
    int rc = Tokenize(bad, TokenizeMode::kDocument, &out,
                      [](void* ctx, int, const char*, int, int, int) {
                        static_cast<std::vector<Token>*>(ctx)->push_back({});
                        return 0;
                      });
    EXPECT_EQ(rc, kTokenizeInvalidUtf8);
  }
  EXPECT_TRUE(out.empty());
}

TEST(Tokenizer, VeryLongWordsAreCutTheSameWayInDocumentsAndQueries) {
  std::string word(1000, 'a');
  auto doc = Texts(word);
  ASSERT_EQ(doc.size(), 1u);
  EXPECT_LE(doc[0].size(), kMaxWordBytes);
  EXPECT_EQ(doc, Texts(word, TokenizeMode::kQuery));
}

TEST(SearchQuery, TermsArePassedQuotedAndLatinPrefixesKept) {
  EXPECT_EQ(*ToFtsQuery("合同 验收"), "\"合同\" AND \"验收\"");
  // A character that ends a term may start a bigram in the text: a prefix.
  EXPECT_EQ(*ToFtsQuery("档"), "\"档\" *");
  EXPECT_EQ(*ToFtsQuery("A档"), "\"A档\" *");
  EXPECT_EQ(*ToFtsQuery("档A"), "\"档A\"");
  EXPECT_EQ(*ToFtsQuery("\"平等、自愿\""), "\"平等、自愿\"");
  EXPECT_EQ(*ToFtsQuery("contr*"), "\"contr\" *");
  EXPECT_EQ(*ToFtsQuery("\"违约 责任\""), "\"违约 责任\"");
  EXPECT_EQ(*ToFtsQuery("合同 OR 协议"), "(\"合同\") OR (\"协议\")");
  EXPECT_EQ(*ToFtsQuery("合同 -草稿"), "(\"合同\" NOT \"草稿\")");
  EXPECT_EQ(*ToFtsQuery("合同 NOT 草稿"), "(\"合同\" NOT \"草稿\")");
  // FTS5 syntax typed by the user is only text.
  EXPECT_EQ(*ToFtsQuery("NEAR(a)"), "\"NEAR\" AND (\"a\")");
  EXPECT_EQ(*ToFtsQuery("a\"\"b"), "\"a\" AND \"b\"");
  EXPECT_EQ(*ToFtsQuery(""), "");
  EXPECT_EQ(*ToFtsQuery("，。"), "");
}

TEST(SearchQuery, AOneCharacterQueryIsKnownForItsCharacter) {
  EXPECT_EQ(SingleCharacterOf(*ToFtsQuery("档")), "档");
  EXPECT_EQ(SingleCharacterOf(*ToFtsQuery("檔")), "档");
  EXPECT_EQ(SingleCharacterOf(*ToFtsQuery("档*")), "档");
  EXPECT_FALSE(SingleCharacterOf(*ToFtsQuery("A档")));
  EXPECT_FALSE(SingleCharacterOf(*ToFtsQuery("档案")));
  EXPECT_FALSE(SingleCharacterOf(*ToFtsQuery("a*")));
  EXPECT_FALSE(SingleCharacterOf(*ToFtsQuery("档 OR 案")));
}

TEST(SearchQuery, MalformedQueriesAreRefusedSayingWhy) {
  EXPECT_NE(ToFtsQuery("\"违约").status().message().find("quote"), std::string::npos);
  EXPECT_NE(ToFtsQuery("(合同").status().message().find("'('"), std::string::npos);
  EXPECT_NE(ToFtsQuery("合同)").status().message().find("')'"), std::string::npos);
  EXPECT_NE(ToFtsQuery("NOT 合同").status().message().find("not negated"), std::string::npos);
  EXPECT_NE(ToFtsQuery("合同 OR").status().message().find("OR"), std::string::npos);
  EXPECT_NE(ToFtsQuery("合同\xff").status().message().find("UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace dossier
