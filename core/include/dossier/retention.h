// Retention (保管期限): the classes archived documents are kept under, the day
// each one's disposition falls due, and holds (冻结 / legal hold) that stop
// destruction.
//
// Schedules are data (schemas/retention/*.json, overridden by a file of the
// same name in config/retention/). An archived document carries a class, the
// date of the event that started its clock, and optionally a date it is kept
// until after a review; its disposition date is computed from those and the
// class, so that a corrected schedule applies to everything at once.
//
// Plain values; thread-safe to copy and share.
#ifndef DOSSIER_RETENTION_H_
#define DOSSIER_RETENTION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/archive.h"
#include "dossier/document.h"
#include "dossier/types.h"

namespace dossier {

/// What starts the clock. Stored in schedules and the catalog: never rename the codes.
enum class RetentionEvent {
  kArchiveDate,     // "archive_date": the day the document was archived
  kDocumentDate,    // "document_date": the document's own date
  kContractClosed,  // "contract_closed": completion or termination of the contract
  kFiscalYearEnd,   // "fiscal_year_end": the end of the fiscal year of the document's date
};
std::string_view RetentionEventCode(RetentionEvent event);

/// How the period is counted from the event.
enum class RetentionCounting {
  kNextJanuaryFirst,  // "next_january_first": from January 1 of the year after (Chinese practice)
  kDayAfter,          // "day_after": from the day after the event
  kEventDate,         // "event_date": from the event's own date
};

/// What happens when the period ends.
enum class RetentionAction {
  kDestroy,   // "destroy": onto a destruction list (销毁清册)
  kReview,    // "review": appraise again (鉴定): keep for a further period or destroy
  kTransfer,  // "transfer": hand over to the archive that keeps it for good (移交)
};
std::string_view RetentionActionCode(RetentionAction action);
/// 销毁, 鉴定, 移交 for destroy, review, transfer.
std::vector<NamedCode> RetentionActionNames();

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
  std::string name;  // "business"
  std::string title;
  std::string fiscal_year_end;  // "MM-DD", e.g. "12-31" or "03-31"
  std::vector<RetentionClass> classes;
  const RetentionClass* Find(std::string_view code) const;
};

enum class HoldScope {
  kDocument,  // "document": one document
  kFile,      // "file": a contract's whole file (the contract, its agreements and attachments)
  kQuery,     // "query": every document matching a filter, now or later (a counterparty in dispute)
};
std::string_view HoldScopeCode(HoldScope scope);

/// A hold (冻结): while active, nothing it covers is destroyed.
struct Hold {
  int64_t id = 0;
  HoldScope scope = HoldScope::kDocument;
  std::string target_id;  // the document (document), the file's main document (file)
  std::string label;      // its number, or the filter in words (query)
  ListFilter query;       // the filter (query)
  std::string reason;
  std::string authority;  // who ordered it: a court, legal, a director, "metadata: open_matters"
  std::string placed_at;
  std::string placed_by;
  std::string released_at;  // empty while active
  std::string released_by;
  std::string release_reason;
  bool active() const { return released_at.empty(); }
};

struct HoldRequest {
  HoldScope scope = HoldScope::kDocument;
  std::string ref;   // document or file (any of its documents)
  ListFilter query;  // query: at least one of type, dept, counterparty, from, to
  std::string reason;
  std::string authority;
};

/// Where an archived document stands in its retention.
struct RetentionStatus {
  ArchiveRecord record;  // its class, archive code and date
  RetentionClass cls;
  std::string schedule;          // the schedule the class comes from
  std::string clock_start;       // the date of the event that started the clock
  std::string computed_date;     // the class's disposition date; "" when permanent
  std::string extended_until;    // kept until after a review; "" when never extended
  std::string disposition_date;  // the later of the two; "" when permanent
  bool transferred = false;      // handed over: nothing more falls due here
  std::vector<Hold> holds;       // active holds covering it
  bool held() const { return !holds.empty(); }
};

struct DueQuery {
  std::string as_of;    // YYYY-MM-DD; "" for today (local date)
  int within_days = 0;  // also what falls due in the next N days
};

struct DueItem {
  DocumentSummary document;
  RetentionStatus retention;
};

struct DueReport {
  std::string as_of;
  std::string until;                  // as_of + within_days
  std::vector<DueItem> items;         // by action, then disposition date, then number
  int64_t hidden = 0;                 // due documents above the actor's clearance
  std::vector<std::string> problems;  // what could not be counted, and why
};

}  // namespace dossier

#endif  // DOSSIER_RETENTION_H_
