// The contract file and archiving (see dossier/archive.h).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <set>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "resources/resources.h"
#include "util/file_util.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

namespace {

// A workflow state nothing leads out of: the document has finished its workflow.
bool IsFinal(const Workflow* workflow, const std::string& state) {
  if (workflow == nullptr) return state == kStatusRegistered;
  for (const auto& t : workflow->transitions) {
    if (t.from.count(state)) return false;
  }
  return workflow->State(state) != nullptr;
}

}  // namespace

Result<std::string> ReadConfigOrDefault(const std::filesystem::path& config_dir,
                                        const std::string& name) {
  auto path = config_dir / name;
  if (std::filesystem::exists(path)) return ReadFileToString(path);
  for (const auto& r : resources::All()) {
    if (r.path == name) return std::string(r.data);
  }
  return Status::Internal("no built-in default for config/" + name);
}

Result<ArchiveConfig> LoadArchiveConfig(const std::filesystem::path& config_dir,
                                        const ScheduleSet& schedules) {
  auto path = config_dir / "archive.json";
  auto text = ReadConfigOrDefault(config_dir, "archive.json");
  if (!text.ok()) return text.status();
  auto obj = ParseJsonObject(*text, path.string());
  if (!obj.ok()) return obj.status();
  const auto& o = *obj;
  ArchiveConfig c;
  c.fonds = o->optValue<std::string>("fonds", "");
  c.category = o->optValue<std::string>("category", "");
  c.default_org = o->optValue<std::string>("default_org", "BGS");
  if (c.fonds.empty() || c.category.empty())
    return Status::InvalidArgument(path.string() + ": fonds and category are required");
  auto tmpl = NumberTemplate::Parse(o->optValue<std::string>("template", kArchivalCodeTemplate));
  if (!tmpl.ok()) return tmpl.status().WithContext(path.string());
  c.code_template = *tmpl;
  // Before retention schedules, archive.json listed the classes itself: each must now be a
  // schedule's.
  if (auto classes = o->getArray("retention_classes")) {
    for (size_t i = 0; i < classes->size(); ++i) {
      std::string code = classes->getElement<std::string>(static_cast<unsigned>(i));
      if (!schedules.Find(code)) {
        return Status::InvalidArgument(
            path.string() + ": retention_classes[" + std::to_string(i) + "] '" + code +
            "' is not a class of the retention schedules (" + schedules.Codes() + ")");
      }
    }
  }
  if (auto rules = o->getArray("rules")) {
    for (size_t i = 0; i < rules->size(); ++i) {
      auto r = rules->getObject(static_cast<unsigned>(i));
      ArchiveConfig::Rule rule{r->optValue<std::string>("when", ""),
                               r->optValue<std::string>("retention", ""),
                               r->optValue<std::string>("reason", "")};
      if (rule.when != "major")
        return Status::InvalidArgument(path.string() + ": rules[" + std::to_string(i) +
                                       "].when: only 'major' is known");
      if (!schedules.Find(rule.retention)) {
        return Status::InvalidArgument(
            path.string() + ": rules[" + std::to_string(i) + "].retention '" + rule.retention +
            "' is not a class of the retention schedules (" + schedules.Codes() + ")");
      }
      c.rules.push_back(rule);
    }
  }
  return c;
}

namespace {

// Builds the file of `main` and says what blocks archiving it.
Result<ContractFile> BuildFile(Catalog& c, const Repository::Impl& impl, const Actor& actor,
                               const DocumentRow& main) {
  ContractFile file;
  const auto& d = main.summary;
  const Workflow* workflow = impl.workflows->ForType(d.type);
  FilePiece head{d, "main", ""};
  if (d.status == kStatusArchived) {
    // Nothing else matters then: say only that.
    auto record = c.FindArchive(d.id);
    if (!record.ok()) return record.status();
    file.pieces.push_back(head);
    file.missing.push_back(d.number + " is already archived" +
                           (*record ? " as 档号 " + (*record)->archive_code + ", piece " +
                                          std::to_string((*record)->piece)
                                    : ""));
    return file;
  }
  if (d.status == kStatusVoid)
    head.problem = "void";
  else if (!IsFinal(workflow, d.status))
    head.problem = "has not finished its workflow (it is " + d.status + ")";
  file.pieces.push_back(head);

  auto relations = c.RelationsOf(d.id);
  if (!relations.ok()) return relations.status();
  // A piece of another file is archived with that file, not on its own.
  for (const auto& r : *relations) {
    if (r.from_id == d.id && kFileRelations.count(r.kind)) {
      auto target = c.FindDocumentById(r.to_id);
      if (!target.ok()) return target.status();
      std::string number = *target ? (*target)->summary.number : r.to_id;
      file.missing.push_back(d.number + " belongs to the file of " + number +
                             ": archive it with that document");
    }
  }
  bool has_approval_form = false, has_signed_copy = false;
  for (const auto& r : *relations) {
    if (r.to_id != d.id || !kFileRelations.count(r.kind)) continue;
    auto piece = c.FindDocumentById(r.from_id);
    if (!piece.ok()) return piece.status();
    if (!*piece) continue;
    const auto& p = (*piece)->summary;
    if (!actor.CanSee(p.confidentiality)) {
      file.missing.push_back("a piece of the file is above " + actor.name + "'s clearance");
      continue;
    }
    FilePiece fp{p, r.kind, ""};
    if (p.status == kStatusArchived)
      fp.problem = "already archived";
    else if (p.status == kStatusVoid)
      continue;  // a void registration is not part of any file
    else if ((r.kind == "amends" || r.kind == "terminates") &&
             !IsApproved(impl.workflows->StageOf(p.type, p.status))) {
      fp.problem = "is not approved (it is " + p.status + ")";
    } else if (r.kind == "attachment-of" && !IsFinal(impl.workflows->ForType(p.type), p.status)) {
      fp.problem = "has not finished its workflow (it is " + p.status + ")";
    }
    has_approval_form = has_approval_form || (p.type == "approval-form" && fp.problem.empty());
    has_signed_copy = has_signed_copy || (p.type == "signed-copy" && fp.problem.empty());
    file.pieces.push_back(fp);
  }
  // Main document first, then agreements, then attachments, each by registration.
  std::stable_sort(
      file.pieces.begin() + 1, file.pieces.end(), [](const FilePiece& a, const FilePiece& b) {
        auto rank = [](const FilePiece& p) { return p.part == "attachment-of" ? 1 : 0; };
        if (rank(a) != rank(b)) return rank(a) < rank(b);
        return a.document.created_at < b.document.created_at;
      });
  for (const auto& p : file.pieces) {
    if (!p.problem.empty()) file.missing.push_back(p.document.number + " " + p.problem);
  }
  if (d.type == "contract") {
    auto version = c.GetVersion(d.id, d.current_version);
    if (!version.ok()) return version.status();
    // The signed text is the contract's own file, or — when it was signed
    // without one, its content being frozen from then on — a signed copy
    // (合同签署文本: the scan or signed PDF) registered after and attached.
    if ((!*version || (*version)->files.empty()) && !has_signed_copy) {
      file.missing.push_back("the signed contract text: a file of " + d.number +
                             ", or its scan or signed PDF registered as a 合同签署文本 and "
                             "attached ('dossier add signed-copy"
                             " --title 合同签署文本 --set contract_number=" +
                             d.number +
                             " --set department=… SCAN.pdf', then"
                             " 'dossier link QS-… --attaches-to " +
                             d.number + "')");
    }
    if (!has_approval_form) {
      file.missing.push_back("an approval form (合同审批表) attached to " + d.number +
                             " ('dossier link FORM --attaches-to " + d.number + "')");
    }
  }
  return file;
}

}  // namespace

Result<ContractFile> Repository::File(const Actor& actor, std::string_view ref) const {
  return impl_->ReadSnapshot<ContractFile>([&](Catalog& c) -> Result<ContractFile> {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    return BuildFile(c, *impl_, actor, *row);
  });
}

Result<std::vector<ArchiveRecord>> Repository::Archive(const Actor& actor, std::string_view ref,
                                                       const ArchiveRequest& request) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kArchivist}, "archive documents"));
  const auto& config = impl_->archive;
  if (!request.retention.empty()) {
    if (!impl_->schedules.Find(request.retention)) {
      return Status::InvalidArgument("unknown retention class '" + request.retention +
                                     "'; classes: " + impl_->schedules.Codes());
    }
    if (request.reason.empty())
      return Status::InvalidArgument("overriding the retention class needs a reason: --reason");
  }
  DOSSIER_RETURN_IF_ERROR(ValidateText(request.reason, "reason", false));
  std::vector<ArchiveRecord> records;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    auto file = BuildFile(c, *impl_, actor, *row);
    if (!file.ok()) return file.status();
    if (!file->complete()) {
      std::string missing;
      for (const auto& m : file->missing) missing += (missing.empty() ? "" : "; ") + m;
      return Status::InvalidArgument("cannot archive " + row->summary.number + ": " + missing);
    }
    const auto& d = row->summary;
    const DocumentType* type = impl_->types->Find(d.type);
    if (type == nullptr) return Status::Internal("type '" + d.type + "' is not defined");
    // Retention: the archivist's override, else the first rule that applies, else the type's
    // default.
    std::string retention = type->info.retention, reason = "default of " + d.type;
    auto version = c.GetVersion(d.id, d.current_version);
    if (!version.ok()) return version.status();
    auto metadata = ParseJson((*version)->metadata_json, "metadata of " + d.number);
    if (!metadata.ok()) return metadata.status();
    for (const auto& rule : config.rules) {
      if (rule.when == "major" && d.type == "contract" &&
          IsMajorContract(*metadata, impl_->workflows->ForType(d.type))) {
        retention = rule.retention;
        reason = rule.reason.empty() ? "major contract" : rule.reason;
        break;
      }
    }
    if (!request.retention.empty()) {
      retention = request.retention;
      reason = request.reason;
    }
    auto cls = impl_->schedules.Find(retention);
    if (!cls) {
      return Status::InvalidArgument("retention class '" + retention + "' of type " + d.type +
                                     " is not a class of the retention schedules (" +
                                     impl_->schedules.Codes() + ")");
    }
    // 档号: year of the documents (their date, else this year), organisation from the department.
    std::string year =
        d.doc_date.size() >= 4 ? d.doc_date.substr(0, 4) : std::to_string(impl_->Year());
    std::string org = d.dept.empty() ? config.default_org : impl_->types->DepartmentCode(d.dept);
    auto scope = config.code_template.Scope({{"fonds", config.fonds},
                                             {"category", config.category},
                                             {"year", year},
                                             {"retention", retention},
                                             {"org", org}});
    if (!scope.ok()) return scope.status();
    auto item = c.NextSequence(*scope, "archive");
    if (!item.ok()) return item.status();
    std::string code = config.code_template.Format(*scope, *item);
    std::string now = impl_->Now();
    int piece = 0;
    for (const auto& p : file->pieces) {
      ArchiveRecord r{p.document.id, p.document.number, code, ++piece, retention, reason,
                      now,           actor.name};
      auto clock = impl_->ClockStart(c, cls->cls->starts, p.document, d.id, now);
      if (!clock.ok()) return clock.status();
      DOSSIER_RETURN_IF_ERROR(c.InsertArchive(
          r, d.id, *scope, *item, std::string(RetentionEventCode(cls->cls->starts)), *clock));
      DOSSIER_RETURN_IF_ERROR(c.search().RefreshIndexedNumber(p.document.id));
      DOSSIER_RETURN_IF_ERROR(c.SetDocumentState(p.document.id, kStatusArchived, 1));
      Object::Ptr details = new Object();
      details->set("archive_code", code);
      details->set("piece", piece);
      details->set("retention", retention);
      details->set("reason", reason);
      details->set("unit", d.id);
      details->set("clock_start", *clock);
      DOSSIER_RETURN_IF_ERROR(
          AppendAudit(c, now, actor.name, "archive", p.document.id, CanonicalJson(Var(details))));
      records.push_back(r);
    }
    // Unsettled debts or open matters hold the whole file until someone settles them (releases the
    // hold).
    auto fields =
        metadata->type() == typeid(Object::Ptr) ? metadata->extract<Object::Ptr>() : Object::Ptr();
    if (fields && fields->optValue<bool>("open_matters", false)) {
      Hold hold;
      hold.scope = HoldScope::kFile;
      hold.target_id = d.id;
      hold.label = d.number;
      hold.reason = kOpenMattersReason;
      hold.authority = kOpenMattersAuthority;
      auto placed = impl_->InsertHold(c, actor, now, hold);
      if (!placed.ok()) return placed.status();
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return records;
}

Result<ArchiveUnit> Repository::ArchiveUnitOf(const Actor& actor, std::string_view ref) const {
  return impl_->ReadSnapshot<ArchiveUnit>([&](Catalog& c) -> Result<ArchiveUnit> {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    auto unit_id = c.UnitOf(row->summary.id);
    if (!unit_id.ok()) return unit_id.status();
    if (unit_id->empty()) return Status::InvalidArgument(row->summary.number + " is not archived");
    auto records = c.ListArchiveUnit(*unit_id);
    if (!records.ok()) return records.status();
    ArchiveUnit unit;
    for (const auto& r : *records) {
      unit.archive_code = r.archive_code;
      auto doc = c.FindDocumentById(r.document_id);
      if (!doc.ok()) return doc.status();
      if (!*doc || !actor.CanSee((*doc)->summary.confidentiality)) {
        ++unit.hidden;
        continue;
      }
      unit.pieces.push_back({r, (*doc)->summary});
    }
    return unit;
  });
}

Result<std::optional<ArchiveRecord>> Repository::ArchiveInfo(const Actor& actor,
                                                             std::string_view ref) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto row = impl_->Resolve(**catalog, actor, ref);
  if (!row.ok()) return row.status();
  return (*catalog)->FindArchive(row->summary.id);
}

}  // namespace dossier
