// Import: documents exported by another Dossier repository, registered here
// exactly as they were there. Every record is checked again by the core (a
// plugin read the package; the core trusts nothing it did not check), then
// contents are staged and published, and everything goes into the catalog
// in one transaction: a failed import leaves the repository as it was.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "audit/audit_chain.h"
#include "audit/document_trail.h"
#include "audit/register_trail.h"
#include "dossier/repository.h"
#include "integrity/record_signature.h"
#include "repository/digests.h"
#include "repository/repository_impl.h"
#include "util/file_util.h"
#include "util/json_util.h"
#include "util/sha256.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

bool IsDocumentId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// "2026-11-30T10:34:06.919Z" or without the fraction.
bool IsUtcTime(std::string_view t) {
  return t.size() >= 20 && IsIsoDate(t.substr(0, 10)) && t[10] == 'T' && t[13] == ':' &&
         t[16] == ':' && t.back() == 'Z';
}

// The record's state, marking and retention re-derived from the trail it
// carries, replayed as verify replays this repository's: a record cannot
// claim to be less archived, less secret or kept shorter than its own
// history says. (A signed record agrees by construction; this catches one
// that was edited on its own and accepted unsigned, or an exporter's error.)
Status CheckAgainstItsTrail(const ExportDocument& d) {
  DocumentTrail trail;
  for (const auto& e : d.audit) {
    if (e.object == d.summary.id) ApplyToTrail(e, trail);
  }
  if (!trail.registered) return Status::Ok();  // a record without its history: nothing to replay
  const auto& s = d.summary;
  std::string expected_status = trail.void_ ? "void" : trail.status;
  if (s.status != expected_status) {
    return Status::Corruption("its status '" + s.status +
                              "' is not the one its own audit trail leads to ('" + expected_status +
                              "')");
  }
  if (static_cast<int>(s.confidentiality) < trail.confidentiality) {
    return Status::Corruption("it is marked " +
                              std::string(ConfidentialityName(s.confidentiality)) +
                              ", below the marking its own audit trail gave it");
  }
  if (trail.retention && (!d.archive || d.archive->retention != *trail.retention)) {
    return Status::Corruption(
        "its retention class '" + (d.archive ? d.archive->retention : std::string("none")) +
        "' is not the one its own audit trail gave it ('" + *trail.retention + "')");
  }
  for (const auto& [n, digest] : trail.version_digests) {
    if (n < 1 || n > static_cast<int>(d.versions.size()) || d.versions[n - 1].digest != digest) {
      return Status::Corruption("its version " + std::to_string(n) +
                                " is not the one its own audit trail recorded");
    }
  }
  return Status::Ok();
}

// One record checked on its own: what it claims agrees with itself.
Status CheckRecord(const ExportDocument& d, const DocumentType& type,
                   const ScheduleSet& schedules) {
  const auto& s = d.summary;
  if (!IsDocumentId(s.id)) return Status::InvalidArgument("id '" + s.id + "' is not a document id");
  DOSSIER_RETURN_IF_ERROR(ValidateLine(s.title, "title", true));
  if (s.status.empty()) return Status::InvalidArgument("it has no status");
  if (!IsUtcTime(s.created_at))
    return Status::InvalidArgument("created_at '" + s.created_at + "' is not a UTC time");
  if (s.created_by.empty()) return Status::InvalidArgument("it names no registrant");
  if (d.number_scope.empty() || d.number_seq < 1)
    return Status::InvalidArgument("its numbering position is missing");
  if (d.versions.empty()) return Status::InvalidArgument("it has no versions");
  for (size_t i = 0; i < d.versions.size(); ++i) {
    const Version& v = d.versions[i];
    std::string which = "version " + std::to_string(v.number);
    if (v.number != static_cast<int>(i) + 1) {
      return Status::InvalidArgument("its versions are not numbered 1, 2, ... (found " + which +
                                     " in place " + std::to_string(i + 1) + ")");
    }
    if (v.parent < 0 || v.parent >= v.number)
      return Status::InvalidArgument(which + " has parent " + std::to_string(v.parent));
    DOSSIER_RETURN_IF_ERROR(ValidateLine(v.title, which + " title", true));
    if (v.author.empty() || !IsUtcTime(v.created_at)) {
      return Status::InvalidArgument(which + " lacks its author or a UTC time");
    }
    std::set<std::string> names;
    for (const auto& f : v.files) {
      DOSSIER_RETURN_IF_ERROR(ValidateStoredName(f.name).WithContext(which));
      if (!names.insert(f.name).second)
        return Status::InvalidArgument(which + " has two files named '" + f.name + "'");
      if (!IsSha256Hex(f.sha256))
        return Status::InvalidArgument(which + " file '" + f.name + "' has no SHA-256");
    }
    // The digest covers the id and every field of the version: a record
    // altered anywhere in the package stops here.
    if (VersionDigest(s.id, v) != v.digest) {
      return Status::Corruption(which + " does not match its digest: the record was altered");
    }
  }
  const Version& current = d.versions.back();
  if (s.current_version != current.number) {
    return Status::InvalidArgument("its current version " + std::to_string(s.current_version) +
                                   " is not its newest");
  }
  if (s.title != current.title)
    return Status::InvalidArgument("its title differs from its current version's");
  auto metadata = ParseJson(current.metadata_json, "metadata");
  if (!metadata.ok()) return metadata.status();
  DOSSIER_RETURN_IF_ERROR(type.schema->Validate(*metadata, "its metadata"));
  for (const auto& e : d.audit) {
    if (AuditEntryHash(e) != e.hash) {
      return Status::Corruption(
          "its audit entry " + std::to_string(e.seq) +
          " does not hash to the hash it carries: the provenance was altered");
    }
  }
  DOSSIER_RETURN_IF_ERROR(CheckAgainstItsTrail(d));
  for (const auto& t : d.steps) {
    if (t.action.empty() || t.to_state.empty() || t.round < 1) {
      return Status::InvalidArgument("a step of its workflow trail is incomplete");
    }
  }
  std::set<int> items;
  for (const auto& r : d.resolutions) {
    if (r.item < 1 || !items.insert(r.item).second || (r.status != "open" && r.status != "done")) {
      return Status::InvalidArgument("resolution " + std::to_string(r.item) + " is malformed");
    }
  }
  if (d.archive) {
    const auto& a = *d.archive;
    if (!schedules.Find(a.retention)) {
      return Status::InvalidArgument(
          "it is archived under retention class '" + a.retention +
          "', which this repository's retention schedules do not have (" + schedules.Codes() + ")");
    }
    if (a.archive_code.empty() || a.piece < 1 || !IsDocumentId(d.archive_unit_id) ||
        d.archive_code_scope.empty() || d.archive_code_item < 1) {
      return Status::InvalidArgument("its archive record is incomplete");
    }
  }
  return Status::Ok();
}

// Who vouches for a record, and the marking it gets here.
struct Provenance {
  bool trusted = false;  // signed by a key this repository trusts
  std::string key_id;    // the signing key, trusted or not; '' when unsigned
  Confidentiality marking = Confidentiality::kPublic;
};

// A record whose signature fails is refused whatever the importer says: it
// was altered. One unsigned, or signed by a key not trusted here, is taken
// only when the importer accepts it, and then never below 秘密: its marking
// is the one fact an attacker would most want to lower.
Result<Provenance> ProvenanceOf(Catalog& c, const ExportDocument& d, bool accept_unsigned) {
  auto signer = CheckRecordSignature(d);
  if (!signer.ok()) return signer.status();
  Provenance p;
  p.marking = d.summary.confidentiality;
  if (*signer) {
    p.key_id = KeyId(**signer);
    auto key = c.FindSigningKey(p.key_id);
    if (!key.ok()) return key.status();
    p.trusted = *key && (*key)->removed_at.empty() && (*key)->public_key == **signer;
  }
  if (p.trusted) return p;
  if (!accept_unsigned) {
    std::string why = p.key_id.empty() ? "it is not signed"
                                       : "it is signed by key " + p.key_id +
                                             ", which this repository does not trust";
    return Status::PermissionDenied(why +
                                    " ('dossier trust add' trusts the exporting repository's key; "
                                    "--accept-unsigned takes it marked at least 秘密)");
  }
  if (static_cast<int>(p.marking) < static_cast<int>(Confidentiality::kSecret))
    p.marking = Confidentiality::kSecret;
  return p;
}

// What the "import" audit entry records: enough for verify to replay the
// document's state as it does for "register".
Object::Ptr FieldsObject(const Fields& fields) {
  Object::Ptr o = new Object();
  for (const auto& [name, value] : fields) o->set(name, value);
  return o;
}

std::string ImportDetails(const ExportDocument& d, const Provenance& origin,
                          const ImportPackage& package, const std::string& clock_start) {
  Object::Ptr o = new Object();
  o->set("number", d.summary.number);
  o->set("type", d.summary.type);
  o->set("confidentiality", static_cast<int>(origin.marking));
  if (origin.marking != d.summary.confidentiality) {
    o->set("marked_in_package", std::string(ConfidentialityName(d.summary.confidentiality)));
  }
  if (origin.trusted) {
    o->set("signed_by", origin.key_id);
  } else {
    // Taken on the importer's word: what vouched for it, if anything.
    o->set("accepted_unsigned", true);
    if (!origin.key_id.empty()) o->set("signed_by_untrusted", origin.key_id);
  }
  o->set("status", d.summary.status);
  Object::Ptr digests = new Object();
  for (const auto& v : d.versions) digests->set(std::to_string(v.number), v.digest);
  o->set("digests", digests);
  Array::Ptr links = new Array();
  for (const auto& r : d.relations) {
    Object::Ptr l = new Object();
    l->set("kind", std::string(RelationCode(r.kind)));
    l->set("to", r.to_id);
    links->add(l);
  }
  o->set("links", links);
  o->set("source", package.source);
  o->set("format", package.format);
  o->set("provenance_entries", static_cast<int64_t>(d.audit.size()));
  if (d.archive) {  // what verify holds the archive row to
    o->set("retention", d.archive->retention);
    o->set("archive_code", d.archive->archive_code);
    o->set("piece", d.archive->piece);
    o->set("unit", d.archive_unit_id);
    o->set("archived_at", d.archive->archived_at);
    o->set("archived_by", d.archive->archived_by);
    o->set("clock_start", clock_start);
  }
  // The workflow steps it came with, as the package vouched for them.
  std::vector<Fields> steps;
  for (const auto& t : d.steps) steps.push_back(StepFields(t));
  o->set("steps_digest", StepsDigest(steps));
  // The copies and resolutions it came with, in full: later changes replay on them.
  Array::Ptr distributions = new Array();
  for (const auto& r : d.distributions) distributions->add(FieldsObject(DistributionFields(r)));
  o->set("distributions", distributions);
  Array::Ptr resolutions = new Array();
  for (const auto& r : d.resolutions) {
    auto row = FieldsObject(ResolutionFields(r));
    row->set("item", std::to_string(r.item));
    resolutions->add(row);
  }
  o->set("resolutions", resolutions);
  return CanonicalJson(Var(o));
}

}  // namespace

Result<ImportReport> Repository::Import(const Actor& actor, const ImportPackage& package,
                                        bool dry_run) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "import packages"));
  if (package.documents.empty())
    return Status::InvalidArgument(package.source + " holds no documents");

  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto& c = **catalog;

  // 1. Each record on its own, and the package as a whole: signed by a key
  // trusted here, or taken on the importer's word and marked at least 秘密.
  std::map<std::string, const ExportDocument*> by_id;
  std::map<std::string, Provenance> provenance;  // by id
  std::set<std::string> numbers;
  for (const auto& d : package.documents) {
    const auto& s = d.summary;
    std::string who = "document " + (s.number.empty() ? s.id : s.number) + " of " + package.source;
    DOSSIER_RETURN_IF_ERROR(ValidateText(s.number, "number", true).WithContext(who));
    auto origin = ProvenanceOf(c, d, package.accept_unsigned);
    if (!origin.ok()) return origin.status().WithContext(who);
    const DocumentType* type = impl_->types->Find(s.type);
    if (type == nullptr) {
      return Status::InvalidArgument(who + ": its type '" + s.type +
                                     "' is not defined in this repository (config/types)");
    }
    if (!actor.CanSee(origin->marking)) {
      return Status::PermissionDenied(who + " is marked " +
                                      std::string(ConfidentialityName(origin->marking)) +
                                      ", above " + actor.name + "'s clearance");
    }
    DOSSIER_RETURN_IF_ERROR(CheckRecord(d, *type, impl_->schedules).WithContext(who));
    if (!by_id.emplace(s.id, &d).second || !numbers.insert(s.number).second) {
      return Status::InvalidArgument(who + " is in the package twice");
    }
    provenance[s.id] = *origin;
  }

  // 2. Against this repository: nothing taken, every reference resolvable.
  auto check_against_catalog = [&]() -> Status {
    auto exists = [&](const std::string& id) -> Result<bool> {
      if (by_id.count(id)) return true;
      auto row = c.FindDocumentById(id);
      if (!row.ok()) return row.status();
      return row->has_value();
    };
    for (const auto& d : package.documents) {
      const auto& s = d.summary;
      auto same_id = c.FindDocumentById(s.id);
      if (!same_id.ok()) return same_id.status();
      if (*same_id) {
        return Status::AlreadyExists(s.number + " is already in this repository (as " +
                                     (*same_id)->summary.number + ")");
      }
      auto same_number = c.FindDocumentByNumber(s.number);
      if (!same_number.ok()) return same_number.status();
      if (*same_number)
        return Status::AlreadyExists("number " + s.number + " is already taken in this repository");
      for (const auto& r : d.relations) {
        auto there = exists(r.to_id);
        if (!there.ok()) return there.status();
        if (!*there) {
          return Status::InvalidArgument(
              s.number + " " + std::string(RelationCode(r.kind)) + " " + r.to_number +
              ", which is neither in the package nor in this repository");
        }
      }
      if (d.archive) {
        auto unit = exists(d.archive_unit_id);
        if (!unit.ok()) return unit.status();
        if (!*unit) {
          return Status::InvalidArgument(
              s.number + " belongs to archive unit " + d.archive->archive_code +
              ", whose main document is neither in the package nor here");
        }
        auto taken = c.ArchivePieceTaken(d.archive->archive_code, d.archive->piece);
        if (!taken.ok()) return taken.status();
        if (*taken) {
          return Status::AlreadyExists("archival code " + d.archive->archive_code + " piece " +
                                       std::to_string(d.archive->piece) +
                                       " is already taken in this repository");
        }
      }
    }
    return Status::Ok();
  };
  {
    auto tx = c.BeginRead();
    if (!tx.ok()) return tx.status();
    DOSSIER_RETURN_IF_ERROR(check_against_catalog());
  }

  // 3. Contents, each distinct one staged once and checked against its hash,
  // on every core (hashing, compressing and reading text is the slow part).
  struct Job {
    const ExportDocument* document;
    const Version* version;
    const FileEntry* file;
  };
  std::vector<Job> jobs;
  std::set<std::string> seen;
  ImportReport report;
  for (const auto& d : package.documents) {
    for (const auto& v : d.versions) {
      for (const auto& f : v.files) {
        if (!seen.insert(f.sha256).second) continue;
        jobs.push_back({&d, &v, &f});
        ++report.files;
        report.bytes += f.size;
      }
    }
  }
  std::vector<std::optional<StagedFile>> slots(jobs.size());
  std::vector<Status> failures(jobs.size(), Status::Ok());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      const Job& job = jobs[i];
      auto where = package.locate(*job.document, *job.version, *job.file);
      Status s = where.status();
      if (s.ok()) {
        auto one = where->bytes ? impl_->StageBytes(*where->bytes, job.file->name)
                                : impl_->StageFiles({FileInput{where->path, job.file->name}});
        s = one.status();
        if (s.ok() && (one->front().entry.sha256 != job.file->sha256 ||
                       one->front().entry.size != job.file->size)) {
          s = Status::Corruption("its content does not match the record's SHA-256 and size");
          impl_->DiscardFiles(*one);
        } else if (s.ok()) {
          slots[i] = std::move(one->front());
        }
      }
      if (!s.ok()) {
        failures[i] =
            s.WithContext(job.document->summary.number + " version " +
                          std::to_string(job.version->number) + " file '" + job.file->name + "'");
      }
    }
  };
  {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work);
    work();
    for (auto& w : workers) w.join();
  }
  StagedFiles staged;
  Status failed = Status::Ok();
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (slots[i]) staged.push_back(std::move(*slots[i]));
    if (!failures[i].ok() && failed.ok()) failed = failures[i];
  }
  if (!failed.ok()) {
    impl_->DiscardFiles(staged);
    return failed;
  }
  for (const auto& d : package.documents) {
    report.numbers.push_back(d.summary.number);
    report.versions += static_cast<int64_t>(d.versions.size());
  }
  report.documents = static_cast<int64_t>(package.documents.size());
  if (dry_run) {
    impl_->DiscardFiles(staged);
    return report;
  }

  // 4. Blobs durable first, then the catalog in one transaction.
  auto hold = impl_->PublishFiles(c, {&staged});
  if (!hold.ok()) return hold.status();
  auto tx = c.BeginWrite();
  if (!tx.ok()) return tx.status();
  // Checked again inside the transaction: another process may have
  // registered or imported the same since the read above.
  DOSSIER_RETURN_IF_ERROR(check_against_catalog());
  std::string now = impl_->Now();
  auto import_seq =
      c.InsertImport(now, actor.name, package.source, package.format, report.documents);
  if (!import_seq.ok()) return import_seq.status();
  auto fresh = impl_->InsertStagedBlobs(c, staged);
  if (!fresh.ok()) return fresh.status();

  // Scopes touched: their last sequence before, so that the numbers the
  // package skipped over are recorded as held elsewhere.
  std::map<std::string, std::pair<std::string, int64_t>> scopes;  // scope -> (type, last before)
  auto touch = [&](const std::string& scope, const std::string& type) -> Status {
    if (scopes.count(scope)) return Status::Ok();
    auto last = c.SequenceLast(scope);
    if (!last.ok()) return last.status();
    scopes[scope] = {type, *last};
    return Status::Ok();
  };
  // Documents first: archive records and relations refer to each other.
  for (const auto& d : package.documents) {
    DocumentRow row;
    row.summary = d.summary;
    row.summary.confidentiality = provenance[d.summary.id].marking;
    row.number_scope = d.number_scope;
    row.number_seq = d.number_seq;
    row.round = d.round;
    DOSSIER_RETURN_IF_ERROR(touch(d.number_scope, d.summary.type));
    DOSSIER_RETURN_IF_ERROR(c.InsertDocument(row).WithContext(d.summary.number));
    DOSSIER_RETURN_IF_ERROR(c.SetDocumentState(d.summary.id, d.summary.status, d.round));
  }
  for (const auto& d : package.documents) {
    const std::string& id = d.summary.id;
    for (const auto& v : d.versions) DOSSIER_RETURN_IF_ERROR(c.InsertVersion(id, v));
    for (const auto& t : d.steps) DOSSIER_RETURN_IF_ERROR(c.InsertStep(id, t));
    for (const auto& r : d.distributions) DOSSIER_RETURN_IF_ERROR(c.InsertDistribution(id, r));
    for (const auto& r : d.resolutions) DOSSIER_RETURN_IF_ERROR(c.InsertResolutionAsIs(id, r));
    for (const auto& e : d.audit) DOSSIER_RETURN_IF_ERROR(c.InsertProvenance(id, *import_seq, e));
    for (const auto& r : d.relations) {
      DOSSIER_RETURN_IF_ERROR(c.InsertRelation(
          RelationRow{id, std::string(RelationCode(r.kind)), r.to_id, r.created_at, r.created_by}));
    }
    DOSSIER_RETURN_IF_ERROR(c.ReserveSequence(d.number_scope, d.summary.type, d.number_seq));
    DOSSIER_RETURN_IF_ERROR(c.ClearNumberElsewhere(d.number_scope, d.number_seq));
    if (d.archive) {
      ArchiveRecord a = *d.archive;
      a.document_id = id;
      a.document_number = d.summary.number;
      DOSSIER_RETURN_IF_ERROR(touch(d.archive_code_scope, "archive"));
      // The clock is set below, once every document's workflow trail is in.
      DOSSIER_RETURN_IF_ERROR(c.InsertArchive(a, d.archive_unit_id, d.archive_code_scope,
                                              d.archive_code_item, "archive_date", ""));
      DOSSIER_RETURN_IF_ERROR(
          c.ReserveSequence(d.archive_code_scope, "archive", d.archive_code_item));
      DOSSIER_RETURN_IF_ERROR(c.ClearNumberElsewhere(d.archive_code_scope, d.archive_code_item));
    }
    // Every version into the search index, the newest last (it becomes current).
    for (const auto& v : d.versions) {
      auto metadata = ParseJson(v.metadata_json, "metadata");
      if (!metadata.ok()) return metadata.status();
      DOSSIER_RETURN_IF_ERROR(impl_->IndexVersion(c, id, v.number, *metadata));
    }
  }
  std::map<std::string, std::string> clocks;  // document id -> the start of its retention clock
  for (const auto& d : package.documents) {
    if (!d.archive) continue;
    const RetentionClass* cls = impl_->schedules.Find(d.archive->retention)->cls;
    auto clock =
        impl_->ClockStart(c, cls->starts, d.summary, d.archive_unit_id, d.archive->archived_at);
    if (!clock.ok()) return clock.status();
    DOSSIER_RETURN_IF_ERROR(
        c.SetRetentionClass(d.summary.id, d.archive->retention, d.archive->retention_reason,
                            std::string(RetentionEventCode(cls->starts)), *clock));
    clocks[d.summary.id] = *clock;
  }
  // Each document's entry once all of it is in, its clock included.
  for (const auto& d : package.documents) {
    const std::string& id = d.summary.id;
    DOSSIER_RETURN_IF_ERROR(AppendAudit(c, now, actor.name, "import", id,
                                        ImportDetails(d, provenance[id], package, clocks[id])));
  }
  for (const auto& [scope, before] : scopes) {
    const auto& [type, last_before] = before;
    auto last = c.SequenceLast(scope);
    if (!last.ok()) return last.status();
    std::set<int64_t> held;
    if (type == "archive") {
      auto items = c.ArchiveItemsInScope(scope);
      if (!items.ok()) return items.status();
      for (const auto& [item, codes] : *items) held.insert(item);
    } else {
      auto docs = c.DocumentsInScope(scope);
      if (!docs.ok()) return docs.status();
      for (const auto& row : *docs) held.insert(row.number_seq);
    }
    for (int64_t seq = last_before + 1; seq <= *last; ++seq) {
      if (!held.count(seq)) DOSSIER_RETURN_IF_ERROR(c.MarkNumberElsewhere(scope, seq, *import_seq));
    }
  }
  DOSSIER_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace dossier
