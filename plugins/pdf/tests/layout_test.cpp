#include "layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "fake_measure.h"
#include "line_breaker.h"

namespace dossier::pdf {
namespace {

std::vector<std::string> TextsOf(const Page& p) {
  std::vector<std::string> out;
  for (const auto& t : p.texts) out.push_back(ToUtf8(t.text));
  return out;
}

int Count(const Page& p, const std::string& text) {
  int n = 0;
  for (const auto& t : TextsOf(p)) n += t == text;
  return n;
}

Table LongTable(int rows) {
  Table t;
  t.columns = {
      {U"序号", 1, Align::kRight}, {U"品名", 3, Align::kLeft}, {U"金额", 2, Align::kRight}};
  for (int i = 1; i <= rows; ++i) {
    std::string n = std::to_string(i);
    t.rows.push_back({std::u32string(n.begin(), n.end()), U"服务器", U"1000"});
  }
  t.footer_rows.push_back({U"", U"合计", U"99000"});
  t.source = "template test, block items";
  return t;
}

TEST(Layout, ARowTallerThanAPageIsSplitBetweenLinesUnderTheRepeatedHeader) {
  FakeMeasure m;
  LayoutDocument doc;
  Table t = LongTable(0);
  t.footer_rows.clear();
  std::u32string clause;
  for (int i = 0; i < 4000; ++i) clause += U"违约方应当赔偿守约方因此遭受的全部损失。"[i % 20];
  t.rows.push_back({U"", clause, U""});
  doc.blocks.push_back(Paragraph{U"采购合同", 18, Align::kCenter});
  doc.blocks.push_back(t);
  auto pages = Layout(doc, m);
  ASSERT_TRUE(pages.ok()) << pages.status().message();
  ASSERT_GE(pages->size(), 2u);
  std::u32string drawn;
  for (size_t i = 0; i < pages->size(); ++i) {
    const auto& p = (*pages)[i];
    EXPECT_EQ(Count(p, "品名"), 1) << "page " << i + 1;
    for (const auto& text : p.texts) {
      std::string utf8 = ToUtf8(text.text);
      bool frame = utf8 == "采购合同" || utf8 == "序号" || utf8 == "品名" || utf8 == "金额" ||
                   utf8.find("页") != std::string::npos;
      if (frame) continue;
      drawn += text.text;
      EXPECT_LE(text.y, doc.setup.height - doc.setup.margin_bottom) << "page " << i + 1;
    }
  }
  // Every character of the cell, once, in order.
  EXPECT_EQ(ToUtf8(drawn), ToUtf8(clause));
}

TEST(Layout, ATableOverThreePagesRepeatsItsHeaderAndCountsPagesRight) {
  FakeMeasure m;
  LayoutDocument doc;
  doc.header_left = U"HT-2026-SW-0001";
  doc.header_right = U"秘密";
  doc.blocks.push_back(Paragraph{U"采购合同", 18, Align::kCenter});
  doc.blocks.push_back(LongTable(80));
  auto pages = Layout(doc, m);
  ASSERT_TRUE(pages.ok()) << pages.status().message();
  ASSERT_EQ(pages->size(), 3u);
  for (size_t i = 0; i < pages->size(); ++i) {
    const auto& p = (*pages)[i];
    EXPECT_EQ(Count(p, "品名"), 1) << "page " << i + 1;
    EXPECT_EQ(Count(p, "第 " + std::to_string(i + 1) + " 页 共 3 页"), 1) << "page " << i + 1;
    EXPECT_EQ(Count(p, "HT-2026-SW-0001"), 1);
    EXPECT_EQ(Count(p, "秘密"), 1);
    // Nothing is drawn below the bottom margin or above the top one, header aside.
    for (const auto& t : p.texts) {
      if (ToUtf8(t.text).find("页") != std::string::npos || t.y < doc.setup.margin_top) continue;
      EXPECT_LE(t.y, doc.setup.height - doc.setup.margin_bottom) << ToUtf8(t.text);
    }
  }
  // Every row is somewhere, once; the total row is on the last page.
  int rows = 0;
  for (const auto& p : *pages) {
    for (int i = 1; i <= 80; ++i) rows += Count(p, std::to_string(i));
  }
  EXPECT_EQ(rows, 80);
  EXPECT_EQ(Count(pages->back(), "合计"), 1);
}

TEST(Layout, TheHeaderRowIsFollowedByARowOnTheSamePage) {
  FakeMeasure m;
  LayoutDocument doc;
  // Fill the first page so that only the header row would still fit.
  double available = doc.setup.height - doc.setup.margin_top - doc.setup.margin_bottom;
  Paragraph filler{U"一", 10};
  filler.line_height = 1;
  filler.space_after = available - 10 - 22;
  doc.blocks.push_back(filler);
  doc.blocks.push_back(LongTable(3));
  auto pages = Layout(doc, m);
  ASSERT_TRUE(pages.ok());
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ(Count((*pages)[0], "品名"), 0);
  EXPECT_EQ(Count((*pages)[1], "品名"), 1);
}

TEST(Layout, AHeadingIsNeverLastOnAPage) {
  FakeMeasure m;
  LayoutDocument doc;
  double available = doc.setup.height - doc.setup.margin_top - doc.setup.margin_bottom;
  Paragraph filler{U"一", 10};
  filler.line_height = 1;
  filler.space_after = available - 10 - 20;  // room for one more line of 12 pt, not two
  doc.blocks.push_back(filler);
  Paragraph heading{U"第一条 标的", 12};
  heading.keep_with_next = true;
  doc.blocks.push_back(heading);
  doc.blocks.push_back(Paragraph{U"服务器十台。", 12});
  auto pages = Layout(doc, m);
  ASSERT_TRUE(pages.ok());
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ(Count((*pages)[1], "第一条 标的"), 1);
}

TEST(Layout, AStampIsOnEveryPageInABox) {
  FakeMeasure m;
  LayoutDocument doc;
  doc.stamp = U"已作废";
  doc.blocks.push_back(LongTable(90));
  auto pages = Layout(doc, m);
  ASSERT_TRUE(pages.ok());
  ASSERT_GE(pages->size(), 2u);
  for (const auto& page : *pages) {
    ASSERT_EQ(Count(page, "已作废"), 1);
    const TextRun* stamp = nullptr;
    for (const auto& t : page.texts) {
      if (t.text == U"已作废") stamp = &t;
    }
    // Above the body, and boxed: four rules around the text.
    EXPECT_LT(stamp->y, doc.setup.margin_top);
    // The rules near the stamp (the header's full-width rule is not) enclose it.
    double right = stamp->x + 3 * stamp->size, s = stamp->size;
    auto near = [&](double x, double y) {
      return x > stamp->x - s && x < right + s && y > stamp->y - 2 * s && y < stamp->y + s;
    };
    double l = right, r = stamp->x, t = stamp->y, b = stamp->y - s;
    int around = 0;
    for (const auto& rule : page.rules) {
      if (!near(rule.x1, rule.y1) || !near(rule.x2, rule.y2)) continue;
      ++around;
      l = std::min({l, rule.x1, rule.x2});
      r = std::max({r, rule.x1, rule.x2});
      t = std::min({t, rule.y1, rule.y2});
      b = std::max({b, rule.y1, rule.y2});
    }
    EXPECT_LT(l, stamp->x);
    EXPECT_GT(r, right);
    EXPECT_LT(t, stamp->y - 0.8 * s);
    EXPECT_GT(b, stamp->y);
    EXPECT_EQ(around, 4);
  }
}

TEST(Layout, ACharacterNoFontCanDrawIsAnErrorNamingItAndTheBlock) {
  FakeMeasure m;
  LayoutDocument doc;
  Paragraph p{U"乙方：𠮷野家餐饮有限公司", 11};
  p.source = "template contract, block parties, field /parties/1/name";
  doc.blocks.push_back(p);
  auto pages = Layout(doc, m);
  ASSERT_FALSE(pages.ok());
  EXPECT_NE(pages.status().message().find("U+20BB7"), std::string::npos)
      << pages.status().message();
  EXPECT_NE(pages.status().message().find("block parties"), std::string::npos);
  EXPECT_NE(pages.status().message().find("𠮷"), std::string::npos);
}

// A heading face twice as wide as the body's: each text is measured, broken
// and marked in its own face.
class WideMeasure : public FakeMeasure {
 public:
  double Advance(char32_t c) const override { return 2 * FakeMeasure::Advance(c); }
};

TEST(Layout, HeadingsAndTableHeadersAreMeasuredAndMarkedInTheHeadingFace) {
  FakeMeasure body;
  WideMeasure heading;
  LayoutDocument doc;
  doc.header_left = U"HT-1";
  doc.stamp = U"已作废";
  Paragraph title{U"合同", 10, Align::kCenter};
  title.face = Face::kHeading;
  doc.blocks.push_back(title);
  doc.blocks.push_back(Paragraph{U"正文", 10, Align::kCenter});
  Table t;
  t.columns = {{U"品名", 1, Align::kLeft}};
  t.rows = {{U"服务器"}};
  doc.blocks.push_back(t);
  auto pages = Layout(doc, Faces{body, heading});
  ASSERT_TRUE(pages.ok()) << pages.status().message();
  std::map<std::string, TextRun> runs;
  for (const auto& r : (*pages)[0].texts) runs[ToUtf8(r.text)] = r;
  double width = doc.setup.width - doc.setup.margin_left - doc.setup.margin_right;
  EXPECT_EQ(runs.at("合同").face, Face::kHeading);
  EXPECT_DOUBLE_EQ(runs.at("合同").x,
                   doc.setup.margin_left + (width - 40) / 2);  // two ideographs, 2 em each
  EXPECT_EQ(runs.at("正文").face, Face::kBody);
  EXPECT_DOUBLE_EQ(runs.at("正文").x, doc.setup.margin_left + (width - 20) / 2);
  EXPECT_EQ(runs.at("品名").face, Face::kHeading);
  EXPECT_EQ(runs.at("服务器").face, Face::kBody);
  EXPECT_EQ(runs.at("已作废").face, Face::kHeading);
  EXPECT_EQ(runs.at("HT-1").face, Face::kBody);
  // Lines break by the face's own widths: 30 ideographs fit a line of body
  // text at 14 pt (420 of 459 pt) but not of heading text.
  LayoutDocument lines;
  Paragraph long_heading{std::u32string(30, U'章'), 14};
  long_heading.face = Face::kHeading;
  lines.blocks.push_back(long_heading);
  lines.blocks.push_back(Paragraph{std::u32string(30, U'文'), 14});
  auto broken = Layout(lines, Faces{body, heading});
  ASSERT_TRUE(broken.ok());
  int heading_lines = 0, body_lines = 0;
  for (const auto& r : (*broken)[0].texts) {
    if (r.text.find(U'章') != std::u32string::npos) ++heading_lines;
    if (r.text.find(U'文') != std::u32string::npos) ++body_lines;
  }
  EXPECT_EQ(heading_lines, 2);
  EXPECT_EQ(body_lines, 1);
}

TEST(Layout, CentredLinesAndCjkLatinRuns) {
  FakeMeasure m;
  LayoutDocument doc;
  doc.footer.clear();
  doc.blocks.push_back(Paragraph{U"合同ABC", 10, Align::kCenter});
  auto pages = Layout(doc, m);
  ASSERT_TRUE(pages.ok());
  const auto& texts = (*pages)[0].texts;
  ASSERT_EQ(texts.size(), 2u);  // split where the quarter-em gap is set
  EXPECT_EQ(ToUtf8(texts[0].text), "合同");
  EXPECT_EQ(ToUtf8(texts[1].text), "ABC");
  double width = doc.setup.width - doc.setup.margin_left - doc.setup.margin_right;
  EXPECT_DOUBLE_EQ(texts[0].x, doc.setup.margin_left + (width - (35 + 10 * kCjkLatinGap)) / 2);
  EXPECT_DOUBLE_EQ(texts[1].x, texts[0].x + 20 + 10 * kCjkLatinGap);
}

}  // namespace
}  // namespace dossier::pdf
