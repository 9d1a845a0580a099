// AuditStore in SQLite: the hash-chained trail (imports and provenance: sqlite_import_store.cpp).
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

namespace {

AuditEntry ReadAudit(const Stmt& s) {
  AuditEntry e;
  e.seq = s.Int(0);
  e.at = s.Text(1);
  e.actor = s.Text(2);
  e.action = s.Text(3);
  e.object = s.Text(4);
  e.details_json = s.Text(5);
  e.prev_hash = s.Text(6);
  e.hash = s.Text(7);
  return e;
}

}  // namespace

// --- audit ----------------------------------------------------------------------

constexpr const char* kAuditColumns = "seq, at, actor, action, object, details, prev_hash, hash";

Result<std::optional<AuditEntry>> SqliteCatalog::LastAudit() {
  DOSSIER_PREPARE(s,
                  std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq DESC LIMIT 1");
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(ReadAudit(s));
}

Result<std::optional<AuditEntry>> SqliteCatalog::FindAudit(int64_t seq) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kAuditColumns + " FROM audit WHERE seq = ?");
  s.Bind(1, seq);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(ReadAudit(s));
}

Status SqliteCatalog::InsertAudit(const AuditEntry& e) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO audit (seq, at, actor, action, object, details, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  return s.BindAll(e.seq, e.at, e.actor, e.action, e.object, e.details_json, e.prev_hash, e.hash)
      .Run();
}

Result<std::vector<AuditEntry>> SqliteCatalog::ListAudit(const std::optional<std::string>& object) {
  if (object) {
    // A link is recorded on its source; its target sees it too.
    DOSSIER_PREPARE(s, std::string("SELECT ") + kAuditColumns +
                           " FROM audit WHERE object = ? OR (action = 'link' AND "
                           "json_extract(details, '$.to') = ?)"
                           " ORDER BY seq");
    s.BindAll(*object, *object);
    return Collect<AuditEntry>(s, ReadAudit);
  }
  DOSSIER_PREPARE(s, std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq");
  return Collect<AuditEntry>(s, ReadAudit);
}

Result<std::vector<AuditEntry>> SqliteCatalog::ListAuditOfObject(const std::string& object) {
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kAuditColumns + " FROM audit WHERE object = ? ORDER BY seq");
  s.Bind(1, object);
  return Collect<AuditEntry>(s, ReadAudit);
}

Status SqliteCatalog::ForEachAudit(const std::function<Status(const AuditEntry&)>& fn) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq");
  return Each(s, ReadAudit, fn);
}

}  // namespace dossier
