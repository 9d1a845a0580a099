// The JSON shapes of the core's values, shared by the command line's --json
// and the server's API: a document reads the same everywhere. A stable
// interface: add fields, never rename or remove them.
#ifndef DOSSIER_JSON_SHAPES_H_
#define DOSSIER_JSON_SHAPES_H_

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>

#include "dossier/export.h"
#include "dossier/import.h"
#include "dossier/render.h"
#include "dossier/repository.h"

namespace dossier::json {

Poco::JSON::Object::Ptr SummaryJson(const DocumentSummary& d);
Poco::JSON::Object::Ptr VersionJson(const Version& v);
Poco::JSON::Object::Ptr DocumentJson(const Document& d);
Poco::JSON::Object::Ptr AuditJson(const AuditEntry& e);
Poco::JSON::Object::Ptr ArchiveJson(const ArchiveRecord& r);
Poco::JSON::Object::Ptr HoldJson(const Hold& h);
/// Class, clock, disposition date, extension and the holds covering it.
Poco::JSON::Object::Ptr RetentionJson(const RetentionStatus& r);
/// "2037-01-01 (destroy; D10 from archive_date 2026-11-30)", or "permanent (Y)".
std::string DescribeDisposition(const RetentionStatus& r);
/// Adds state, state_name, frozen, actions, awaiting and steps to a document object.
void AddLifecycleJson(Poco::JSON::Object::Ptr object, const LifecycleState& life);

/// A document type: code, names, numbering, default retention, its workflow
/// with the states in order, and the JSON Schema of its metadata.
Poco::JSON::Object::Ptr TypeJson(const DocumentTypeInfo& t);
Poco::JSON::Object::Ptr NamedCodeJson(const NamedCode& n);
/// Who acts: name, role (code and Chinese name), clearance.
Poco::JSON::Object::Ptr ActorJson(const Actor& a);
/// A user (no password, ever).
Poco::JSON::Object::Ptr UserJson(const User& u);
/// An API token (never its secret).
Poco::JSON::Object::Ptr TokenJson(const ApiToken& t);
Poco::JSON::Object::Ptr SessionJson(const SessionInfo& s);
/// A signing key: this repository's or one it trusts (public half only).
Poco::JSON::Object::Ptr KeyJson(const KeyInfo& k);

/// Everything `show` tells of a document, read once.
struct DocumentDetail {
  Document document;
  LifecycleState lifecycle;
  std::vector<DistributionRecord> distributions;
  std::optional<ArchiveRecord> archive;
  std::vector<FileTextInfo> texts;
  std::optional<TransferRecord> transfer;
  // A class no schedule defines is said, not fatal: show must still show.
  std::optional<Result<RetentionStatus>> retention;
  std::optional<DestructionRecord> destruction;
};
Result<DocumentDetail> LoadDocumentDetail(const Repository& repo, const Actor& actor,
                                          std::string_view ref);
/// The document with its files' text, lifecycle, copies, archive record,
/// retention, destruction and transfer: `dossier show --json`, GET /documents/{ref}.
Poco::JSON::Object::Ptr DocumentDetailJson(const DocumentDetail& v);
/// What changed between two versions: title, fields (JSON pointers), files.
Poco::JSON::Object::Ptr DiffJson(const VersionDiff& d);
/// A loan of the circulation log.
Poco::JSON::Object::Ptr LoanJson(const Loan& l);
/// A request to use a seal, and what became of it.
Poco::JSON::Object::Ptr SealJson(const SealUse& u);
/// The contract ledger: rows, groups and totals (amounts as decimal text by currency).
Poco::JSON::Object::Ptr LedgerJson(const Ledger& l);
/// A resolution of minutes (决议事项): text, owner, due, status.
Poco::JSON::Object::Ptr ResolutionJson(const Resolution& r);
/// A contract's file (合同档案): its pieces, what is missing, whether complete.
Poco::JSON::Object::Ptr ContractFileJson(const ContractFile& file);
/// The retention schedules in force and their classes (own: the repository's file replaces the
/// default).
Poco::JSON::Array::Ptr SchedulesJson(const Repository& repo);
/// What falls due by a date: each document with its retention, and problems.
Poco::JSON::Object::Ptr DueJson(const DueReport& report);
/// A destruction list with its lines, sign-offs and execution.
Poco::JSON::Object::Ptr DisposalListJson(const DisposalList& l);
/// What executing a destruction list did.
Poco::JSON::Object::Ptr DisposalOutcomeJson(const DisposalOutcome& outcome);
/// What verify checked and the problems it found.
Poco::JSON::Object::Ptr VerifyJson(const VerifyReport& report);
/// Store files: {path, bytes, what}.
Poco::JSON::Array::Ptr LeftoversJson(const std::vector<LeftoverFile>& files);
/// What an ingest registered, skipped as registered before, and could not register.
Poco::JSON::Object::Ptr IngestJson(const IngestReport& report, double seconds);
/// What a backup made (files copied, linked from the previous backup) and its verify report.
Poco::JSON::Object::Ptr BackupJson(const BackupReport& report);
/// What restoring made and the restored repository's verify report.
Poco::JSON::Object::Ptr RestoreJson(const RestoreReport& report);
/// What gc removed (or would), what it kept, the bytes freed.
Poco::JSON::Object::Ptr GcJson(const GcReport& report, bool dry_run);
/// Documents waiting for the user, each with the actions they may take.
Poco::JSON::Array::Ptr PendingJson(const std::vector<PendingItem>& items);
/// Ranked hits with their snippets, and the total.
Poco::JSON::Object::Ptr SearchResultJson(const SearchResult& result);

/// A render template: name, title, the types it renders, where it comes from.
Poco::JSON::Object::Ptr TemplateJson(const TemplateInfo& t);
/// An export format: extensions, what it writes, its options.
Poco::JSON::Object::Ptr ExporterJson(const Exporter& e);
/// What an import did (or, dry, would do).
Poco::JSON::Object::Ptr ImportReportJson(const std::string& format, bool dry_run,
                                         const ImportReport& report);

}  // namespace dossier::json

#endif  // DOSSIER_JSON_SHAPES_H_
