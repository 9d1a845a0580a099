// Retention schedules (schemas/retention/*.json, overridable in
// config/retention/): classes with a period in years or permanent, the event
// that starts the clock, the counting rule, and the action at expiry; and
// the clock arithmetic that turns an event's date into a disposition date.
#ifndef DOSSIER_RETENTION_SCHEDULE_H_
#define DOSSIER_RETENTION_SCHEDULE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/retention.h"
#include "dossier/status.h"

namespace dossier {

/// The schedules of a repository: every class code is defined once.
struct ScheduleSet {
  std::vector<RetentionSchedule> schedules;
  struct Found {
    const RetentionSchedule* schedule;
    const RetentionClass* cls;
  };
  /// The class of that code and its schedule, or nullopt.
  std::optional<Found> Find(std::string_view code) const;
  /// Every class code, comma-separated, for messages.
  std::string Codes() const;
  /// Adds a schedule; InvalidArgument naming `source` when one of its
  /// class codes is already defined by another schedule.
  Status Add(RetentionSchedule schedule, const std::string& source);
};

/// Parses and checks a schedule; errors name `source` and the field.
Result<RetentionSchedule> ParseRetentionSchedule(std::string_view json, const std::string& source);

/// The end of the fiscal year containing `date` ("2026-05-10" with
/// fiscal_year_end "03-31" -> "2027-03-31").
std::string FiscalYearEnd(const std::string& date, const std::string& fiscal_year_end);

/// The day the class's period ends and the disposition falls due, for an
/// event on `event_date` (YYYY-MM-DD); nullopt for a permanent class (or a
/// date that is not YYYY-MM-DD, which callers check first). The
/// event is first moved to its fiscal year's end for kFiscalYearEnd. A
/// period that ends on a 29 February that does not exist ends on 28 February.
std::optional<std::string> DispositionDate(const RetentionClass& cls, const std::string& event_date,
                                           const std::string& fiscal_year_end);

/// The latest event date whose disposition date is on or before `cutoff`
/// (YYYY-MM-DD): a document of the class is due by `cutoff` exactly when its
/// event date is on or before this one (the disposition date never moves
/// back as the event moves forward). "" when no event from year 1000 on is
/// due by then; nullopt for a permanent class.
std::optional<std::string> LatestEventDueBy(const RetentionClass& cls, const std::string& cutoff,
                                            const std::string& fiscal_year_end);

/// The event of a code ("archive_date"), or nullopt.
std::optional<RetentionEvent> ParseRetentionEvent(std::string_view code);

/// `date` (YYYY-MM-DD) moved by `days`.
std::string AddDaysToDate(const std::string& date, int days);

}  // namespace dossier

#endif  // DOSSIER_RETENTION_SCHEDULE_H_
