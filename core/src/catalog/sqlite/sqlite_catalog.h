// The catalog in SQLite: SqliteCatalog implements every store of the catalog
// (catalog/*_store.h) on one connection, its statements in a file per
// concept (sqlite_*.cpp beside this header; search in sqlite_search_index.h).
// One thread at a time; CatalogPool lends them to threads.
#ifndef DOSSIER_CATALOG_SQLITE_SQLITE_CATALOG_H_
#define DOSSIER_CATALOG_SQLITE_SQLITE_CATALOG_H_

#include <filesystem>
#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "catalog/sqlite/sqlite_db.h"

namespace dossier {

class SqliteSearchIndex;

class SqliteCatalog final : public Catalog {
 public:
  explicit SqliteCatalog(std::unique_ptr<SqliteDb> db, SearchOptions search = {});
  ~SqliteCatalog() override;

  Result<Transaction> BeginWrite() override;
  Result<Transaction> BeginRead() override;
  Result<Savepoint> BeginSavepoint() override;
  SearchIndex& search() override;
  void ShrinkCacheAfterWrites() override { db_->ShrinkCacheAfterWrites(); }
  Status CopyTo(const std::filesystem::path& file) override { return db_->CopyTo(file); }
  Result<std::optional<std::string>> GetMeta(const std::string& key) override;
  Status SetMeta(const std::string& key, const std::string& value) override;

  // IdentityStore
  Status InsertUser(const User& user) override;
  Status UpdateUser(const User& user) override;
  Result<std::optional<User>> FindUser(const std::string& name) override;
  Result<std::vector<User>> ListUsers() override;
  Result<PasswordRow> GetPassword(const std::string& user) override;
  Status SetPassword(const std::string& user, const std::string& hash, bool must_change,
                     const std::string& at) override;
  Result<std::optional<SecondFactorRow>> GetSecondFactor(const std::string& user) override;
  Status PutSecondFactor(const std::string& user, const std::string& totp_key,
                         const std::string& at) override;
  Status ConfirmSecondFactor(const std::string& user, const std::string& at, int64_t step) override;
  Status SetSecondFactorStep(const std::string& user, int64_t step) override;
  Result<bool> DeleteSecondFactor(const std::string& user) override;
  Status ReplaceRecoveryCodes(const std::string& user,
                              const std::vector<std::string>& code_hashes) override;
  Result<bool> UseRecoveryCode(const std::string& user, const std::string& code_hash,
                               const std::string& at) override;
  Result<int64_t> UnusedRecoveryCodes(const std::string& user) override;
  Status InsertSigningKey(const KeyRow& key) override;
  Result<std::optional<KeyRow>> FindSigningKey(const std::string& key_id) override;
  Result<std::vector<KeyRow>> ListSigningKeys() override;
  Status RemoveSigningKey(const std::string& key_id, const std::string& at) override;
  Status InsertSession(const SessionRow& row) override;
  Result<std::optional<SessionRow>> FindSession(const std::string& secret_hash) override;
  Status TouchSession(const std::string& secret_hash, const std::string& at) override;
  Status DeleteSession(const std::string& secret_hash) override;
  Result<int> DeleteSessionsOf(const std::string& user, const std::string& except_id) override;
  Result<int> DeleteSessionById(const std::string& id, const std::string& user) override;
  Result<std::vector<SessionInfo>> ListSessions(const std::string& user) override;
  Result<int64_t> CountSessions(const std::string& created_since,
                                const std::string& seen_since) override;
  Status PruneSessions(const std::string& created_before, const std::string& seen_before) override;
  Result<int64_t> InsertToken(const ApiToken& token, const std::string& secret_hash) override;
  Result<std::optional<ApiToken>> FindToken(const std::string& secret_hash) override;
  Result<std::optional<ApiToken>> FindTokenById(int64_t id) override;
  Result<std::vector<ApiToken>> ListTokens(const std::string& user) override;
  Status RevokeToken(int64_t id, const std::string& at) override;
  Status TouchToken(int64_t id, const std::string& at) override;
  Status InsertSignInFailure(const std::string& at, const std::string& user,
                             const std::string& address) override;
  Result<FailureCounts> CountSignInFailures(const std::string& since, const std::string& user,
                                            const std::string& address) override;
  Status PruneSignInFailures(const std::string& before, const std::string& user) override;
  // ContentStore
  Status InsertBlob(const BlobRow& blob) override;
  Result<std::optional<BlobRow>> FindBlob(const std::string& sha256) override;
  Result<std::vector<BlobRow>> ListBlobs() override;
  Result<std::vector<BlobRemoval>> ListBlobRemovals() override;
  Status SetPackRewrite(const std::string& pack, const std::string& rewrite_to) override;
  Result<std::vector<BlobRow>> BlobsInPack(const std::string& pack) override;
  Status MoveBlob(const std::string& sha256, const std::string& pack, uint64_t offset) override;
  Status DeleteBlobRemoval(const std::string& sha256) override;
  Status DeletePackRemovals(const std::string& pack) override;
  Result<std::vector<ContentHolder>> DocumentsHoldingContent(const std::string& sha256) override;
  Result<std::optional<std::string>> FindIngested(const std::string& path,
                                                  const std::string& sha256) override;
  Status InsertIngested(const std::string& path, const std::string& sha256,
                        const std::string& doc_id, const std::string& at) override;
  // DocumentStore
  Status InsertDocument(const DocumentRow& row) override;
  Status UpdateDocumentHead(const std::string& id, const std::string& title, int current_version,
                            const std::string& dept, const std::string& counterparty,
                            const std::string& doc_date) override;
  Status SetDocumentStatus(const std::string& id, const std::string& status) override;
  Status SetDocumentState(const std::string& id, const std::string& status, int round) override;
  Status SetDocumentConfidentiality(const std::string& id, int level) override;
  Result<std::optional<DocumentRow>> FindDocumentById(const std::string& id) override;
  Result<std::optional<DocumentRow>> FindDocumentByNumber(const std::string& number) override;
  Result<std::vector<std::string>> FindIdsByPrefix(const std::string& prefix, int limit) override;
  Result<std::vector<DocumentRow>> ListDocuments(const ListFilter& filter,
                                                 int max_confidentiality) override;
  Result<int64_t> CountDocuments(const ListFilter& filter, int max_confidentiality) override;
  Status ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) override;
  Result<std::vector<DocumentWithMetadata>> ListWithMetadata(const std::string& type,
                                                             int max_confidentiality) override;
  Result<std::vector<RelatedDocument>> ListRelatedWithMetadata(const std::string& kind,
                                                               const std::string& source_type,
                                                               const std::string& target_type,
                                                               int max_confidentiality) override;
  Status InsertVersion(const std::string& doc_id, const Version& version) override;
  Result<std::optional<Version>> GetVersion(const std::string& doc_id, int number) override;
  Result<std::vector<Version>> ListVersions(const std::string& doc_id) override;
  Status ForEachVersion(
      const std::function<Status(const std::string& doc_id, const Version&)>& fn) override;
  Status InsertRelation(const RelationRow& row) override;
  Result<bool> RelationExists(const std::string& from_id, const std::string& kind,
                              const std::string& to_id) override;
  Result<std::vector<RelationRow>> RelationsOf(const std::string& doc_id) override;
  Result<std::vector<RelationRow>> ListRelations() override;
  // WorkflowStore
  Status InsertStep(const std::string& doc_id, const LifecycleStep& step) override;
  Result<std::vector<LifecycleStep>> ListSteps(const std::string& doc_id) override;
  Result<std::string> LastStepState(const std::string& doc_id) override;
  Status InsertDistribution(const std::string& doc_id, const DistributionRecord& record) override;
  Result<std::vector<DistributionRecord>> ListDistributions(const std::string& doc_id) override;
  Status InsertResolution(const std::string& doc_id, const Resolution& resolution) override;
  Result<std::vector<Resolution>> ListResolutions(const std::string& owner, bool open_only,
                                                  int max_confidentiality) override;
  Result<std::optional<Resolution>> FindResolution(const std::string& doc_id, int item) override;
  Result<std::vector<Resolution>> ListResolutionsOf(const std::string& doc_id) override;
  Status InsertResolutionAsIs(const std::string& doc_id, const Resolution& resolution) override;
  Status CompleteResolution(const std::string& doc_id, int item, const std::string& at,
                            const std::string& by, const std::string& note) override;
  Result<std::string> LastEnteredState(const std::string& doc_id,
                                       const std::vector<std::string>& states) override;
  Status SetResolutionOwner(const std::string& doc_id, int item, const std::string& owner) override;
  // ArchiveStore
  Status InsertArchive(const ArchiveRecord& record, const std::string& unit_id,
                       const std::string& code_scope, int64_t code_item,
                       const std::string& clock_event, const std::string& clock_start) override;
  Result<std::map<int64_t, std::vector<std::string>>> ArchiveItemsInScope(
      const std::string& scope) override;
  Result<std::optional<ArchiveRecord>> FindArchive(const std::string& doc_id) override;
  Result<std::optional<ArchivePlacement>> FindArchivePlacement(const std::string& doc_id) override;
  Result<std::string> UnitOf(const std::string& doc_id) override;
  Result<std::vector<ArchiveRecord>> ListArchiveUnit(const std::string& unit_id) override;
  Result<bool> ArchivePieceTaken(const std::string& archive_code, int piece) override;
  Result<int64_t> InsertTransfer(const TransferRecord& record) override;
  Status MarkTransferred(const std::string& doc_id, int64_t transfer_seq) override;
  Result<std::optional<TransferRecord>> FindTransferOf(const std::string& doc_id,
                                                       int max_confidentiality) override;
  // RetentionStore
  Result<std::optional<RetentionRow>> FindRetention(const std::string& doc_id) override;
  Status SetRetentionClass(const std::string& doc_id, const std::string& retention,
                           const std::string& reason, const std::string& clock_event,
                           const std::string& clock_start) override;
  Status SetExtendedUntil(const std::string& doc_id, const std::string& until) override;
  Status ForEachDueCandidate(const std::vector<ClassCutoff>& cutoffs,
                             const std::function<Status(RetentionRow&)>& fn) override;
  Result<std::map<std::string, int64_t>> CountByRetentionClass(
      const std::set<std::string>& skip) override;
  Result<int64_t> InsertHold(const Hold& hold) override;
  Status ReleaseHold(int64_t id, const std::string& at, const std::string& by,
                     const std::string& reason) override;
  Result<std::optional<Hold>> FindHold(int64_t id) override;
  Result<std::vector<Hold>> ListHolds(bool active_only) override;
  Result<std::vector<std::string>> FileMembers(const std::string& main_id) override;
  // DisposalStore
  Status InsertDisposalList(const DisposalRow& row) override;
  Status UpdateDisposalList(const DisposalRow& row) override;
  Result<std::optional<DisposalRow>> FindDisposalList(const std::string& doc_id) override;
  Result<std::vector<DisposalRow>> ListDisposalLists(const std::string& status) override;
  Status InsertDisposalLine(const std::string& list_id, const DisposalLineRow& line) override;
  Status SetDisposalLine(const std::string& list_id, int line, const std::string& state,
                         const std::string& note) override;
  Result<std::vector<DisposalLineRow>> ListDisposalLines(const std::string& list_id) override;
  Result<std::map<Confidentiality, int>> ListedMarkings(const std::string& list_id) override;
  Result<std::string> DisposalLineState(const std::string& list_id, int line) override;
  Result<std::string> OpenDisposalListOf(const std::string& doc_id) override;
  Status InsertDisposalApproval(const std::string& list_id,
                                const DisposalApproval& approval) override;
  Result<std::vector<DisposalApproval>> ListDisposalApprovals(const std::string& list_id) override;
  Status ClearDisposalApprovals(const std::string& list_id) override;
  Result<DestroyedContent> DestroyContent(const std::string& doc_id, const std::string& list_id,
                                          const std::string& at, const std::string& by) override;
  Result<std::optional<DestroyedRow>> FindDestroyed(const std::string& doc_id) override;
  Result<std::vector<std::string>> CheckDisposedMarks() override;
  Result<std::set<std::string>> ListDestroyed() override;
  // RegisterStore
  Result<int64_t> InsertLoan(const Loan& loan) override;
  Status ReturnLoan(int64_t id, const std::string& at, const std::string& by,
                    const std::string& note) override;
  Status SetLoanBorrower(int64_t id, const std::string& borrower) override;
  Status SetSealRequester(int64_t id, const std::string& requester) override;
  Result<std::vector<Loan>> OpenLoans(const std::string& doc_id) override;
  Result<std::vector<Loan>> ListLoans(bool out_only, int max_confidentiality) override;
  Result<int64_t> InsertSealUse(const SealUse& use) override;
  Status UpdateSealUse(const SealUse& use) override;
  Result<std::optional<SealUse>> FindSealUse(int64_t id) override;
  Result<std::vector<SealUse>> ListSealUses(const SealFilter& filter,
                                            int max_confidentiality) override;
  // NumberingStore
  Result<int64_t> NextSequence(const std::string& scope, const std::string& type) override;
  Status ReserveSequence(const std::string& scope, const std::string& type, int64_t seq) override;
  Result<std::vector<ScopeRow>> ListScopes() override;
  Result<std::vector<DocumentRow>> DocumentsInScope(const std::string& scope) override;
  Result<int64_t> SequenceLast(const std::string& scope) override;
  Status MarkNumberElsewhere(const std::string& scope, int64_t seq, int64_t import_seq) override;
  Status ClearNumberElsewhere(const std::string& scope, int64_t seq) override;
  Result<std::set<int64_t>> NumbersElsewhere(const std::string& scope) override;
  // AuditStore
  Result<int64_t> InsertImport(const std::string& at, const std::string& by,
                               const std::string& source, const std::string& format,
                               int64_t documents) override;
  Status InsertProvenance(const std::string& doc_id, int64_t import_seq,
                          const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListProvenance(const std::string& doc_id) override;
  Status ForEachProvenance(
      const std::function<Status(const std::string& doc_id, const AuditEntry&)>& fn) override;
  Result<std::optional<AuditEntry>> LastAudit() override;
  Result<std::optional<AuditEntry>> FindAudit(int64_t seq) override;
  Status InsertAudit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(const std::optional<std::string>& object) override;
  Result<std::vector<AuditEntry>> ListAuditOfObject(const std::string& object) override;
  Status ForEachAudit(const std::function<Status(const AuditEntry&)>& fn) override;

 private:
  Result<std::optional<DocumentRow>> FindDocument(const char* where, const std::string& value);
  Status FillFiles(const std::string& doc_id, Version& version);

  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<SqliteSearchIndex> search_index_;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_SQLITE_SQLITE_CATALOG_H_
