// Executing a destruction list (see dossier/disposal.h). Every step commits
// on its own and says in the catalog what comes next, so a process killed at
// any point leaves a repository that opens and verifies, each line either
// destroyed (residual record and audit entry) or untouched, and running the
// execution again finishes it:
//   1. the list is marked executing;
//   2. each listed line, in one transaction: re-checked, then destroyed
//      (content out of the catalog and the index, blobs nothing kept refers
//      to queued in blob_removals) or skipped with the reason;
//   3. the queue is swept: loose files removed; a pack is rewritten without
//      the removed records under a name recorded first, the kept records
//      moved to it in one transaction, then the old pack removed;
//   4. the certificate is registered and the list marked executed.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/disposal_marking.h"
#include "repository/repository_impl.h"
#include "util/crash_point.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr const char* kCertificateType = "destruction-certificate";

// Why a line may not be destroyed now; "" when it may.
Result<std::string> Ineligible(Catalog& c, const Repository::Impl& impl,
                               const Catalog::RetentionRow& row, const std::string& today) {
  const auto& d = row.doc.summary;
  if (d.status != kStatusArchived) return "is " + d.status;
  if (row.transferred) return std::string("was transferred to another archive");
  auto status = impl.StatusOf(c, row);
  if (!status.ok()) return status.status().message();
  if (status->cls.permanent) return "is now kept permanently (" + status->cls.code + ")";
  if (status->disposition_date > today) return "is kept until " + status->disposition_date;
  auto holds = impl.HoldsCovering(c, row);
  if (!holds.ok()) return holds.status();
  if (!holds->empty())
    return "is held (hold " + std::to_string((*holds)[0].id) + ": " + (*holds)[0].reason + ")";
  return std::string();
}

}  // namespace

Status Repository::Impl::SweepRemovedContent() const {
  auto lock = store->LockMaintenance();
  if (!lock.ok()) return lock.status();
  auto queued = ReadSnapshot<std::vector<Catalog::BlobRemoval>>(
      [](Catalog& c) { return c.ListBlobRemovals(); });
  if (!queued.ok()) return queued.status();
  std::map<std::string, std::string> packs;  // pack -> rewrite_to
  for (const auto& r : *queued) {
    if (!r.location.pack.empty()) {
      packs[r.location.pack] = r.rewrite_to;
      continue;
    }
    auto freed = store->RemoveLoose(r.location.sha256);
    if (!freed.ok()) return freed.status();
    CrashPoint("sweep-loose");
    DOSSIER_RETURN_IF_ERROR(
        WriteTransaction([&](Catalog& c) { return c.DeleteBlobRemoval(r.location.sha256); }));
  }
  for (const auto& entry : packs) {
    // Named, not bound: clang 14 (the fuzzing build) cannot capture a structured binding.
    const std::string& pack = entry.first;
    const std::string& rewrite_to = entry.second;
    // "-": the kept records were moved; only the old pack is left to remove.
    if (rewrite_to != "-") {
      // A name recorded but not committed as moved: a partial pack from a crash.
      if (!rewrite_to.empty()) {
        auto partial = store->RemovePack(rewrite_to);
        if (!partial.ok()) return partial.status();
      }
      auto keep =
          ReadSnapshot<std::vector<BlobRow>>([&](Catalog& c) { return c.BlobsInPack(pack); });
      if (!keep.ok()) return keep.status();
      if (!keep->empty()) {
        std::string to = store->NewPackName();
        DOSSIER_RETURN_IF_ERROR(
            WriteTransaction([&](Catalog& c) { return c.SetPackRewrite(pack, to); }));
        CrashPoint("sweep-named");
        std::vector<BlobLocation> locations;
        for (const auto& b : *keep) locations.push_back(LocationOf(b));
        auto moved = store->RewritePack(pack, locations, to);
        if (!moved.ok()) return moved.status();
        CrashPoint("sweep-written");
        DOSSIER_RETURN_IF_ERROR(WriteTransaction([&](Catalog& c) -> Status {
          for (const auto& m : *moved)
            DOSSIER_RETURN_IF_ERROR(c.MoveBlob(m.sha256, m.pack, m.offset));
          return c.SetPackRewrite(pack, "-");
        }));
        CrashPoint("sweep-moved");
      }
    }
    auto freed = store->RemovePack(pack);
    if (!freed.ok()) return freed.status();
    CrashPoint("sweep-removed");
    DOSSIER_RETURN_IF_ERROR(
        WriteTransaction([&](Catalog& c) { return c.DeletePackRemovals(pack); }));
  }
  return Status::Ok();
}

Result<DisposalOutcome> Repository::Impl::RunExecution(const Actor& actor,
                                                       const DocumentRow& list_doc,
                                                       const DisposalProgressFn& progress) {
  const std::string& list_id = list_doc.summary.id;
  DisposalOutcome outcome;
  outcome.list_number = list_doc.summary.number;
  auto lines = ReadSnapshot<std::vector<Catalog::DisposalLineRow>>(
      [&](Catalog& c) { return c.ListDisposalLines(list_id); });
  if (!lines.ok()) return lines.status();
  int total = static_cast<int>(lines->size()), done = 0;
  for (const auto& line : *lines) {
    ++done;
    if (line.state != "listed") continue;
    Status s = WriteTransaction([&](Catalog& c) -> Status {
      auto row = c.FindDisposalList(list_id);
      if (!row.ok()) return row.status();
      if (!*row || (*row)->status != "executing")
        return Status::Conflict(outcome.list_number + " is no longer executing");
      // Another process running the same list may have done this line since it was read.
      auto state = c.DisposalLineState(list_id, line.line);
      if (!state.ok()) return state.status();
      if (*state != "listed") return Status::Ok();
      auto retention = c.FindRetention(line.doc_id);
      if (!retention.ok()) return retention.status();
      if (!*retention)
        return Status::Corruption(outcome.list_number + " line " + std::to_string(line.line) +
                                  " names a document not archived");
      const auto& r = **retention;
      std::string now = Now();
      auto why = Ineligible(c, *this, r, LocalDate(clock->Now()));
      if (!why.ok()) return why.status();
      Object::Ptr details = new Object();
      details->set("list", outcome.list_number);
      details->set("line", line.line);
      if (!why->empty()) {
        DOSSIER_RETURN_IF_ERROR(c.SetDisposalLine(list_id, line.line, "skipped", *why));
        details->set("reason", *why);
        return AppendAudit(c, now, actor.name, "disposal-skip", line.doc_id,
                           CanonicalJson(Var(details)));
      }
      DOSSIER_RETURN_IF_ERROR(c.search().RemoveDocument(line.doc_id));
      auto content = c.DestroyContent(line.doc_id, list_id, now, actor.name);
      if (!content.ok()) return content.status();
      DOSSIER_RETURN_IF_ERROR(c.SetDisposalLine(list_id, line.line, "destroyed", ""));
      details->set("number", r.doc.summary.number);
      details->set("title", r.doc.summary.title);
      details->set("archive_code", r.record.archive_code);
      details->set("retention", r.record.retention);
      details->set("files", content->files);
      details->set("blobs", content->blobs);
      details->set("bytes", static_cast<Poco::UInt64>(content->bytes));
      return AppendAudit(c, now, actor.name, "destroy", line.doc_id, CanonicalJson(Var(details)));
    });
    if (!s.ok()) return s;
    CrashPoint("line");
    if (progress) progress(done, total);
  }
  DOSSIER_RETURN_IF_ERROR(SweepRemovedContent());
  CrashPoint("swept");

  const DocumentType* type = types->Find(kCertificateType);
  if (type == nullptr)
    return Status::Internal("type '" + std::string(kCertificateType) + "' is not defined");
  Status s = WriteTransaction([&](Catalog& c) -> Status {
    auto row = c.FindDisposalList(list_id);
    if (!row.ok()) return row.status();
    if (!*row || (*row)->status != "executing")
      return Status::Conflict(outcome.list_number + " is no longer executing");
    auto final_lines = c.ListDisposalLines(list_id);
    if (!final_lines.ok()) return final_lines.status();
    Array::Ptr destroyed = new Array(), skipped = new Array();
    for (const auto& l : *final_lines) {
      auto retention = c.FindRetention(l.doc_id);
      if (!retention.ok()) return retention.status();
      if (!*retention) continue;
      const auto& r = **retention;
      // The certificate is marked as its list: a line above that is withheld.
      const Confidentiality marked = r.doc.summary.confidentiality;
      const bool withheld = marked > list_doc.summary.confidentiality;
      Object::Ptr o = withheld ? WithheldLine(marked, "证明") : Object::Ptr(new Object());
      if (!withheld) o->set("number", r.doc.summary.number);
      if (l.state == "destroyed") {
        ++outcome.destroyed;
        if (!withheld) {
          o->set("title", r.doc.summary.title);
          o->set("archive_code", r.record.archive_code);
          o->set("retention", r.record.retention);
        }
        destroyed->add(o);
        auto record = c.FindDestroyed(l.doc_id);
        if (!record.ok()) return record.status();
        if (*record) outcome.bytes_reclaimed += (*record)->bytes;
      } else if (l.state == "skipped") {
        ++outcome.skipped;
        o->set("reason", l.note);
        skipped->add(o);
      }
    }
    auto approvals = c.ListDisposalApprovals(list_id);
    if (!approvals.ok()) return approvals.status();
    Array::Ptr signed_by = new Array();
    for (const auto& a : *approvals) {
      Object::Ptr o = new Object();
      o->set("role", std::string(RoleCode(a.role)));
      o->set("role_name", std::string(RoleName(a.role)));
      o->set("actor", a.actor);
      o->set("at", a.at);
      signed_by->add(o);
    }
    std::string now = Now();
    Object::Ptr meta = new Object();
    meta->set("list_number", outcome.list_number);
    meta->set("executed_on", LocalDate(clock->Now()));
    meta->set("executed_by", (*row)->executed_by.empty() ? actor.name : (*row)->executed_by);
    meta->set("approvals", signed_by);
    meta->set("destroyed", destroyed);
    meta->set("skipped", skipped);
    meta->set("bytes_reclaimed", static_cast<Poco::UInt64>(outcome.bytes_reclaimed));
    // Where the trail stood when the certificate was made: printed on it, to
    // be held against the trail and its checkpoints later.
    auto head = c.LastAudit();
    if (!head.ok()) return head.status();
    if (*head) {
      meta->set("audit_seq", (*head)->seq);
      meta->set("audit_head", (*head)->hash);
    }
    auto updated = **row;
    // A certificate certifies a destruction: with every line skipped there is
    // none, and the list's lines say why each was skipped.
    if (outcome.destroyed > 0) {
      auto metadata = BuildMetadata(*type, CanonicalJson(Var(meta)), {});
      if (!metadata.ok()) return metadata.status();
      auto certificate =
          InsertNewDocument(c, actor, *type, "档案销毁证明（" + outcome.list_number + "）",
                            *metadata, list_doc.summary.confidentiality, {}, "");
      if (!certificate.ok()) return certificate.status();
      outcome.certificate_number = certificate->summary.number;
      updated.certificate_id = certificate->summary.id;
    }
    updated.status = "executed";
    updated.executed_at = now;
    if (updated.executed_by.empty()) updated.executed_by = actor.name;
    DOSSIER_RETURN_IF_ERROR(c.UpdateDisposalList(updated));
    Object::Ptr details = new Object();
    details->set("certificate", outcome.certificate_number);
    details->set("destroyed", outcome.destroyed);
    details->set("skipped", outcome.skipped);
    return AppendAudit(c, now, actor.name, "disposal-executed", list_id,
                       CanonicalJson(Var(details)));
  });
  if (!s.ok()) return s;
  return outcome;
}

Result<DisposalOutcome> Repository::ExecuteDisposal(const Actor& actor, std::string_view list_ref,
                                                    const DisposalProgressFn& progress) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist}, "execute destruction lists"));
  DOSSIER_RETURN_IF_ERROR(impl_->SweepRemovedContent());  // what an earlier run left
  DocumentRow list_doc;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto list = impl_->ResolveDisposal(c, actor, list_ref);
    if (!list.ok()) return list.status();
    list_doc = list->doc;
    auto& row = list->row;
    if (row.status == "executing") return Status::Ok();  // interrupted: finish it
    if (row.status != "approved") {
      std::string awaiting;
      if (row.status == "proposed") {
        auto read = impl_->ReadDisposal(c, actor, list->doc);
        if (!read.ok()) return read.status();
        for (Role r : read->Awaiting())
          awaiting += (awaiting.empty() ? "" : ", ") + std::string(RoleCode(r));
        awaiting = ": it awaits the sign-off of " + awaiting;
      }
      return Status::Conflict(list_doc.summary.number + " is " + row.status + ", not approved" +
                              awaiting);
    }
    row.status = "executing";
    row.executed_by = actor.name;
    DOSSIER_RETURN_IF_ERROR(c.UpdateDisposalList(row));
    return AppendAudit(c, impl_->Now(), actor.name, "disposal-execute", row.doc_id, "{}");
  });
  if (!s.ok()) return s;
  CrashPoint("executing");
  return impl_->RunExecution(actor, list_doc, progress);
}

Result<std::vector<DisposalOutcome>> Repository::FinishDisposals(const Actor& actor) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kArchivist}, "finish destructions"));
  DOSSIER_RETURN_IF_ERROR(impl_->SweepRemovedContent());
  auto executing = impl_->ReadSnapshot<std::vector<Catalog::DisposalRow>>(
      [](Catalog& c) { return c.ListDisposalLists("executing"); });
  if (!executing.ok()) return executing.status();
  std::vector<DisposalOutcome> done;
  for (const auto& row : *executing) {
    auto doc = impl_->ReadSnapshot<DocumentRow>([&](Catalog& c) -> Result<DocumentRow> {
      auto found = c.FindDocumentById(row.doc_id);
      if (!found.ok()) return found.status();
      if (!*found) return Status::Corruption("destruction list " + row.doc_id + " has no document");
      return **found;
    });
    if (!doc.ok()) return doc.status();
    auto outcome = impl_->RunExecution(actor, *doc, nullptr);
    if (!outcome.ok()) return outcome.status();
    done.push_back(*outcome);
  }
  return done;
}

Result<std::optional<DestructionRecord>> Repository::DestructionOf(const Actor& actor,
                                                                   std::string_view ref) const {
  return impl_->ReadSnapshot<std::optional<DestructionRecord>>(
      [&](Catalog& c) -> Result<std::optional<DestructionRecord>> {
        auto row = impl_->Resolve(c, actor, ref);
        if (!row.ok()) return row.status();
        auto destroyed = c.FindDestroyed(row->summary.id);
        if (!destroyed.ok()) return destroyed.status();
        if (!*destroyed) return std::optional<DestructionRecord>();
        DestructionRecord record;
        record.destroyed_at = (*destroyed)->destroyed_at;
        record.destroyed_by = (*destroyed)->destroyed_by;
        auto list = c.FindDocumentById((*destroyed)->list_id);
        if (!list.ok()) return list.status();
        if (*list) record.list_number = (*list)->summary.number;
        auto list_row = c.FindDisposalList((*destroyed)->list_id);
        if (!list_row.ok()) return list_row.status();
        if (*list_row && !(*list_row)->certificate_id.empty()) {
          auto cert = c.FindDocumentById((*list_row)->certificate_id);
          if (!cert.ok()) return cert.status();
          if (*cert) record.certificate_number = (*cert)->summary.number;
        }
        return std::optional<DestructionRecord>(record);
      });
}

}  // namespace dossier
