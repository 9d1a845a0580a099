// A Repository is one archive on disk: a SQLite catalog, a content store of
// SHA-256-addressed blobs, and its configuration (document types, numbering
// departments). It is the one entry point of the core: every front end (the
// CLI now, an HTTP server next) goes through it, and every rule (roles,
// confidentiality, numbering, audit) is enforced here, never in a front end.
//
// Layout of a repository folder:
//   catalog.db        SQLite catalog (WAL)
//   store/            content blobs, store/ab/cdef...
//   config/types/     document type definitions (JSON)
//   config/departments.json   department name -> code for numbers
//
// Thread safety: a Repository may be shared by many threads; every public
// method may be called concurrently. Several processes may open the same
// repository at once; writes are serialised by the catalog's transactions.
#ifndef DOSSIER_REPOSITORY_H_
#define DOSSIER_REPOSITORY_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/access.h"
#include "dossier/archive.h"
#include "dossier/audit.h"
#include "dossier/backup.h"
#include "dossier/clock.h"
#include "dossier/disposal.h"
#include "dossier/document.h"
#include "dossier/export.h"
#include "dossier/handover.h"
#include "dossier/identity.h"
#include "dossier/import.h"
#include "dossier/ingest.h"
#include "dossier/keys.h"
#include "dossier/ledger.h"
#include "dossier/lifecycle.h"
#include "dossier/retention.h"
#include "dossier/search.h"
#include "dossier/status.h"
#include "dossier/table_import.h"
#include "dossier/types.h"
#include "dossier/user.h"
#include "dossier/verify.h"

namespace dossier {

/// Called from the calling thread during long checks: what is being checked,
/// how many items are done, how many there are.
using ProgressFn = std::function<void(const std::string& phase, int64_t done, int64_t total)>;

/// What Init made that is shown once.
struct InitReport {
  std::string admin_name;                  // the first administrator
  std::string admin_password;              // the one it was given, or one generated
  bool admin_password_generated = false;   // then admin must change it at first sign-in
  std::filesystem::path signing_key_file;  // outside the repository
  std::string signing_key_id;
};

struct OpenOptions {
  std::shared_ptr<Clock> clock;                // null: the system clock
  uint64_t max_file_size = uint64_t{4} << 30;  // larger files are refused (4 GiB)
  SearchOptions search;                        // checked by Open and Init
};

class Repository {
 public:
  /// Creates a repository in `dir` (which must not exist or be empty), with
  /// the first user `admin_name` (role admin; a name of one's own leaves no
  /// well-known account to guess), readable by its owner alone (folders
  /// 0700, files 0600). Its password is `admin_password` (checked as any
  /// password is), or a generated one-time password that must be changed at
  /// first sign-in. Its exports are signed with the Ed25519 key in
  /// `signing_key` (default: "DIR.signing-key" beside it), made there unless
  /// the file already holds a key. Fails if `dir` holds anything.
  static Result<InitReport> Init(const std::filesystem::path& dir, const OpenOptions& options = {},
                                 const std::string& admin_password = "",
                                 const std::string& admin_name = "admin",
                                 const std::filesystem::path& signing_key = {});

  /// Opens an existing repository, applying pending catalog migrations.
  static Result<std::unique_ptr<Repository>> Open(const std::filesystem::path& dir,
                                                  const OpenOptions& options = {});

  ~Repository();
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  const std::filesystem::path& root() const;

  // --- Actors ------------------------------------------------------------
  /// The active user of that name, as an Actor. NotFound if there is none.
  Result<Actor> ActorFor(std::string_view user_name) const;
  /// Admin only. Clearance defaults to the role's; the department, if
  /// given, is a name of config/departments.json.
  Status AddUser(const Actor& actor, const std::string& name, Role role,
                 std::optional<Confidentiality> clearance, const std::string& department = "");
  /// Admin only: change role, clearance or department ("" for none), or deactivate.
  Status UpdateUser(const Actor& actor, const std::string& name, std::optional<Role> role,
                    std::optional<Confidentiality> clearance, std::optional<bool> active,
                    std::optional<std::string> department = std::nullopt);
  Result<std::vector<User>> ListUsers(const Actor& actor) const;
  /// The language NAME reads Dossier in: "zh", "en", or "" for the default.
  /// Users set their own; an admin anyone's. Audited.
  Status SetUserLanguage(const Actor& actor, const std::string& name, const std::string& language);
  /// Admin only: what NAME holds (handover.h). Deactivating a user with
  /// anything held is refused (UpdateUser names it all).
  Result<UserObligations> ObligationsOf(const Actor& actor, const std::string& name) const;
  /// Admin only: deactivates NAME, first handing what they hold to
  /// `handover_to` — their loans, open resolutions and seal requests become
  /// that user's; reviews only they could give must be that user's to give.
  /// Refused, changing nothing, when the other user is inactive, lacks the
  /// clearance for a lent document or cannot give a review. One transaction;
  /// audited ("user.handover", then "user.update").
  Status DeactivateUser(const Actor& actor, const std::string& name,
                        const std::string& handover_to);

  // --- Identity (identity.h) ------------------------------------------------
  /// Sets NAME's password (an admin for anyone, a user for themselves) and
  /// ends NAME's sessions. A temporary password must be changed at the next
  /// sign-in. Audited ("user.passwd").
  Status SetPassword(const Actor& actor, const std::string& name, const std::string& password,
                     bool temporary);
  /// A signed-in user changes their own password, giving the current one;
  /// their other sessions end (`keep_session` stays).
  Status ChangeOwnPassword(const Actor& actor, const std::string& current,
                           const std::string& password, const std::string& keep_session);
  /// Checks the password and opens a session. An unknown user, a wrong
  /// password and an inactive account get the same Unauthenticated answer
  /// in about the same time; past the lockout limits (server.json),
  /// TooManyAttempts until the window passes. A user with a second factor
  /// whose password is right is asked for `code` (Unauthenticated with field
  /// "/code"); a wrong code counts as a failed sign-in. Audited: "sign-in",
  /// "sign-in.failed", "sign-in.lockout", "sign-in.recovery-code".
  Result<SignedIn> SignIn(const SignInRequest& request);
  /// A new authenticator key for the actor's own account, after their
  /// password again (whoever finds a session open must not add a factor).
  /// Refused while one is enabled: remove it first.
  Result<SecondFactorEnrolment> BeginSecondFactor(const Actor& actor, const std::string& password);
  /// The first code from the new key: from now on a code is asked for at
  /// sign-in. Returns ten recovery codes, shown this once.
  Result<std::vector<std::string>> ConfirmSecondFactor(const Actor& actor, const std::string& code);
  /// Ten new recovery codes replacing the old ones (the password again).
  Result<std::vector<std::string>> NewRecoveryCodes(const Actor& actor,
                                                    const std::string& password);
  /// Removes the second factor of `name`: one's own with the password, or
  /// anyone's by an admin (a lost phone; their sessions end).
  Status RemoveSecondFactor(const Actor& actor, const std::string& name,
                            const std::string& password);
  /// Whether `name` (oneself, or anyone for an admin) has a second factor.
  Result<SecondFactorStatus> SecondFactorOf(const Actor& actor, const std::string& name) const;
  /// The session a cookie's secret names, if it is still valid (its idle
  /// clock restarts); Unauthenticated otherwise.
  Result<Credential> AuthenticateSession(std::string_view secret) const;
  /// Ends the session of that secret (audited, "sign-out").
  Status SignOut(std::string_view secret);
  /// The actor's valid sessions; the one of id `current_id` is marked.
  Result<std::vector<SessionInfo>> Sessions(const Actor& actor,
                                            const std::string& current_id) const;
  /// Ends one of the actor's sessions (an admin: anyone's). Audited ("session.end").
  Status EndSession(const Actor& actor, const std::string& id);
  /// Ends every session of NAME (an admin, or NAME themselves): a lost
  /// laptop, a departure. Returns how many ended. Audited ("session.end").
  Result<int> EndSessionsOf(const Actor& actor, const std::string& name);
  /// A token for scripts: for the actor, or (admin) for another user;
  /// expiring within a year. Its secret is in the result only. Audited.
  Result<NewApiToken> CreateToken(const Actor& actor, const TokenRequest& request);
  /// The actor's tokens; an admin's: `user`'s, or everyone's for "".
  Result<std::vector<ApiToken>> Tokens(const Actor& actor, const std::string& user) const;
  /// Revokes a token (its owner or an admin). Audited ("token.revoke").
  Status RevokeToken(const Actor& actor, int64_t id);
  /// The token a secret ("dst_...") names, if valid and not expired.
  Result<Credential> AuthenticateToken(std::string_view secret) const;
  /// How many sessions are open (not ended, not expired), for monitoring.
  Result<int64_t> OpenSessionCount() const;
  /// config/server.json's session and lockout settings.
  SessionSettings SessionConfig() const;

  // --- Types ---------------------------------------------------------------
  std::vector<DocumentTypeInfo> Types() const;
  /// The IANA time zone people see times in (config/locale.json, default
  /// Asia/Shanghai). Times are stored in UTC; front ends convert for display.
  const std::string& TimeZone() const;

  // --- Configuration (config/) ----------------------------------------------
  /// The text of config/PATH ("templates/contract.json", "pdf.json"), or the
  /// built-in default when the repository has no such file. PATH must stay
  /// inside config/.
  Result<std::string> ConfigText(std::string_view path) const;
  /// The file names in config/FOLDER and among the built-in defaults of
  /// FOLDER, sorted, each once.
  std::vector<std::string> ConfigFiles(std::string_view folder) const;
  /// True when config/PATH exists in the repository (it overrides the default).
  bool HasOwnConfig(std::string_view path) const;

  // --- Documents -----------------------------------------------------------
  /// Validates metadata against the type's schema, stores the files, assigns
  /// the number, and records version 1, all or nothing.
  Result<Document> Register(const Actor& actor, const NewDocument& doc);
  /// The other documents the actor may see that hold a file of the same
  /// content as one of `ref`'s current files: a scan registered twice.
  Result<std::vector<SameContent>> FindSameContent(const Actor& actor, std::string_view ref) const;
  /// Adds a version on top of the newest one.
  Result<Version> AddVersion(const Actor& actor, std::string_view ref, const VersionChange& change);
  /// REF is a document number, a document id, or a unique id prefix (8+ chars).
  Result<Document> Get(const Actor& actor, std::string_view ref) const;
  Result<std::vector<Version>> History(const Actor& actor, std::string_view ref) const;
  Result<VersionDiff> Diff(const Actor& actor, std::string_view ref, int from, int to) const;
  /// Writes the files of a version (0: newest) into `out_dir`, verifying each
  /// blob; returns the paths written. Never writes outside `out_dir`.
  Result<std::vector<std::filesystem::path>> CheckOut(const Actor& actor, std::string_view ref,
                                                      int version,
                                                      const std::filesystem::path& out_dir) const;
  /// Which bytes of a file to send, decided once its entry (size) is known.
  struct ByteSpan {
    uint64_t offset = 0;
    uint64_t length = 0;
  };
  using FilePlanFn = std::function<Result<ByteSpan>(const FileEntry& file)>;
  using FileSinkFn = std::function<Status(const char* data, size_t size)>;
  /// Streams one file of a version (0: the newest) to `sink`: the bytes
  /// `plan` chooses once it knows the file. A 秘密/机密 document's download is
  /// audited. NotFound naming the file when the version has none of that name.
  Status ReadFile(const Actor& actor, std::string_view ref, int version, const std::string& name,
                  const FilePlanFn& plan, const FileSinkFn& sink) const;
  Result<std::vector<DocumentSummary>> List(const Actor& actor, const ListFilter& filter) const;
  /// How many documents the actor may see match the filter (for paging).
  Result<int64_t> Count(const Actor& actor, const ListFilter& filter) const;
  /// Records `ref` --kind--> `target`.
  Status Link(const Actor& actor, std::string_view ref, RelationKind kind, std::string_view target);
  /// Changes the confidentiality level (manager, director, archivist, admin;
  /// never above the actor's own clearance).
  Status SetConfidentiality(const Actor& actor, std::string_view ref, Confidentiality level,
                            const std::string& reason);
  /// Voids a registration: the number is recorded as void and never reused.
  Status Void(const Actor& actor, std::string_view ref, const std::string& reason);

  // --- Lifecycle (config/workflows) -------------------------------------------
  /// The document's state, the actions the actor may take now, its steps.
  Result<LifecycleState> Lifecycle(const Actor& actor, std::string_view ref) const;
  /// Takes an action of the document's workflow. Refused, saying why and
  /// which actions are allowed, when the actor's role may not take it, its
  /// guard does not hold, a reviewer would approve their own document, or
  /// data or a comment it needs is missing. Each step is an audit entry.
  Result<LifecycleState> Transition(const Actor& actor, std::string_view ref,
                                    const TransitionRequest& request);
  /// Documents waiting for the actor: reviews their role may give, and the
  /// next steps of documents they registered.
  Result<std::vector<PendingItem>> Pending(const Actor& actor) const;

  /// Records copies of a signed contract (or agreement) given to recipients
  /// (副本分发): clerk, manager, director, once the document is signed.
  Status Distribute(const Actor& actor, std::string_view ref,
                    const std::vector<std::string>& recipients, const std::string& note);
  Result<std::vector<DistributionRecord>> Distributions(const Actor& actor,
                                                        std::string_view ref) const;

  /// Resolutions of the minutes the actor may see, with their status today.
  Result<std::vector<Resolution>> Resolutions(const Actor& actor,
                                              const ResolutionFilter& filter) const;
  /// Marks resolution `item` of the minutes done: its owner, a manager or a director.
  Status CompleteResolution(const Actor& actor, std::string_view minutes_ref, int item,
                            const std::string& note);

  // --- Archive (archive.h) ---------------------------------------------------
  /// What the document's file holds and what it still lacks.
  Result<ContractFile> File(const Actor& actor, std::string_view ref) const;
  /// Archivist: archives the document with its whole file as one unit.
  /// Refused, naming what is missing, unless the file is complete and every
  /// piece has finished its workflow.
  Result<std::vector<ArchiveRecord>> Archive(const Actor& actor, std::string_view ref,
                                             const ArchiveRequest& request);
  /// The unit (档号) an archived document belongs to, with all its pieces.
  Result<ArchiveUnit> ArchiveUnitOf(const Actor& actor, std::string_view ref) const;
  /// The archive record of an archived document, or nullopt.
  Result<std::optional<ArchiveRecord>> ArchiveInfo(const Actor& actor, std::string_view ref) const;

  /// Archivist: records that archived documents were transferred (移交) to
  /// `recipient` in `packages`: one transaction, a "transfer" audit entry per
  /// document. Refused, naming the document, for one not archived or
  /// already transferred. With `check_only`, checks all of that and writes
  /// nothing (done before the packages are made).
  Result<TransferRecord> RecordTransfer(const Actor& actor, const std::vector<std::string>& refs,
                                        const std::string& recipient, const std::string& note,
                                        const std::vector<std::string>& packages,
                                        bool check_only = false);
  /// The transfer that handed the document over, or nullopt.
  Result<std::optional<TransferRecord>> TransferOf(const Actor& actor, std::string_view ref) const;

  // --- Retention (retention.h) --------------------------------------------------
  /// The schedules in force (schemas/retention, replaced by config/retention).
  std::vector<RetentionSchedule> RetentionSchedules() const;
  /// Where an archived document stands: its class, clock, disposition date
  /// and the holds covering it. InvalidArgument for one not archived.
  Result<RetentionStatus> Retention(const Actor& actor, std::string_view ref) const;
  /// Archivist: changes the class of an archived document, with a reason;
  /// its clock restarts from the new class's event. Audited ("retention").
  Result<RetentionStatus> SetRetentionClass(const Actor& actor, std::string_view ref,
                                            const std::string& cls, const std::string& reason);
  /// Archivist: keeps a document until a later date after a review (鉴定
  /// 延长保管期限). Audited ("retention-extend").
  Result<RetentionStatus> ExtendRetention(const Actor& actor, std::string_view ref,
                                          const std::string& until, const std::string& reason);
  /// Archivist, legal, director or admin: the archived documents whose
  /// disposition falls due by as_of + within_days, by action, held or not.
  Result<DueReport> RetentionDue(const Actor& actor, const DueQuery& query) const;
  /// Archivist, legal or director: places a hold (audited, "hold").
  Result<Hold> PlaceHold(const Actor& actor, const HoldRequest& request);
  /// Archivist, legal or director: releases an active hold (audited, "hold-release").
  Result<Hold> ReleaseHold(const Actor& actor, int64_t id, const std::string& reason);
  /// Archivist, legal, director or admin: holds on what the actor may see.
  Result<std::vector<Hold>> Holds(const Actor& actor, bool include_released) const;

  // --- Disposal (disposal.h) ------------------------------------------------------
  /// config/disposal.json.
  DisposalConfig DisposalSettings() const;
  /// Archivist: a destruction list of what is due by as_of for destruction,
  /// not held and on no other open list (or of the documents named: due,
  /// for destruction or review, and free). Registered as a document of its
  /// own (destruction-list); audited ("disposal-propose").
  Result<DisposalList> ProposeDisposal(const Actor& actor, const DisposalProposal& proposal);
  /// Archivist: takes a document off a proposed list with a reason, kept
  /// until `keep_until` when given; sign-offs given so far are cleared.
  Result<DisposalList> RemoveDisposalLine(const Actor& actor, std::string_view list,
                                          std::string_view ref, const std::string& reason,
                                          const std::string& keep_until);
  /// A required role signs the list: each role once, each by another
  /// person, never the proposer. The last sign-off approves it.
  Result<DisposalList> ApproveDisposal(const Actor& actor, std::string_view list,
                                       const std::string& comment);
  /// A required role (not the proposer) rejects the list with a reason.
  Result<DisposalList> RejectDisposal(const Actor& actor, std::string_view list,
                                      const std::string& reason);
  /// Archivist: executes an approved list (or finishes one a crash
  /// interrupted): each line re-checked (due today, not held, not
  /// transferred) and destroyed or skipped in its own transaction, the
  /// content nothing kept refers to removed from the store, a destruction
  /// certificate registered.
  Result<DisposalOutcome> ExecuteDisposal(const Actor& actor, std::string_view list,
                                          const DisposalProgressFn& progress = nullptr);
  /// Archivist: finishes what an interrupted execution left: content still
  /// queued for removal, lists still executing. Returns what it finished.
  Result<std::vector<DisposalOutcome>> FinishDisposals(const Actor& actor);
  Result<DisposalList> Disposal(const Actor& actor, std::string_view list) const;
  /// The lists the actor may see, oldest first; `status` "" for all.
  Result<std::vector<DisposalList>> DisposalLists(const Actor& actor,
                                                  const std::string& status) const;
  /// The residual record of a destroyed document (list, when, by whom), or nullopt.
  Result<std::optional<DestructionRecord>> DestructionOf(const Actor& actor,
                                                         std::string_view ref) const;

  // --- Circulation (archive.h) --------------------------------------------------
  /// Archivist, manager or director lends a document (its file, or its paper
  /// original: one loan of an original at a time) to a user who may see it.
  Result<Loan> Lend(const Actor& actor, std::string_view ref, const LoanRequest& request);
  /// Records the return of the open loan of `ref` (to `borrower` when several are out).
  Result<Loan> Return(const Actor& actor, std::string_view ref, const std::string& borrower,
                      const std::string& note);
  /// Loans of documents the actor may see, newest first.
  Result<std::vector<Loan>> Loans(const Actor& actor, const LoanFilter& filter) const;

  // --- Seal register (archive.h; seals in config/seals.json) ------------------
  Result<SealUse> RequestSeal(const Actor& actor, std::string_view ref, const std::string& seal,
                              const std::string& purpose);
  /// The seal's keeper role decides; never the requester.
  Result<SealUse> DecideSeal(const Actor& actor, int64_t use, bool approve,
                             const std::string& comment);
  /// Records the use (requester or keeper), then the seal's return (keeper).
  Result<SealUse> UseSeal(const Actor& actor, int64_t use);
  Result<SealUse> ReturnSeal(const Actor& actor, int64_t use);
  /// The register, by seal and period, of documents the actor may see.
  Result<std::vector<SealUse>> SealRegister(const Actor& actor, const SealFilter& filter) const;

  // --- Contract ledger (ledger.h) ----------------------------------------------
  /// The contracts the actor may see, with amendments and performance, and
  /// statistics grouped as the query asks. Reads only.
  Result<Ledger> ContractLedger(const Actor& actor, const LedgerQuery& query) const;

  // --- Search (search.h) --------------------------------------------------------
  /// Ranked matches of the query among what the actor may see, with
  /// snippets; InvalidArgument for a malformed query, naming the problem.
  Result<SearchResult> Search(const Actor& actor, const SearchRequest& request) const;
  /// Archivist or admin: rebuilds the search index from the catalog, first
  /// reading the text of stored files never read (progress: phase, done, total).
  Status Reindex(const Actor& actor, const ProgressFn& progress = nullptr);
  /// What the index could read of each file of a version (0: the newest).
  Result<std::vector<FileTextInfo>> FileTexts(const Actor& actor, std::string_view ref,
                                              int version) const;

  // --- Export (export.h) -----------------------------------------------------------
  /// The documents of a selection that the actor may see: the references in
  /// the order given (NotFound naming one that is not there), else the
  /// filters' result in number order.
  Result<std::vector<DocumentSummary>> ExportSelectionOf(const Actor& actor,
                                                         const ExportSelection& selection) const;
  /// The table asked for (the ledger: its rows, then one table per
  /// statistic). Each 秘密/机密 document among the rows is audited as exported.
  Result<std::vector<Table>> ExportTables(const Actor& actor, const TableRequest& request,
                                          const ExportPurpose& purpose) const;
  /// Audits each 秘密/机密 document of the selection as exported, then visits
  /// every document, one at a time. Returns how many were visited.
  Result<int64_t> ExportDocuments(const Actor& actor, const ExportSelection& selection,
                                  const ExportPurpose& purpose, const ExportVisitor& visit) const;

  /// Archivist or admin: registers the documents of a package exported by
  /// another repository, exactly (ids, numbers, versions, authors, times,
  /// hashes, relations, workflow trail, archive records), keeping their
  /// audit entries as provenance; one "import" audit entry per document.
  /// All or nothing; refused, naming the document and the reason, when a
  /// record does not check out or collides with what is here. Each record
  /// must carry a valid signature by a trusted key; one that is unsigned or
  /// signed by a key not trusted here is taken only with
  /// `package.accept_unsigned`, then marked at least 秘密. With
  /// `dry_run`, checks everything and writes nothing.
  Result<ImportReport> Import(const Actor& actor, const ImportPackage& package,
                              bool dry_run = false);

  /// Registers the rows of a legacy table as documents of one type, as
  /// `Register` would one by one (numbers, initial state, audit), checking
  /// every row first; see table_import.h for what is written when.
  Result<TableImportReport> ImportTable(const Actor& actor, const TableImportRequest& request);

  /// Bulk registration of a folder tree (see ingest.h).
  Result<IngestReport> Ingest(const Actor& actor, const std::filesystem::path& dir,
                              const IngestOptions& options);

  // --- Signing keys (keys.h) ------------------------------------------------------
  /// This repository's keys and those it trusts (anyone: public keys are public).
  Result<std::vector<KeyInfo>> ListKeys(const Actor& actor) const;
  /// Admin: a new signing key for this repository's exports, in `key_file`
  /// (outside the repository; default beside it), or the key that file
  /// already holds; older own keys stay trusted for packages they signed.
  Result<KeyInfo> GenerateSigningKey(const Actor& actor, const std::filesystem::path& key_file);
  /// Admin: trusts the records another repository signs with this public key.
  Result<KeyInfo> TrustKey(const Actor& actor, const std::string& public_key_pem,
                           const std::string& label);
  /// Admin: stops trusting a key (not the one signing this repository's exports).
  Status DistrustKey(const Actor& actor, const std::string& key_id);

  // --- Integrity -----------------------------------------------------------
  /// Archivist or admin: gaps, duplicates and voids per numbering scope.
  Result<std::vector<NumberScopeReport>> CheckNumbers(const Actor& actor) const;
  /// Archivist or admin: blobs, versions, audit chain, numbering, metadata.
  Result<VerifyReport> Verify(const Actor& actor, const ProgressFn& progress = nullptr) const;
  Result<VerifyReport> Verify(const Actor& actor, const VerifyOptions& options,
                              const ProgressFn& progress = nullptr) const;
  /// Archivist or admin: a checkpoint of the audit trail's head, signed
  /// with the repository's key, appended (and synced) to `witness` as one
  /// line when a file is named.
  Result<Checkpoint> TakeCheckpoint(const Actor& actor,
                                    const std::filesystem::path& witness = {}) const;
  /// The same, taken by the service on its schedule (dossier serve's
  /// checkpoints setting): no user asks for it, and it changes nothing in
  /// the repository, only appends to the witness file (required here).
  Result<Checkpoint> TakeScheduledCheckpoint(const std::filesystem::path& witness) const;
  /// Archivist or admin: holds the repository's trail against every line of
  /// a witness file's text: a line not signed by one of this repository's
  /// keys (or a key it trusts), or whose entry the trail no longer holds
  /// with that hash (rolled back, rewritten), is a problem of kind
  /// "checkpoint" naming the line.
  Result<std::vector<IntegrityProblem>> CheckAgainstWitness(const Actor& actor,
                                                            std::string_view witness_text) const;
  /// The audit trail's head now (any user: it says nothing of what it covers).
  Result<AuditHead> CurrentAuditHead(const Actor& actor) const;

  // --- Backup (backup.h) ------------------------------------------------------------
  /// Archivist or admin: a backup in `dest` (which must not exist), taken
  /// beside running writers, verified before it gets its name; recorded in
  /// the audit trail. Holds off gc and destruction while it copies.
  Result<BackupReport> Backup(const Actor& actor, const std::filesystem::path& dest,
                              const BackupOptions& options = {}) const;
  /// A repository in `dir` (which must not exist, or be an empty folder)
  /// from the backup in `backup`, copied, then verified as `user_name`, an
  /// archivist or admin of the backed-up repository, before it gets its name.
  static Result<RestoreReport> Restore(const std::filesystem::path& backup,
                                       const std::filesystem::path& dir, std::string_view user_name,
                                       const OpenOptions& options = {});
  /// Removes what interrupted writes left in the store (archivist, admin):
  /// first any removal a destruction left unfinished, then, holding the
  /// store against writers between publishing and committing, every blob
  /// and pack the catalog does not name and temporary files older than
  /// `keep_temporary`. Safe beside running writers; audited (`gc`).
  Result<GcReport> CollectGarbage(const Actor& actor, const GcOptions& options);
  /// The audit trail, whole (archivist, admin) or of one visible document.
  Result<std::vector<AuditEntry>> Audit(const Actor& actor,
                                        std::optional<std::string_view> ref) const;

  class Impl;

 private:
  explicit Repository(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_H_
