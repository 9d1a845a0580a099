#include "csv_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace dossier::csv {
namespace {

TEST(CsvField, PlainTextIsWrittenAsItIs) {
  EXPECT_EQ(Field("采购合同", CellKind::kText), "采购合同");
  EXPECT_EQ(Field("", CellKind::kText), "");
}

TEST(CsvField, CommaQuoteAndLineBreaksAreQuotedWithQuotesDoubled) {
  EXPECT_EQ(Field("甲方,乙方", CellKind::kText), "\"甲方,乙方\"");
  EXPECT_EQ(Field("他说\"好\"", CellKind::kText), "\"他说\"\"好\"\"\"");
  EXPECT_EQ(Field("第一行\n第二行", CellKind::kText), "\"第一行\n第二行\"");
  EXPECT_EQ(Field("a\r\nb", CellKind::kText), "\"a\r\nb\"");
}

TEST(CsvField, FormulaLikeTextIsNeutralised) {
  EXPECT_EQ(Field("=HYPERLINK(\"http://x\")", CellKind::kText),
            "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(Field("+86 10 1234", CellKind::kText), "'+86 10 1234");
  EXPECT_EQ(Field("-2+3", CellKind::kText), "'-2+3");
  EXPECT_EQ(Field("@SUM(A1)", CellKind::kText), "'@SUM(A1)");
  EXPECT_EQ(Field("\tcmd", CellKind::kText), "'\tcmd");
}

TEST(CsvField, NegativeNumbersInNumericColumnsStayNumbers) {
  EXPECT_EQ(Field("-12.50", CellKind::kAmount), "-12.50");
  EXPECT_EQ(Field("-3", CellKind::kInteger), "-3");
  // Still a formula when it is not a plain number, whatever the column says.
  EXPECT_EQ(Field("-1+cmd", CellKind::kAmount), "'-1+cmd");
  // A text column never trusts a number's look.
  EXPECT_EQ(Field("-12.50", CellKind::kText), "'-12.50");
}

TEST(CsvRecord, FieldsAreSeparatedByCommasAndEndWithCrLf) {
  std::vector<TableColumn> columns(3);
  columns[1].kind = CellKind::kAmount;
  EXPECT_EQ(Record({"HT-1", "1234.50", "北京,朝阳"}, columns, "zh"),
            "HT-1,1234.50,\"北京,朝阳\"\r\n");
}

TEST(CsvRecord, CodesReadByTheirNamesInTheLabelsLanguage) {
  std::vector<TableColumn> columns(2);
  columns[0].names = SealStatusNames();
  columns[1].names = YesNoNames();
  EXPECT_EQ(Record({"used", "yes"}, columns, "zh"), "已用印,是\r\n");
  EXPECT_EQ(Record({"used", "no"}, columns, "en"), "Used,No\r\n");
  // A code the column does not name stays as it is; an empty cell stays empty.
  EXPECT_EQ(Record({"lost", ""}, columns, "zh"), "lost,\r\n");
}

TEST(CsvRecord, TimesReadInTheShownZoneWithTheirOffset) {
  std::vector<TableColumn> columns(1);
  columns[0].kind = CellKind::kDateTime;
  std::string before = std::getenv("TZ") ? std::getenv("TZ") : "";
  ::setenv("TZ", "Asia/Shanghai", 1);
  ::tzset();
  std::string shanghai = Record({"2026-12-31T17:30:05.120Z"}, columns, "zh");
  ::setenv("TZ", "UTC", 1);
  ::tzset();
  std::string utc = Record({"2026-12-31T17:30:05.120Z"}, columns, "zh");
  if (before.empty())
    ::unsetenv("TZ");
  else
    ::setenv("TZ", before.c_str(), 1);
  ::tzset();
  EXPECT_EQ(shanghai, "2027-01-01 01:30:05 +08:00\r\n");
  EXPECT_EQ(utc, "2026-12-31 17:30:05 +00:00\r\n");
}

TEST(CsvHeader, LabelsInChineseOrEnglish) {
  std::vector<TableColumn> columns = {
      {"number", "合同编号", "Contract number", CellKind::kText, "", ""},
      {"amount", "金额", "Amount, signed", CellKind::kAmount, "", ""}};
  EXPECT_EQ(Header(columns, "zh"), "合同编号,金额\r\n");
  EXPECT_EQ(Header(columns, "en"), "Contract number,\"Amount, signed\"\r\n");
}

}  // namespace
}  // namespace dossier::csv
