// Transfer (移交): archived documents handed over to another archive in
// packages made by the export plugins. The repository records which
// documents went where, once each, with an audit entry per document.
#include <Poco/JSON/Object.h>

#include <set>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

Result<TransferRecord> Repository::RecordTransfer(
    const Actor& actor, const std::vector<std::string>& refs, const std::string& recipient,
    const std::string& note, const std::vector<std::string>& packages, bool check_only) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kArchivist}, "record transfers"));
  DOSSIER_RETURN_IF_ERROR(ValidateLine(recipient, "recipient", true));
  DOSSIER_RETURN_IF_ERROR(ValidateText(note, "note", false));
  if (refs.empty()) return Status::InvalidArgument("a transfer needs documents");
  TransferRecord record;
  record.by = actor.name;
  record.recipient = recipient;
  record.note = note;
  record.packages = packages;
  std::vector<DocumentRow> rows;
  // The documents, each archived and not transferred before.
  auto collect = [&](Catalog& c) -> Status {
    rows.clear();
    record.numbers.clear();
    std::set<std::string> seen;
    for (const auto& ref : refs) {
      auto row = impl_->Resolve(c, actor, ref);
      if (!row.ok()) return row.status();
      if (!seen.insert(row->summary.id).second) continue;
      auto archived = c.FindArchive(row->summary.id);
      if (!archived.ok()) return archived.status();
      if (!*archived) {
        return Status::InvalidArgument(row->summary.number +
                                       " is not archived; only archived documents are transferred");
      }
      if (row->summary.status == kStatusDestroyed) {
        return Status::InvalidArgument(row->summary.number +
                                       " was destroyed: there is nothing left to transfer");
      }
      auto open = c.OpenDisposalListOf(row->summary.id);
      if (!open.ok()) return open.status();
      if (!open->empty()) {
        return Status::InvalidArgument(row->summary.number +
                                       " is on an open destruction list: take it off first");
      }
      auto earlier = c.FindTransferOf(row->summary.id, static_cast<int>(actor.clearance));
      if (!earlier.ok()) return earlier.status();
      if (*earlier) {
        return Status::AlreadyExists(row->summary.number + " was already transferred to " +
                                     (*earlier)->recipient + " on " + (*earlier)->at.substr(0, 10));
      }
      record.numbers.push_back(row->summary.number);
      rows.push_back(std::move(*row));
    }
    return Status::Ok();
  };
  if (check_only) {
    auto checked = impl_->ReadSnapshot<bool>([&](Catalog& c) -> Result<bool> {
      DOSSIER_RETURN_IF_ERROR(collect(c));
      return true;
    });
    if (!checked.ok()) return checked.status();
    return record;
  }
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    record.at = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(collect(c));
    auto seq = c.InsertTransfer(record);
    if (!seq.ok()) return seq.status();
    record.seq = *seq;
    for (const auto& row : rows) {
      DOSSIER_RETURN_IF_ERROR(c.MarkTransferred(row.summary.id, record.seq));
      Object::Ptr o = new Object();
      o->set("number", row.summary.number);
      o->set("recipient", recipient);
      o->set("transfer", record.seq);
      DOSSIER_RETURN_IF_ERROR(
          AppendAudit(c, record.at, actor.name, "transfer", row.summary.id, CanonicalJson(Var(o))));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return record;
}

Result<std::optional<TransferRecord>> Repository::TransferOf(const Actor& actor,
                                                             std::string_view ref) const {
  return impl_->ReadSnapshot<std::optional<TransferRecord>>(
      [&](Catalog& c) -> Result<std::optional<TransferRecord>> {
        auto row = impl_->Resolve(c, actor, ref);
        if (!row.ok()) return row.status();
        return c.FindTransferOf(row->summary.id, static_cast<int>(actor.clearance));
      });
}

}  // namespace dossier
