// What `verify` and `numbers check` report.
#ifndef DOSSIER_VERIFY_H_
#define DOSSIER_VERIFY_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace dossier {

struct IntegrityProblem {
  std::string kind;    // "blob", "version", "audit", "numbering", "metadata", "document"
  std::string object;  // what is affected: a hash, a document number, an audit seq
  std::string message;
};

/// A file in the store that the catalog does not refer to: content of a
/// write that was interrupted (killed, or the machine stopped), or of one
/// still in progress. Harmless to the repository's integrity, but space.
struct LeftoverFile {
  std::string path;  // below the repository folder
  uint64_t bytes = 0;
  std::string what;  // "unreferenced blob", "unreferenced pack", "temporary file"
};

/// What `dossier gc` does: remove the store's leftovers. Unreferenced blobs
/// and packs go at once (no writer can be between publishing and
/// committing while gc holds the store); temporary files only when older
/// than `keep_temporary`, as a running write may still be filling one.
struct GcOptions {
  bool dry_run = false;  // report what would go; remove nothing
  std::chrono::seconds keep_temporary{3600};
};

struct GcReport {
  std::vector<LeftoverFile> removed;  // or, for a dry run, that would be
  std::vector<LeftoverFile> kept;     // temporary files too young to be orphans
  uint64_t bytes = 0;                 // freed (or to be freed)
};

/// Where the audit trail stands: its last entry and that entry's hash. A
/// record printed with it (a destruction certificate, an archive catalogue)
/// can later be held against the trail and against checkpoints.
struct AuditHead {
  int64_t seq = 0;   // 0 for an empty trail
  std::string hash;  // "" for an empty trail
};

/// A signed statement that the audit trail reached entry `seq`, whose hash
/// was `head`, at `at`: kept outside the repository (a witness file on
/// another machine, an auditor's mailbox, write-once media), it shows later
/// whether the repository's history still extends it — a catalog rolled
/// back to an older, consistent copy, or rewritten with every hash
/// recomputed, does not. See docs/integrity.md.
struct Checkpoint {
  std::string at;         // UTC, ISO 8601
  int64_t seq = 0;        // the trail's last entry then (0: an empty trail)
  std::string head;       // its hash
  std::string key;        // Base64 of the signing key's 32 bytes
  std::string key_id;     // how people name that key
  std::string signature;  // Base64 of the Ed25519 signature
  /// The line a witness file holds: canonical JSON, no line break.
  std::string line;
};

/// What verify may leave out. Everything is checked by default.
struct VerifyOptions {
  /// FTS5's own integrity-check of the search index against the text it was
  /// made from: the slowest check (about 60% of a full verify of 10,000
  /// documents). A backup's copy leaves it out: its catalog is a
  /// page-for-page snapshot of one whose own verify checks it. Said in
  /// the report's not_checked when left out.
  bool search_index_integrity = true;
};

struct VerifyReport {
  int64_t blobs_checked = 0;
  int64_t versions_checked = 0;
  int64_t documents_checked = 0;
  int64_t audit_entries_checked = 0;
  std::vector<IntegrityProblem> problems;
  /// Checks that could not run here, and why (a read-only repository).
  std::vector<std::string> not_checked;
  /// Not problems: they do not make the report unclean.
  std::vector<LeftoverFile> leftovers;
  /// Work folders in TMPDIR (dossier-import-…, dossier-export-…) that killed
  /// processes left, this repository's or another's: not the repository's
  /// problem, but gc removes them too.
  std::vector<LeftoverFile> abandoned;
  bool clean() const { return problems.empty(); }
};

/// Numbering of one scope: the values of a template's fields other than the
/// sequence (e.g. "HT-2026-SW-{seq}").
struct NumberScopeReport {
  std::string type;
  std::string scope;
  int64_t last = 0;           // the highest sequence handed out
  int64_t assigned = 0;       // how many documents carry a number of this scope
  std::vector<int64_t> gaps;  // sequences in 1..last with no document
  /// Sequences an import skipped over: their documents are in the
  /// repository the package came from, not here. Not gaps.
  std::vector<int64_t> elsewhere;
  std::vector<std::string> duplicates;  // numbers held by more than one document
  std::vector<std::string> voids;       // voided numbers (kept, never reused)
  /// False when documents are numbered in the scope but its sequence row is
  /// gone (deleted by hand): the next number in it would collide.
  bool recorded = true;
};

}  // namespace dossier

#endif  // DOSSIER_VERIFY_H_
