// ArchiveStore in SQLite: archived pieces under their 档号 (transfers: sqlite_import_store.cpp).
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

// --- archive ------------------------------------------------------------------------

Status SqliteCatalog::InsertArchive(const ArchiveRecord& r, const std::string& unit_id,
                                    const std::string& code_scope, int64_t code_item,
                                    const std::string& clock_event,
                                    const std::string& clock_start) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO archives (doc_id, archive_code, code_scope, code_item, unit_id, "
                  "piece, retention, "
                  "retention_reason, archived_at, archived_by, clock_event, clock_start) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(r.document_id, r.archive_code, code_scope, code_item, unit_id, r.piece, r.retention,
               r.retention_reason, r.archived_at, r.archived_by, clock_event, clock_start)
      .Run();
}

Result<std::map<int64_t, std::vector<std::string>>> SqliteCatalog::ArchiveItemsInScope(
    const std::string& scope) {
  DOSSIER_PREPARE(s,
                  "SELECT DISTINCT code_item, archive_code FROM archives WHERE code_scope = ? "
                  "ORDER BY code_item");
  s.Bind(1, scope);
  std::map<int64_t, std::vector<std::string>> out;
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out[s.Int(0)].push_back(s.Text(1));
  }
}

namespace {
constexpr const char* kArchiveSelect =
    "SELECT a.doc_id, d.number, a.archive_code, a.piece, a.retention, a.retention_reason, "
    "a.archived_at, "
    "a.archived_by FROM archives a JOIN documents d ON d.id = a.doc_id ";
ArchiveRecord ReadArchive(const Stmt& s) {
  return ArchiveRecord{s.Text(0), s.Text(1), s.Text(2), static_cast<int>(s.Int(3)),
                       s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
}
}  // namespace

Result<std::optional<ArchiveRecord>> SqliteCatalog::FindArchive(const std::string& doc_id) {
  DOSSIER_PREPARE(s, std::string(kArchiveSelect) + "WHERE a.doc_id = ?");
  s.Bind(1, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ArchiveRecord>();
  return std::optional<ArchiveRecord>(ReadArchive(s));
}

Result<std::optional<SqliteCatalog::ArchivePlacement>> SqliteCatalog::FindArchivePlacement(
    const std::string& doc_id) {
  DOSSIER_PREPARE(s, "SELECT unit_id, code_scope, code_item FROM archives WHERE doc_id = ?");
  s.Bind(1, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ArchivePlacement>();
  return std::optional<ArchivePlacement>(ArchivePlacement{s.Text(0), s.Text(1), s.Int(2)});
}

Result<std::string> SqliteCatalog::UnitOf(const std::string& doc_id) {
  DOSSIER_PREPARE(s, "SELECT unit_id FROM archives WHERE doc_id = ?");
  s.Bind(1, doc_id);
  auto units = Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
  if (!units.ok()) return units.status();
  return units->empty() ? std::string() : units->front();
}

Result<std::vector<ArchiveRecord>> SqliteCatalog::ListArchiveUnit(const std::string& unit_id) {
  DOSSIER_PREPARE(s, std::string(kArchiveSelect) + "WHERE a.unit_id = ? ORDER BY a.piece");
  s.Bind(1, unit_id);
  return Collect<ArchiveRecord>(s, ReadArchive);
}

}  // namespace dossier
