// The catalog layer: every SQL statement of the core lives here, so that a
// server database can replace SQLite without touching the rest.
//
// A Catalog wraps one connection; the CatalogPool lends connections to
// threads one at a time. Callers open transactions through Catalog and call
// the statement methods inside them.
#ifndef DOSSIER_CATALOG_CATALOG_H_
#define DOSSIER_CATALOG_CATALOG_H_

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/sqlite_db.h"
#include "dossier/archive.h"
#include "dossier/audit.h"
#include "dossier/disposal.h"
#include "dossier/document.h"
#include "dossier/identity.h"
#include "dossier/lifecycle.h"
#include "dossier/retention.h"
#include "dossier/search.h"
#include "dossier/user.h"
#include "search/term_lists.h"
#include "store/blob_store.h"

namespace dossier {

/// A documents row: the summary plus how its number was made.
struct DocumentRow {
  DocumentSummary summary;
  std::string number_scope;
  int64_t number_seq = 0;
  int round = 1;  // lifecycle round (see steps)
};

struct BlobRow {
  std::string sha256;
  uint64_t size = 0;
  uint64_t stored_size = 0;
  std::string encoding;
  std::string pack;  // '' for a loose file
  uint64_t pack_offset = 0;
};

struct RelationRow {
  std::string from_id;
  std::string kind;
  std::string to_id;
  std::string created_at;
  std::string created_by;
};

/// A document with the metadata of its newest version.
struct DocumentWithMetadata {
  DocumentRow row;
  std::string metadata_json;
};

/// A document related to `target_id` by some kind, with its metadata.
struct RelatedDocument {
  std::string target_id;
  DocumentWithMetadata source;
};

struct ScopeRow {
  std::string scope;
  std::string type;
  int64_t last = 0;
  bool recorded = true;  // false: documents are numbered in it but its sequence row is gone
};

class Catalog {
 public:
  explicit Catalog(std::unique_ptr<SqliteDb> db, SearchOptions search = {})
      : db_(std::move(db)), search_(search) {}

  /// A write transaction whose commit first brings the term lists in step
  /// with the index rows it changed (term_catalog.cpp).
  Result<Transaction> BeginWrite();
  Result<Transaction> BeginRead() { return Transaction::BeginRead(*db_); }
  SqliteDb& db() { return *db_; }
  /// The whole catalog as one consistent snapshot into a new database file
  /// `file` (SQLite's online backup; writers of other connections go on).
  Status CopyTo(const std::filesystem::path& file) { return db_->CopyTo(file); }

  // meta
  Result<std::optional<std::string>> GetMeta(const std::string& key);
  Status SetMeta(const std::string& key, const std::string& value);

  // users
  Status InsertUser(const User& user);
  Status UpdateUser(const User& user);
  Result<std::optional<User>> FindUser(const std::string& name);
  Result<std::vector<User>> ListUsers();

  // identity (identity_catalog.cpp): passwords, sessions, tokens, failed sign-ins
  struct PasswordRow {
    std::string hash;  // '' when none was set
    bool must_change = false;
    std::string set_at;  // ISO 8601 UTC; '' when none was set
  };
  Result<PasswordRow> GetPassword(const std::string& user);
  Status SetPassword(const std::string& user, const std::string& hash, bool must_change,
                     const std::string& at);
  struct SecondFactorRow {
    std::string totp_key;  // raw bytes
    std::string created_at;
    std::string confirmed_at;  // '' until a first code was typed
    int64_t last_step = 0;
  };
  Result<std::optional<SecondFactorRow>> GetSecondFactor(const std::string& user);
  /// Replaces any key of the user with a new, unconfirmed one.
  Status PutSecondFactor(const std::string& user, const std::string& totp_key,
                         const std::string& at);
  Status ConfirmSecondFactor(const std::string& user, const std::string& at, int64_t step);
  Status SetSecondFactorStep(const std::string& user, int64_t step);
  /// The key and the recovery codes; whether there was a key.
  Result<bool> DeleteSecondFactor(const std::string& user);
  Status ReplaceRecoveryCodes(const std::string& user, const std::vector<std::string>& code_hashes);
  /// Marks an unused code of the user used; whether there was one.
  Result<bool> UseRecoveryCode(const std::string& user, const std::string& code_hash,
                               const std::string& at);
  Result<int64_t> UnusedRecoveryCodes(const std::string& user);
  // signing keys (identity_catalog.cpp): this repository's and those it trusts
  struct KeyRow {
    std::string key_id;
    std::string public_key;  // 32 bytes
    std::string label;
    bool own = false;
    std::string added_at, added_by, removed_at;
  };
  /// Adds the key, or trusts a removed one again.
  Status InsertSigningKey(const KeyRow& key);
  Result<std::optional<KeyRow>> FindSigningKey(const std::string& key_id);
  Result<std::vector<KeyRow>> ListSigningKeys();
  Status RemoveSigningKey(const std::string& key_id, const std::string& at);
  struct SessionRow {
    std::string secret_hash;
    SessionInfo info;
  };
  Status InsertSession(const SessionRow& row);
  Result<std::optional<SessionRow>> FindSession(const std::string& secret_hash);
  Status TouchSession(const std::string& secret_hash, const std::string& at);
  Status DeleteSession(const std::string& secret_hash);
  /// Ends the sessions of `user` (all but `except_id` when given); returns how many.
  Result<int> DeleteSessionsOf(const std::string& user, const std::string& except_id);
  /// Ends the session of that public id if it is the user's (any user's when `user` is '').
  Result<int> DeleteSessionById(const std::string& id, const std::string& user);
  Result<std::vector<SessionInfo>> ListSessions(const std::string& user);
  /// Sessions created since `created_since` and used since `seen_since`.
  Result<int64_t> CountSessions(const std::string& created_since, const std::string& seen_since);
  /// Removes sessions created before `created_before` or unused since `seen_before`.
  Status PruneSessions(const std::string& created_before, const std::string& seen_before);
  Result<int64_t> InsertToken(const ApiToken& token, const std::string& secret_hash);
  Result<std::optional<ApiToken>> FindToken(const std::string& secret_hash);
  Result<std::optional<ApiToken>> FindTokenById(int64_t id);
  /// The tokens of `user`, or of everyone when `user` is ''.
  Result<std::vector<ApiToken>> ListTokens(const std::string& user);
  Status RevokeToken(int64_t id, const std::string& at);
  Status TouchToken(int64_t id, const std::string& at);
  Status InsertSignInFailure(const std::string& at, const std::string& user,
                             const std::string& address);
  struct FailureCounts {
    int user = 0;
    int address = 0;
  };
  /// Failures since `since` of that user name and from that address.
  Result<FailureCounts> CountSignInFailures(const std::string& since, const std::string& user,
                                            const std::string& address);
  /// Forgets failures older than `before`, and those of `user` (after a success) when given.
  Status PruneSignInFailures(const std::string& before, const std::string& user);

  // blobs
  Status InsertBlob(const BlobRow& blob);  // ignores an existing row
  Result<std::optional<BlobRow>> FindBlob(const std::string& sha256);
  Result<std::vector<BlobRow>> ListBlobs();

  // documents
  Status InsertDocument(const DocumentRow& row);
  Status UpdateDocumentHead(const std::string& id, const std::string& title, int current_version,
                            const std::string& dept, const std::string& counterparty,
                            const std::string& doc_date);
  Status SetDocumentStatus(const std::string& id, const std::string& status);
  Status SetDocumentState(const std::string& id, const std::string& status, int round);
  Status SetDocumentConfidentiality(const std::string& id, int level);
  Result<std::optional<DocumentRow>> FindDocumentById(const std::string& id);
  Result<std::optional<DocumentRow>> FindDocumentByNumber(const std::string& number);
  /// Ids starting with `prefix` (at most `limit`).
  Result<std::vector<std::string>> FindIdsByPrefix(const std::string& prefix, int limit);
  /// Documents matching the filter at or below `max_confidentiality`.
  Result<std::vector<DocumentRow>> ListDocuments(const ListFilter& filter, int max_confidentiality);
  /// How many documents match the filter (its limit and offset ignored).
  Result<int64_t> CountDocuments(const ListFilter& filter, int max_confidentiality);
  Status ForEachDocument(const std::function<Status(const DocumentRow&)>& fn);
  /// Documents of `type`, void ones left out, at or below `max_confidentiality`.
  Result<std::vector<DocumentWithMetadata>> ListWithMetadata(const std::string& type,
                                                             int max_confidentiality);
  /// Documents of `source_type` (void ones left out, at or below
  /// `max_confidentiality`) related by `kind` to a document of `target_type`.
  Result<std::vector<RelatedDocument>> ListRelatedWithMetadata(const std::string& kind,
                                                               const std::string& source_type,
                                                               const std::string& target_type,
                                                               int max_confidentiality);

  // versions
  Status InsertVersion(const std::string& doc_id, const Version& version);
  Result<std::optional<Version>> GetVersion(const std::string& doc_id, int number);
  Result<std::vector<Version>> ListVersions(const std::string& doc_id);
  Status ForEachVersion(const std::function<Status(const std::string& doc_id, const Version&)>& fn);

  // relations
  Status InsertRelation(const RelationRow& row);
  Result<bool> RelationExists(const std::string& from_id, const std::string& kind,
                              const std::string& to_id);
  Result<std::vector<RelationRow>> RelationsOf(const std::string& doc_id);
  Result<std::vector<RelationRow>> ListRelations();

  // lifecycle steps
  Status InsertStep(const std::string& doc_id, const LifecycleStep& step);
  Result<std::vector<LifecycleStep>> ListSteps(const std::string& doc_id);
  /// The state the document's last step led to; "" when it took none.
  Result<std::string> LastStepState(const std::string& doc_id);

  // distribution and resolutions
  Status InsertDistribution(const std::string& doc_id, const DistributionRecord& record);
  Result<std::vector<DistributionRecord>> ListDistributions(const std::string& doc_id);
  Status InsertResolution(const std::string& doc_id, const Resolution& resolution);
  /// Resolutions of documents at or below `max_confidentiality`, by due date.
  Result<std::vector<Resolution>> ListResolutions(const std::string& owner, bool open_only,
                                                  int max_confidentiality);
  Result<std::optional<Resolution>> FindResolution(const std::string& doc_id, int item);
  /// The resolutions of one minutes document, by item.
  Result<std::vector<Resolution>> ListResolutionsOf(const std::string& doc_id);
  /// Records a resolution as it stands, done or not (import).
  Status InsertResolutionAsIs(const std::string& doc_id, const Resolution& resolution);
  Status CompleteResolution(const std::string& doc_id, int item, const std::string& at,
                            const std::string& by, const std::string& note);

  // archive
  /// Records an archived piece and the clock of its class (the event's code and date).
  Status InsertArchive(const ArchiveRecord& record, const std::string& unit_id,
                       const std::string& code_scope, int64_t code_item,
                       const std::string& clock_event, const std::string& clock_start);
  /// Item number -> archival codes holding it, in one numbering scope.
  Result<std::map<int64_t, std::vector<std::string>>> ArchiveItemsInScope(const std::string& scope);
  Result<std::optional<ArchiveRecord>> FindArchive(const std::string& doc_id);
  /// Where an archive record sits: its unit and its 档号's numbering scope.
  struct ArchivePlacement {
    std::string unit_id;
    std::string code_scope;
    int64_t code_item = 0;
  };
  Result<std::optional<ArchivePlacement>> FindArchivePlacement(const std::string& doc_id);
  /// The unit (its main document's id) a document is archived in; "" if none.
  Result<std::string> UnitOf(const std::string& doc_id);
  /// The records of a unit's pieces, by piece number.
  Result<std::vector<ArchiveRecord>> ListArchiveUnit(const std::string& unit_id);

  // retention (retention_catalog.cpp, schemas/db/010_retention.sql)
  struct RetentionRow {
    DocumentRow doc;
    ArchiveRecord record;  // class, reason, code, piece, archive date
    std::string unit_id;
    std::string clock_event;
    std::string clock_start;
    std::string extended_until;
    bool transferred = false;
  };
  Result<std::optional<RetentionRow>> FindRetention(const std::string& doc_id);
  Status SetRetentionClass(const std::string& doc_id, const std::string& retention,
                           const std::string& reason, const std::string& clock_event,
                           const std::string& clock_start);
  Status SetExtendedUntil(const std::string& doc_id, const std::string& until);
  /// What may be due, per class: clocks of `clock_event` started on or
  /// before `latest` ("" for none), and clocks of another event or not set
  /// (the schedule changed since), which the caller computes again.
  struct ClassCutoff {
    std::string retention;
    std::string clock_event;
    std::string latest;
  };
  /// The archived documents (not transferred, not destroyed) that may be
  /// due under those cutoffs, in one pass over the archive in id order
  /// (reading a million records by index order cost random lookups).
  Status ForEachDueCandidate(const std::vector<ClassCutoff>& cutoffs,
                             const std::function<Status(RetentionRow&)>& fn);
  /// The date (YYYY-MM-DD) the document last entered one of `states`; "" if never.
  Result<std::string> LastEnteredState(const std::string& doc_id,
                                       const std::vector<std::string>& states);
  /// How many archived documents each retention class has, but for the
  /// classes in `skip` (not counted).
  Result<std::map<std::string, int64_t>> CountByRetentionClass(const std::set<std::string>& skip);
  Result<int64_t> InsertHold(const Hold& hold);
  Status ReleaseHold(int64_t id, const std::string& at, const std::string& by,
                     const std::string& reason);
  Result<std::optional<Hold>> FindHold(int64_t id);
  Result<std::vector<Hold>> ListHolds(bool active_only);
  /// The ids of the documents a file hold on `main_id` covers: the main
  /// document, the pieces archived in its unit, and those linked to it as
  /// amends, terminates or attachment-of.
  Result<std::vector<std::string>> FileMembers(const std::string& main_id);

  // disposal (disposal_catalog.cpp, schemas/db/011_disposal.sql)
  struct DisposalRow {
    std::string doc_id;
    std::string status;
    std::string as_of;
    std::string roles;  // JSON array of role codes
    std::string proposed_at, proposed_by;
    std::string decided_at, reject_by, reject_reason;
    std::string executed_at, executed_by;
    std::string certificate_id;
  };
  struct DisposalLineRow {
    int line = 0;
    std::string doc_id;
    std::string state;
    std::string note;
  };
  Status InsertDisposalList(const DisposalRow& row);
  Status UpdateDisposalList(const DisposalRow& row);
  Result<std::optional<DisposalRow>> FindDisposalList(const std::string& doc_id);
  /// Lists by proposal, oldest first; `status` "" for all.
  Result<std::vector<DisposalRow>> ListDisposalLists(const std::string& status);
  Status InsertDisposalLine(const std::string& list_id, const DisposalLineRow& line);
  Status SetDisposalLine(const std::string& list_id, int line, const std::string& state,
                         const std::string& note);
  Result<std::vector<DisposalLineRow>> ListDisposalLines(const std::string& list_id);
  /// How many listed (not taken off) lines of the list are at each marking.
  Result<std::map<Confidentiality, int>> ListedMarkings(const std::string& list_id);
  /// The state of one line ("" when there is no such line).
  Result<std::string> DisposalLineState(const std::string& list_id, int line);
  /// The open list (proposed, approved, executing) on which the document is listed; "" if none.
  Result<std::string> OpenDisposalListOf(const std::string& doc_id);
  Status InsertDisposalApproval(const std::string& list_id, const DisposalApproval& approval);
  Result<std::vector<DisposalApproval>> ListDisposalApprovals(const std::string& list_id);
  Status ClearDisposalApprovals(const std::string& list_id);
  struct DestroyedContent {
    int64_t files = 0;
    int64_t blobs = 0;
    uint64_t bytes = 0;
  };
  /// Destroys a document's content inside the caller's transaction: its
  /// rows leave the search index, its versions lose their metadata and
  /// files, content no kept version refers to is queued for removal from
  /// the store (blob_removals), its resolutions go; the document is marked
  /// destroyed with its residual record.
  Result<DestroyedContent> DestroyContent(const std::string& doc_id, const std::string& list_id,
                                          const std::string& at, const std::string& by);
  struct DestroyedRow {
    std::string list_id;
    std::string destroyed_at;
    std::string destroyed_by;
    uint64_t bytes = 0;
  };
  Result<std::optional<DestroyedRow>> FindDestroyed(const std::string& doc_id);
  /// Archive rows whose 'disposed' mark disagrees with the destroyed and
  /// transferred records, as "NUMBER: what".
  Result<std::vector<std::string>> CheckDisposedMarks();
  /// The ids of every destroyed document.
  Result<std::set<std::string>> ListDestroyed();
  struct BlobRemoval {
    BlobLocation location;
    std::string rewrite_to;
  };
  Result<std::vector<BlobRemoval>> ListBlobRemovals();
  Status SetPackRewrite(const std::string& pack, const std::string& rewrite_to);
  /// The blobs still kept in a pack, by offset.
  Result<std::vector<BlobRow>> BlobsInPack(const std::string& pack);
  Status MoveBlob(const std::string& sha256, const std::string& pack, uint64_t offset);
  /// Forgets the removals done: a loose blob's, or a whole pack's.
  Status DeleteBlobRemoval(const std::string& sha256);
  Status DeletePackRemovals(const std::string& pack);

  // circulation
  Result<int64_t> InsertLoan(const Loan& loan);
  Status ReturnLoan(int64_t id, const std::string& at, const std::string& by,
                    const std::string& note);
  /// A user's handover: the loan, the resolution, the seal request become another's.
  Status SetLoanBorrower(int64_t id, const std::string& borrower);
  Status SetResolutionOwner(const std::string& doc_id, int item, const std::string& owner);
  Status SetSealRequester(int64_t id, const std::string& requester);
  /// Loans not yet returned of one document.
  Result<std::vector<Loan>> OpenLoans(const std::string& doc_id);
  Result<std::vector<Loan>> ListLoans(bool out_only, int max_confidentiality);

  // seals
  Result<int64_t> InsertSealUse(const SealUse& use);
  Status UpdateSealUse(const SealUse& use);
  Result<std::optional<SealUse>> FindSealUse(int64_t id);
  Result<std::vector<SealUse>> ListSealUses(const SealFilter& filter, int max_confidentiality);

  // numbering
  /// Advances the scope's sequence and returns the new value (in the caller's transaction).
  Result<int64_t> NextSequence(const std::string& scope, const std::string& type);
  /// Makes the scope's next number come after `seq` (a number imported).
  Status ReserveSequence(const std::string& scope, const std::string& type, int64_t seq);
  Result<std::vector<ScopeRow>> ListScopes();
  /// Sequences of documents in a scope, with number and status.
  Result<std::vector<DocumentRow>> DocumentsInScope(const std::string& scope);

  // search (search_catalog.cpp)
  /// Records the text extracted from a blob (`size` bytes, zlib-compressed);
  /// false when the blob's text was recorded before (and is kept).
  Result<bool> InsertBlobText(const std::string& sha256, const std::string& kind,
                              const std::string& note, uint64_t size,
                              const std::string& compressed);
  /// Indexes a version just recorded (the newest one of its document):
  /// number and 档号, title, `meta` (metadata values) and its files' text.
  /// `body`, when given, must be exactly what the view search_current reads
  /// for the version (it spares reading back and inflating the text).
  Status IndexVersion(const std::string& doc_id, int version, const std::string& meta,
                      const std::string* body = nullptr);
  /// Re-reads number and 档号 of the document's newest version into the
  /// index (after archiving gave it a code).
  Status RefreshIndexedNumber(const std::string& doc_id);
  /// Empties the index (and the versions' rows) before a rebuild.
  Status ClearSearchIndex();
  /// The row of a version for the indexes, without indexing it (reindex).
  Status InsertSearchRow(const std::string& doc_id, int version, bool current,
                         const std::string& meta);
  /// Builds both indexes from their rows in one pass each, then merges
  /// each into one segment (smaller, and faster to search).
  Status RebuildSearchIndexes();
  /// Blobs referenced by a version that have no extracted text yet.
  Result<std::vector<BlobRow>> BlobsWithoutText();
  Result<std::vector<FileTextInfo>> FileTexts(const std::string& doc_id, int version);
  struct SearchRowHit {
    DocumentRow row;
    int64_t index_row = 0;
    int version = 0;
    double score = 0;
    bool history = false;  // found in the index of older versions
  };
  /// Whether the matches of a search must be checked one by one: filters,
  /// history, or documents above the actor's clearance in the catalog.
  Result<bool> SearchNeedsFilter(const SearchRequest& request, int max_confidentiality);
  /// Ranked matches of an FTS5 expression (or, when `fts` is empty, the
  /// documents passing the filters, newest first) the actor may see.
  /// `total`, when given, is set to the number of matches when the search
  /// counted them on its way (then CountSearch need not).
  Result<std::vector<SearchRowHit>> Search(const std::string& fts, const SearchRequest& request,
                                           int max_confidentiality, int64_t* total = nullptr);
  Result<int64_t> CountSearch(const std::string& fts, const SearchRequest& request,
                              int max_confidentiality);
  Result<std::string> Snippet(const std::string& fts, int64_t index_row, bool history);
  /// What a row of an index was made from (kIndexColumnsSql's order), or
  /// nullopt when there is no such row.
  Result<std::optional<std::array<std::string, 4>>> IndexRowColumns(int64_t index_row,
                                                                    bool history);
  // term lists (term_catalog.cpp, search/term_lists.h)
  /// Called before a row of search_index changes or leaves it, and after a
  /// row joins it: the lists are brought in step with the rows so noted
  /// when the write transaction commits.
  Status NoteIndexRowChanging(int64_t row);
  Status NoteIndexRowAdded(int64_t row);
  /// Builds the lists from search_index (by itself when the index has
  /// reached 5,000 rows or grown fourfold since the last build).
  Status RebuildTermLists();
  /// Lists built from rows' text rather than from the index, so that they
  /// can be built on another connection while this one builds the index
  /// (reindex), then stored.
  struct BuiltTermLists {
    TermIds ids;
    std::vector<TermList> lists;  // by id; none while the rows are too few for lists
    double avgdl0 = 0.0;
    int64_t rows0 = 0;
  };
  using RowVisitor =
      std::function<void(int64_t row, const std::string* columns[kIndexColumnCount])>;
  /// `each_row` calls its visitor for every row the index will hold, in
  /// row order, and is called twice.
  static Result<BuiltTermLists> BuildTermListsFromRows(
      const SearchOptions& search, const std::function<Status(const RowVisitor&)>& each_row);
  /// Replaces the lists (in the caller's write transaction).
  Status StoreTermLists(const BuiltTermLists& built);
  /// A version's columns for the index as the committed catalog gives them
  /// (search_rows' number and title, the files' text); `meta` is the
  /// caller's. nullopt when there is no such version.
  Result<std::optional<std::array<std::string, 4>>> VersionIndexColumns(const std::string& doc_id,
                                                                        int version,
                                                                        const std::string& meta);
  struct IndexTotals {
    int64_t rows = 0;
    double avgdl = 0.0;  // mean row size in tokens
  };
  /// FTS5's own count of an index's rows and tokens (search_index, or
  /// search_history): the numbers bm25 reads.
  Result<IndexTotals> SearchIndexTotals(bool history = false);
  struct TermListAnswer {
    int64_t df = 0;  // rows holding the term
    /// Its best rows (row, bm25 score: lower is better); nullopt when the
    /// list cannot vouch for them (the caller then ranks every match).
    std::optional<std::vector<std::pair<int64_t, double>>> top;
  };
  /// How many rows hold a listed term; nullopt when the term has no list.
  Result<std::optional<int64_t>> ListedTermCount(const std::string& term);
  /// For the query of one term: nullopt when the term has no list. With
  /// `keep`, the best of the rows it keeps (a search's filters).
  Result<std::optional<TermListAnswer>> SearchTermList(
      const std::string& term, int limit, const std::function<bool(int64_t)>& keep = {});
  /// Problems of the lists: each of a sample of listed terms is checked
  /// against the index (its count of rows, its best rows).
  Result<std::vector<std::string>> CheckTermLists();

  /// Documents whose number or archival code is exactly `text`.
  Result<std::vector<DocumentRow>> FindByNumberOrCode(const std::string& text,
                                                      int max_confidentiality);
  /// Problems of the index: versions not indexed, rows without a version,
  /// documents whose current row is wrong.
  Result<std::vector<std::string>> CheckSearchIndex();
  /// FTS5's own check that the index agrees with the text it was made from.
  /// A write statement to SQLite: run it outside a read transaction.
  Status CheckSearchIntegrity();

  // import (import_catalog.cpp, schemas/db/008_import.sql)
  Result<int64_t> InsertImport(const std::string& at, const std::string& by,
                               const std::string& source, const std::string& format,
                               int64_t documents);
  Status InsertProvenance(const std::string& doc_id, int64_t import_seq, const AuditEntry& entry);
  /// The audit entries a document came with from another repository.
  Result<std::vector<AuditEntry>> ListProvenance(const std::string& doc_id);
  Status ForEachProvenance(
      const std::function<Status(const std::string& doc_id, const AuditEntry&)>& fn);
  /// The highest sequence handed out in a scope; 0 for a scope never used.
  Result<int64_t> SequenceLast(const std::string& scope);
  /// True when an archival code already has that piece.
  Result<bool> ArchivePieceTaken(const std::string& archive_code, int piece);
  Status MarkNumberElsewhere(const std::string& scope, int64_t seq, int64_t import_seq);
  Status ClearNumberElsewhere(const std::string& scope, int64_t seq);
  Result<std::set<int64_t>> NumbersElsewhere(const std::string& scope);

  // ingest (import_catalog.cpp, schemas/db/019_ingested.sql)
  /// The documents (id, file name, number, title, confidentiality) whose
  /// versions hold a file of this content, the newest registration first.
  struct ContentHolder {
    std::string doc_id, file_name, number, title;
    int confidentiality = 0;
  };
  Result<std::vector<ContentHolder>> DocumentsHoldingContent(const std::string& sha256);
  /// The number of the document an ingest registered from this path and
  /// content, or nullopt.
  Result<std::optional<std::string>> FindIngested(const std::string& path,
                                                  const std::string& sha256);
  Status InsertIngested(const std::string& path, const std::string& sha256,
                        const std::string& doc_id, const std::string& at);

  // transfer (import_catalog.cpp, schemas/db/009_transfer.sql)
  Result<int64_t> InsertTransfer(const TransferRecord& record);
  Status MarkTransferred(const std::string& doc_id, int64_t transfer_seq);
  /// The transfer of a document, or nullopt; its numbers are those of the
  /// documents at or below `max_confidentiality`.
  Result<std::optional<TransferRecord>> FindTransferOf(const std::string& doc_id,
                                                       int max_confidentiality);

  // audit
  Result<std::optional<AuditEntry>> LastAudit();
  Result<std::optional<AuditEntry>> FindAudit(int64_t seq);
  Status InsertAudit(const AuditEntry& entry);
  /// The whole trail, or the entries about one object (links to it included).
  Result<std::vector<AuditEntry>> ListAudit(const std::optional<std::string>& object);
  /// Only the entries whose object is `object` (not links pointing at it).
  Result<std::vector<AuditEntry>> ListAuditOfObject(const std::string& object);
  Status ForEachAudit(const std::function<Status(const AuditEntry&)>& fn);

 private:
  Result<std::optional<DocumentRow>> FindDocument(const char* where, const std::string& value);
  Status FillFiles(const std::string& doc_id, Version& version);

  std::unique_ptr<SqliteDb> db_;
  SearchOptions search_;

  // The term lists' bookkeeping for the write transaction under way.
  struct TermNotes;
  struct TermNotesDeleter {
    void operator()(TermNotes* notes) const;
  };
  std::unique_ptr<TermNotes, TermNotesDeleter> term_notes_;
  TermNotes& Notes();
  Status FlushTermLists();
  /// temp.dossier_search_vocab and temp.dossier_chars_vocab: FTS5's rows
  /// per term of search_index and per character of search_index_chars.
  Status CreateVocabularies();
  // How a search may score its matches itself (dossier_match) instead of
  // by FTS5's bm25: how many rows hold each phrase, -1 for "the matches".
  struct ScoringPlan {
    std::vector<int64_t> df;
  };
  /// nullopt when FTS5 must score (the counts are not known).
  Result<std::optional<ScoringPlan>> PlanScoring(const std::string& fts);
  /// A search for an FTS5 expression other than one character.
  Result<std::vector<SearchRowHit>> SearchExpression(const std::string& fts,
                                                     const SearchRequest& request,
                                                     int max_confidentiality, int64_t* total);
  /// Whether an index row passes a search's filters; the first error met
  /// is kept in `*error` (the row then does not pass).
  std::function<bool(int64_t)> RowFilter(const SearchRequest& request, int max_confidentiality,
                                         Status* error);
  // one-character searches (character_search.cpp)
  Result<std::vector<SearchRowHit>> SearchCharacter(const std::string& character,
                                                    const std::string& fts,
                                                    const SearchRequest& request,
                                                    int max_confidentiality, int64_t* total);
  Result<int64_t> CountCharacterMatches(const std::string& character, const SearchRequest& request,
                                        int max_confidentiality);
  /// How many of the current rows the actor may not see match `match` in
  /// `index`; nullopt when they are too many to count one by one.
  Result<std::optional<int64_t>> HiddenMatches(const std::string& index, const std::string& match,
                                               int max_confidentiality);
  /// Rows of an index (the current versions' or the older ones') holding the character.
  Result<int64_t> CharacterRows(const std::string& character, bool history);
  /// The documents of index rows ranked by the caller, in that order.
  Result<std::vector<SearchRowHit>> HitsOfRows(const std::vector<std::pair<int64_t, double>>& rows,
                                               bool history);
};

/// Lends Catalogs (connections) to threads. Connections are opened on
/// demand and kept for reuse.
class CatalogPool {
 public:
  struct Returner {
    CatalogPool* pool;
    void operator()(Catalog* catalog) const { pool->Return(catalog); }
  };
  using Lease = std::unique_ptr<Catalog, Returner>;

  /// Connections to the catalog at `path`; read-only ones when `read_only`.
  explicit CatalogPool(std::filesystem::path path, bool read_only = false,
                       SearchOptions search = {})
      : path_(std::move(path)), read_only_(read_only), search_(search) {}
  ~CatalogPool();
  CatalogPool(const CatalogPool&) = delete;
  CatalogPool& operator=(const CatalogPool&) = delete;

  Result<Lease> Acquire();

 private:
  void Return(Catalog* catalog);

  std::filesystem::path path_;
  bool read_only_;
  SearchOptions search_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Catalog>> idle_;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_CATALOG_H_
