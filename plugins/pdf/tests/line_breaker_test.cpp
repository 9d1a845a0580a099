#include "line_breaker.h"

#include <gtest/gtest.h>

#include "fake_measure.h"

namespace dossier::pdf {
namespace {

std::vector<std::string> Break(const std::string& text, double width_em, double indent = 0) {
  FakeMeasure m;
  std::vector<std::string> out;
  for (const auto& l : BreakLines(ToUtf32(text), width_em, 1, m, indent)) out.push_back(ToUtf8(l));
  return out;
}

TEST(LineBreaker, ClosingPunctuationNeverStartsALine) {
  // Ten ideographs fill the line; the comma must not begin the next one.
  auto lines = Break("一二三四五六七八九十，十一", 10);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "一二三四五六七八九");
  EXPECT_EQ(lines[1], "十，十一");
  auto full_stop = Break("甲方应当按期支付合同价款。乙方", 12);
  for (const auto& l : full_stop) EXPECT_NE(l.rfind("。", 0), 0u) << l;
  auto closing = Break("一二三四五六七八九（甲方）十", 12);
  for (const auto& l : closing) EXPECT_NE(l.rfind("）", 0), 0u) << l;
}

TEST(LineBreaker, OpeningPunctuationNeverEndsALine) {
  auto lines = Break("一二三四五六七八九（甲方）", 10);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "一二三四五六七八九");
  EXPECT_EQ(lines[1], "（甲方）");
  auto quote = Break("一二三四五六七八九「合同」", 10);
  EXPECT_EQ(quote[0], "一二三四五六七八九");
}

TEST(LineBreaker, LatinWordsAndNumbersStayWhole) {
  auto lines = Break("合同金额为 USD 1234567 整，付款方式 wire transfer。", 8);
  bool whole = false;
  for (const auto& l : lines) {
    whole = whole || l.find("1234567") != std::string::npos;
    EXPECT_EQ(l.find("transfe"), l.find("transfer")) << l;  // never "transfe" + "r"
    EXPECT_NE(l.front(), ' ') << "a line starts with a space: [" << l << "]";
    EXPECT_NE(l.back(), ' ') << "a line ends with a space: [" << l << "]";
  }
  EXPECT_TRUE(whole);
}

// What a word joiner binds (the |nobreak filter: an amount in capitals, a
// company's name) moves to the next line whole, and the joiner is not drawn.
TEST(LineBreaker, WhatAWordJoinerBindsMovesWhole) {
  const std::string wj = ToUtf8(std::u32string(1, kWordJoiner));
  std::string capital;
  for (const std::string c : {"壹", "佰", "贰", "拾", "伍", "万", "元", "整"})
    capital += (capital.empty() ? "" : wj) + c;
  auto lines = Break("合同总价款为人民币（大写）" + capital + "。", 16);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "合同总价款为人民币（大写）");
  EXPECT_EQ(lines[1], "壹佰贰拾伍万元整。");
  // Unbound, the same text breaks inside the amount, before 整.
  auto loose = Break("合同总价款为人民币（大写）壹佰贰拾伍万元整。", 20);
  EXPECT_EQ(loose[0], "合同总价款为人民币（大写）壹佰贰拾伍万元");
  // Wider than a line, bound text is still split rather than overflowing.
  std::string name;
  for (int i = 0; i < 12; ++i) name += (name.empty() ? "" : wj) + "华";
  for (const auto& l : Break(name, 5)) EXPECT_LE(ToUtf32(l).size(), 5u) << l;
}

TEST(LineBreaker, NoLineIsWiderThanTheLimitAndNoCharacterIsLost) {
  FakeMeasure m;
  std::string text =
      "第三条 质量标准：乙方提供的货物应符合 GB/T 19001-2016 标准及双方确认的技术规格书（附件一），"
      "验收不合格的，甲方有权退货。ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (double width : {5.0, 7.5, 12.0, 30.0}) {
    auto lines = BreakLines(ToUtf32(text), width, 1, m);
    std::u32string joined;
    for (const auto& l : lines) {
      EXPECT_LE(LineWidth(l, 1, m), width + 1e-9) << ToUtf8(l);
      joined += l;
    }
    std::u32string expected;
    for (char32_t c : ToUtf32(text)) {
      if (c != U' ') expected += c;
    }
    std::u32string got;
    for (char32_t c : joined) {
      if (c != U' ') got += c;
    }
    EXPECT_EQ(ToUtf8(got), ToUtf8(expected)) << "width " << width;
  }
}

TEST(LineBreaker, AWordWiderThanTheLineIsSplitRatherThanOverflowing) {
  auto lines = Break("ABCDEFGHIJKLMNOPQRST", 5);  // 20 half-em letters, 10 per line
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "ABCDEFGHIJ");
}

TEST(LineBreaker, NewlinesBreakAndTheIndentNarrowsTheFirstLine) {
  auto lines = Break("一二三\n四五", 10);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "四五");
  auto indented = Break("一二三四五六七八九十一二", 10, 2);
  EXPECT_EQ(indented[0], "一二三四五六七八");
  EXPECT_EQ(indented[1], "九十一二");
}

TEST(LineBreaker, ChineseAndLatinAreSpacedApartSlightly) {
  FakeMeasure m;
  EXPECT_DOUBLE_EQ(LineWidth(U"合同ABC", 10, m), (2 + kCjkLatinGap + 1.5) * 10);
  EXPECT_GT(kCjkLatinGap, 0.0);
  EXPECT_LT(kCjkLatinGap, 0.1);  // below what text extraction reads as a space
  EXPECT_DOUBLE_EQ(LineWidth(U"合同，ABC", 10, m), (3 + 1.5) * 10);  // none after punctuation
}

}  // namespace
}  // namespace dossier::pdf
