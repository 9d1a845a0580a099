// NumberingStore in SQLite: the scopes' sequences.
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

// --- numbering ------------------------------------------------------------------

Result<int64_t> SqliteCatalog::NextSequence(const std::string& scope, const std::string& type) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO number_sequences (scope, type, last) VALUES (?, ?, 1) "
                  "ON CONFLICT (scope) DO UPDATE SET last = last + 1 RETURNING last");
  s.BindAll(scope, type);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("numbering: no sequence returned for " + scope);
  int64_t value = s.Int(0);
  DOSSIER_RETURN_IF_ERROR(s.Run());
  return value;
}

Status SqliteCatalog::ReserveSequence(const std::string& scope, const std::string& type,
                                      int64_t seq) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO number_sequences (scope, type, last) VALUES (?, ?, ?) "
                  "ON CONFLICT (scope) DO UPDATE SET last = max(last, excluded.last)");
  return s.BindAll(scope, type, seq).Run();
}

Result<std::vector<ScopeRow>> SqliteCatalog::ListScopes() {
  // With the scopes documents are numbered in that have no sequence row
  // (deleted by hand): recorded = 0, last 0, so their documents show.
  DOSSIER_PREPARE(
      s,
      "SELECT scope, type, last, 1 FROM number_sequences "
      "UNION ALL "
      "SELECT number_scope, MIN(type), 0, 0 FROM documents d "
      "WHERE NOT EXISTS (SELECT 1 FROM number_sequences n WHERE n.scope = d.number_scope) "
      "GROUP BY number_scope "
      "ORDER BY 2, 1");
  return Collect<ScopeRow>(s, [](const Stmt& st) {
    return ScopeRow{st.Text(0), st.Text(1), st.Int(2), st.Int(3) != 0};
  });
}

Result<std::vector<DocumentRow>> SqliteCatalog::DocumentsInScope(const std::string& scope) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kDocColumns +
                         " FROM documents WHERE number_scope = ? ORDER BY number_seq");
  s.Bind(1, scope);
  return Collect<DocumentRow>(s, ReadDocument);
}

}  // namespace dossier
