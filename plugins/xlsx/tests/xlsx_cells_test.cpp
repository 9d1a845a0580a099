#include "xlsx_cells.h"

#include <gtest/gtest.h>

namespace dossier::xlsx {
namespace {

TEST(XlsxCells, DatesParseAndImpossibleDatesDoNot) {
  auto d = ParseDate("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 2);
  EXPECT_EQ(d->day, 29);
  EXPECT_FALSE(ParseDate("2025-02-29"));
  EXPECT_FALSE(ParseDate("2025-13-01"));
  EXPECT_FALSE(ParseDate("2025-1-01"));
  EXPECT_FALSE(ParseDate("二〇二五年"));
}

TEST(XlsxCells, ShownTimesGiveTheirWallClock) {
  auto t = ParseShownTime("2026-11-30 18:34:06 +08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->day, 30);
  EXPECT_EQ(t->hour, 18);
  EXPECT_EQ(t->minute, 34);
  EXPECT_DOUBLE_EQ(t->second, 6);
  EXPECT_FALSE(ParseShownTime("2026-11-30 24:00:00 +08:00"));
  // A UTC timestamp is not yet a shown time (CellText converts it first).
  EXPECT_FALSE(ParseShownTime("2026-11-30T10:34:06Z"));
}

TEST(XlsxCells, NumbersAreExactDecimalsOnly) {
  EXPECT_DOUBLE_EQ(*ParseNumber("1250000.00"), 1250000.0);
  EXPECT_DOUBLE_EQ(*ParseNumber("-12.5"), -12.5);
  EXPECT_FALSE(ParseNumber("1,250.00"));
  EXPECT_FALSE(ParseNumber("-"));
  EXPECT_FALSE(ParseNumber("1e5"));
}

TEST(XlsxCells, CurrencyFormatsNameTheirCurrency) {
  EXPECT_NE(CurrencyFormat("CNY").find("¥"), std::string::npos);
  EXPECT_NE(CurrencyFormat("USD").find("$"), std::string::npos);
  EXPECT_EQ(CurrencyFormat("CHF"), "#,##0.00 \"CHF\"");
}

TEST(XlsxCells, SheetNamesAreValidShortAndUnique) {
  std::set<std::string> taken;
  EXPECT_EQ(SheetName("合同台账", taken), "合同台账");
  EXPECT_EQ(SheetName("合同台账", taken), "合同台账 (2)");
  EXPECT_EQ(SheetName("a/b:c[d]", taken), "a_b_c_d_");
  std::string long_name =
      SheetName("这是一个非常非常非常非常非常非常非常非常非常非常长的工作表名称之二", taken);
  EXPECT_EQ(
      long_name,
      "这是一个非常非常非常非常非常非常非常非常非常非常长的工作表名称");  // the first 31 characters
  EXPECT_EQ(SheetName("", taken), "Sheet");
}

TEST(XlsxCells, ChineseColumnsAreWiderThanLatinOnes) {
  EXPECT_GT(TextWidth("北京华信科技有限公司"), TextWidth("Beijing HX"));
  Table t;
  t.columns = {{"a", "编号", "No.", CellKind::kText, "", ""}};
  t.rows = {{std::string(200, 'x')}};
  EXPECT_EQ(ColumnWidths(t, "zh")[0], 60.0);
}

}  // namespace
}  // namespace dossier::xlsx
