// The private state of a Repository and the helpers its operations share:
// resolving a REF to a document the actor may see, role checks, timestamps.
#ifndef DOSSIER_REPOSITORY_REPOSITORY_IMPL_H_
#define DOSSIER_REPOSITORY_REPOSITORY_IMPL_H_

#include <Poco/Dynamic/Var.h>

#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "catalog/catalog.h"
#include "dossier/repository.h"
#include "retention/schedule.h"
#include "search/extract.h"
#include "store/blob_store.h"
#include "types/type_registry.h"
#include "workflow/workflow.h"

namespace dossier {

/// A file of a version being written: the entry to record, its content,
/// and the text read from it for the search index.
struct StagedFile {
  FileEntry entry;
  StagedBlob blob;
  FileText text;
};
using StagedFiles = std::vector<StagedFile>;

/// The catalog row of a published blob.
BlobRow BlobRowOf(const StagedBlob& blob);
/// Where the store finds the blob of a catalog row.
BlobLocation LocationOf(const BlobRow& row);

/// Status of a document whose type follows no workflow; otherwise the status
/// is its workflow state.
inline constexpr const char* kStatusRegistered = "registered";
inline constexpr const char* kStatusVoid = "void";
inline constexpr const char* kStatusArchived = "archived";
inline constexpr const char* kStatusDestroyed = "destroyed";

/// Relations that make a document part of its target's file (a contract's
/// agreements and attachments): archived with it, held with it.
inline const std::set<std::string> kFileRelations = {"amends", "terminates", "attachment-of"};

/// Destruction lists and certificates: written only by disposal, kept
/// permanently, never themselves proposed for destruction.
inline bool IsDisposalRecordType(const std::string& type) {
  return type == "destruction-list" || type == "destruction-certificate";
}

/// The text of config/NAME in the repository, or the default compiled into
/// the binary when the repository predates that file.
Result<std::string> ReadConfigOrDefault(const std::filesystem::path& config_dir,
                                        const std::string& name);

/// config/archive.json: how archival reference codes are made and which
/// retention class a rule gives (the classes are the schedules').
struct ArchiveConfig {
  std::string fonds;
  std::string category;
  std::string default_org;  // organisation code of documents without a department
  NumberTemplate code_template;
  struct Rule {
    std::string when;  // "major"
    std::string retention;
    std::string reason;
  };
  std::vector<Rule> rules;
};
/// Checks every class a rule names (and the classes of an older file's
/// retention_classes) against the schedules.
Result<ArchiveConfig> LoadArchiveConfig(const std::filesystem::path& config_dir,
                                        const ScheduleSet& schedules);

/// The retention schedules: each built-in schemas/retention/NAME.json, or
/// config/retention/NAME.json in its place, and any other file there.
Result<ScheduleSet> LoadRetentionSchedules(const std::filesystem::path& config_dir);

/// A contract is major when flagged so or when its amount exceeds the
/// workflow's major_amount (used by the workflow's guards and by archiving).
bool IsMajorContract(const Poco::Dynamic::Var& metadata, const Workflow* workflow);

/// config/disposal.json: the roles that sign destruction lists, notice, batch size.
Result<DisposalConfig> LoadDisposalConfig(const std::filesystem::path& config_dir);

/// The hold placed when a contract is archived with open_matters set
/// (债权债务未结清或有未了事项): released when they are settled.
inline constexpr const char* kOpenMattersReason =
    "债权债务未结清或有未了事项 (unsettled debts or open matters)";
inline constexpr const char* kOpenMattersAuthority = "metadata: open_matters";

/// config/server.json: how long sessions last, when sign-ins lock (identity.cpp).
Result<SessionSettings> LoadSessionSettings(const std::filesystem::path& config_dir);

/// config/seals.json: seal name -> the role that keeps it.
Result<std::map<std::string, Role>> LoadSeals(const std::filesystem::path& config_dir);

/// A repository's folder: the catalog file and the store's folder in it.
inline constexpr const char* kCatalogFileName = "catalog.db";
inline constexpr const char* kStoreDirName = "store";

class Repository::Impl {
 public:
  std::filesystem::path root;
  OpenOptions options;
  /// Opened from a folder or catalog we cannot write (backup media, a
  /// write-once copy): reads work, every change is refused.
  bool read_only = false;

  /// PermissionDenied naming the repository when it is read-only.
  Status RequireWritable() const {
    if (!read_only) return Status::Ok();
    return Status::PermissionDenied(
        root.string() +
        " is read-only (its folder or catalog cannot be written): only reading commands "
        "and verify work on it");
  }
  std::shared_ptr<Clock> clock;
  std::unique_ptr<BlobStore> store;
  std::unique_ptr<TypeRegistry> types;
  std::unique_ptr<WorkflowRegistry> workflows;
  ScheduleSet schedules;
  DisposalConfig disposal;
  std::string time_zone;  // config/locale.json
  ArchiveConfig archive;
  std::map<std::string, Role> seals;
  SessionSettings sessions;
  std::unique_ptr<CatalogPool> pool;

  std::string Now() const;
  /// The instant `seconds` before now, as Now() writes it.
  std::string NowMinus(int seconds) const;
  /// When a session ends unless used again: the earlier of its idle and absolute limits.
  std::string SessionExpiry(const SessionInfo& session) const;
  int Year() const;
  /// Whether the actor's role requires a second factor they have not enabled.
  Result<bool> MustEnrolSecondFactor(const Actor& actor) const;

  /// Finds a document by number, id, or unique id prefix. A document the
  /// actor may not see gives the same NotFound as one that does not exist.
  Result<DocumentRow> Resolve(Catalog& catalog, const Actor& actor, std::string_view ref) const;

  /// Runs `fn` inside a write transaction on a borrowed connection and
  /// commits if it succeeds; rolls back otherwise.
  template <typename Fn>
  Status WriteTransaction(Fn&& fn) const {
    DOSSIER_RETURN_IF_ERROR(RequireWritable());
    auto lease = pool->Acquire();
    if (!lease.ok()) return lease.status();
    auto tx = (*lease)->BeginWrite();
    if (!tx.ok()) return tx.status();
    DOSSIER_RETURN_IF_ERROR(fn(**lease));
    return tx->Commit();
  }

  /// Appends an audit entry (`action`: "view", "download") when the
  /// document is marked 秘密 or 机密: every access to such material is logged.
  Status LogConfidentialAccess(const Actor& actor, const DocumentSummary& document,
                               const std::string& action) const;

  /// Appends an "export" audit entry for each 秘密/机密 document among
  /// `documents`, naming the format and destination, in one transaction.
  Status AuditExport(const Actor& actor, const std::vector<DocumentSummary>& documents,
                     const ExportPurpose& purpose) const;

  /// InvalidArgument naming the known types when a filter names a type this
  /// repository does not define (rather than an empty result).
  Status CheckTypeFilter(const std::optional<std::string>& type) const;

  /// InvalidArgument when the document's state freezes its content (signed,
  /// reviewed minutes, ...): changes then need an amendment agreement.
  Status RequireEditable(const DocumentRow& row) const;

  /// Runs `fn` (returning Result<T>) on one consistent read snapshot.
  template <typename T, typename Fn>
  Result<T> ReadSnapshot(Fn&& fn) const {
    auto lease = pool->Acquire();
    if (!lease.ok()) return lease.status();
    auto tx = (*lease)->BeginRead();
    if (!tx.ok()) return tx.status();
    return fn(**lease);
  }

  /// Records `version` (number, parent, files, digest set) on top of the
  /// document, refreshes its head (title, facets) and audits it, inside the
  /// caller's write transaction.
  Status AppendVersion(Catalog& catalog, const Actor& actor, const std::string& doc_id,
                       const DocumentType& type, const Poco::Dynamic::Var& metadata,
                       const Version& version) const;

  /// Records the blobs of staged files and the text read from them, inside
  /// the caller's write transaction (after PublishFiles). True when every
  /// file's text is the one just read (none was recorded before).
  Result<bool> InsertStagedBlobs(Catalog& catalog, const StagedFiles& files) const;

  /// Puts a version just recorded into the search index (search.cpp). With
  /// `files` (all of the version's files, their text just recorded), the
  /// text is taken from them instead of read back from the catalog.
  Status IndexVersion(Catalog& catalog, const std::string& doc_id, int version,
                      const Poco::Dynamic::Var& metadata, const StagedFiles* files = nullptr) const;

  /// The date (YYYY-MM-DD) of the event that starts the clock of a class
  /// for an archived document: the archive date, the document's date (its
  /// fiscal year's end is applied by the class), or the day the unit's
  /// contract was completed or terminated. A document without that date
  /// counts from its archive date.
  Result<std::string> ClockStart(Catalog& catalog, RetentionEvent event,
                                 const DocumentSummary& document, const std::string& unit_id,
                                 const std::string& archived_at) const;

  /// Records a hold placed by `actor` and its "hold" audit entry (on the
  /// document, the file's main document, or "hold/ID" for a query).
  Result<Hold> InsertHold(Catalog& catalog, const Actor& actor, const std::string& now,
                          Hold hold) const;

  /// Adds to `report` (its until set) the archived documents due by then,
  /// with the holds covering each, inside the caller's transaction.
  Status CollectDue(Catalog& catalog, const Actor& actor, DueReport& report) const;
  /// The active holds covering an archived document.
  Result<std::vector<Hold>> HoldsCovering(Catalog& catalog, const Catalog::RetentionRow& row) const;
  /// Keeps an archived document until `until` (later than now), audited.
  Result<RetentionStatus> Extend(Catalog& catalog, const Actor& actor, const DocumentRow& row,
                                 const std::string& until, const std::string& reason) const;

  /// A destruction list as the actor may see it (disposal.cpp).
  Result<DisposalList> ReadDisposal(Catalog& catalog, const Actor& actor,
                                    const DocumentRow& doc) const;
  struct ListForChange {
    DocumentRow doc;
    Catalog::DisposalRow row;
  };
  /// The list REF names, or InvalidArgument when it is no destruction list.
  Result<ListForChange> ResolveDisposal(Catalog& catalog, const Actor& actor,
                                        std::string_view ref) const;
  /// A sign-off (approve) or a rejection of a proposed list.
  Result<DisposalList> DecideDisposal(const Actor& actor, std::string_view list_ref, bool approve,
                                      const std::string& comment);
  /// Removes from the store the content queued by destruction (blob_removals):
  /// loose files, and packs rewritten without it (disposal_execute.cpp).
  Status SweepRemovedContent() const;
  /// Runs a list that is executing to its end: each listed line destroyed
  /// or skipped in its own transaction, the content swept, the certificate.
  Result<DisposalOutcome> RunExecution(const Actor& actor, const DocumentRow& list_doc,
                                       const DisposalProgressFn& progress);

  /// Where an archived document stands, from its catalog row.
  Result<RetentionStatus> StatusOf(Catalog& catalog, const Catalog::RetentionRow& row) const;
  /// The same, taking the row's archive record and dates (not its summary).
  Result<RetentionStatus> StatusOf(Catalog& catalog, Catalog::RetentionRow&& row) const;

  /// Writes a changed user (role, clearance, department, activity) with its
  /// audit entry; a deactivated user's sessions end. An admin may not
  /// deactivate or demote themselves.
  Status SaveUser(Catalog& c, const Actor& actor, const User& user) const;

  /// A user's department: "" (none) or a name of config/departments.json.
  Status CheckDepartment(const std::string& department) const;
  /// A department filter of "本部门" (or "mine") becomes the actor's own
  /// department; refused when they have none.
  static Result<std::optional<std::string>> OwnDepartment(const Actor& actor,
                                                          const std::optional<std::string>& dept);

  /// PermissionDenied naming the action and the roles that may take it.
  static Status RequireRole(const Actor& actor, std::initializer_list<Role> roles,
                            const std::string& action);

  /// Parses, applies assignments and validates metadata against the type.
  Result<Poco::Dynamic::Var> BuildMetadata(const DocumentType& type, const std::string& base_json,
                                           const std::vector<MetadataAssignment>& set) const;

  /// Stages the input files into the store, refusing bad names and paths.
  /// An amendment's or termination's contract_number names a contract the actor sees.
  Status CheckAgreementNamesContract(Catalog& c, const Actor& actor, const DocumentType& type,
                                     const Poco::Dynamic::Var& metadata) const;
  Result<StagedFiles> StageFiles(const std::vector<FileInput>& files) const;
  /// Stages one file's content held in memory, under `name`.
  Result<StagedFiles> StageBytes(const std::string& content, const std::string& name) const;

  /// Makes staged content durable. Content the catalog already holds is not
  /// stored again: it takes the stored blob's location. On failure the
  /// staged content is discarded. Returns the store's writing lock, to be
  /// kept until the transaction that refers to the content has ended
  /// (declared before it): gc removes nothing while it is held.
  [[nodiscard]] Result<std::shared_ptr<void>> PublishFiles(
      Catalog& catalog, const std::vector<StagedFiles*>& sets) const;
  void DiscardFiles(StagedFiles& files) const;

  /// The numbering scope a new document of `type` with `metadata` is
  /// numbered in this year ("HT-SW-2026"); fails naming a value the number
  /// needs and lacks (a department with no code). Checked before anything
  /// is written by whoever validates ahead (import-csv's dry run).
  Result<std::string> NumberingScope(const DocumentType& type,
                                     const Poco::Dynamic::Var& metadata) const;

  /// Signs the trail's head with the repository's key and appends it to
  /// `witness` (outside the repository) unless empty.
  Result<Checkpoint> SignCheckpoint(const std::filesystem::path& witness) const;

  /// Registers one document inside the caller's write transaction, after
  /// its blobs are published. Used by Register and by Ingest.
  Result<Document> InsertNewDocument(Catalog& catalog, const Actor& actor, const DocumentType& type,
                                     const std::string& title, const Poco::Dynamic::Var& metadata,
                                     Confidentiality level, const StagedFiles& files,
                                     const std::string& comment);
};

/// Validates a user-facing text field: non-empty (when required), UTF-8, no
/// control characters other than tab and newline.
Status ValidateText(const std::string& text, const std::string& field, bool required);

/// The longest one-line field, in characters: a title of a contract is
/// rarely 100; a 40,000-character one made every search that found it slow.
inline constexpr size_t kMaxLineCharacters = 500;

/// Validates a one-line field that lists and tables print (a title, a
/// counterparty, a recipient, a label): ValidateText, at most
/// kMaxLineCharacters, no line break or
/// tab, not blank, and none of the invisible characters that make a text
/// show other than it is (bidi overrides and isolates, zero-width spaces
/// and joiners, the byte-order mark), naming the one found.
Status ValidateLine(const std::string& text, const std::string& field, bool required);

/// A new random document id: 32 lowercase hex characters.
std::string NewDocumentId();

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_REPOSITORY_IMPL_H_
