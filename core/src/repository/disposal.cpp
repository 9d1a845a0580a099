// Destruction of archived documents (see dossier/disposal.h): proposing a
// destruction list from what is due and not held, taking lines off it,
// sign-offs by distinct people of the configured roles, rejection, and
// execution line by line, each line its own transaction, then the removal of
// content nothing kept refers to, recorded before it is done so that a
// rerun after a crash finishes it.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/digests.h"
#include "repository/disposal_marking.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr const char* kListType = "destruction-list";

// Whole years from `from` to `to` (YYYY-MM-DD).
int WholeYears(const std::string& from, const std::string& to) {
  if (from.size() < 10 || to.size() < 10) return 0;
  int years = std::stoi(to.substr(0, 4)) - std::stoi(from.substr(0, 4));
  if (to.substr(5) < from.substr(5)) --years;
  return std::max(years, 0);
}

std::string RolesJson(const std::vector<Role>& roles) {
  Array::Ptr a = new Array();
  for (Role r : roles) a->add(std::string(RoleCode(r)));
  return CanonicalJson(Var(a));
}

std::vector<Role> RolesOf(const std::string& json) {
  std::vector<Role> roles;
  auto parsed = ParseJson(json, "roles");
  if (!parsed.ok() || parsed->type() != typeid(Array::Ptr)) return roles;
  for (const auto& v : *parsed->extract<Array::Ptr>()) {
    if (auto r = ParseRole(v.toString())) roles.push_back(*r);
  }
  return roles;
}

std::string RoleList(const std::vector<Role>& roles) {
  std::string text;
  for (Role r : roles) text += (text.empty() ? "" : ", ") + std::string(RoleCode(r));
  return text;
}

// A line of a list, as the catalog has the document now.
DisposalLine LineOf(int line, const DocumentSummary& d, const RetentionStatus& r,
                    const std::string& as_of) {
  DisposalLine l;
  l.line = line;
  l.document_id = d.id;
  l.number = d.number;
  l.title = d.title;
  l.type = d.type;
  l.archive_code = r.record.archive_code;
  auto archived = ParseIsoUtc(r.record.archived_at);  // its local year, as numbers carry
  l.year = IsIsoDate(d.doc_date) ? d.doc_date.substr(0, 4)
           : archived            ? LocalDate(*archived).substr(0, 4)
                                 : r.record.archived_at.substr(0, 4);
  l.retention = r.cls.code;
  l.retention_name = r.cls.name_zh;
  l.disposition_date = r.disposition_date;
  l.years_kept = WholeYears(r.clock_start, as_of);
  l.state = "listed";
  return l;
}

Object::Ptr LineJson(const DisposalLine& l) {
  Object::Ptr o = new Object();
  o->set("line", l.line);
  o->set("number", l.number);
  o->set("title", l.title);
  o->set("type", l.type);
  o->set("archive_code", l.archive_code);
  o->set("year", l.year);
  o->set("retention", l.retention);
  o->set("retention_name", l.retention_name);
  o->set("disposition_date", l.disposition_date);
  o->set("years_kept", l.years_kept);
  o->set("state", l.state == "removed" ? "removed" : "listed");
  if (!l.note.empty()) o->set("note", l.note);
  return o;
}

// Whether a list's lines are vouched for by a signer cleared for all of them.
struct Vouching {
  Confidentiality highest = Confidentiality::kPublic;  // of the lines still listed
  int withheld_from_actor = 0;                         // lines the one signing now cannot see
  bool cleared = false;  // the actor or an earlier signer may see every line
};

Result<Vouching> ClearedSignOff(Catalog& c, const Actor& actor, const std::string& list_id,
                                const std::vector<DisposalApproval>& earlier) {
  Vouching v;
  auto markings = c.ListedMarkings(list_id);
  if (!markings.ok()) return markings.status();
  for (const auto& [level, lines] : *markings) {
    v.highest = std::max(v.highest, level);
    if (!actor.CanSee(level)) v.withheld_from_actor += lines;
  }
  v.cleared = actor.CanSee(v.highest);
  for (const auto& a : earlier) {
    if (v.cleared) break;
    auto user = c.FindUser(a.actor);
    if (!user.ok()) return user.status();
    v.cleared = *user && (*user)->clearance >= v.highest;
  }
  return v;
}

}  // namespace

std::vector<Role> DisposalList::Awaiting() const {
  std::vector<Role> out;
  for (Role r : required) {
    bool signed_ = std::any_of(approvals.begin(), approvals.end(),
                               [&](const DisposalApproval& a) { return a.role == r; });
    if (!signed_) out.push_back(r);
  }
  return out;
}

Result<DisposalConfig> LoadDisposalConfig(const std::filesystem::path& config_dir) {
  auto path = config_dir / "disposal.json";
  auto text = ReadConfigOrDefault(config_dir, "disposal.json");
  if (!text.ok()) return text.status();
  auto obj = ParseJsonObject(*text, path.string());
  if (!obj.ok()) return obj.status();
  DisposalConfig c;
  auto approvals = (*obj)->getArray("approvals");
  if (!approvals || approvals->size() == 0)
    return Status::InvalidArgument(path.string() + ": approvals is missing or empty");
  for (size_t i = 0; i < approvals->size(); ++i) {
    std::string code = approvals->getElement<std::string>(static_cast<unsigned>(i));
    auto role = ParseRole(code);
    if (!role)
      return Status::InvalidArgument(path.string() + ": approvals[" + std::to_string(i) + "] '" +
                                     code + "' is not a role");
    if (std::find(c.approvals.begin(), c.approvals.end(), *role) != c.approvals.end()) {
      return Status::InvalidArgument(path.string() + ": approvals names " + code +
                                     " twice (each role signs once)");
    }
    c.approvals.push_back(*role);
  }
  c.notice_days = (*obj)->optValue<int>("notice_days", 90);
  c.max_lines = (*obj)->optValue<int>("max_lines", 10000);
  if (c.notice_days < 0 || c.notice_days > 3650)
    return Status::InvalidArgument(path.string() + ": notice_days is not between 0 and 3650");
  if (c.max_lines < 1 || c.max_lines > 1000000)
    return Status::InvalidArgument(path.string() + ": max_lines is not between 1 and 1000000");
  return c;
}

DisposalConfig Repository::DisposalSettings() const { return impl_->disposal; }

namespace {

// Whether `actor` may sign off (approve) or reject the list now: the one rule,
// for the decision and for telling a reader that the decision is theirs.
Status CheckSignOff(const Actor& actor, const std::string& number,
                    const std::vector<Role>& required, const std::string& proposed_by,
                    const std::string& status, const std::vector<DisposalApproval>& approvals,
                    bool approve) {
  std::string verb = approve ? "sign" : "reject";
  if (std::find(required.begin(), required.end(), actor.role) == required.end()) {
    return Status::PermissionDenied(actor.name + " (" + std::string(RoleCode(actor.role)) +
                                    ") may not " + verb + " " + number +
                                    "; it needs the sign-off of: " + RoleList(required));
  }
  if (actor.name == proposed_by) {
    return Status::PermissionDenied(actor.name + " proposed " + number +
                                    ": the proposer does not " + verb + " it");
  }
  if (status != "proposed")
    return Status::Conflict(number + " is " + status + ", not awaiting sign-off");
  for (const auto& a : approvals) {
    if (a.actor == actor.name) {
      return Status::Conflict(actor.name + " signed " + number + " already (as " +
                              std::string(RoleCode(a.role)) +
                              "): each sign-off is by another person");
    }
    if (approve && a.role == actor.role) {
      return Status::Conflict("the " + std::string(RoleCode(a.role)) + "'s sign-off of " + number +
                              " is given already (by " + a.actor + ")");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<DisposalList> Repository::Impl::ReadDisposal(Catalog& c, const Actor& actor,
                                                    const DocumentRow& doc) const {
  auto row = c.FindDisposalList(doc.summary.id);
  if (!row.ok()) return row.status();
  if (!*row) return Status::InvalidArgument(doc.summary.number + " is not a destruction list");
  const auto& r = **row;
  DisposalList list;
  list.id = doc.summary.id;
  list.number = doc.summary.number;
  list.title = doc.summary.title;
  list.status = r.status;
  list.as_of = r.as_of;
  list.proposed_at = r.proposed_at;
  list.proposed_by = r.proposed_by;
  list.required = RolesOf(r.roles);
  list.decided_at = r.decided_at;
  list.reject_by = r.reject_by;
  list.reject_reason = r.reject_reason;
  list.executed_at = r.executed_at;
  list.executed_by = r.executed_by;
  auto approvals = c.ListDisposalApprovals(list.id);
  if (!approvals.ok()) return approvals.status();
  list.approvals = std::move(*approvals);
  list.actor_may_sign = CheckSignOff(actor, list.number, list.required, list.proposed_by,
                                     list.status, list.approvals, true)
                            .ok();
  if (!r.certificate_id.empty()) {
    auto cert = c.FindDocumentById(r.certificate_id);
    if (!cert.ok()) return cert.status();
    if (*cert) list.certificate_number = (*cert)->summary.number;
  }
  auto lines = c.ListDisposalLines(list.id);
  if (!lines.ok()) return lines.status();
  for (const auto& l : *lines) {
    auto retention = c.FindRetention(l.doc_id);
    if (!retention.ok()) return retention.status();
    if (!*retention)
      return Status::Corruption(list.number + " line " + std::to_string(l.line) +
                                " names a document not archived");
    const auto& rr = **retention;
    if (!actor.CanSee(rr.doc.summary.confidentiality)) {
      ++list.hidden_lines;
      continue;
    }
    auto status = StatusOf(c, rr);
    RetentionStatus fallback;
    fallback.record = rr.record;
    fallback.cls.code = rr.record.retention;
    fallback.clock_start = rr.clock_start;
    DisposalLine line =
        LineOf(l.line, rr.doc.summary, status.ok() ? *status : fallback, list.as_of);
    line.state = l.state;
    line.note = l.note;
    list.lines.push_back(std::move(line));
  }
  return list;
}

Result<Repository::Impl::ListForChange> Repository::Impl::ResolveDisposal(
    Catalog& c, const Actor& actor, std::string_view ref) const {
  auto doc = Resolve(c, actor, ref);
  if (!doc.ok()) return doc.status();
  auto row = c.FindDisposalList(doc->summary.id);
  if (!row.ok()) return row.status();
  if (!*row) return Status::InvalidArgument(doc->summary.number + " is not a destruction list");
  return ListForChange{*doc, **row};
}

Result<DisposalList> Repository::ProposeDisposal(const Actor& actor,
                                                 const DisposalProposal& proposal) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist}, "propose destruction lists"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(proposal.note, "note", false));
  std::string as_of = proposal.as_of.empty() ? LocalDate(impl_->clock->Now()) : proposal.as_of;
  if (!IsIsoDate(as_of))
    return Status::InvalidArgument("--as-of '" + as_of + "' is not a date (YYYY-MM-DD)");
  const DocumentType* type = impl_->types->Find(kListType);
  if (type == nullptr)
    return Status::Internal("type '" + std::string(kListType) + "' is not defined");
  DisposalList result;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    DueReport due;
    due.as_of = due.until = as_of;
    DOSSIER_RETURN_IF_ERROR(impl_->CollectDue(c, actor, due));
    std::map<std::string, const DueItem*> by_id;
    for (const auto& item : due.items) by_id[item.document.id] = &item;
    // Why a document cannot go on a list now; "" when it can.
    auto refusal = [&](const DueItem& item) -> Result<std::string> {
      const auto& r = item.retention;
      if (item.document.status != kStatusArchived) return std::string("is " + item.document.status);
      if (IsDisposalRecordType(item.document.type))
        return std::string("is a record of destruction, kept permanently");
      if (r.transferred) return std::string("was transferred to another archive");
      if (r.cls.action == RetentionAction::kTransfer)
        return std::string("is due for transfer, not destruction");
      if (r.held())
        return "is held (hold " + std::to_string(r.holds[0].id) + ": " + r.holds[0].reason + ")";
      auto open = c.OpenDisposalListOf(item.document.id);
      if (!open.ok()) return open.status();
      if (!open->empty()) {
        auto other = c.FindDocumentById(*open);
        if (!other.ok()) return other.status();
        return "is already on " + (*other ? (*other)->summary.number : *open);
      }
      return std::string();
    };
    std::vector<const DueItem*> chosen;
    if (proposal.refs.empty()) {
      // Everything due for destruction; what is due for review waits for its appraisal (name it to
      // list it).
      for (const auto& item : due.items) {
        if (item.retention.cls.action != RetentionAction::kDestroy) continue;
        auto why = refusal(item);
        if (!why.ok()) return why.status();
        if (why->empty() && static_cast<int>(chosen.size()) < impl_->disposal.max_lines)
          chosen.push_back(&item);
      }
      if (chosen.empty()) {
        return Status::InvalidArgument(
            "nothing to propose: no archived document due for destruction by " + as_of +
            " is free of holds and off other lists" +
            (due.hidden > 0 ? " (" + std::to_string(due.hidden) + " above your clearance)" : ""));
      }
    } else {
      std::set<std::string> seen;
      for (const auto& ref : proposal.refs) {
        auto row = impl_->Resolve(c, actor, ref);
        if (!row.ok()) return row.status();
        const auto& number = row->summary.number;
        if (!seen.insert(row->summary.id).second)
          return Status::InvalidArgument(number + " is named twice");
        auto it = by_id.find(row->summary.id);
        if (it == by_id.end()) {
          auto retention = c.FindRetention(row->summary.id);
          if (!retention.ok()) return retention.status();
          if (!*retention) return Status::InvalidArgument(number + " is not archived");
          auto status = impl_->StatusOf(c, **retention);
          if (!status.ok()) return status.status();
          return Status::InvalidArgument(number + " is not due by " + as_of + ": " +
                                         (status->cls.permanent
                                              ? "it is kept permanently"
                                              : "it is kept until " + status->disposition_date));
        }
        auto why = refusal(*it->second);
        if (!why.ok()) return why.status();
        if (!why->empty()) return Status::InvalidArgument(number + " " + *why);
        chosen.push_back(it->second);
      }
    }

    // A unit's pieces together and in order, units by archival code.
    std::sort(chosen.begin(), chosen.end(), [](const DueItem* x, const DueItem* y) {
      const auto& a = x->retention.record;
      const auto& b = y->retention.record;
      return a.archive_code != b.archive_code ? a.archive_code < b.archive_code : a.piece < b.piece;
    });
    std::vector<DisposalLine> lines;
    Confidentiality highest = Confidentiality::kPublic;
    for (const auto* item : chosen) {
      lines.push_back(
          LineOf(static_cast<int>(lines.size()) + 1, item->document, item->retention, as_of));
      highest = std::max(highest, item->document.confidentiality);
    }
    const Confidentiality level = DisposalMarking(impl_->disposal.approvals, highest);
    Object::Ptr meta = new Object();
    meta->set("as_of", as_of);
    meta->set("proposed_by", actor.name);
    if (!proposal.note.empty()) meta->set("note", proposal.note);
    Array::Ptr roles = new Array();
    Array::Ptr signoffs = new Array();  // for the printed list's sign-off table
    for (Role r : impl_->disposal.approvals) {
      roles->add(std::string(RoleCode(r)));
      Object::Ptr signoff = new Object();
      signoff->set("role", std::string(RoleCode(r)));
      signoff->set("role_name", std::string(RoleName(r)));
      signoffs->add(signoff);
    }
    meta->set("approvals_required", roles);
    meta->set("signoffs", signoffs);
    Array::Ptr line_array = new Array();
    for (size_t i = 0; i < lines.size(); ++i) {
      const Confidentiality marked = chosen[i]->document.confidentiality;
      if (marked <= level) {
        line_array->add(LineJson(lines[i]));
        continue;
      }
      auto withheld = WithheldLine(marked, "清册");
      withheld->set("line", lines[i].line);
      withheld->set("state", "listed");
      line_array->add(withheld);
    }
    meta->set("lines", line_array);
    auto metadata = impl_->BuildMetadata(*type, CanonicalJson(Var(meta)), {});
    if (!metadata.ok()) return metadata.status();
    auto doc = impl_->InsertNewDocument(c, actor, *type, "档案销毁清册（" + as_of + "）", *metadata,
                                        level, {}, proposal.note);
    if (!doc.ok()) return doc.status();
    std::string now = impl_->Now();
    Catalog::DisposalRow row;
    row.doc_id = doc->summary.id;
    row.status = "proposed";
    row.as_of = as_of;
    row.roles = RolesJson(impl_->disposal.approvals);
    row.proposed_at = now;
    row.proposed_by = actor.name;
    DOSSIER_RETURN_IF_ERROR(c.InsertDisposalList(row));
    for (const auto& l : lines) {
      DOSSIER_RETURN_IF_ERROR(
          c.InsertDisposalLine(row.doc_id, {l.line, l.document_id, "listed", ""}));
    }
    Object::Ptr details = new Object();
    details->set("as_of", as_of);
    details->set("lines", static_cast<int>(lines.size()));
    details->set("approvals_required", roles);
    DOSSIER_RETURN_IF_ERROR(AppendAudit(c, now, actor.name, "disposal-propose", row.doc_id,
                                        CanonicalJson(Var(details))));
    auto list = impl_->ReadDisposal(c, actor, DocumentRow{doc->summary, "", 0, 1});
    if (!list.ok()) return list.status();
    result = std::move(*list);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return result;
}

Result<DisposalList> Repository::RemoveDisposalLine(const Actor& actor, std::string_view list_ref,
                                                    std::string_view ref, const std::string& reason,
                                                    const std::string& keep_until) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist}, "take lines off destruction lists"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(reason, "reason", true));
  if (!keep_until.empty() && !IsIsoDate(keep_until)) {
    return Status::InvalidArgument("--until '" + keep_until + "' is not a date (YYYY-MM-DD)");
  }
  DisposalList result;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto list = impl_->ResolveDisposal(c, actor, list_ref);
    if (!list.ok()) return list.status();
    const std::string& number = list->doc.summary.number;
    if (list->row.status != "proposed") {
      return Status::Conflict(number + " is " + list->row.status +
                              ": only a proposed list changes");
    }
    auto doc = impl_->Resolve(c, actor, ref);
    if (!doc.ok()) return doc.status();
    auto lines = c.ListDisposalLines(list->doc.summary.id);
    if (!lines.ok()) return lines.status();
    auto line = std::find_if(lines->begin(), lines->end(), [&](const Catalog::DisposalLineRow& l) {
      return l.doc_id == doc->summary.id && l.state == "listed";
    });
    if (line == lines->end())
      return Status::InvalidArgument(doc->summary.number + " is not listed on " + number);
    std::string note = reason;
    if (!keep_until.empty()) {
      auto kept = impl_->Extend(c, actor, *doc, keep_until, reason);
      if (!kept.ok()) return kept.status();
      note += "；延长保管至 " + keep_until;
    }
    DOSSIER_RETURN_IF_ERROR(c.SetDisposalLine(list->doc.summary.id, line->line, "removed", note));
    // The sign-offs given were for the list as it was.
    auto approvals = c.ListDisposalApprovals(list->doc.summary.id);
    if (!approvals.ok()) return approvals.status();
    DOSSIER_RETURN_IF_ERROR(c.ClearDisposalApprovals(list->doc.summary.id));
    // A new version of the list document records the change.
    auto current = impl_->ReadDisposal(c, actor, list->doc);
    if (!current.ok()) return current.status();
    auto base = c.GetVersion(list->doc.summary.id, list->doc.summary.current_version);
    if (!base.ok()) return base.status();
    if (!*base) return Status::Corruption(number + ": its current version is missing");
    auto meta = ParseJsonObject((*base)->metadata_json, number);
    if (!meta.ok()) return meta.status();
    Array::Ptr line_array = (*meta)->getArray("lines");
    for (size_t i = 0; line_array && i < line_array->size(); ++i) {
      auto l = line_array->getObject(static_cast<unsigned>(i));
      if (l->optValue<int>("line", 0) == line->line) {
        l->set("state", "removed");
        l->set("note", "已撤出：" + note);
      }
    }
    const DocumentType* type = impl_->types->Find(kListType);
    if (type == nullptr)
      return Status::Internal("type '" + std::string(kListType) + "' is not defined");
    auto metadata = impl_->BuildMetadata(*type, CanonicalJson(Var(*meta)), {});
    if (!metadata.ok()) return metadata.status();
    Version v;
    v.number = (*base)->number + 1;
    v.parent = (*base)->number;
    v.title = (*base)->title;
    v.metadata_json = CanonicalJson(*metadata);
    v.author = actor.name;
    v.comment =
        "line " + std::to_string(line->line) + " (" + doc->summary.number + ") taken off: " + note;
    v.created_at = impl_->Now();
    v.digest = VersionDigest(list->doc.summary.id, v);
    DOSSIER_RETURN_IF_ERROR(
        impl_->AppendVersion(c, actor, list->doc.summary.id, *type, *metadata, v));
    Object::Ptr details = new Object();
    details->set("list", number);
    details->set("line", line->line);
    details->set("reason", note);
    details->set("approvals_cleared", static_cast<int>(approvals->size()));
    DOSSIER_RETURN_IF_ERROR(AppendAudit(c, v.created_at, actor.name, "disposal-remove",
                                        doc->summary.id, CanonicalJson(Var(details))));
    auto fresh = c.FindDocumentById(list->doc.summary.id);
    if (!fresh.ok()) return fresh.status();
    auto updated = impl_->ReadDisposal(c, actor, **fresh);
    if (!updated.ok()) return updated.status();
    result = std::move(*updated);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return result;
}

Result<DisposalList> Repository::ApproveDisposal(const Actor& actor, std::string_view list_ref,
                                                 const std::string& comment) {
  DOSSIER_RETURN_IF_ERROR(ValidateText(comment, "comment", false));
  return impl_->DecideDisposal(actor, list_ref, true, comment);
}

Result<DisposalList> Repository::RejectDisposal(const Actor& actor, std::string_view list_ref,
                                                const std::string& reason) {
  DOSSIER_RETURN_IF_ERROR(ValidateText(reason, "reason", true));
  return impl_->DecideDisposal(actor, list_ref, false, reason);
}

Result<DisposalList> Repository::Impl::DecideDisposal(const Actor& actor, std::string_view list_ref,
                                                      bool approve, const std::string& comment) {
  DisposalList result;
  Status s = WriteTransaction([&](Catalog& c) -> Status {
    auto list = ResolveDisposal(c, actor, list_ref);
    if (!list.ok()) return list.status();
    auto& row = list->row;
    const std::string& number = list->doc.summary.number;
    std::vector<Role> required = RolesOf(row.roles);
    auto approvals = c.ListDisposalApprovals(row.doc_id);
    if (!approvals.ok()) return approvals.status();
    DOSSIER_RETURN_IF_ERROR(
        CheckSignOff(actor, number, required, row.proposed_by, row.status, *approvals, approve));
    std::string now = Now();
    Object::Ptr details = new Object();
    details->set("role", std::string(RoleCode(actor.role)));
    details->set(approve ? "comment" : "reason", comment);
    if (approve) {
      auto vouching = ClearedSignOff(c, actor, row.doc_id, *approvals);
      if (!vouching.ok()) return vouching.status();
      details->set("withheld", vouching->withheld_from_actor);
      const bool last = approvals->size() + 1 == required.size();
      if (last && !vouching->cleared) {
        return Status::Conflict(
            number + " lists a document marked " +
            std::string(ConfidentialityName(vouching->highest)) +
            " that none of its signers is cleared to see: one sign-off must come from a person "
            "cleared for it, or the archivist takes that line off");
      }
      DOSSIER_RETURN_IF_ERROR(
          c.InsertDisposalApproval(row.doc_id, {actor.role, actor.name, now, comment}));
      if (last) {
        row.status = "approved";
        row.decided_at = now;
        DOSSIER_RETURN_IF_ERROR(c.UpdateDisposalList(row));
        details->set("approved", true);
      }
    } else {
      row.status = "rejected";
      row.decided_at = now;
      row.reject_by = actor.name;
      row.reject_reason = comment;
      DOSSIER_RETURN_IF_ERROR(c.UpdateDisposalList(row));
    }
    DOSSIER_RETURN_IF_ERROR(AppendAudit(c, now, actor.name,
                                        approve ? "disposal-approve" : "disposal-reject",
                                        row.doc_id, CanonicalJson(Var(details))));
    auto updated = ReadDisposal(c, actor, list->doc);
    if (!updated.ok()) return updated.status();
    result = std::move(*updated);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return result;
}

Result<DisposalList> Repository::Disposal(const Actor& actor, std::string_view list_ref) const {
  return impl_->ReadSnapshot<DisposalList>([&](Catalog& c) -> Result<DisposalList> {
    auto doc = impl_->Resolve(c, actor, list_ref);
    if (!doc.ok()) return doc.status();
    return impl_->ReadDisposal(c, actor, *doc);
  });
}

Result<std::vector<DisposalList>> Repository::DisposalLists(const Actor& actor,
                                                            const std::string& status) const {
  return impl_->ReadSnapshot<std::vector<DisposalList>>(
      [&](Catalog& c) -> Result<std::vector<DisposalList>> {
        auto rows = c.ListDisposalLists(status);
        if (!rows.ok()) return rows.status();
        std::vector<DisposalList> out;
        for (const auto& r : *rows) {
          auto doc = c.FindDocumentById(r.doc_id);
          if (!doc.ok()) return doc.status();
          if (!*doc || !actor.CanSee((*doc)->summary.confidentiality)) continue;
          auto list = impl_->ReadDisposal(c, actor, **doc);
          if (!list.ok()) return list.status();
          out.push_back(std::move(*list));
        }
        return out;
      });
}

}  // namespace dossier
