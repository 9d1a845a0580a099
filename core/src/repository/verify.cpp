// verify, numbers check and the audit listing.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include "audit/audit_chain.h"
#include "audit/document_trail.h"
#include "audit/register_trail.h"
#include "dossier/repository.h"
#include "repository/digests.h"
#include "repository/leftovers.h"
#include "repository/repository_impl.h"
#include "repository/verify_registers.h"
#include "util/json_util.h"

namespace dossier {

namespace {

Status Replay(Catalog& c, std::map<std::string, DocumentTrail>& docs, std::set<std::string>& links,
              RegisterTrail& registers) {
  DOSSIER_RETURN_IF_ERROR(c.ForEachAudit([&](const AuditEntry& e) {
    if (ShapesRegisters(e.action)) ApplyToRegisters(e, registers);
    if (ShapesDocumentTrail(e.action)) ApplyToTrail(e, docs[e.object]);
    return Status::Ok();
  }));
  for (const auto& [id, trail] : docs) {
    for (const auto& link : trail.links) links.insert(id + " " + link);
  }
  return Status::Ok();
}

Status CheckBlobs(const BlobStore& store, const std::vector<BlobRow>& blobs,
                  std::vector<IntegrityProblem>& problems, const ProgressFn& progress) {
  // Reading and hashing is the slow part of verify: use every core.
  unsigned workers = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  std::vector<std::vector<IntegrityProblem>> found(workers);
  std::vector<Status> failures(workers);
  std::atomic<int64_t> done{0};
  std::atomic<unsigned> running{workers};
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      for (size_t i = w; i < blobs.size(); i += workers) {
        Status s = store.Check(LocationOf(blobs[i]), blobs[i].size);
        ++done;
        if (s.IsCorruption())
          found[w].push_back({"blob", blobs[i].sha256, s.message()});
        else if (!s.ok()) {
          failures[w] = s;
          break;
        }
      }
      --running;
    });
  }
  const auto total = static_cast<int64_t>(blobs.size());
  while (progress && running.load() > 0) {
    progress("blobs", done.load(), total);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (auto& t : threads) t.join();
  if (progress) progress("blobs", total, total);
  for (unsigned w = 0; w < workers; ++w) {
    DOSSIER_RETURN_IF_ERROR(failures[w]);
    problems.insert(problems.end(), found[w].begin(), found[w].end());
  }
  return Status::Ok();
}

Result<std::vector<NumberScopeReport>> NumberReports(Catalog& c) {
  auto scopes = c.ListScopes();
  if (!scopes.ok()) return scopes.status();
  std::vector<NumberScopeReport> reports;
  for (const auto& scope : *scopes) {
    NumberScopeReport r;
    r.type = scope.type;
    r.scope = scope.scope;
    r.last = scope.last;
    r.recorded = scope.recorded;
    std::map<int64_t, std::vector<std::string>> by_seq;
    if (scope.type == "archive") {
      // Archival codes (档号) live in the archives table, one per unit.
      auto items = c.ArchiveItemsInScope(scope.scope);
      if (!items.ok()) return items.status();
      by_seq = std::move(*items);
      r.assigned = static_cast<int64_t>(by_seq.size());
    } else {
      auto docs = c.DocumentsInScope(scope.scope);
      if (!docs.ok()) return docs.status();
      for (const auto& d : *docs) {
        by_seq[d.number_seq].push_back(d.summary.number);
        if (d.summary.status == kStatusVoid) r.voids.push_back(d.summary.number);
      }
      r.assigned = static_cast<int64_t>(docs->size());
    }
    auto elsewhere = c.NumbersElsewhere(scope.scope);
    if (!elsewhere.ok()) return elsewhere.status();
    for (int64_t s = 1; s <= r.last; ++s) {
      if (by_seq.count(s)) continue;
      if (elsewhere->count(s))
        r.elsewhere.push_back(s);
      else
        r.gaps.push_back(s);
    }
    for (const auto& [seq, numbers] : by_seq) {
      if (numbers.size() > 1 || seq > r.last || seq < 1) {
        for (const auto& n : numbers) r.duplicates.push_back(n);
      }
    }
    reports.push_back(std::move(r));
  }
  return reports;
}

// An archive record against what the trail gave it: the 档号, its place in
// the unit, when and by whom it was archived, when its clock started.
std::vector<std::string> ArchiveRecordDifferences(const Catalog::RetentionRow& r,
                                                  const DocumentTrail& trail) {
  const std::map<std::string, std::string> held = {{"archive_code", r.record.archive_code},
                                                   {"piece", std::to_string(r.record.piece)},
                                                   {"unit", r.unit_id},
                                                   {"archived_at", r.record.archived_at},
                                                   {"archived_by", r.record.archived_by},
                                                   {"clock_start", r.clock_start}};
  std::vector<std::string> out;
  for (const auto& [field, value] : trail.archive) {
    auto it = held.find(field);
    if (it != held.end() && it->second != value) {
      out.push_back("its archive record's " + field + " is '" + it->second +
                    "', the audit trail says '" + value + "'");
    }
  }
  return out;
}

// What lists and the ledger filter on, against what the metadata (which the
// version digest covers) gives.
std::vector<std::string> FacetDifferences(const DocumentSummary& d, const Facets& derived) {
  std::vector<std::string> out;
  for (const auto& [field, held, from_metadata] :
       {std::tuple<const char*, std::string, std::string>{"department", d.dept, derived.dept},
        {"counterparty", d.counterparty, derived.counterparty},
        {"date", d.doc_date, derived.date}}) {
    if (held != from_metadata) {
      out.push_back(std::string("its ") + field + " is '" + held + "', its metadata says '" +
                    from_metadata + "'");
    }
  }
  return out;
}

}  // namespace

Result<std::vector<NumberScopeReport>> Repository::CheckNumbers(const Actor& actor) const {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "check numbering"));
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto tx = (*catalog)->BeginRead();
  if (!tx.ok()) return tx.status();
  return NumberReports(**catalog);
}

Result<VerifyReport> Repository::Verify(const Actor& actor, const ProgressFn& progress) const {
  return Verify(actor, VerifyOptions{}, progress);
}

Result<VerifyReport> Repository::Verify(const Actor& actor, const VerifyOptions& options,
                                        const ProgressFn& progress) const {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "verify the repository"));
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto& c = **catalog;
  auto tx = c.BeginRead();  // one consistent snapshot
  if (!tx.ok()) return tx.status();
  VerifyReport report;
  auto& problems = report.problems;

  // 1. Every blob the catalog knows is present and hashes right.
  auto blobs = c.ListBlobs();
  if (!blobs.ok()) return blobs.status();
  std::set<std::string> known_blobs;
  for (const auto& b : *blobs) known_blobs.insert(b.sha256);
  DOSSIER_RETURN_IF_ERROR(CheckBlobs(*impl_->store, *blobs, problems, progress));
  report.blobs_checked = static_cast<int64_t>(blobs->size());
  {
    // What the store holds and the catalog does not refer to.
    auto files = impl_->store->ListFiles();
    if (!files.ok()) return files.status();
    for (const auto& l : FindLeftovers(*blobs, *files)) {
      report.leftovers.push_back(
          LeftoverFile{l.file.path.lexically_relative(impl_->root).string(), l.file.size, l.what});
    }
    auto abandoned = AbandonedWorkFolders();
    if (!abandoned.ok()) return abandoned.status();
    report.abandoned = std::move(*abandoned);
  }

  // 2. Every version's recorded digest matches its content; a destroyed
  //    document's versions keep their digests but hold no content.
  auto destroyed = c.ListDestroyed();
  if (!destroyed.ok()) return destroyed.status();
  std::map<std::string, std::map<int, Version>> versions;
  DOSSIER_RETURN_IF_ERROR(c.ForEachVersion([&](const std::string& doc_id, const Version& v) {
    ++report.versions_checked;
    if (destroyed->count(doc_id)) {
      if (!v.files.empty() || v.metadata_json != "{}") {
        problems.push_back({"destroyed", doc_id + "@" + std::to_string(v.number),
                            "version " + std::to_string(v.number) + " of destroyed document " +
                                doc_id + " still holds content"});
      }
    } else if (VersionDigest(doc_id, v) != v.digest) {
      problems.push_back(
          {"version", doc_id + "@" + std::to_string(v.number),
           "version " + std::to_string(v.number) + " of document " + doc_id +
               " does not match its recorded digest: its row or its files' rows were edited"});
    }
    for (const auto& f : v.files) {
      if (!known_blobs.count(f.sha256)) {
        problems.push_back({"version", doc_id + "@" + std::to_string(v.number),
                            "file '" + f.name + "' refers to blob " + f.sha256 +
                                " which the catalog does not hold"});
      }
    }
    Version light = v;
    light.metadata_json.clear();
    versions[doc_id][v.number] = std::move(light);
    return Status::Ok();
  }));

  // 3. The audit chain is whole, and the catalog agrees with what it says.
  auto audited = CheckAuditChain(c, problems);
  if (!audited.ok()) return audited.status();
  report.audit_entries_checked = *audited;
  std::map<std::string, DocumentTrail> expected;
  std::set<std::string> links;
  RegisterTrail registers;
  DOSSIER_RETURN_IF_ERROR(Replay(c, expected, links, registers));
  std::map<std::string, std::string> numbers_of;  // id -> number, of every document in the catalog

  if (progress) progress("documents", 0, 0);
  DOSSIER_RETURN_IF_ERROR(c.ForEachDocument([&](const DocumentRow& row) {
    ++report.documents_checked;
    if (progress && report.documents_checked % 1000 == 0)
      progress("documents", report.documents_checked, 0);
    const auto& d = row.summary;
    numbers_of[d.id] = d.number;
    auto problem = [&](const std::string& kind, const std::string& msg) {
      problems.push_back({kind, d.number, d.number + ": " + msg});
    };
    auto exp_it = expected.find(d.id);
    if (exp_it == expected.end() || !exp_it->second.registered) {
      problem("document", "no audit entry records its registration");
    } else {
      const auto& e = exp_it->second;
      if (e.number != d.number) problem("document", "the audit trail registered it as " + e.number);
      if (e.type != d.type)
        problem("document",
                "the audit trail registered it as type " + e.type + ", the catalog says " + d.type);
      if (e.confidentiality != static_cast<int>(d.confidentiality)) {
        problem("document",
                "its confidentiality differs from the last one the audit trail records");
      }
      if (e.void_ != (d.status == kStatusVoid))
        problem("document", "its void status differs from the audit trail");
      if (!e.void_ && e.status != d.status) {
        problem("document", "its state '" + d.status +
                                "' differs from the one the audit trail leads to ('" + e.status +
                                "')");
      }
      const auto& vs = versions[d.id];
      for (const auto& [n, digest] : e.version_digests) {
        auto it = vs.find(n);
        if (it == vs.end())
          problem("version",
                  "version " + std::to_string(n) + " is recorded in the audit trail but missing");
        else if (it->second.digest != digest)
          problem("version", "version " + std::to_string(n) +
                                 " differs from the one the audit trail recorded");
      }
      for (const auto& [n, v] : vs) {
        if (!e.version_digests.count(n))
          problem("version", "version " + std::to_string(n) + " has no audit entry");
      }
      // Its retention: the class and the extension the trail gave it (what decides when it may be
      // destroyed).
      auto kept = c.FindRetention(d.id);
      if (!kept.ok()) return kept.status();
      if (*kept && e.retention && (*kept)->record.retention != *e.retention) {
        problem("retention", "its retention class " + (*kept)->record.retention +
                                 " differs from the audit trail's " + *e.retention);
      }
      if (*kept && (*kept)->extended_until != e.extended_until) {
        problem("retention", "it is kept until '" + (*kept)->extended_until +
                                 "', the audit trail says '" + e.extended_until + "'");
      }
      if (*kept) {
        for (const auto& p : ArchiveRecordDifferences(**kept, e)) problem("retention", p);
      } else if (!e.archive.empty() && d.status != kStatusDestroyed) {
        problem("retention", "the audit trail archived it, but it has no archive record");
      }
      if (!e.created_by.empty() && e.created_by != d.created_by) {
        problem("document", "it was registered by " + e.created_by +
                                " as the audit trail says, the catalog says " + d.created_by);
      }
    }
    const auto& vs = versions[d.id];
    auto cur = vs.find(d.current_version);
    if (cur == vs.end() || vs.rbegin()->first != d.current_version) {
      problem("document",
              "its current version " + std::to_string(d.current_version) + " is not its newest");
    } else if (cur->second.title != d.title) {
      problem("document", "its title differs from its current version's");
    }
    if ((d.status == kStatusDestroyed) != (destroyed->count(d.id) > 0)) {
      problem("destroyed", d.status == kStatusDestroyed
                               ? "it is marked destroyed without a record of its destruction"
                               : "it has a record of destruction but is " + d.status);
    }
    const DocumentType* type = impl_->types->Find(d.type);
    if (type == nullptr) {
      problem("metadata", "its type '" + d.type + "' is not defined in config/types");
    } else if (d.status != kStatusDestroyed) {
      auto v = c.GetVersion(d.id, d.current_version);
      if (!v.ok()) return v.status();
      if (*v) {
        auto metadata = ParseJson((*v)->metadata_json, "metadata");
        Status s =
            metadata.ok() ? type->schema->Validate(*metadata, "its metadata") : metadata.status();
        if (!s.ok()) problem("metadata", s.message());
        if (metadata.ok()) {
          for (const auto& p : FacetDifferences(d, impl_->types->FacetsOf(*type, *metadata)))
            problem("document", p);
        }
      }
    }
    return Status::Ok();
  }));

  // Every document the trail registered is in the catalog (destroyed ones keep their row).
  for (const auto& [id, trail] : expected) {
    if (trail.registered && !numbers_of.count(id)) {
      problems.push_back({"document", trail.number,
                          trail.number + " (" + id +
                              ") is registered in the audit trail but missing from the catalog"});
    }
  }
  DOSSIER_RETURN_IF_ERROR(CheckRegisters(c, registers, expected, numbers_of, problems));

  auto relations = c.ListRelations();
  if (!relations.ok()) return relations.status();
  for (const auto& r : *relations) {
    std::string key = r.from_id + " " + r.kind + " " + r.to_id;
    if (!links.erase(key))
      problems.push_back({"relation", r.from_id, "relation " + key + " has no audit entry"});
  }
  for (const auto& key : links)
    problems.push_back({"relation", key, "relation " + key + " is in the audit trail but missing"});

  // 4. Numbering is unique and gap-free.
  auto numbers = NumberReports(c);
  if (!numbers.ok()) return numbers.status();
  for (const auto& r : *numbers) {
    if (!r.recorded) {
      std::string held;
      for (const auto& n : r.duplicates) held += (held.empty() ? "" : ", ") + n;
      problems.push_back({"numbering", r.scope,
                          "numbering scope " + r.scope + " has no sequence row though " +
                              std::to_string(r.assigned) + " document(s) are numbered in it (" +
                              held + "): the row was deleted, and the next number would collide"});
      continue;
    }
    for (int64_t gap : r.gaps) {
      problems.push_back(
          {"numbering", r.scope,
           "numbering scope " + r.scope + ": sequence " + std::to_string(gap) + " is missing"});
    }
    for (const auto& dup : r.duplicates) {
      problems.push_back(
          {"numbering", dup,
           "numbering scope " + r.scope + ": " + dup + " is duplicated or out of sequence"});
    }
  }

  // Provenance kept by imports still hashes as its repository chained it.
  DOSSIER_RETURN_IF_ERROR(c.ForEachProvenance([&](const std::string& doc_id, const AuditEntry& e) {
    if (AuditEntryHash(e) != e.hash) {
      problems.push_back({"provenance", doc_id,
                          "imported audit entry " + std::to_string(e.seq) + " of document " +
                              doc_id + " was altered"});
    }
    return Status::Ok();
  }));

  // The archive's own mark of what was destroyed or transferred agrees with their records
  // (what is due is found by that mark).
  auto disposed = c.CheckDisposedMarks();
  if (!disposed.ok()) return disposed.status();
  for (const auto& p : *disposed) problems.push_back({"retention", p.substr(0, p.find(':')), p});

  // 5. The search index holds every version, and agrees with their text.
  if (progress) progress("search index", 0, 0);
  auto search = c.search().CheckSearchIndex();
  if (!search.ok()) return search.status();
  for (const auto& p : *search)
    problems.push_back({"search", p.substr(0, p.find(':')), p + " (dossier reindex rebuilds it)"});
  auto lists = c.search().CheckTermLists();
  if (!lists.ok()) return lists.status();
  for (const auto& p : *lists)
    problems.push_back({"search", "term lists", p + " (dossier reindex rebuilds them)"});
  DOSSIER_RETURN_IF_ERROR(tx->Commit());
  if (!options.search_index_integrity) {
    report.not_checked.push_back(
        "the search index's own consistency (FTS5 integrity-check): left out by the caller (a "
        "backup's copy is a "
        "page-for-page snapshot of a catalog whose own verify checks it)");
  } else if (impl_->read_only) {
    // FTS5 runs its check as a write command, refused on a read-only catalog.
    report.not_checked.push_back(
        "the search index's own consistency (FTS5 integrity-check) needs a catalog that can be "
        "written");
  } else if (Status s = c.search().CheckSearchIntegrity(); !s.ok()) {
    if (s.code() != StatusCode::kCorruption && s.code() != StatusCode::kInternal) return s;
    problems.push_back({"search", "index",
                        "the search index disagrees with the text it was made from (" +
                            s.message() + "); dossier reindex rebuilds it"});
  }
  return report;
}

Result<std::vector<AuditEntry>> Repository::Audit(const Actor& actor,
                                                  std::optional<std::string_view> ref) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto& c = **catalog;
  if (!ref) {
    DOSSIER_RETURN_IF_ERROR(
        Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "read the whole audit trail"));
    return c.ListAudit(std::nullopt);
  }
  auto row = impl_->Resolve(c, actor, *ref);
  if (!row.ok()) return row.status();
  auto entries = c.ListAudit(row->summary.id);
  if (!entries.ok()) return entries.status();
  // A link names the document at its other end: one above the actor's
  // clearance leaves no trace here, as in every other view.
  std::vector<AuditEntry> shown;
  for (auto& e : *entries) {
    if (e.action == "link") {
      std::string other = e.object;
      if (other == row->summary.id) {
        auto details = ParseJsonObject(e.details_json, "audit entry " + std::to_string(e.seq));
        if (!details.ok()) return details.status();
        other = (*details)->optValue<std::string>("to", "");
      }
      auto end = c.FindDocumentById(other);
      if (!end.ok()) return end.status();
      if (!*end || !actor.CanSee((*end)->summary.confidentiality)) continue;
    }
    shown.push_back(std::move(e));
  }
  return shown;
}

}  // namespace dossier
