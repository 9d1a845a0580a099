// What leaves the repository through an export: the selection (only what
// the actor may see), the audit of 秘密/机密 material exported, and the
// documents with their versions, relations, archive record and audit
// entries, handed to the export plugin one at a time.
#include <Poco/JSON/Object.h>

#include <set>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "integrity/record_signature.h"
#include "repository/export_tables.h"
#include "repository/repository_impl.h"
#include "repository/signing.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

namespace {

bool IsSecret(Confidentiality level) {
  return static_cast<int>(level) >= static_cast<int>(Confidentiality::kSecret);
}

// Streams a file of the document being exported, verified by the store.
class StoreContent : public ExportContent {
 public:
  StoreContent(const BlobStore& store, CatalogPool& pool) : store_(store), pool_(pool) {}
  Status Read(const FileEntry& file, const ContentSink& sink) const override {
    std::optional<BlobRow> blob;
    {
      auto catalog = pool_.Acquire();
      if (!catalog.ok()) return catalog.status();
      auto found = (*catalog)->FindBlob(file.sha256);
      if (!found.ok()) return found.status();
      blob = *found;
    }
    if (!blob)
      return Status::Corruption("file '" + file.name + "': blob " + file.sha256 +
                                " is not in the catalog");
    return store_.ReadTo(LocationOf(*blob), sink).WithContext("file '" + file.name + "'");
  }

 private:
  const BlobStore& store_;
  CatalogPool& pool_;
};

}  // namespace

Status Repository::Impl::AuditExport(const Actor& actor,
                                     const std::vector<DocumentSummary>& documents,
                                     const ExportPurpose& purpose) const {
  std::vector<const DocumentSummary*> secret;
  for (const auto& d : documents) {
    if (IsSecret(d.confidentiality)) secret.push_back(&d);
  }
  if (secret.empty()) return Status::Ok();
  return WriteTransaction([&](Catalog& c) -> Status {
    std::string at = Now();
    for (const auto* d : secret) {
      Object::Ptr o = new Object();
      o->set("number", d->number);
      o->set("confidentiality", std::string(ConfidentialityName(d->confidentiality)));
      o->set("format", purpose.format);
      o->set("destination", purpose.destination);
      DOSSIER_RETURN_IF_ERROR(
          AppendAudit(c, at, actor.name, "export", d->id, CanonicalJson(Var(o))));
    }
    return Status::Ok();
  });
}

Result<std::vector<DocumentSummary>> Repository::ExportSelectionOf(
    const Actor& actor, const ExportSelection& selection) const {
  return impl_->ReadSnapshot<std::vector<DocumentSummary>>(
      [&](Catalog& c) -> Result<std::vector<DocumentSummary>> {
        std::vector<DocumentSummary> chosen;
        if (!selection.refs.empty()) {
          std::set<std::string> seen;
          for (const auto& ref : selection.refs) {
            auto row = impl_->Resolve(c, actor, ref);
            if (!row.ok()) return row.status();
            if (seen.insert(row->summary.id).second) chosen.push_back(row->summary);
            if (!selection.whole_units) continue;
            // An archived document goes with its whole 档号 unit, as archiving
            // made it one: the contract with its agreements, forms and records.
            auto unit = c.UnitOf(row->summary.id);
            if (!unit.ok()) return unit.status();
            if (unit->empty()) continue;
            auto pieces = c.ListArchiveUnit(*unit);
            if (!pieces.ok()) return pieces.status();
            for (const auto& piece : *pieces) {
              if (seen.count(piece.document_id)) continue;
              auto piece_row = c.FindDocumentById(piece.document_id);
              if (!piece_row.ok()) return piece_row.status();
              if (!*piece_row || !actor.CanSee((*piece_row)->summary.confidentiality))
                continue;  // only what one may see
              seen.insert(piece.document_id);
              chosen.push_back((*piece_row)->summary);
            }
          }
        } else {
          DOSSIER_RETURN_IF_ERROR(impl_->CheckTypeFilter(selection.filter.type));
          for (const auto* date : {&selection.filter.from, &selection.filter.to}) {
            if (*date && !IsIsoDate(**date))
              return Status::InvalidArgument("date '" + **date + "' is not YYYY-MM-DD");
          }
          ListFilter filter = selection.filter;
          if (selection.archived_in)
            filter.limit = 0;  // the limit applies after the year is checked
          auto rows = c.ListDocuments(filter, static_cast<int>(actor.clearance));
          if (!rows.ok()) return rows.status();
          for (auto& r : *rows) chosen.push_back(std::move(r.summary));
        }
        if (!selection.archived_in) return chosen;
        if (*selection.archived_in < 1900 || *selection.archived_in > 9999) {
          return Status::InvalidArgument("archive year " + std::to_string(*selection.archived_in) +
                                         " is not a year");
        }
        std::string year = std::to_string(*selection.archived_in);
        std::vector<DocumentSummary> archived;
        for (auto& d : chosen) {
          auto record = c.FindArchive(d.id);
          if (!record.ok()) return record.status();
          if (*record && (*record)->archived_at.compare(0, 4, year) == 0)
            archived.push_back(std::move(d));
          if (selection.refs.empty() && selection.filter.limit > 0 &&
              static_cast<int>(archived.size()) >= selection.filter.limit) {
            break;
          }
        }
        return archived;
      });
}

Result<int64_t> Repository::ExportDocuments(const Actor& actor, const ExportSelection& selection,
                                            const ExportPurpose& purpose,
                                            const ExportVisitor& visit) const {
  auto chosen = ExportSelectionOf(actor, selection);
  if (!chosen.ok()) return chosen.status();
  // A destroyed document has no content left to package: named, it is an
  // error; chosen by filters, it is left out (the tables still list it).
  std::vector<DocumentSummary> kept;
  for (auto& d : *chosen) {
    if (d.status != kStatusDestroyed) {
      kept.push_back(std::move(d));
    } else if (!selection.refs.empty()) {
      return Status::InvalidArgument(
          d.number + " was destroyed: only its residual record remains, nothing to export");
    }
  }
  *chosen = std::move(kept);
  // Every record leaves signed, so that an import elsewhere can tell it is
  // this repository's, unaltered; a key configured but unreadable stops the
  // export rather than let unsigned records out.
  auto key = LoadConfiguredKey(impl_->root / "config");
  if (!key.ok()) return key.status();
  DOSSIER_RETURN_IF_ERROR(impl_->AuditExport(actor, *chosen, purpose));
  StoreContent content(*impl_->store, *impl_->pool);
  int64_t visited = 0;
  for (const auto& summary : *chosen) {
    // Each document is read on its own snapshot and handed over before the
    // next is read: memory holds one document's records, never the export's.
    auto doc = impl_->ReadSnapshot<ExportDocument>([&](Catalog& c) -> Result<ExportDocument> {
      ExportDocument d;
      auto row = c.FindDocumentById(summary.id);
      if (!row.ok()) return row.status();
      if (!*row) return Status::NotFound(summary.number + " is no longer in the catalog");
      d.summary = (*row)->summary;
      auto versions = c.ListVersions(d.summary.id);
      if (!versions.ok()) return versions.status();
      d.versions = std::move(*versions);
      auto relations = c.RelationsOf(d.summary.id);
      if (!relations.ok()) return relations.status();
      for (const auto& r : *relations) {
        if (r.from_id != d.summary.id) continue;
        auto other = c.FindDocumentById(r.to_id);
        if (!other.ok()) return other.status();
        if (!*other || !actor.CanSee((*other)->summary.confidentiality)) continue;
        ExportRelation rel;
        rel.kind = ParseRelationKind(r.kind).value_or(RelationKind::kSupersedes);
        rel.to_id = r.to_id;
        rel.to_number = (*other)->summary.number;
        rel.created_at = r.created_at;
        rel.created_by = r.created_by;
        d.relations.push_back(std::move(rel));
      }
      auto archive = c.FindArchive(d.summary.id);
      if (!archive.ok()) return archive.status();
      d.archive = *archive;
      auto placement = c.FindArchivePlacement(d.summary.id);
      if (!placement.ok()) return placement.status();
      if (*placement) {
        d.archive_unit_id = (*placement)->unit_id;
        d.archive_code_scope = (*placement)->code_scope;
        d.archive_code_item = (*placement)->code_item;
      }
      d.number_scope = (*row)->number_scope;
      d.number_seq = (*row)->number_seq;
      d.round = (*row)->round;
      auto steps = c.ListSteps(d.summary.id);
      if (!steps.ok()) return steps.status();
      d.steps = std::move(*steps);
      auto distributions = c.ListDistributions(d.summary.id);
      if (!distributions.ok()) return distributions.status();
      d.distributions = std::move(*distributions);
      auto resolutions = c.ListResolutionsOf(d.summary.id);
      if (!resolutions.ok()) return resolutions.status();
      d.resolutions = std::move(*resolutions);
      // The document's history: what it came with from another repository,
      // then what happened to it here. The access log (views, downloads,
      // exports) and the import itself stay in each repository's own trail,
      // so that a package exported again after an import is the same.
      auto provenance = c.ListProvenance(d.summary.id);
      if (!provenance.ok()) return provenance.status();
      d.audit = std::move(*provenance);
      // Its own entries: a link is recorded on its source, whose record carries it.
      auto audit = c.ListAuditOfObject(d.summary.id);
      if (!audit.ok()) return audit.status();
      for (auto& e : *audit) {
        if (e.action == "view" || e.action == "download" || e.action == "export" ||
            e.action == "import")
          continue;
        d.audit.push_back(std::move(e));
      }
      return d;
    });
    if (!doc.ok()) return doc.status();
    if (*key) DOSSIER_RETURN_IF_ERROR(SignRecord(**key, *doc));
    DOSSIER_RETURN_IF_ERROR(visit(*doc, content).WithContext(summary.number));
    ++visited;
  }
  return visited;
}

Result<std::vector<Table>> Repository::ExportTables(const Actor& actor, const TableRequest& request,
                                                    const ExportPurpose& purpose) const {
  std::vector<Table> tables;
  std::vector<DocumentSummary> shown;  // the documents the rows reveal
  switch (request.kind) {
    case TableKind::kList: {
      auto docs = ExportSelectionOf(actor, request.selection);
      if (!docs.ok()) return docs.status();
      auto archives = impl_->ReadSnapshot<std::vector<std::optional<ArchiveRecord>>>(
          [&](Catalog& c) -> Result<std::vector<std::optional<ArchiveRecord>>> {
            std::vector<std::optional<ArchiveRecord>> out;
            for (const auto& d : *docs) {
              auto a = c.FindArchive(d.id);
              if (!a.ok()) return a.status();
              out.push_back(*a);
            }
            return out;
          });
      if (!archives.ok()) return archives.status();
      tables.push_back(ListTable(*docs, *archives));
      shown = std::move(*docs);
      break;
    }
    case TableKind::kCatalogue: {
      auto docs = ExportSelectionOf(actor, request.selection);
      if (!docs.ok()) return docs.status();
      auto archived = impl_->ReadSnapshot<std::vector<std::pair<DocumentSummary, ArchiveRecord>>>(
          [&](Catalog& c) -> Result<std::vector<std::pair<DocumentSummary, ArchiveRecord>>> {
            std::vector<std::pair<DocumentSummary, ArchiveRecord>> out;
            for (const auto& d : *docs) {
              auto a = c.FindArchive(d.id);
              if (!a.ok()) return a.status();
              if (*a) out.emplace_back(d, **a);
            }
            return out;
          });
      if (!archived.ok()) return archived.status();
      for (const auto& [d, a] : *archived) shown.push_back(d);
      tables.push_back(ArchiveCatalogue(std::move(*archived)));
      break;
    }
    case TableKind::kLedger: {
      auto ledger = ContractLedger(actor, request.ledger);
      if (!ledger.ok()) return ledger.status();
      tables.push_back(LedgerRowsTable(*ledger));
      for (auto by :
           {LedgerGrouping::kMonth, LedgerGrouping::kQuarter, LedgerGrouping::kYear,
            LedgerGrouping::kDepartment, LedgerGrouping::kCounterparty, LedgerGrouping::kStatus}) {
        LedgerQuery q = request.ledger;
        q.by = by;
        auto grouped = ContractLedger(actor, q);
        if (!grouped.ok()) return grouped.status();
        tables.push_back(LedgerStatisticsTable(*grouped, by));
      }
      tables.push_back(LedgerStatisticsTable(*ledger, LedgerGrouping::kNone));
      for (const auto& r : ledger->rows) shown.push_back(r.document);
      break;
    }
    case TableKind::kDue: {
      auto due = RetentionDue(actor, request.due);
      if (!due.ok()) return due.status();
      tables.push_back(DueTable(*due));
      for (const auto& item : due->items) shown.push_back(item.document);
      break;
    }
    case TableKind::kDestruction: {
      if (request.list.empty())
        return Status::InvalidArgument(
            "the destruction table needs a list: --destruction-list XH-...");
      auto list = Disposal(actor, request.list);
      if (!list.ok()) return list.status();
      tables.push_back(DestructionTable(*list));
      auto catalog = impl_->pool->Acquire();
      if (!catalog.ok()) return catalog.status();
      auto head = (*catalog)->FindDocumentById(list->id);
      if (!head.ok()) return head.status();
      if (*head) shown.push_back((*head)->summary);  // the list names what it lists
      break;
    }
    case TableKind::kLoans:
    case TableKind::kSeals: {
      std::set<std::string> ids;
      if (request.kind == TableKind::kLoans) {
        auto loans = Loans(actor, request.loans);
        if (!loans.ok()) return loans.status();
        tables.push_back(LoansTable(*loans));
        for (const auto& l : *loans) ids.insert(l.document_id);
      } else {
        auto uses = SealRegister(actor, request.seals);
        if (!uses.ok()) return uses.status();
        tables.push_back(SealsTable(*uses));
        for (const auto& u : *uses) ids.insert(u.document_id);
      }
      auto catalog = impl_->pool->Acquire();
      if (!catalog.ok()) return catalog.status();
      for (const auto& id : ids) {
        auto row = (*catalog)->FindDocumentById(id);
        if (!row.ok()) return row.status();
        if (*row) shown.push_back((*row)->summary);
      }
      break;
    }
  }
  DOSSIER_RETURN_IF_ERROR(impl_->AuditExport(actor, shown, purpose));
  NameTypesAndStates(tables, Types());
  return tables;
}

}  // namespace dossier
