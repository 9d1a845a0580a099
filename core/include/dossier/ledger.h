// The contract ledger (合同台账): one row per contract the actor may see,
// with its amendments and performance, and statistics grouped by period,
// department, counterparty or status.
//
// The ledger reads the catalog only; it is computed on one snapshot, so its
// rows and its figures always agree. Plain values; thread-safe to copy.
#ifndef DOSSIER_LEDGER_H_
#define DOSSIER_LEDGER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dossier/document.h"
#include "dossier/types.h"

namespace dossier {

/// Sums of money by currency (ISO 4217 code), in minor units (fen, cents):
/// amounts are added exactly, never as floating point.
using MoneyByCurrency = std::map<std::string, int64_t>;

/// "1234.50": minor units as an exact decimal number (for JSON and files).
std::string FormatMinorUnits(int64_t minor);
/// "1,234.50": the same with thousands separators (for people).
std::string FormatAmount(int64_t minor);

/// Where a contract stands, for the ledger's statistics.
enum class LedgerStage {
  kUnsigned,       // drafted, in review or approved, not yet signed
  kInPerformance,  // signed, neither completed nor terminated
  kCompleted,
  kTerminated,
};
std::string_view LedgerStageCode(LedgerStage stage);  // "unsigned", "in_performance", ...
/// 未签订, 履行中, 履行完毕, 已解除 for the stages' codes.
std::vector<NamedCode> LedgerStageNames();

struct LedgerRow {
  DocumentSummary document;  // number, title, counterparty, dept, status
  /// The workflow state that counts: the state before archiving for an
  /// archived contract (completed or terminated), else the current one.
  std::string state;
  std::string state_name;  // its name in Chinese (the workflow's), for print
  LedgerStage stage = LedgerStage::kUnsigned;
  bool archived = false;
  /// The ledger date: the signing date, or the registration date (local)
  /// while the contract is not signed. Periods and --from/--to use it.
  std::string date;
  std::string signing_date;  // "" until signed
  std::string term_start;
  std::string term_end;
  std::string owner;  // metadata /owner, else who registered it
  std::string currency;
  int64_t amount = 0;                   // the contract's amount, minor units
  int64_t current_amount = 0;           // after approved amendments' amount changes
  std::vector<std::string> amendments;  // numbers of amendment agreements
  int amendments_approved = 0;
  std::string termination;  // number of the termination agreement, if any
  int performance_records = 0;
  std::optional<double> progress_percent;  // of the newest record that gives one
  std::string progress_date;
  MoneyByCurrency paid;            // payment records
  bool overdue = false;            // in performance and past its term's end
  std::vector<std::string> notes;  // what the ledger could not reconcile
};

/// Counts and amounts (of current_amount) of a group of contracts.
struct LedgerFigures {
  int64_t count = 0;
  MoneyByCurrency amount;
  /// False, adding nothing, when a currency's total would pass what 64 bits
  /// of minor units hold (about 92 trillion yuan): never a wrapped figure.
  [[nodiscard]] bool Add(const LedgerRow& row);
};

struct LedgerGroup {
  std::string key;  // "2025-03", "2025-Q1", "2025", a department, a counterparty, a state
  LedgerFigures all;
  LedgerFigures unsigned_;  // not yet signed
  LedgerFigures signed_;    // signed: in performance + completed + terminated
  LedgerFigures in_performance;
  LedgerFigures completed;
  LedgerFigures terminated;
  LedgerFigures overdue;  // in performance and past the term's end
  [[nodiscard]] bool Add(const LedgerRow& row);
};

enum class LedgerGrouping { kNone, kMonth, kQuarter, kYear, kDepartment, kCounterparty, kStatus };
std::optional<LedgerGrouping> ParseLedgerGrouping(std::string_view code);
std::string_view LedgerGroupingCode(LedgerGrouping grouping);

struct LedgerQuery {
  std::optional<std::string> from;  // ledger date >= from (YYYY-MM-DD)
  std::optional<std::string> to;    // ledger date <= to
  std::optional<std::string> dept;
  std::optional<std::string> counterparty;  // substring
  LedgerGrouping by = LedgerGrouping::kNone;
  std::optional<std::string> as_of;  // the day "overdue" is judged on; default today (local)
};

struct Ledger {
  std::string as_of;
  LedgerQuery query;
  std::vector<LedgerRow> rows;      // by ledger date, then number
  std::vector<LedgerGroup> groups;  // by key; empty without grouping
  LedgerGroup totals;
};

/// How the ledger reads, for every front end and the PDF template alike.
/// "CNY 1,234.50 + USD 10.00"; "-" when empty.
std::string MoneyText(const MoneyByCurrency& money);
/// "12 · CNY 1,234.50"; "0" when the count is zero.
std::string FiguresText(const LedgerFigures& figures);
/// "in_performance", "archived (completed)", with " OVERDUE" when past its end.
std::string LedgerStateText(const LedgerRow& row);
/// The same in Chinese, for print: "已归档（履行完毕）", "履行中 逾期".
std::string LedgerStateTextZh(const LedgerRow& row);
/// `lang` "en" or "zh" below.
/// "70% (2025-09-01), paid CNY 500,000.00" / "70%（2025-09-01），已付 CNY 500,000.00"; "-" without
/// records.
std::string LedgerPerformanceText(const LedgerRow& row, std::string_view lang = "en");
/// "CNY 1,800,000.00 (signed at 1,500,000.00)" / "CNY 1,800,000.00（签订时 1,500,000.00）".
std::string LedgerAmountText(const LedgerRow& row, std::string_view lang = "en");
/// "2026-03-01~2026-12-31"; "-" without a term.
std::string LedgerTermText(const LedgerRow& row);
/// "2 (1 approved)" / "2 份（已批准 1 份）"; "-" without amendments.
std::string LedgerAmendmentsText(const LedgerRow& row, std::string_view lang = "en");
/// The groupings by their names: none 不分组, month 按月, ...
std::vector<NamedCode> LedgerGroupingNames();

}  // namespace dossier

#endif  // DOSSIER_LEDGER_H_
