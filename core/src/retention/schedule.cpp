#include "retention/schedule.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>

#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

namespace {

struct Civil {
  int year = 0, month = 0, day = 0;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

Civil Parse(const std::string& date) {
  Civil c;
  std::sscanf(date.c_str(), "%d-%d-%d", &c.year, &c.month, &c.day);
  return c;
}

std::string Format(const Civil& c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

Civil NextDay(Civil c) {
  if (++c.day > DaysIn(c.year, c.month)) {
    c.day = 1;
    if (++c.month > 12) {
      c.month = 1;
      ++c.year;
    }
  }
  return c;
}

// The same day `years` later; 29 February becomes 28 February in a common year.
Civil AddYears(Civil c, int years) {
  c.year += years;
  if (c.month == 2 && c.day == 29 && !IsLeap(c.year)) c.day = 28;
  return c;
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (the
// era-based conversion: 400-year eras of 146,097 days, years from March).
int64_t DayNumber(const Civil& c) {
  int y = c.year - (c.month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (c.month + (c.month > 2 ? -3 : 9)) + 2) / 5 + c.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil FromDayNumber(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  Civil c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2 ? 1 : 0));
  return c;
}

// "MM-DD" naming a day that exists in a leap year.
bool IsMonthDay(const std::string& md) {
  int m = 0, d = 0;
  return md.size() == 5 && md[2] == '-' && std::sscanf(md.c_str(), "%2d-%2d", &m, &d) == 2 &&
         m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(2000, m);
}

template <typename E>
struct Code {
  const char* text;
  E value;
};

const Code<RetentionEvent> kEvents[] = {{"archive_date", RetentionEvent::kArchiveDate},
                                        {"document_date", RetentionEvent::kDocumentDate},
                                        {"contract_closed", RetentionEvent::kContractClosed},
                                        {"fiscal_year_end", RetentionEvent::kFiscalYearEnd}};
const Code<RetentionCounting> kCountings[] = {
    {"next_january_first", RetentionCounting::kNextJanuaryFirst},
    {"day_after", RetentionCounting::kDayAfter},
    {"event_date", RetentionCounting::kEventDate}};
const Code<RetentionAction> kActions[] = {{"destroy", RetentionAction::kDestroy},
                                          {"review", RetentionAction::kReview},
                                          {"transfer", RetentionAction::kTransfer}};

template <typename E, size_t N>
std::optional<E> Lookup(const Code<E> (&codes)[N], const std::string& text, std::string* expected) {
  for (const auto& c : codes) {
    if (text == c.text) return c.value;
  }
  for (const auto& c : codes) *expected += (expected->empty() ? "" : ", ") + std::string(c.text);
  return std::nullopt;
}

}  // namespace

std::string_view RetentionEventCode(RetentionEvent event) {
  for (const auto& c : kEvents) {
    if (c.value == event) return c.text;
  }
  return "archive_date";
}

std::optional<RetentionEvent> ParseRetentionEvent(std::string_view code) {
  for (const auto& c : kEvents) {
    if (code == c.text) return c.value;
  }
  return std::nullopt;
}

std::string_view RetentionActionCode(RetentionAction action) {
  for (const auto& c : kActions) {
    if (c.value == action) return c.text;
  }
  return "destroy";
}

const RetentionClass* RetentionSchedule::Find(std::string_view code) const {
  for (const auto& c : classes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::optional<ScheduleSet::Found> ScheduleSet::Find(std::string_view code) const {
  for (const auto& s : schedules) {
    if (const auto* c = s.Find(code)) return Found{&s, c};
  }
  return std::nullopt;
}

std::string ScheduleSet::Codes() const {
  std::string codes;
  for (const auto& s : schedules) {
    for (const auto& c : s.classes) codes += (codes.empty() ? "" : ", ") + c.code;
  }
  return codes;
}

Status ScheduleSet::Add(RetentionSchedule schedule, const std::string& source) {
  for (const auto& c : schedule.classes) {
    if (auto found = Find(c.code)) {
      return Status::InvalidArgument(source + ": class " + c.code +
                                     " is already defined by schedule '" + found->schedule->name +
                                     "'; class codes are unique across schedules");
    }
  }
  schedules.push_back(std::move(schedule));
  return Status::Ok();
}

Result<RetentionSchedule> ParseRetentionSchedule(std::string_view json, const std::string& source) {
  auto root = ParseJsonObject(json, source);
  if (!root.ok()) return root.status();
  const auto& o = *root;
  auto fail = [&](const std::string& where, const std::string& problem) {
    return Status::InvalidArgument(source + ": " + where + " " + problem);
  };
  RetentionSchedule s;
  s.name = o->optValue<std::string>("schedule", "");
  s.title = o->optValue<std::string>("title", "");
  s.fiscal_year_end = o->optValue<std::string>("fiscal_year_end", "12-31");
  if (s.name.empty()) return fail("schedule", "is missing");
  if (!IsMonthDay(s.fiscal_year_end))
    return fail("fiscal_year_end", "'" + s.fiscal_year_end + "' is not MM-DD");
  auto classes = o->getArray("classes");
  if (!classes || classes->size() == 0) return fail("classes", "is missing or empty");
  std::set<std::string> codes;
  for (size_t i = 0; i < classes->size(); ++i) {
    std::string where = "classes[" + std::to_string(i) + "]";
    auto c = classes->getObject(static_cast<unsigned>(i));
    if (!c) return fail(where, "is not an object");
    RetentionClass cls;
    cls.code = c->optValue<std::string>("code", "");
    if (cls.code.empty()) return fail(where + ".code", "is missing");
    where = "class " + cls.code;
    if (!codes.insert(cls.code).second) return fail(where, "is defined twice");
    cls.name_zh = c->optValue<std::string>("name_zh", "");
    cls.name_en = c->optValue<std::string>("name_en", "");
    if (cls.name_zh.empty()) return fail(where + ".name_zh", "is missing");
    cls.permanent = c->optValue<bool>("permanent", false);
    if (c->has("years")) {
      Var years = c->get("years");
      if (!years.isInteger() || years.convert<int>() < 1 || years.convert<int>() > 200) {
        return fail(where + ".years", "is not a whole number of years between 1 and 200");
      }
      cls.years = years.convert<int>();
    }
    if (cls.permanent == (cls.years > 0))
      return fail(where, "needs either \"years\" or \"permanent\": true, not both");
    std::string expected;
    std::string starts = c->optValue<std::string>("starts", "");
    auto event = Lookup(kEvents, starts, &expected);
    if (!event) return fail(where + ".starts", "'" + starts + "' is not one of: " + expected);
    cls.starts = *event;
    expected.clear();
    std::string counting = c->optValue<std::string>("counting", "next_january_first");
    auto count = Lookup(kCountings, counting, &expected);
    if (!count) return fail(where + ".counting", "'" + counting + "' is not one of: " + expected);
    cls.counting = *count;
    expected.clear();
    std::string action = c->optValue<std::string>("action", "");
    auto act = Lookup(kActions, action, &expected);
    if (!act) return fail(where + ".action", "'" + action + "' is not one of: " + expected);
    cls.action = *act;
    s.classes.push_back(std::move(cls));
  }
  return s;
}

std::string FiscalYearEnd(const std::string& date, const std::string& fiscal_year_end) {
  Civil d = Parse(date);
  int m = 0, day = 0;
  std::sscanf(fiscal_year_end.c_str(), "%d-%d", &m, &day);
  Civil end{d.year, m, std::min(day, DaysIn(d.year, m))};
  if (Format(d) > Format(end)) end = Civil{d.year + 1, m, std::min(day, DaysIn(d.year + 1, m))};
  return Format(end);
}

std::optional<std::string> DispositionDate(const RetentionClass& cls, const std::string& event_date,
                                           const std::string& fiscal_year_end) {
  if (cls.permanent || !IsIsoDate(event_date)) return std::nullopt;
  Civil event = Parse(cls.starts == RetentionEvent::kFiscalYearEnd
                          ? FiscalYearEnd(event_date, fiscal_year_end)
                          : event_date);
  Civil start = event;
  switch (cls.counting) {
    case RetentionCounting::kNextJanuaryFirst:
      start = Civil{event.year + 1, 1, 1};
      break;
    case RetentionCounting::kDayAfter:
      start = NextDay(event);
      break;
    case RetentionCounting::kEventDate:
      break;
  }
  // Kept for `years` full years from the start: due on the anniversary.
  return Format(AddYears(start, cls.years));
}

std::optional<std::string> LatestEventDueBy(const RetentionClass& cls, const std::string& cutoff,
                                            const std::string& fiscal_year_end) {
  if (cls.permanent || !IsIsoDate(cutoff)) return std::nullopt;
  auto due_by = [&](int64_t day) {
    return *DispositionDate(cls, Format(FromDayNumber(day)), fiscal_year_end) <= cutoff;
  };
  // Every period is at least a year, so an event after the cutoff is never due by it.
  int64_t lo = DayNumber(Civil{1000, 1, 1}), hi = DayNumber(Parse(cutoff));
  if (!due_by(lo)) return std::string();
  while (lo < hi) {  // invariant: due_by(lo)
    int64_t mid = lo + (hi - lo + 1) / 2;
    if (due_by(mid))
      lo = mid;
    else
      hi = mid - 1;
  }
  return Format(FromDayNumber(lo));
}

std::string AddDaysToDate(const std::string& date, int days) {
  return Format(FromDayNumber(DayNumber(Parse(date)) + days));
}

}  // namespace dossier
