// Retention schedules: the shipped defaults parse, the clock arithmetic
// (year-end rule, 29 February, fiscal years, permanent), and schedules a
// company gets wrong are refused naming the field.
#include <gtest/gtest.h>

#include "resources/resources.h"
#include "retention/schedule.h"

namespace dossier {
namespace {

RetentionClass Class(int years, RetentionEvent starts, RetentionCounting counting) {
  RetentionClass c;
  c.code = "T";
  c.years = years;
  c.starts = starts;
  c.counting = counting;
  return c;
}

std::string Shipped(const std::string& name) {
  for (const auto& r : resources::All()) {
    if (r.path == "retention/" + name) return std::string(r.data);
  }
  return "";
}

TEST(RetentionSchedule, TheShippedDefaultsParse) {
  auto business = ParseRetentionSchedule(Shipped("business.json"), "business.json");
  ASSERT_TRUE(business.ok()) << business.status().message();
  ASSERT_NE(business->Find("Y"), nullptr);
  EXPECT_TRUE(business->Find("Y")->permanent);
  EXPECT_EQ(business->Find("D30")->years, 30);
  EXPECT_EQ(business->Find("D10")->action, RetentionAction::kDestroy);
  auto accounting = ParseRetentionSchedule(Shipped("accounting.json"), "accounting.json");
  ASSERT_TRUE(accounting.ok()) << accounting.status().message();
  EXPECT_EQ(accounting->Find("KJ-PZ30")->years, 30);
  EXPECT_EQ(accounting->Find("KJ-BG10")->years, 10);
  EXPECT_TRUE(accounting->Find("KJ-NB")->permanent);
  EXPECT_TRUE(accounting->Find("KJ-XH")->permanent);
}

TEST(RetentionClock, PeriodsCountFromJanuaryFirstOfTheNextYear) {
  auto d10 = Class(10, RetentionEvent::kArchiveDate, RetentionCounting::kNextJanuaryFirst);
  // Archived any day of 2026: kept through 2036, due on 1 January 2037.
  EXPECT_EQ(DispositionDate(d10, "2026-01-01", "12-31"), "2037-01-01");
  EXPECT_EQ(DispositionDate(d10, "2026-05-10", "12-31"), "2037-01-01");
  EXPECT_EQ(DispositionDate(d10, "2026-12-31", "12-31"), "2037-01-01");
}

TEST(RetentionClock, PermanentHasNoDate) {
  RetentionClass y;
  y.permanent = true;
  EXPECT_EQ(DispositionDate(y, "2026-05-10", "12-31"), std::nullopt);
}

TEST(RetentionClock, TwentyNinthOfFebruary) {
  auto from_event = Class(5, RetentionEvent::kDocumentDate, RetentionCounting::kEventDate);
  EXPECT_EQ(DispositionDate(from_event, "2024-02-29", "12-31"), "2029-02-28");
  from_event.years = 4;
  EXPECT_EQ(DispositionDate(from_event, "2024-02-29", "12-31"), "2028-02-29");
  auto day_after = Class(1, RetentionEvent::kContractClosed, RetentionCounting::kDayAfter);
  EXPECT_EQ(DispositionDate(day_after, "2024-02-28", "12-31"), "2025-02-28");  // from 29 Feb 2024
  EXPECT_EQ(DispositionDate(day_after, "2023-12-31", "12-31"), "2025-01-01");
}

TEST(RetentionClock, FiscalYears) {
  EXPECT_EQ(FiscalYearEnd("2026-05-10", "03-31"), "2027-03-31");
  EXPECT_EQ(FiscalYearEnd("2026-03-31", "03-31"), "2026-03-31");
  EXPECT_EQ(FiscalYearEnd("2026-07-01", "12-31"), "2026-12-31");
  EXPECT_EQ(FiscalYearEnd("2025-03-01", "02-29"),
            "2026-02-28");  // a leap-day year end in a common year
  EXPECT_EQ(FiscalYearEnd("2027-03-01", "02-29"), "2028-02-29");
  auto vouchers = Class(30, RetentionEvent::kFiscalYearEnd, RetentionCounting::kDayAfter);
  EXPECT_EQ(DispositionDate(vouchers, "2025-07-01", "12-31"), "2056-01-01");
  EXPECT_EQ(DispositionDate(vouchers, "2026-05-10", "03-31"), "2057-04-01");
}

TEST(RetentionSchedule, MistakesAreRefusedNamingTheField) {
  auto parse = [](const std::string& classes, const std::string& extra = "") {
    return ParseRetentionSchedule("{\"schedule\":\"x\"" + extra + ",\"classes\":[" + classes + "]}",
                                  "config/retention/x.json");
  };
  auto message = [](const Result<RetentionSchedule>& r) {
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_NE(
      message(parse(R"({"code":"A","name_zh":"甲","starts":"archive_date","action":"destroy"})"))
          .find("class A needs either \"years\" or \"permanent\""),
      std::string::npos);
  EXPECT_NE(
      message(
          parse(
              R"({"code":"A","name_zh":"甲","years":10,"permanent":true,"starts":"archive_date","action":"destroy"})"))
          .find("not both"),
      std::string::npos);
  EXPECT_NE(
      message(
          parse(R"({"code":"A","name_zh":"甲","years":10,"starts":"signed","action":"destroy"})"))
          .find("class A.starts 'signed' is not one of: archive_date, document_date"),
      std::string::npos);
  EXPECT_NE(
      message(
          parse(
              R"({"code":"A","name_zh":"甲","years":10,"starts":"archive_date","action":"burn"})"))
          .find("class A.action 'burn'"),
      std::string::npos);
  EXPECT_NE(
      message(
          parse(
              R"({"code":"A","name_zh":"甲","years":0,"starts":"archive_date","action":"destroy"})"))
          .find("class A.years"),
      std::string::npos);
  std::string a =
      R"({"code":"A","name_zh":"甲","years":10,"starts":"archive_date","action":"destroy"})";
  EXPECT_NE(message(parse(a + "," + a)).find("class A is defined twice"), std::string::npos);
  EXPECT_NE(message(parse(a, ",\"fiscal_year_end\":\"13-01\""))
                .find("config/retention/x.json: fiscal_year_end"),
            std::string::npos);
  EXPECT_EQ(message(parse(a)), "ok");
}

// The due computation asks, per class, for the latest event date that is due
// by a cutoff; checked here against DispositionDate for every event day of
// several years, under every counting rule and a fiscal year ending in March.
TEST(RetentionClock, TheLatestEventDueAgreesWithTheDispositionDateOfEveryDay) {
  for (auto counting : {RetentionCounting::kNextJanuaryFirst, RetentionCounting::kDayAfter,
                        RetentionCounting::kEventDate}) {
    for (auto starts : {RetentionEvent::kArchiveDate, RetentionEvent::kFiscalYearEnd}) {
      RetentionClass cls;
      cls.code = "D10";
      cls.years = 10;
      cls.counting = counting;
      cls.starts = starts;
      for (const std::string cutoff :
           {"2036-01-01", "2038-02-28", "2038-03-01", "2040-02-29", "2041-06-30"}) {
        auto latest = LatestEventDueBy(cls, cutoff, "03-31");
        ASSERT_TRUE(latest.has_value());
        for (std::string day = "2023-01-01"; day <= "2032-12-31"; day = AddDaysToDate(day, 1)) {
          bool due = *DispositionDate(cls, day, "03-31") <= cutoff;
          ASSERT_EQ(due, day <= *latest)
              << "event " << day << ", cutoff " << cutoff << ", latest " << *latest;
        }
      }
    }
  }
  RetentionClass forever;
  forever.permanent = true;
  EXPECT_FALSE(LatestEventDueBy(forever, "2040-01-01", "12-31").has_value());
  RetentionClass ten;
  ten.years = 10;
  EXPECT_EQ(*LatestEventDueBy(ten, "1005-01-01", "12-31"), "");  // nothing that old
  EXPECT_EQ(AddDaysToDate("2024-02-28", 1), "2024-02-29");
  EXPECT_EQ(AddDaysToDate("2023-12-31", 1), "2024-01-01");
  EXPECT_EQ(AddDaysToDate("2024-03-01", -1), "2024-02-29");
}

}  // namespace
}  // namespace dossier
