// Retention of archived documents (see dossier/retention.h): the schedules in
// force, each document's clock and disposition date, class changes and
// extensions (audited), and what falls due.
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "resources/resources.h"
#include "retention/hold_index.h"
#include "util/file_util.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

namespace {

constexpr int kMaxWithinDays = 36500;

int ActionRank(RetentionAction action) {
  switch (action) {
    case RetentionAction::kDestroy:
      return 0;
    case RetentionAction::kReview:
      return 1;
    case RetentionAction::kTransfer:
      return 2;
  }
  return 3;
}

}  // namespace

Result<ScheduleSet> LoadRetentionSchedules(const std::filesystem::path& config_dir) {
  std::set<std::string> names;
  for (const auto& r : resources::All()) {
    if (r.path.rfind("retention/", 0) == 0 && r.path.size() > 15 &&
        r.path.substr(r.path.size() - 5) == ".json") {
      names.insert(std::string(r.path.substr(10)));
    }
  }
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(config_dir / "retention", ec)) {
    if (e.is_regular_file() && e.path().extension() == ".json")
      names.insert(e.path().filename().string());
  }
  ScheduleSet set;
  for (const auto& name : names) {
    bool own = std::filesystem::exists(config_dir / "retention" / name);
    std::string source = own ? (config_dir / "retention" / name).string()
                             : "schemas/retention/" + name + " (built in)";
    auto text = ReadConfigOrDefault(config_dir, "retention/" + name);
    if (!text.ok()) return text.status();
    auto schedule = ParseRetentionSchedule(*text, source);
    if (!schedule.ok()) return schedule.status();
    DOSSIER_RETURN_IF_ERROR(set.Add(std::move(*schedule), source));
  }
  if (set.schedules.empty())
    return Status::InvalidArgument(
        "no retention schedule: config/retention/ and the built-in ones are missing");
  return set;
}

Result<std::string> Repository::Impl::ClockStart(Catalog& catalog, RetentionEvent event,
                                                 const DocumentSummary& document,
                                                 const std::string& unit_id,
                                                 const std::string& archived_at) const {
  std::string archive_date = archived_at.substr(0, 10);
  switch (event) {
    case RetentionEvent::kArchiveDate:
      return archive_date;
    case RetentionEvent::kDocumentDate:
    case RetentionEvent::kFiscalYearEnd:
      return IsIsoDate(document.doc_date) ? document.doc_date : archive_date;
    case RetentionEvent::kContractClosed: {
      // The day the unit's main document entered a state at which its
      // workflow closes it (completed or terminated, however named).
      std::string main_type = document.type;
      if (!unit_id.empty() && unit_id != document.id) {
        auto main = catalog.FindDocumentById(unit_id);
        if (!main.ok()) return main.status();
        if (*main) main_type = (*main)->summary.type;
      }
      const Workflow* workflow = workflows->ForType(main_type);
      if (workflow == nullptr) return archive_date;
      auto closed =
          catalog.LastEnteredState(unit_id.empty() ? document.id : unit_id,
                                   workflow->StatesAt({Stage::kCompleted, Stage::kTerminated}));
      if (!closed.ok()) return closed.status();
      return closed->empty() ? archive_date : *closed;
    }
  }
  return archive_date;
}

Result<RetentionStatus> Repository::Impl::StatusOf(Catalog& catalog,
                                                   const Catalog::RetentionRow& row) const {
  return StatusOf(catalog, Catalog::RetentionRow(row));
}

Result<RetentionStatus> Repository::Impl::StatusOf(Catalog& catalog,
                                                   Catalog::RetentionRow&& row) const {
  auto found = schedules.Find(row.record.retention);
  if (!found) {
    return Status::InvalidArgument(
        row.doc.summary.number + " has retention class '" + row.record.retention +
        "', which no retention schedule defines (" + schedules.Codes() +
        "): restore it in config/retention/ or change the document's class");
  }
  RetentionStatus status;
  status.cls = *found->cls;
  status.schedule = found->schedule->name;
  status.clock_start = std::move(row.clock_start);
  if (row.clock_event != RetentionEventCode(status.cls.starts) || status.clock_start.empty()) {
    // The schedule now starts this class's clock at another event.
    auto start = ClockStart(catalog, status.cls.starts, row.doc.summary, row.unit_id,
                            row.record.archived_at);
    if (!start.ok()) return start.status();
    status.clock_start = *start;
  }
  status.computed_date =
      DispositionDate(status.cls, status.clock_start, found->schedule->fiscal_year_end)
          .value_or("");
  status.extended_until = std::move(row.extended_until);
  if (!status.cls.permanent)
    status.disposition_date = std::max(status.computed_date, status.extended_until);
  status.transferred = row.transferred;
  status.record = std::move(row.record);
  return status;
}

std::vector<RetentionSchedule> Repository::RetentionSchedules() const {
  return impl_->schedules.schedules;
}

namespace {

// The retention row of an archived document, or InvalidArgument saying it is not archived.
Result<Catalog::RetentionRow> ArchivedRow(Catalog& c, const DocumentRow& row) {
  auto found = c.FindRetention(row.summary.id);
  if (!found.ok()) return found.status();
  if (!*found) {
    return Status::InvalidArgument(row.summary.number +
                                   " is not archived: its retention starts when it is archived");
  }
  return **found;
}

// The holds covering an archived document: its own, its file's, and query
// holds matching it or its file's main document (looked up through `mains`,
// a cache of main documents by id).
Result<std::vector<Hold>> HoldsOn(Catalog& c, const HoldIndex& holds,
                                  const Catalog::RetentionRow& row,
                                  std::map<std::string, DocumentSummary>& mains) {
  if (!holds.has_queries() || row.unit_id.empty() || row.unit_id == row.doc.summary.id) {
    return holds.Covering(row.doc.summary);
  }
  auto it = mains.find(row.unit_id);
  if (it == mains.end()) {
    auto main = c.FindDocumentById(row.unit_id);
    if (!main.ok()) return main.status();
    if (!*main) return holds.Covering(row.doc.summary);
    it = mains.emplace(row.unit_id, (*main)->summary).first;
  }
  return holds.Covering(row.doc.summary, &it->second);
}

}  // namespace

Status Repository::Impl::CollectDue(Catalog& c, const Actor& actor, DueReport& report) const {
  auto holds = HoldIndex::Load(c);
  if (!holds.ok()) return holds.status();
  std::map<std::string, DocumentSummary> mains;
  auto visit = [&](Catalog::RetentionRow& row) -> Status {
    if (!actor.CanSee(row.doc.summary.confidentiality)) {
      // Counted only when due; its class and dates are read as for any other.
      auto hidden = StatusOf(c, row);
      if (!hidden.ok()) return hidden.status();
      if (!hidden->disposition_date.empty() && hidden->disposition_date <= report.until)
        ++report.hidden;
      return Status::Ok();
    }
    auto covering = HoldsOn(c, *holds, row, mains);
    if (!covering.ok()) return covering.status();
    // StatusOf takes the row's archive record and dates; its summary stays for the item.
    auto status = StatusOf(c, std::move(row));
    if (!status.ok()) return status.status();
    if (status->disposition_date.empty() || status->disposition_date > report.until)
      return Status::Ok();
    status->holds = std::move(*covering);
    report.items.push_back(DueItem{std::move(row.doc.summary), std::move(*status)});
    return Status::Ok();
  };
  std::vector<Catalog::ClassCutoff> cutoffs;
  for (const auto& schedule : schedules.schedules) {
    for (const auto& cls : schedule.classes) {
      if (cls.permanent) continue;
      auto latest = LatestEventDueBy(cls, report.until, schedule.fiscal_year_end);
      cutoffs.push_back(
          {cls.code, std::string(RetentionEventCode(cls.starts)), latest.value_or("")});
    }
  }
  DOSSIER_RETURN_IF_ERROR(c.ForEachDueCandidate(cutoffs, visit));
  std::set<std::string> known;
  for (const auto& schedule : schedules.schedules) {
    for (const auto& cls : schedule.classes) known.insert(cls.code);
  }
  auto classes = c.CountByRetentionClass(known);
  if (!classes.ok()) return classes.status();
  for (const auto& [code, count] : *classes) {
    if (!schedules.Find(code)) {
      report.problems.push_back(std::to_string(count) + " archived document(s) of class '" + code +
                                "', which no retention schedule defines: they are not counted");
    }
  }
  return Status::Ok();
}

Result<std::vector<Hold>> Repository::Impl::HoldsCovering(Catalog& c,
                                                          const Catalog::RetentionRow& row) const {
  auto holds = HoldIndex::Load(c);
  if (!holds.ok()) return holds.status();
  std::map<std::string, DocumentSummary> mains;
  return HoldsOn(c, *holds, row, mains);
}

Result<RetentionStatus> Repository::Impl::Extend(Catalog& c, const Actor& actor,
                                                 const DocumentRow& row, const std::string& until,
                                                 const std::string& reason) const {
  auto archived = ArchivedRow(c, row);
  if (!archived.ok()) return archived.status();
  auto before = StatusOf(c, *archived);
  if (!before.ok()) return before.status();
  const std::string& number = row.summary.number;
  if (before->cls.permanent)
    return Status::InvalidArgument(number + " is kept permanently (" + before->cls.code + ")");
  if (archived->transferred)
    return Status::InvalidArgument(number + " was transferred to another archive");
  if (until <= before->disposition_date) {
    return Status::InvalidArgument(number + " is kept until " + before->disposition_date +
                                   " already; " + until + " would not extend it");
  }
  DOSSIER_RETURN_IF_ERROR(c.SetExtendedUntil(row.summary.id, until));
  archived->extended_until = until;
  auto status = StatusOf(c, *archived);
  if (!status.ok()) return status.status();
  Object::Ptr details = new Object();
  details->set("from", before->disposition_date);
  details->set("until", until);
  details->set("reason", reason);
  DOSSIER_RETURN_IF_ERROR(AppendAudit(c, Now(), actor.name, "retention-extend", row.summary.id,
                                      CanonicalJson(Var(details))));
  return status;
}

Result<RetentionStatus> Repository::Retention(const Actor& actor, std::string_view ref) const {
  return impl_->ReadSnapshot<RetentionStatus>([&](Catalog& c) -> Result<RetentionStatus> {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    auto archived = ArchivedRow(c, *row);
    if (!archived.ok()) return archived.status();
    auto status = impl_->StatusOf(c, *archived);
    if (!status.ok()) return status.status();
    auto holds = HoldIndex::Load(c);
    if (!holds.ok()) return holds.status();
    std::map<std::string, DocumentSummary> mains;
    auto covering = HoldsOn(c, *holds, *archived, mains);
    if (!covering.ok()) return covering.status();
    status->holds = std::move(*covering);
    return status;
  });
}

Result<RetentionStatus> Repository::SetRetentionClass(const Actor& actor, std::string_view ref,
                                                      const std::string& code,
                                                      const std::string& reason) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kArchivist}, "change retention classes"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(reason, "reason", true));
  auto found = impl_->schedules.Find(code);
  if (!found)
    return Status::InvalidArgument("unknown retention class '" + code +
                                   "'; classes: " + impl_->schedules.Codes());
  RetentionStatus result;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    auto archived = ArchivedRow(c, *row);
    if (!archived.ok()) return archived.status();
    const std::string& number = row->summary.number;
    if (archived->transferred)
      return Status::InvalidArgument(
          number + " was transferred to another archive: its class is theirs to change");
    if (archived->record.retention == code)
      return Status::InvalidArgument(number + " is already of class " + code);
    std::string from = archived->record.retention;
    auto clock = impl_->ClockStart(c, found->cls->starts, row->summary, archived->unit_id,
                                   archived->record.archived_at);
    if (!clock.ok()) return clock.status();
    std::string event(RetentionEventCode(found->cls->starts));
    DOSSIER_RETURN_IF_ERROR(c.SetRetentionClass(row->summary.id, code, reason, event, *clock));
    archived->record.retention = code;
    archived->record.retention_reason = reason;
    archived->clock_event = event;
    archived->clock_start = *clock;
    auto status = impl_->StatusOf(c, *archived);
    if (!status.ok()) return status.status();
    Object::Ptr details = new Object();
    details->set("from", from);
    details->set("to", code);
    details->set("reason", reason);
    details->set("clock_start", *clock);
    details->set("disposition_date", status->disposition_date);
    DOSSIER_RETURN_IF_ERROR(AppendAudit(c, impl_->Now(), actor.name, "retention", row->summary.id,
                                        CanonicalJson(Var(details))));
    result = *status;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return result;
}

Result<RetentionStatus> Repository::ExtendRetention(const Actor& actor, std::string_view ref,
                                                    const std::string& until,
                                                    const std::string& reason) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kArchivist}, "extend retention"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(reason, "reason", true));
  if (!IsIsoDate(until))
    return Status::InvalidArgument("--until '" + until + "' is not a date (YYYY-MM-DD)");
  RetentionStatus result;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    auto status = impl_->Extend(c, actor, *row, until, reason);
    if (!status.ok()) return status.status();
    result = *status;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return result;
}

Result<DueReport> Repository::RetentionDue(const Actor& actor, const DueQuery& query) const {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin, Role::kLegal, Role::kDirector},
                        "see what falls due"));
  DueReport report;
  report.as_of = query.as_of.empty() ? LocalDate(impl_->clock->Now()) : query.as_of;
  if (!IsIsoDate(report.as_of))
    return Status::InvalidArgument("--as-of '" + report.as_of + "' is not a date (YYYY-MM-DD)");
  if (query.within_days < 0 || query.within_days > kMaxWithinDays) {
    return Status::InvalidArgument("--within " + std::to_string(query.within_days) +
                                   " is not between 0 and " + std::to_string(kMaxWithinDays) +
                                   " days");
  }
  report.until = AddDaysToDate(report.as_of, query.within_days);
  Status s = impl_
                 ->ReadSnapshot<bool>([&](Catalog& c) -> Result<bool> {
                   DOSSIER_RETURN_IF_ERROR(impl_->CollectDue(c, actor, report));
                   return true;
                 })
                 .status();
  if (!s.ok()) return s;
  // Sorted through an order of indices: moving the items themselves (dozens
  // of strings each) cost more than comparing them.
  std::vector<uint32_t> order(report.items.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto& items = report.items;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const DueItem& a = items[x];
    const DueItem& b = items[y];
    int ra = ActionRank(a.retention.cls.action), rb = ActionRank(b.retention.cls.action);
    if (ra != rb) return ra < rb;
    int by_date = a.retention.disposition_date.compare(b.retention.disposition_date);
    if (by_date != 0) return by_date < 0;
    return a.document.number < b.document.number;
  });
  std::vector<DueItem> sorted;
  sorted.reserve(order.size());
  for (uint32_t i : order) sorted.push_back(std::move(report.items[i]));
  report.items = std::move(sorted);
  return report;
}

}  // namespace dossier
