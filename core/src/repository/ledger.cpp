// The contract ledger (see dossier/ledger.h).
#include "dossier/ledger.h"

#include <Poco/Dynamic/Var.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;

namespace {

std::string Decimal(int64_t minor, bool thousands) {
  bool negative = minor < 0;
  uint64_t v = negative ? uint64_t(0) - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  std::string whole = std::to_string(v / 100);
  if (thousands) {
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3)
      whole.insert(static_cast<size_t>(i), ",");
  }
  char cents[4];
  std::snprintf(cents, sizeof cents, "%02u", static_cast<unsigned>(v % 100));
  return (negative ? "-" : "") + whole + "." + cents;
}

}  // namespace

std::string FormatMinorUnits(int64_t minor) { return Decimal(minor, false); }
std::string FormatAmount(int64_t minor) { return Decimal(minor, true); }

std::string MoneyText(const MoneyByCurrency& money) {
  std::string text;
  for (const auto& [currency, minor] : money) {
    text += (text.empty() ? "" : " + ") + currency + " " + FormatAmount(minor);
  }
  return text.empty() ? "-" : text;
}

std::string FiguresText(const LedgerFigures& f) {
  return f.count == 0 ? "0" : std::to_string(f.count) + " · " + MoneyText(f.amount);
}

std::string LedgerStateText(const LedgerRow& r) {
  std::string text = r.archived ? "archived (" + r.state + ")" : r.state;
  return r.overdue ? text + " OVERDUE" : text;
}

std::string LedgerStateTextZh(const LedgerRow& r) {
  const std::string& name = r.state_name.empty() ? r.state : r.state_name;
  std::string text = r.archived ? "已归档（" + name + "）" : name;
  return r.overdue ? text + " 逾期" : text;
}

std::string LedgerPerformanceText(const LedgerRow& r, std::string_view lang) {
  if (r.performance_records == 0) return "-";
  const bool zh = lang == "zh";
  std::string text;
  if (r.progress_percent) {
    char pct[16];
    std::snprintf(pct, sizeof pct, "%g%%", *r.progress_percent);
    text = std::string(pct) + (zh ? "（" + r.progress_date + "）" : " (" + r.progress_date + ")");
  }
  if (!r.paid.empty()) {
    text += (text.empty() ? (zh ? "已付 " : "paid ") : (zh ? "，已付 " : ", paid ")) +
            MoneyText(r.paid);
  }
  if (text.empty()) text = std::to_string(r.performance_records) + (zh ? " 条记录" : " record(s)");
  return text;
}

std::string LedgerAmountText(const LedgerRow& r, std::string_view lang) {
  std::string amount = r.currency + " " + FormatAmount(r.current_amount);
  if (r.current_amount != r.amount) {
    amount += lang == "zh" ? "（签订时 " + FormatAmount(r.amount) + "）"
                           : " (signed at " + FormatAmount(r.amount) + ")";
  }
  return amount;
}

std::string LedgerTermText(const LedgerRow& r) {
  return r.term_start.empty() && r.term_end.empty() ? "-" : r.term_start + "~" + r.term_end;
}

std::string LedgerAmendmentsText(const LedgerRow& r, std::string_view lang) {
  if (r.amendments.empty()) return "-";
  const std::string all = std::to_string(r.amendments.size()),
                    approved = std::to_string(r.amendments_approved);
  return lang == "zh" ? all + " 份（已批准 " + approved + " 份）"
                      : all + " (" + approved + " approved)";
}

std::string_view LedgerStageCode(LedgerStage stage) {
  switch (stage) {
    case LedgerStage::kUnsigned:
      return "unsigned";
    case LedgerStage::kInPerformance:
      return "in_performance";
    case LedgerStage::kCompleted:
      return "completed";
    case LedgerStage::kTerminated:
      return "terminated";
  }
  return "unsigned";
}

namespace {

const std::pair<LedgerGrouping, std::string_view> kGroupings[] = {
    {LedgerGrouping::kNone, "none"},       {LedgerGrouping::kMonth, "month"},
    {LedgerGrouping::kQuarter, "quarter"}, {LedgerGrouping::kYear, "year"},
    {LedgerGrouping::kDepartment, "dept"}, {LedgerGrouping::kCounterparty, "counterparty"},
    {LedgerGrouping::kStatus, "status"},
};

}  // namespace

std::optional<LedgerGrouping> ParseLedgerGrouping(std::string_view code) {
  for (const auto& [g, c] : kGroupings) {
    if (c == code) return g;
  }
  return std::nullopt;
}

std::string_view LedgerGroupingCode(LedgerGrouping grouping) {
  for (const auto& [g, c] : kGroupings) {
    if (g == grouping) return c;
  }
  return "none";
}

bool LedgerFigures::Add(const LedgerRow& row) {
  int64_t sum = 0;
  if (__builtin_add_overflow(amount[row.currency], row.current_amount, &sum)) return false;
  ++count;
  amount[row.currency] = sum;
  return true;
}

bool LedgerGroup::Add(const LedgerRow& row) {
  if (!all.Add(row)) return false;
  switch (row.stage) {
    case LedgerStage::kUnsigned:
      return unsigned_.Add(row);
    case LedgerStage::kInPerformance:
      if (!in_performance.Add(row)) return false;
      break;
    case LedgerStage::kCompleted:
      if (!completed.Add(row)) return false;
      break;
    case LedgerStage::kTerminated:
      if (!terminated.Add(row)) return false;
      break;
  }
  if (!signed_.Add(row)) return false;
  return !row.overdue || overdue.Add(row);
}

namespace {

std::string TextAt(const Var& metadata, std::string_view pointer) {
  auto v = GetByPointer(metadata, pointer);
  return v && v->isString() ? v->toString() : std::string();
}

// An amount in minor units; nullopt when absent, not a number, or beyond
// what 64 bits of minor units hold (the schemas bound amounts far below).
std::optional<int64_t> MinorUnitsAt(const Var& metadata, std::string_view pointer) {
  auto v = GetByPointer(metadata, pointer);
  if (!v || !v->isNumeric()) return std::nullopt;
  double minor = v->convert<double>() * 100.0;
  if (!(std::fabs(minor) < 9.0e18)) return std::nullopt;
  return static_cast<int64_t>(std::llround(minor));
}

// What a sum too large to add says in a row's notes.
std::string NotAdded(const std::string& what) {
  return what + ": not added, the sum would pass 92 trillion";
}

// The ledger's stage of a contract whose workflow puts it at `stage`.
LedgerStage LedgerStageOf(Stage stage) {
  switch (stage) {
    case Stage::kSigned:
    case Stage::kInPerformance:
      return LedgerStage::kInPerformance;
    case Stage::kCompleted:
      return LedgerStage::kCompleted;
    case Stage::kTerminated:
      return LedgerStage::kTerminated;
    case Stage::kNone:
    case Stage::kApproved:
      return LedgerStage::kUnsigned;
  }
  return LedgerStage::kUnsigned;
}

std::string GroupKey(const LedgerRow& row, LedgerGrouping by) {
  switch (by) {
    case LedgerGrouping::kNone:
      return "";
    case LedgerGrouping::kMonth:
      return row.date.substr(0, 7);
    case LedgerGrouping::kQuarter: {
      int month = std::stoi(row.date.substr(5, 2));
      return row.date.substr(0, 4) + "-Q" + std::to_string((month - 1) / 3 + 1);
    }
    case LedgerGrouping::kYear:
      return row.date.substr(0, 4);
    case LedgerGrouping::kDepartment:
      return row.document.dept;
    case LedgerGrouping::kCounterparty:
      return row.document.counterparty;
    case LedgerGrouping::kStatus:
      return row.state;
  }
  return "";
}

Status CheckDate(const std::optional<std::string>& date, const char* option) {
  if (date && !IsIsoDate(*date)) {
    return Status::InvalidArgument(std::string(option) + " '" + *date +
                                   "' is not a date (YYYY-MM-DD)");
  }
  return Status::Ok();
}

// The row of one contract, from its own metadata (relations come later).
Result<LedgerRow> BaseRow(Catalog& c, const WorkflowRegistry& workflows,
                          const DocumentWithMetadata& contract) {
  const auto& d = contract.row.summary;
  auto metadata = ParseJson(contract.metadata_json, "metadata of " + d.number);
  if (!metadata.ok()) return metadata.status();
  LedgerRow row;
  row.document = d;
  row.archived = d.status == kStatusArchived;
  row.state = d.status;
  if (row.archived) {
    auto last = c.LastStepState(d.id);
    if (!last.ok()) return last.status();
    if (!last->empty()) row.state = *last;
  }
  row.stage = LedgerStageOf(workflows.StageOf(d.type, row.state));
  // A date in the metadata of an unsigned contract is only a plan.
  if (row.stage != LedgerStage::kUnsigned) row.signing_date = TextAt(*metadata, "/signing_date");
  row.term_start = TextAt(*metadata, "/term/start");
  row.term_end = TextAt(*metadata, "/term/end");
  row.owner = TextAt(*metadata, "/owner");
  if (row.owner.empty()) row.owner = d.created_by;
  row.currency = TextAt(*metadata, "/amount/currency");
  row.amount = MinorUnitsAt(*metadata, "/amount/value").value_or(0);
  row.current_amount = row.amount;
  row.date = row.signing_date;
  if (row.date.empty()) {
    auto created = ParseIsoUtc(d.created_at);
    row.date = created ? LocalDate(*created) : d.created_at.substr(0, 10);
  }
  return row;
}

void AddAmendment(LedgerRow& row, const WorkflowRegistry& workflows,
                  const DocumentWithMetadata& amendment, const Var& metadata) {
  const auto& a = amendment.row.summary;
  row.amendments.push_back(a.number);
  if (!IsApproved(workflows.StageOf(a.type, a.status)) && a.status != kStatusArchived) return;
  ++row.amendments_approved;
  auto change = MinorUnitsAt(metadata, "/amount_change/value");
  if (!change) return;
  std::string currency = TextAt(metadata, "/amount_change/currency");
  if (!currency.empty() && currency != row.currency) {
    row.notes.push_back(a.number + " changes the amount in " + currency + ", the contract is in " +
                        row.currency + ": not added");
    return;
  }
  int64_t changed = 0;
  if (__builtin_add_overflow(row.current_amount, *change, &changed)) {
    row.notes.push_back(NotAdded(a.number + "'s amount change"));
    return;
  }
  row.current_amount = changed;
}

struct RecordSeen {
  std::string date;
  std::string created_at;
};

void AddPerformanceRecord(LedgerRow& row, RecordSeen& newest, const DocumentWithMetadata& record,
                          const Var& metadata) {
  ++row.performance_records;
  std::string event = TextAt(metadata, "/event");
  if (event == "payment" || event == "付款") {
    if (auto paid = MinorUnitsAt(metadata, "/amount/value")) {
      std::string currency = TextAt(metadata, "/amount/currency");
      int64_t& total = row.paid[currency.empty() ? row.currency : currency];
      int64_t sum = 0;
      if (__builtin_add_overflow(total, *paid, &sum)) {
        row.notes.push_back(NotAdded("a payment of " + record.row.summary.number));
      } else {
        total = sum;
      }
    }
  }
  auto progress = GetByPointer(metadata, "/progress_percent");
  if (!progress || !progress->isNumeric()) return;
  RecordSeen seen{TextAt(metadata, "/date"), record.row.summary.created_at};
  if (row.progress_percent &&
      std::tie(seen.date, seen.created_at) < std::tie(newest.date, newest.created_at))
    return;
  newest = seen;
  row.progress_percent = progress->convert<double>();
  row.progress_date = seen.date;
}

}  // namespace

Result<Ledger> Repository::ContractLedger(const Actor& actor, const LedgerQuery& asked) const {
  auto dept = Impl::OwnDepartment(actor, asked.dept);
  if (!dept.ok()) return dept.status();
  LedgerQuery query = asked;
  query.dept = *dept;
  DOSSIER_RETURN_IF_ERROR(CheckDate(query.from, "--from"));
  DOSSIER_RETURN_IF_ERROR(CheckDate(query.to, "--to"));
  DOSSIER_RETURN_IF_ERROR(CheckDate(query.as_of, "--as-of"));
  if (query.from && query.to && *query.from > *query.to) {
    return Status::InvalidArgument("--from " + *query.from + " is after --to " + *query.to);
  }
  Ledger ledger;
  ledger.query = query;
  ledger.as_of = query.as_of ? *query.as_of : LocalDate(impl_->clock->Now());
  int clearance = static_cast<int>(actor.clearance);

  return impl_->ReadSnapshot<Ledger>([&](Catalog& c) -> Result<Ledger> {
    auto contracts = c.ListWithMetadata("contract", clearance);
    if (!contracts.ok()) return contracts.status();
    std::vector<LedgerRow> rows;
    std::unordered_map<std::string, size_t> index;
    for (const auto& contract : *contracts) {
      auto row = BaseRow(c, *impl_->workflows, contract);
      if (!row.ok()) return row.status();
      const Workflow* workflow = impl_->workflows->ForType("contract");
      const WorkflowState* state = workflow ? workflow->State(row->state) : nullptr;
      row->state_name = state ? state->name_zh : row->state;
      index[contract.row.summary.id] = rows.size();
      rows.push_back(std::move(*row));
    }

    auto amendments = c.ListRelatedWithMetadata("amends", "amendment", "contract", clearance);
    if (!amendments.ok()) return amendments.status();
    for (const auto& rel : *amendments) {
      auto it = index.find(rel.target_id);
      if (it == index.end()) continue;
      auto metadata =
          ParseJson(rel.source.metadata_json, "metadata of " + rel.source.row.summary.number);
      if (!metadata.ok()) return metadata.status();
      AddAmendment(rows[it->second], *impl_->workflows, rel.source, *metadata);
    }
    auto terminations =
        c.ListRelatedWithMetadata("terminates", "termination", "contract", clearance);
    if (!terminations.ok()) return terminations.status();
    for (const auto& rel : *terminations) {
      auto it = index.find(rel.target_id);
      if (it != index.end()) rows[it->second].termination = rel.source.row.summary.number;
    }
    auto records =
        c.ListRelatedWithMetadata("attachment-of", "performance-record", "contract", clearance);
    if (!records.ok()) return records.status();
    std::vector<RecordSeen> newest(rows.size());
    for (const auto& rel : *records) {
      auto it = index.find(rel.target_id);
      if (it == index.end()) continue;
      auto metadata =
          ParseJson(rel.source.metadata_json, "metadata of " + rel.source.row.summary.number);
      if (!metadata.ok()) return metadata.status();
      AddPerformanceRecord(rows[it->second], newest[it->second], rel.source, *metadata);
    }

    for (auto& row : rows) {
      if (query.from && row.date < *query.from) continue;
      if (query.to && row.date > *query.to) continue;
      if (query.dept && row.document.dept != *query.dept) continue;
      if (query.counterparty &&
          row.document.counterparty.find(*query.counterparty) == std::string::npos)
        continue;
      row.overdue = row.stage == LedgerStage::kInPerformance && !row.term_end.empty() &&
                    row.term_end < ledger.as_of;
      ledger.rows.push_back(std::move(row));
    }
    std::sort(ledger.rows.begin(), ledger.rows.end(), [](const LedgerRow& a, const LedgerRow& b) {
      return std::tie(a.date, a.document.number) < std::tie(b.date, b.document.number);
    });

    std::map<std::string, LedgerGroup> groups;
    for (const auto& row : ledger.rows) {
      std::string key = query.by == LedgerGrouping::kNone ? "" : GroupKey(row, query.by);
      bool added = ledger.totals.Add(row);
      if (added && query.by != LedgerGrouping::kNone) {
        auto& group = groups[key];
        group.key = key;
        added = group.Add(row);
      }
      if (!added) {
        return Status::InvalidArgument(
            "the ledger's " + row.currency + " total passes what it can add (92 trillion) at " +
            row.document.number + " (" + row.currency + " " + FormatAmount(row.current_amount) +
            "): check that contract's amount");
      }
    }
    ledger.totals.key = "total";
    for (auto& [key, group] : groups) ledger.groups.push_back(std::move(group));
    return ledger;
  });
}

}  // namespace dossier
