// Registering documents and their versions, and reading them back.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "audit/audit_chain.h"
#include "dossier/drafted_text.h"
#include "dossier/ledger.h"
#include "dossier/repository.h"
#include "repository/digests.h"
#include "repository/repository_impl.h"
#include "util/crash_point.h"
#include "util/file_util.h"
#include "util/json_util.h"
#include "util/number_text.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

namespace {

// Builds the canonical JSON of an audit entry's details.
class Details {
 public:
  Details& Set(const std::string& key, const Var& value) {
    obj_->set(key, value);
    return *this;
  }
  std::string Json() const { return CanonicalJson(Var(obj_)); }

 private:
  Object::Ptr obj_ = new Object();
};

// Refuses linking documents whose types make no sense for the relation.
Status CheckRelationTypes(RelationKind kind, const DocumentRow& from, const DocumentRow& to) {
  const std::string& a = from.summary.type;
  const std::string& b = to.summary.type;
  auto refuse = [&](const std::string& rule) {
    return Status::InvalidArgument("cannot link " + from.summary.number + " (" + a + ") --" +
                                   std::string(RelationCode(kind)) + " " + to.summary.number +
                                   " (" + b + "): " + rule);
  };
  switch (kind) {
    case RelationKind::kAmends:
      if (a != "amendment" || (b != "contract" && b != "amendment"))
        return refuse("an amendment agreement amends a contract");
      break;
    case RelationKind::kTerminates:
      if (a != "termination" || b != "contract")
        return refuse("a termination agreement terminates a contract");
      break;
    case RelationKind::kAttachmentOf:
      if (b != "contract" && b != "amendment" && b != "termination") {
        return refuse("attachments belong to a contract or its agreements");
      }
      if (a == "contract") return refuse("a contract is not an attachment of another document");
      break;
    case RelationKind::kMinutesOf:
      if (a != "meeting-minutes" && a != "negotiation-minutes")
        return refuse("only minutes are minutes of something");
      break;
    case RelationKind::kSupersedes:
      if (a != b) return refuse("a document supersedes one of its own type");
      break;
  }
  return Status::Ok();
}

// The 合同编号 an agreement or piece records, or "" when it records none.
Result<std::string> RecordedContractNumber(Catalog& c, const DocumentRow& row) {
  auto version = c.GetVersion(row.summary.id, row.summary.current_version);
  if (!version.ok()) return version.status();
  if (!*version) return std::string();
  auto metadata = ParseJsonObject((*version)->metadata_json, "metadata");
  if (!metadata.ok()) return metadata.status();
  return (*metadata)->optValue<std::string>("contract_number", "");
}

// An agreement or piece that names its contract (合同编号) is linked to that
// contract only: a placeholder or another contract's number would put it in
// the wrong file, the wrong ledger row and the wrong 档号.
Status CheckContractNumber(Catalog& c, RelationKind kind, const DocumentRow& from,
                           const DocumentRow& to) {
  if (kind != RelationKind::kAmends && kind != RelationKind::kTerminates &&
      kind != RelationKind::kAttachmentOf) {
    return Status::Ok();
  }
  auto recorded = RecordedContractNumber(c, from);
  if (!recorded.ok()) return recorded.status();
  if (recorded->empty()) return Status::Ok();
  std::string contract = to.summary.number;
  if (to.summary.type != "contract") {  // an agreement: the contract it belongs to
    auto of_target = RecordedContractNumber(c, to);
    if (!of_target.ok()) return of_target.status();
    contract = *of_target;
  }
  if (contract.empty() || *recorded == contract) return Status::Ok();
  return Status::InvalidArgument(
      from.summary.number + " records 合同编号 " + *recorded + ", but " + to.summary.number +
      " belongs to contract " + contract + ": correct its contract_number (dossier version " +
      from.summary.number + " --set contract_number=" + contract + ") or link it to " + *recorded);
}

bool LooksLikeDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// Dates are real dates (2026-02-30 and 2026-13-01 pass a schema's pattern,
// not the calendar), and a period never ends before it starts: any object
// with a start and an end date (a contract's term).
Status CheckDates(const Var& value, const std::string& pointer) {
  if (value.isString()) {
    std::string s = value.toString();
    if (LooksLikeDate(s) && !IsIsoDate(s)) {
      return Status::SchemaViolation(
          "metadata " + pointer + ": " + s + " is not a date on the calendar", pointer);
    }
    return Status::Ok();
  }
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    auto o = value.extract<Poco::JSON::Object::Ptr>();
    for (const auto& [key, child] : *o)
      DOSSIER_RETURN_IF_ERROR(CheckDates(child, pointer + "/" + key));
    std::string start = o->optValue<std::string>("start", ""),
                end = o->optValue<std::string>("end", "");
    if (IsIsoDate(start) && IsIsoDate(end) && end < start) {
      return Status::SchemaViolation(
          "metadata " + pointer + ": it ends (" + end + ") before it starts (" + start + ")",
          pointer + "/end");
    }
  } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto a = value.extract<Poco::JSON::Array::Ptr>();
    for (size_t i = 0; i < a->size(); ++i)
      DOSSIER_RETURN_IF_ERROR(CheckDates(a->get(i), pointer + "/" + std::to_string(i)));
  }
  return Status::Ok();
}

// A contract's payment instalments (/payment_terms/instalments) never ask for
// more than the whole: their percentages add up to at most 100, their amounts
// to at most the contract's amount (/amount/value).
Status CheckInstalments(const Var& metadata) {
  auto instalments = GetByPointer(metadata, "/payment_terms/instalments");
  if (!instalments || instalments->type() != typeid(Poco::JSON::Array::Ptr)) return Status::Ok();
  // Counted exactly, in hundredths (of a percent, of a yuan), as the ledger counts money.
  auto hundredths = [](const std::optional<Var>& v) {
    return v && v->isNumeric() ? std::llround(v->convert<double>() * 100) : 0LL;
  };
  long long percent = 0, amount = 0;
  for (const auto& item : *instalments->extract<Poco::JSON::Array::Ptr>()) {
    percent += hundredths(GetByPointer(item, "/percentage"));
    amount += hundredths(GetByPointer(item, "/amount"));
  }
  const std::string where = "/payment_terms/instalments";
  if (percent > 100 * 100) {
    return Status::SchemaViolation("metadata " + where + ": the instalments add up to " +
                                       FormatMinorUnits(percent) +
                                       "% of the price; at most 100% can be paid",
                                   where);
  }
  auto total = GetByPointer(metadata, "/amount/value");
  if (total && total->isNumeric() && amount > hundredths(total)) {
    return Status::SchemaViolation(
        "metadata " + where + ": the instalments add up to " + FormatAmount(amount) +
            ", more than the contract's amount of " + FormatAmount(hundredths(total)),
        where);
  }
  return Status::Ok();
}

// A drafted body ("body": a file name) is one of the version's own files, of
// a kind whose text the PDF can typeset.
Status CheckBodyFile(const Var& metadata, const std::vector<std::string>& files) {
  auto body = GetByPointer(metadata, "/body");
  if (!body || !body->isString()) return Status::Ok();
  const std::string name = body->toString();
  if (!IsDraftedTextName(name)) {
    return Status::SchemaViolation(
        "metadata /body: '" + name +
            "' is not a drafted text: a body is a Word (.docx), Markdown (.md) or text (.txt) file",
        "/body");
  }
  if (std::find(files.begin(), files.end(), name) != files.end()) return Status::Ok();
  std::string list;
  for (const auto& f : files) list += (list.empty() ? "" : ", ") + f;
  return Status::SchemaViolation(
      "metadata /body: '" + name +
          "' is not a file of this document (its files: " + (list.empty() ? "none" : list) + ")",
      "/body");
}

}  // namespace

// --- Impl helpers ---------------------------------------------------------------

Result<Var> Repository::Impl::BuildMetadata(const DocumentType& type, const std::string& base_json,
                                            const std::vector<MetadataAssignment>& set) const {
  if (base_json.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("the metadata is empty: give a JSON object ({} for none)");
  }
  if (base_json.size() > kMaxMetadataBytes) {
    return Status::InvalidArgument(
        "the metadata is " + WithThousands(static_cast<long long>(base_json.size())) +
        " bytes; at most " + WithThousands(static_cast<long long>(kMaxMetadataBytes)) +
        " are allowed");
  }
  auto obj = ParseJsonObject(base_json, "metadata");
  if (!obj.ok()) return obj.status();
  for (const auto& a : set) DOSSIER_RETURN_IF_ERROR(ApplyAssignment(*obj, a));
  Var metadata(*obj);
  DOSSIER_RETURN_IF_ERROR(type.schema->Validate(metadata, "metadata of a " + type.info.code));
  DOSSIER_RETURN_IF_ERROR(CheckDates(metadata, ""));
  DOSSIER_RETURN_IF_ERROR(CheckInstalments(metadata));
  // What lists and registers print of the metadata is one line each.
  Facets facets = types->FacetsOf(type, metadata);
  DOSSIER_RETURN_IF_ERROR(ValidateLine(facets.counterparty, "the counterparty (metadata)", false));
  DOSSIER_RETURN_IF_ERROR(ValidateLine(facets.dept, "the department (metadata)", false));
  return metadata;
}

// An agreement of its own (补充协议, 解除协议) exists for one contract: its
// 合同编号 must be a contract the author may see, not a placeholder.
Status Repository::Impl::CheckAgreementNamesContract(Catalog& c, const Actor& actor,
                                                     const DocumentType& type,
                                                     const Var& metadata) const {
  if (type.info.code != "amendment" && type.info.code != "termination") return Status::Ok();
  auto object = metadata.extract<Object::Ptr>();
  std::string number = object->optValue<std::string>("contract_number", "");
  auto contract = Resolve(c, actor, number);
  if (!contract.ok() || contract->summary.type != "contract") {
    return Status::SchemaViolation("metadata /contract_number: '" + number +
                                       "' is not the number of a contract you may see; " + "a " +
                                       type.info.code +
                                       " names the contract it belongs to (合同编号)",
                                   "/contract_number");
  }
  return Status::Ok();
}

Result<StagedFiles> Repository::Impl::StageFiles(const std::vector<FileInput>& files) const {
  DOSSIER_RETURN_IF_ERROR(RequireWritable());
  StagedFiles staged;
  std::set<std::string> names;
  for (const auto& f : files) {
    Status s = RejectParentReferences(f.path);
    std::string name = f.name.empty() ? f.path.filename().string() : f.name;
    if (s.ok()) s = ValidateStoredName(name).WithContext(f.path.string());
    if (s.ok() && !names.insert(name).second)
      s = Status::InvalidArgument("two files are named '" + name + "'");
    if (!s.ok()) {
      DiscardFiles(staged);
      return s;
    }
    auto blob = store->StageFile(f.path, options.max_file_size);
    if (!blob.ok()) {
      DiscardFiles(staged);
      return blob.status();
    }
    FileText text = ExtractText(f.path, name);
    CompressText(text);
    staged.push_back(
        StagedFile{FileEntry{name, blob->sha256, blob->size}, std::move(*blob), std::move(text)});
  }
  return staged;
}

Result<StagedFiles> Repository::Impl::StageBytes(const std::string& content,
                                                 const std::string& name) const {
  DOSSIER_RETURN_IF_ERROR(RequireWritable());
  DOSSIER_RETURN_IF_ERROR(ValidateStoredName(name));
  if (content.size() > options.max_file_size) {
    return Status::InvalidArgument("'" + name + "' is larger than the repository's limit of " +
                                   std::to_string(options.max_file_size) + " bytes");
  }
  auto blob = store->StageBytes(content);
  if (!blob.ok()) return blob.status();
  FileText text = ExtractTextFromBytes(content, name);
  CompressText(text);
  StagedFiles staged;
  staged.push_back(
      StagedFile{FileEntry{name, blob->sha256, blob->size}, std::move(*blob), std::move(text)});
  return staged;
}

void Repository::Impl::DiscardFiles(StagedFiles& files) const {
  std::vector<StagedBlob*> blobs;
  for (auto& f : files) blobs.push_back(&f.blob);
  store->Discard(blobs);
}

Result<std::shared_ptr<void>> Repository::Impl::PublishFiles(
    Catalog& catalog, const std::vector<StagedFiles*>& sets) const {
  std::vector<StagedBlob*> blobs;
  auto hold = store->LockForWriting();
  Status s = hold.status();
  for (auto* set : sets) {
    for (auto& file : *set) {
      StagedBlob& blob = file.blob;
      blobs.push_back(&blob);
      if (!s.ok()) continue;
      auto known = catalog.FindBlob(blob.sha256);
      if (!known.ok()) {
        s = known.status();
      } else if (*known) {
        blob.already_present = true;
        blob.location = LocationOf(**known);
        blob.stored_size = (*known)->stored_size;
      }
    }
  }
  if (s.ok()) s = store->Publish(blobs);
  store->Discard(blobs);  // frees what was not published (nothing on success)
  if (!s.ok()) return s;
  return hold;
}

Result<bool> Repository::Impl::InsertStagedBlobs(Catalog& c, const StagedFiles& files) const {
  bool all_fresh = true;
  for (const auto& f : files) {
    DOSSIER_RETURN_IF_ERROR(c.InsertBlob(BlobRowOf(f.blob)));
    auto fresh = c.search().InsertBlobText(f.blob.sha256, f.text.kind, f.text.note,
                                           f.text.text.size(), f.text.compressed);
    if (!fresh.ok()) return fresh.status();
    all_fresh = all_fresh && *fresh;
  }
  return all_fresh;
}

BlobRow BlobRowOf(const StagedBlob& blob) {
  return BlobRow{blob.sha256,
                 blob.size,
                 blob.location.stored_size,
                 std::string(BlobEncodingCode(blob.encoding)),
                 blob.location.pack,
                 blob.location.offset};
}

BlobLocation LocationOf(const BlobRow& row) {
  return BlobLocation{row.sha256, row.pack, row.pack_offset, row.stored_size};
}

Result<std::string> Repository::Impl::NumberingScope(const DocumentType& type,
                                                     const Var& metadata) const {
  auto values = types->NumberValues(type, metadata, Year());
  if (!values.ok()) return values.status();
  return type.numbering.Scope(*values);
}

Result<Document> Repository::Impl::InsertNewDocument(Catalog& c, const Actor& actor,
                                                     const DocumentType& type,
                                                     const std::string& title, const Var& metadata,
                                                     Confidentiality level,
                                                     const StagedFiles& files,
                                                     const std::string& comment) {
  std::string now = Now();
  auto scope = NumberingScope(type, metadata);
  if (!scope.ok()) return scope.status();
  auto seq = c.NextSequence(*scope, type.info.code);
  if (!seq.ok()) return seq.status();

  Facets facets = types->FacetsOf(type, metadata);
  DocumentRow row;
  auto& d = row.summary;
  d.id = NewDocumentId();
  d.type = type.info.code;
  d.number = type.numbering.Format(*scope, *seq);
  d.title = title;
  d.confidentiality = level;
  const Workflow* workflow = workflows->ForType(type.info.code);
  d.status = workflow ? workflow->initial : kStatusRegistered;
  d.current_version = 1;
  d.dept = facets.dept;
  d.counterparty = facets.counterparty;
  d.doc_date = facets.date;
  d.created_at = now;
  d.created_by = actor.name;
  row.number_scope = *scope;
  row.number_seq = *seq;

  Version v;
  v.number = 1;
  v.parent = 0;
  v.title = title;
  v.metadata_json = CanonicalJson(metadata);
  v.author = actor.name;
  v.created_at = now;
  v.comment = comment;
  for (const auto& f : files) v.files.push_back(f.entry);
  auto fresh_text = InsertStagedBlobs(c, files);
  if (!fresh_text.ok()) return fresh_text.status();
  v.digest = VersionDigest(d.id, v);

  auto inserted = c.InsertDocument(row);
  if (inserted.code() == StatusCode::kAlreadyExists) {
    return Status::Internal(
        "number " + d.number +
        " is already taken although its sequence was free; run 'dossier numbers check'");
  }
  DOSSIER_RETURN_IF_ERROR(inserted);
  DOSSIER_RETURN_IF_ERROR(c.InsertVersion(d.id, v));
  DOSSIER_RETURN_IF_ERROR(
      IndexVersion(c, d.id, v.number, metadata, *fresh_text ? &files : nullptr));
  DOSSIER_RETURN_IF_ERROR(AppendAudit(c, now, actor.name, "register", d.id,
                                      Details()
                                          .Set("number", d.number)
                                          .Set("type", d.type)
                                          .Set("title", d.title)
                                          .Set("confidentiality", static_cast<int>(level))
                                          .Set("status", d.status)
                                          .Set("version", 1)
                                          .Set("digest", v.digest)
                                          .Json()));
  return Document{d, v, {}};
}

// --- Register / version ------------------------------------------------------------

Result<Document> Repository::Register(const Actor& actor, const NewDocument& doc) {
  const DocumentType* type = impl_->types->Find(doc.type);
  if (type == nullptr) {
    std::string known;
    for (const auto* t : impl_->types->All()) known += (known.empty() ? "" : ", ") + t->info.code;
    return Status::InvalidArgument("unknown document type '" + doc.type +
                                   "'; known types: " + known);
  }
  DOSSIER_RETURN_IF_ERROR(ValidateLine(doc.title, "title", true));
  DOSSIER_RETURN_IF_ERROR(ValidateText(doc.comment, "comment", false));
  if (!actor.CanSee(doc.confidentiality)) {
    return Status::PermissionDenied(actor.name + " may not register a document marked " +
                                    std::string(ConfidentialityName(doc.confidentiality)) +
                                    " (above their clearance)");
  }
  auto metadata = impl_->BuildMetadata(*type, doc.metadata_json, doc.set);
  if (!metadata.ok()) return metadata.status();

  auto staged = impl_->StageFiles(doc.files);
  if (!staged.ok()) return staged.status();
  std::vector<std::string> names;
  for (const auto& f : *staged) names.push_back(f.entry.name);
  if (Status body = CheckBodyFile(*metadata, names); !body.ok()) {
    impl_->DiscardFiles(*staged);
    return body;
  }
  CrashPoint("staged");
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) {
    impl_->DiscardFiles(*staged);
    return catalog.status();
  }
  auto& c = **catalog;
  // Blobs are durable before the catalog refers to them.
  auto hold = impl_->PublishFiles(c, {&*staged});
  if (!hold.ok()) return hold.status();
  CrashPoint("published");

  auto tx = c.BeginWrite();
  if (!tx.ok()) return tx.status();
  DOSSIER_RETURN_IF_ERROR(impl_->CheckAgreementNamesContract(c, actor, *type, *metadata));
  auto result = impl_->InsertNewDocument(c, actor, *type, doc.title, *metadata, doc.confidentiality,
                                         *staged, doc.comment);
  if (!result.ok()) return result.status();
  DOSSIER_RETURN_IF_ERROR(tx->Commit());
  return result;
}

Result<std::vector<SameContent>> Repository::FindSameContent(const Actor& actor,
                                                             std::string_view ref) const {
  return impl_->ReadSnapshot<std::vector<SameContent>>(
      [&](Catalog& c) -> Result<std::vector<SameContent>> {
        auto row = impl_->Resolve(c, actor, ref);
        if (!row.ok()) return row.status();
        auto version = c.GetVersion(row->summary.id, row->summary.current_version);
        if (!version.ok()) return version.status();
        std::vector<SameContent> out;
        if (!*version) return out;
        for (const auto& f : (*version)->files) {
          auto holders = c.DocumentsHoldingContent(f.sha256);
          if (!holders.ok()) return holders.status();
          for (const auto& h : *holders) {
            if (h.doc_id == row->summary.id ||
                !actor.CanSee(static_cast<Confidentiality>(h.confidentiality)))
              continue;
            out.push_back({f.name, h.number, h.title, h.file_name});
          }
        }
        return out;
      });
}

Result<Version> Repository::AddVersion(const Actor& actor, std::string_view ref,
                                       const VersionChange& change) {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto& c = **catalog;
  auto row = impl_->Resolve(c, actor, ref);
  if (!row.ok()) return row.status();
  const auto& d = row->summary;
  if (d.status == kStatusVoid)
    return Status::InvalidArgument(d.number + " is void; a void document takes no new versions");
  DOSSIER_RETURN_IF_ERROR(impl_->RequireEditable(*row));
  const DocumentType* type = impl_->types->Find(d.type);
  if (type == nullptr)
    return Status::Internal("type '" + d.type + "' of " + d.number + " is no longer defined");
  auto current = c.GetVersion(d.id, d.current_version);
  if (!current.ok()) return current.status();
  if (!*current)
    return Status::Corruption(d.number + ": version " + std::to_string(d.current_version) +
                              " is missing");
  const Version& base = **current;

  std::string title = change.title.value_or(base.title);
  DOSSIER_RETURN_IF_ERROR(ValidateLine(title, "title", true));
  DOSSIER_RETURN_IF_ERROR(ValidateText(change.comment, "comment", false));
  auto metadata =
      impl_->BuildMetadata(*type, change.metadata_json.value_or(base.metadata_json), change.set);
  if (!metadata.ok()) return metadata.status();

  std::map<std::string, FileEntry> files;
  for (const auto& f : base.files) files[f.name] = f;
  for (const auto& name : change.remove_files) {
    if (!files.erase(name))
      return Status::InvalidArgument(d.number + " has no file '" + name + "' to remove");
  }
  auto staged = impl_->StageFiles(change.add_files);
  if (!staged.ok()) return staged.status();
  for (auto& f : *staged) files[f.entry.name] = f.entry;
  std::vector<std::string> names;
  for (const auto& [name, entry] : files) names.push_back(name);
  if (Status body = CheckBodyFile(*metadata, names); !body.ok()) {
    impl_->DiscardFiles(*staged);
    return body;
  }

  Version v;
  v.number = base.number + 1;
  v.parent = base.number;
  v.title = title;
  v.metadata_json = CanonicalJson(*metadata);
  v.author = actor.name;
  v.comment = change.comment;
  for (const auto& [name, entry] : files) v.files.push_back(entry);
  bool same_files = v.files.size() == base.files.size();
  for (size_t i = 0; same_files && i < v.files.size(); ++i) {
    same_files = v.files[i].name == base.files[i].name && v.files[i].sha256 == base.files[i].sha256;
  }
  if (same_files && v.title == base.title && v.metadata_json == base.metadata_json) {
    impl_->DiscardFiles(*staged);
    return Status::InvalidArgument("nothing changed: the new version would equal version " +
                                   std::to_string(base.number));
  }
  auto hold = impl_->PublishFiles(c, {&*staged});
  if (!hold.ok()) return hold.status();

  auto tx = c.BeginWrite();
  if (!tx.ok()) return tx.status();
  // Another writer may have added a version since we read; never build on a stale base.
  auto fresh = c.FindDocumentById(d.id);
  if (!fresh.ok()) return fresh.status();
  if (!*fresh || (*fresh)->summary.current_version != base.number ||
      (*fresh)->summary.status != d.status) {
    return Status::InvalidArgument(d.number +
                                   " changed while this version was prepared; try again");
  }
  v.created_at = impl_->Now();
  v.digest = VersionDigest(d.id, v);
  if (auto inserted = impl_->InsertStagedBlobs(c, *staged); !inserted.ok())
    return inserted.status();
  DOSSIER_RETURN_IF_ERROR(impl_->AppendVersion(c, actor, d.id, *type, *metadata, v));
  DOSSIER_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Status Repository::Impl::AppendVersion(Catalog& c, const Actor& actor, const std::string& doc_id,
                                       const DocumentType& type, const Var& metadata,
                                       const Version& v) const {
  DOSSIER_RETURN_IF_ERROR(c.InsertVersion(doc_id, v));
  Facets facets = types->FacetsOf(type, metadata);
  DOSSIER_RETURN_IF_ERROR(c.UpdateDocumentHead(doc_id, v.title, v.number, facets.dept,
                                               facets.counterparty, facets.date));
  DOSSIER_RETURN_IF_ERROR(IndexVersion(c, doc_id, v.number, metadata));
  return AppendAudit(c, v.created_at, actor.name, "version", doc_id,
                     Details().Set("version", v.number).Set("digest", v.digest).Json());
}

// --- Reading -------------------------------------------------------------------------

Result<Document> Repository::Get(const Actor& actor, std::string_view ref) const {
  auto doc = impl_->ReadSnapshot<Document>([&](Catalog& c) -> Result<Document> {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    Document doc;
    doc.summary = row->summary;
    auto v = c.GetVersion(doc.summary.id, doc.summary.current_version);
    if (!v.ok()) return v.status();
    if (!*v) return Status::Corruption(doc.summary.number + ": its current version is missing");
    doc.current = **v;
    auto relations = c.RelationsOf(doc.summary.id);
    if (!relations.ok()) return relations.status();
    for (const auto& r : *relations) {
      Relation rel;
      rel.kind = ParseRelationKind(r.kind).value_or(RelationKind::kSupersedes);
      rel.outgoing = r.from_id == doc.summary.id;
      rel.other_id = rel.outgoing ? r.to_id : r.from_id;
      auto other = c.FindDocumentById(rel.other_id);
      if (!other.ok()) return other.status();
      if (!*other || !actor.CanSee((*other)->summary.confidentiality))
        continue;  // no trace of what they may not see
      rel.other_number = (*other)->summary.number;
      rel.other_title = (*other)->summary.title;
      rel.other_type = (*other)->summary.type;
      doc.relations.push_back(rel);
    }
    return doc;
  });
  if (!doc.ok()) return doc;
  DOSSIER_RETURN_IF_ERROR(impl_->LogConfidentialAccess(actor, doc->summary, "view"));
  return doc;
}

Result<std::vector<Version>> Repository::History(const Actor& actor, std::string_view ref) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto row = impl_->Resolve(**catalog, actor, ref);
  if (!row.ok()) return row.status();
  return (*catalog)->ListVersions(row->summary.id);
}

Result<VersionDiff> Repository::Diff(const Actor& actor, std::string_view ref, int from,
                                     int to) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto& c = **catalog;
  auto row = impl_->Resolve(c, actor, ref);
  if (!row.ok()) return row.status();
  auto load = [&](int n) -> Result<Version> {
    auto v = c.GetVersion(row->summary.id, n);
    if (!v.ok()) return v.status();
    if (!*v) {
      return Status::InvalidArgument(row->summary.number + " has no version " + std::to_string(n) +
                                     " (it has 1.." + std::to_string(row->summary.current_version) +
                                     ")");
    }
    return **v;
  };
  auto a = load(from);
  if (!a.ok()) return a.status();
  auto b = load(to);
  if (!b.ok()) return b.status();
  VersionDiff diff;
  diff.from = from;
  diff.to = to;
  if (a->title != b->title) diff.title = std::make_pair(a->title, b->title);
  auto ma = ParseJson(a->metadata_json, "metadata");
  auto mb = ParseJson(b->metadata_json, "metadata");
  if (!ma.ok()) return ma.status();
  if (!mb.ok()) return mb.status();
  auto la = FlattenLeaves(*ma);
  auto lb = FlattenLeaves(*mb);
  for (const auto& [path, value] : la) {
    auto it = lb.find(path);
    if (it == lb.end())
      diff.fields.push_back({path, value, std::nullopt});
    else if (it->second != value)
      diff.fields.push_back({path, value, it->second});
  }
  for (const auto& [path, value] : lb) {
    if (!la.count(path)) diff.fields.push_back({path, std::nullopt, value});
  }
  std::sort(diff.fields.begin(), diff.fields.end(),
            [](const VersionDiff::FieldChange& x, const VersionDiff::FieldChange& y) {
              return x.path < y.path;
            });
  std::map<std::string, std::string> fa, fb;
  for (const auto& f : a->files) fa[f.name] = f.sha256;
  for (const auto& f : b->files) fb[f.name] = f.sha256;
  for (const auto& [name, sha] : fa) {
    auto it = fb.find(name);
    if (it == fb.end())
      diff.files_removed.push_back(name);
    else if (it->second != sha)
      diff.files_changed.push_back(name);
  }
  for (const auto& [name, sha] : fb) {
    if (!fa.count(name)) diff.files_added.push_back(name);
  }
  return diff;
}

Result<std::vector<std::filesystem::path>> Repository::CheckOut(
    const Actor& actor, std::string_view ref, int version,
    const std::filesystem::path& out_dir) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto& c = **catalog;
  auto row = impl_->Resolve(c, actor, ref);
  if (!row.ok()) return row.status();
  int n = version == 0 ? row->summary.current_version : version;
  auto v = c.GetVersion(row->summary.id, n);
  if (!v.ok()) return v.status();
  if (!*v)
    return Status::InvalidArgument(row->summary.number + " has no version " + std::to_string(n));
  if ((*v)->files.empty())
    return Status::InvalidArgument(row->summary.number + " version " + std::to_string(n) +
                                   " holds no files");
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Status::IoError("cannot create " + out_dir.string() + ": " + ec.message());
  for (const auto& f : (*v)->files) {
    if (std::filesystem::exists(out_dir / f.name, ec)) {
      return Status::InvalidArgument((out_dir / f.name).string() +
                                     " already exists; choose an empty folder");
    }
  }
  std::vector<std::filesystem::path> written;
  for (const auto& f : (*v)->files) {
    // Names were validated when stored; check again so that a hand-edited
    // catalog can never make us write outside out_dir.
    DOSSIER_RETURN_IF_ERROR(ValidateStoredName(f.name));
    auto target = out_dir / f.name;
    auto temp = out_dir / (".dossier-get-" + f.sha256.substr(0, 16));
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoStatus("cannot create", temp);
    auto blob = c.FindBlob(f.sha256);
    if (!blob.ok()) {
      ::close(fd);
      ::unlink(temp.c_str());
      return blob.status();
    }
    if (!*blob) {
      ::close(fd);
      ::unlink(temp.c_str());
      return Status::Corruption(row->summary.number + " file '" + f.name + "': blob " + f.sha256 +
                                " is not in the catalog");
    }
    Status s = impl_->store->ReadTo(LocationOf(**blob), [&](const char* data, size_t size) {
      return WriteAll(fd, {data, size}, temp);
    });
    if (s.ok()) s = SyncFd(fd, temp);
    ::close(fd);
    if (s.ok() && ::rename(temp.c_str(), target.c_str()) != 0)
      s = ErrnoStatus("cannot rename onto", target);
    if (!s.ok()) {
      ::unlink(temp.c_str());
      return s.WithContext(row->summary.number + " file '" + f.name + "'");
    }
    written.push_back(target);
  }
  DOSSIER_RETURN_IF_ERROR(SyncDirectory(out_dir));
  DOSSIER_RETURN_IF_ERROR(impl_->LogConfidentialAccess(actor, row->summary, "download"));
  return written;
}

Status Repository::ReadFile(const Actor& actor, std::string_view ref, int version,
                            const std::string& name, const FilePlanFn& plan,
                            const FileSinkFn& sink) const {
  DocumentSummary summary;
  FileEntry entry;
  BlobLocation location;
  {
    // The connection goes back to the pool before the content streams to a
    // client that may be slow.
    auto catalog = impl_->pool->Acquire();
    if (!catalog.ok()) return catalog.status();
    auto& c = **catalog;
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    summary = row->summary;
    int n = version == 0 ? summary.current_version : version;
    auto v = c.GetVersion(summary.id, n);
    if (!v.ok()) return v.status();
    if (!*v) return Status::NotFound(summary.number + " has no version " + std::to_string(n));
    auto it = std::find_if((*v)->files.begin(), (*v)->files.end(),
                           [&](const FileEntry& f) { return f.name == name; });
    if (it == (*v)->files.end()) {
      return Status::NotFound(summary.number + " version " + std::to_string(n) + " has no file '" +
                              name + "'");
    }
    entry = *it;
    auto blob = c.FindBlob(entry.sha256);
    if (!blob.ok()) return blob.status();
    if (!*blob)
      return Status::Corruption(summary.number + " file '" + name + "': blob " + entry.sha256 +
                                " is not in the catalog");
    location = LocationOf(**blob);
  }
  auto span = plan(entry);
  if (!span.ok()) return span.status();
  DOSSIER_RETURN_IF_ERROR(impl_->LogConfidentialAccess(actor, summary, "download"));
  uint64_t skip = span->offset, left = span->length;
  return impl_->store->ReadTo(location, [&](const char* data, size_t size) -> Status {
    if (skip >= size) {
      skip -= size;
      return Status::Ok();
    }
    data += skip;
    size -= static_cast<size_t>(skip);
    skip = 0;
    size_t take = static_cast<size_t>(std::min<uint64_t>(size, left));
    if (take == 0) return Status::Ok();
    left -= take;
    return sink(data, take);
  });
}

Status Repository::Impl::CheckTypeFilter(const std::optional<std::string>& type) const {
  if (!type || types->Find(*type) != nullptr) return Status::Ok();
  std::string known;
  for (const auto* t : types->All()) known += (known.empty() ? "" : ", ") + t->info.code;
  return Status::InvalidArgument("unknown document type '" + *type + "'; known types: " + known);
}

Result<std::vector<DocumentSummary>> Repository::List(const Actor& actor,
                                                      const ListFilter& asked) const {
  auto dept = Impl::OwnDepartment(actor, asked.dept);
  if (!dept.ok()) return dept.status();
  ListFilter filter = asked;
  filter.dept = *dept;
  DOSSIER_RETURN_IF_ERROR(impl_->CheckTypeFilter(filter.type));
  for (const auto* date : {&filter.from, &filter.to}) {
    if (*date && !IsIsoDate(**date))
      return Status::InvalidArgument("date '" + **date + "' is not YYYY-MM-DD");
  }
  if (filter.limit < 0 || filter.offset < 0)
    return Status::InvalidArgument("a negative limit or offset");
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto rows = (*catalog)->ListDocuments(filter, static_cast<int>(actor.clearance));
  if (!rows.ok()) return rows.status();
  std::vector<DocumentSummary> out;
  out.reserve(rows->size());
  for (auto& r : *rows) out.push_back(std::move(r.summary));
  return out;
}

Result<int64_t> Repository::Count(const Actor& actor, const ListFilter& asked) const {
  auto dept = Impl::OwnDepartment(actor, asked.dept);
  if (!dept.ok()) return dept.status();
  ListFilter filter = asked;
  filter.dept = *dept;
  DOSSIER_RETURN_IF_ERROR(impl_->CheckTypeFilter(filter.type));
  for (const auto* date : {&filter.from, &filter.to}) {
    if (*date && !IsIsoDate(**date))
      return Status::InvalidArgument("date '" + **date + "' is not YYYY-MM-DD");
  }
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  return (*catalog)->CountDocuments(filter, static_cast<int>(actor.clearance));
}

// --- Changes of state -------------------------------------------------------------------

Status Repository::Link(const Actor& actor, std::string_view ref, RelationKind kind,
                        std::string_view target) {
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto from = impl_->Resolve(c, actor, ref);
    if (!from.ok()) return from.status();
    auto to = impl_->Resolve(c, actor, target);
    if (!to.ok()) return to.status();
    if (from->summary.id == to->summary.id)
      return Status::InvalidArgument("a document cannot be linked to itself");
    if (from->summary.status == kStatusVoid || to->summary.status == kStatusVoid) {
      return Status::InvalidArgument("a void document cannot be linked");
    }
    for (const auto* end : {&*from, &*to}) {
      if (end->summary.status == kStatusArchived || end->summary.status == kStatusDestroyed) {
        return Status::InvalidArgument(end->summary.number + " is " + end->summary.status +
                                       ": archived material is immutable");
      }
    }
    DOSSIER_RETURN_IF_ERROR(CheckRelationTypes(kind, *from, *to));
    DOSSIER_RETURN_IF_ERROR(CheckContractNumber(c, kind, *from, *to));
    std::string code(RelationCode(kind));
    auto exists = c.RelationExists(from->summary.id, code, to->summary.id);
    if (!exists.ok()) return exists.status();
    if (*exists) {
      return Status::AlreadyExists(from->summary.number + " already " + code + " " +
                                   to->summary.number);
    }
    std::string now = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(
        c.InsertRelation(RelationRow{from->summary.id, code, to->summary.id, now, actor.name}));
    DOSSIER_RETURN_IF_ERROR(
        AppendAudit(c, now, actor.name, "link", from->summary.id,
                    Details().Set("kind", code).Set("to", to->summary.id).Json()));
    return Status::Ok();
  });
}

Status Repository::SetConfidentiality(const Actor& actor, std::string_view ref,
                                      Confidentiality level, const std::string& reason) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kManager, Role::kDirector, Role::kArchivist, Role::kAdmin},
                        "change a document's confidentiality"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(reason, "reason", true));
  if (!actor.CanSee(level)) {
    return Status::PermissionDenied(actor.name + " may not mark a document " +
                                    std::string(ConfidentialityName(level)) +
                                    " (above their clearance)");
  }
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    if (row->summary.status == kStatusDestroyed) {
      return Status::InvalidArgument(row->summary.number +
                                     " was destroyed: only its residual record remains");
    }
    if (row->summary.status == kStatusArchived && actor.role != Role::kArchivist) {
      return Status::PermissionDenied(row->summary.number +
                                      " is archived: only an archivist changes its marking");
    }
    auto before = row->summary.confidentiality;
    if (before == level) {
      return Status::InvalidArgument(row->summary.number + " is already marked " +
                                     std::string(ConfidentialityName(level)));
    }
    DOSSIER_RETURN_IF_ERROR(c.SetDocumentConfidentiality(row->summary.id, static_cast<int>(level)));
    DOSSIER_RETURN_IF_ERROR(AppendAudit(c, impl_->Now(), actor.name, "confidentiality",
                                        row->summary.id,
                                        Details()
                                            .Set("from", static_cast<int>(before))
                                            .Set("to", static_cast<int>(level))
                                            .Set("reason", reason)
                                            .Json()));
    return Status::Ok();
  });
}

Status Repository::Void(const Actor& actor, std::string_view ref, const std::string& reason) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kManager, Role::kDirector, Role::kArchivist, Role::kAdmin},
                        "void a registration"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(reason, "reason", true));
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    if (row->summary.status == kStatusVoid)
      return Status::InvalidArgument(row->summary.number + " is already void");
    if (IsDisposalRecordType(row->summary.type)) {
      return Status::InvalidArgument(row->summary.number +
                                     " is a record of destruction: it is kept, never voided");
    }
    const Workflow* workflow = impl_->workflows->ForType(row->summary.type);
    if (workflow && row->summary.status != workflow->initial) {
      return Status::InvalidArgument(row->summary.number + " is past its draft (" +
                                     row->summary.status +
                                     "); only a draft registration can be voided");
    }
    DOSSIER_RETURN_IF_ERROR(c.SetDocumentStatus(row->summary.id, kStatusVoid));
    DOSSIER_RETURN_IF_ERROR(
        AppendAudit(c, impl_->Now(), actor.name, "void", row->summary.id,
                    Details().Set("number", row->summary.number).Set("reason", reason).Json()));
    return Status::Ok();
  });
}

}  // namespace dossier
