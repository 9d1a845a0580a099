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

#include "dossier/status.h"

namespace dossier {

/// What starts the clock. Stored in schedules: never rename the codes.
enum class RetentionEvent {
  kArchiveDate,     // "archive_date": the day the document was archived
  kDocumentDate,    // "document_date": the document's own date
  kContractClosed,  // "contract_closed": completion or termination of the contract
  kFiscalYearEnd,   // "fiscal_year_end": the end of the fiscal year the event falls in
};

/// How the period is counted from the event.
enum class RetentionCounting {
  kNextJanuaryFirst,  // "next_january_first": from January 1 of the year after (Chinese practice)
  kDayAfter,          // "day_after": from the day after the event
  kEventDate,         // "event_date": from the event's own date
};

enum class RetentionAction { kDestroy, kReview, kTransfer };  // "destroy", "review", "transfer"
std::string_view RetentionActionCode(RetentionAction action);

struct RetentionClass {
  std::string code;  // "D10"
  std::string name_zh;
  std::string name_en;
  bool permanent = false;
  int years = 0;  // when not permanent
  RetentionEvent starts = RetentionEvent::kArchiveDate;
  RetentionCounting counting = RetentionCounting::kNextJanuaryFirst;
  RetentionAction action = RetentionAction::kDestroy;
};

struct RetentionSchedule {
  std::string name;             // "business"
  std::string title;
  std::string fiscal_year_end;  // "MM-DD", e.g. "12-31" or "03-31"
  std::vector<RetentionClass> classes;
  const RetentionClass* Find(std::string_view code) const;
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

}  // namespace dossier

#endif  // DOSSIER_RETENTION_SCHEDULE_H_
