// The catalog's statements of imports, ingests and transfers
// (schemas/db/008_import.sql, 019_ingested.sql, 009_transfer.sql).
#include <Poco/JSON/Array.h>

#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"
#include "util/json_util.h"

namespace dossier {

namespace {

constexpr const char* kProvenanceColumns =
    "doc_id, seq, at, actor, action, object, details_json, prev_hash, hash";

AuditEntry ReadProvenance(const Stmt& s) {
  return AuditEntry{s.Int(1),  s.Text(2), s.Text(3), s.Text(4),
                    s.Text(5), s.Text(6), s.Text(7), s.Text(8)};
}

}  // namespace

Result<int64_t> SqliteCatalog::InsertImport(const std::string& at, const std::string& by,
                                            const std::string& source, const std::string& format,
                                            int64_t documents) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO imports (at, by, source, format, documents) VALUES (?, ?, ?, ?, ?) "
                  "RETURNING seq");
  s.BindAll(at, by, source, format, documents);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("import: no sequence returned");
  int64_t seq = s.Int(0);
  DOSSIER_RETURN_IF_ERROR(s.Run());
  return seq;
}

Status SqliteCatalog::InsertProvenance(const std::string& doc_id, int64_t import_seq,
                                       const AuditEntry& e) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO provenance (doc_id, seq, import_seq, at, actor, action, object, details_json, "
      "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(doc_id, e.seq, import_seq, e.at, e.actor, e.action, e.object, e.details_json,
               e.prev_hash, e.hash)
      .Run();
}

Result<std::vector<AuditEntry>> SqliteCatalog::ListProvenance(const std::string& doc_id) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kProvenanceColumns +
                         " FROM provenance WHERE doc_id = ? ORDER BY seq");
  s.Bind(1, doc_id);
  return Collect<AuditEntry>(s, ReadProvenance);
}

Status SqliteCatalog::ForEachProvenance(
    const std::function<Status(const std::string&, const AuditEntry&)>& fn) {
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kProvenanceColumns + " FROM provenance ORDER BY doc_id, seq");
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    DOSSIER_RETURN_IF_ERROR(fn(s.Text(0), ReadProvenance(s)));
  }
}

Result<int64_t> SqliteCatalog::SequenceLast(const std::string& scope) {
  DOSSIER_PREPARE(s, "SELECT last FROM number_sequences WHERE scope = ?");
  s.Bind(1, scope);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return *row ? s.Int(0) : int64_t{0};
}

Result<bool> SqliteCatalog::ArchivePieceTaken(const std::string& archive_code, int piece) {
  DOSSIER_PREPARE(s, "SELECT 1 FROM archives WHERE archive_code = ? AND piece = ?");
  s.BindAll(archive_code, piece);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return *row;
}

Status SqliteCatalog::MarkNumberElsewhere(const std::string& scope, int64_t seq,
                                          int64_t import_seq) {
  DOSSIER_PREPARE(
      s, "INSERT OR IGNORE INTO numbers_elsewhere (scope, seq, import_seq) VALUES (?, ?, ?)");
  return s.BindAll(scope, seq, import_seq).Run();
}

Status SqliteCatalog::ClearNumberElsewhere(const std::string& scope, int64_t seq) {
  DOSSIER_PREPARE(s, "DELETE FROM numbers_elsewhere WHERE scope = ? AND seq = ?");
  return s.BindAll(scope, seq).Run();
}

Result<std::set<int64_t>> SqliteCatalog::NumbersElsewhere(const std::string& scope) {
  DOSSIER_PREPARE(s, "SELECT seq FROM numbers_elsewhere WHERE scope = ?");
  s.Bind(1, scope);
  auto seqs = Collect<int64_t>(s, [](const Stmt& st) { return st.Int(0); });
  if (!seqs.ok()) return seqs.status();
  return std::set<int64_t>(seqs->begin(), seqs->end());
}

Result<std::optional<std::string>> SqliteCatalog::FindIngested(const std::string& path,
                                                               const std::string& sha256) {
  DOSSIER_PREPARE(s,
                  "SELECT d.number FROM ingested i JOIN documents d ON d.id = i.doc_id WHERE "
                  "i.path = ? AND i.sha256 = ?");
  s.BindAll(path, sha256);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(s.Text(0));
}

Result<std::vector<SqliteCatalog::ContentHolder>> SqliteCatalog::DocumentsHoldingContent(
    const std::string& sha256) {
  DOSSIER_PREPARE(
      s,
      "SELECT f.doc_id, MIN(f.name), d.number, d.title, d.confidentiality FROM version_files f "
      "JOIN documents d ON d.id = f.doc_id WHERE f.sha256 = ? AND d.status NOT IN ('void', "
      "'destroyed') "
      "GROUP BY f.doc_id ORDER BY d.created_at DESC, d.number");
  s.BindAll(sha256);
  std::vector<ContentHolder> out;
  for (;;) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), static_cast<int>(s.Int(4))});
  }
  return out;
}

Status SqliteCatalog::InsertIngested(const std::string& path, const std::string& sha256,
                                     const std::string& doc_id, const std::string& at) {
  DOSSIER_PREPARE(s, "INSERT INTO ingested (path, sha256, doc_id, at) VALUES (?, ?, ?, ?)");
  s.BindAll(path, sha256, doc_id, at);
  return s.Run();
}

Result<int64_t> SqliteCatalog::InsertTransfer(const TransferRecord& t) {
  std::string packages = "[";
  for (const auto& p : t.packages) packages += (packages.size() > 1 ? "," : "") + JsonQuote(p);
  packages += "]";
  DOSSIER_PREPARE(s,
                  "INSERT INTO transfers (at, by, recipient, note, packages, documents) VALUES (?, "
                  "?, ?, ?, ?, ?) "
                  "RETURNING seq");
  s.BindAll(t.at, t.by, t.recipient, t.note, packages, static_cast<int64_t>(t.numbers.size()));
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("transfer: no sequence returned");
  int64_t seq = s.Int(0);
  DOSSIER_RETURN_IF_ERROR(s.Run());
  return seq;
}

Status SqliteCatalog::MarkTransferred(const std::string& doc_id, int64_t transfer_seq) {
  DOSSIER_PREPARE(s, "INSERT INTO transferred (doc_id, transfer_seq) VALUES (?, ?)");
  DOSSIER_RETURN_IF_ERROR(s.BindAll(doc_id, transfer_seq).Run());
  DOSSIER_PREPARE(mark, "UPDATE archives SET disposed = 'transferred' WHERE doc_id = ?");
  return mark.Bind(1, doc_id).Run();
}

Result<std::optional<TransferRecord>> SqliteCatalog::FindTransferOf(const std::string& doc_id,
                                                                    int max_confidentiality) {
  TransferRecord t;
  {
    DOSSIER_PREPARE(s,
                    "SELECT t.seq, t.at, t.by, t.recipient, t.note, t.packages FROM transferred x "
                    "JOIN transfers t ON t.seq = x.transfer_seq WHERE x.doc_id = ?");
    s.Bind(1, doc_id);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<TransferRecord>();
    t = TransferRecord{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), {}, {}};
    auto packages = ParseJson(s.Text(5), "transfer packages");
    if (packages.ok() && packages->type() == typeid(Poco::JSON::Array::Ptr)) {
      auto arr = packages->extract<Poco::JSON::Array::Ptr>();
      for (size_t i = 0; i < arr->size(); ++i)
        t.packages.push_back(arr->getElement<std::string>(static_cast<unsigned>(i)));
    }
  }
  DOSSIER_PREPARE(s,
                  "SELECT d.number FROM transferred x JOIN documents d ON d.id = x.doc_id WHERE "
                  "x.transfer_seq = ? "
                  "AND d.confidentiality <= ? ORDER BY d.number");
  s.BindAll(t.seq, max_confidentiality);
  auto numbers = Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
  if (!numbers.ok()) return numbers.status();
  t.numbers = std::move(*numbers);
  return std::optional<TransferRecord>(std::move(t));
}

}  // namespace dossier
