// WorkflowStore in SQLite: lifecycle steps, distribution, resolutions.
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

// --- lifecycle steps ----------------------------------------------------------------

Status SqliteCatalog::InsertStep(const std::string& doc_id, const LifecycleStep& t) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO steps (doc_id, round, action, from_state, to_state, actor, role, "
                  "at, comment, review) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(doc_id, t.round, t.action, t.from_state, t.to_state, t.actor, t.role, t.at,
               t.comment, t.review ? 1 : 0)
      .Run();
}

Result<std::vector<LifecycleStep>> SqliteCatalog::ListSteps(const std::string& doc_id) {
  DOSSIER_PREPARE(s,
                  "SELECT seq, round, action, from_state, to_state, actor, role, at, comment, "
                  "review FROM steps "
                  "WHERE doc_id = ? ORDER BY seq");
  s.Bind(1, doc_id);
  return Collect<LifecycleStep>(s, [](const Stmt& st) {
    return LifecycleStep{st.Int(0),  static_cast<int>(st.Int(1)),
                         st.Text(2), st.Text(3),
                         st.Text(4), st.Text(5),
                         st.Text(6), st.Text(7),
                         st.Text(8), st.Int(9) != 0};
  });
}

Result<std::string> SqliteCatalog::LastStepState(const std::string& doc_id) {
  DOSSIER_PREPARE(s, "SELECT to_state FROM steps WHERE doc_id = ? ORDER BY seq DESC LIMIT 1");
  s.Bind(1, doc_id);
  auto states = Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
  if (!states.ok()) return states.status();
  return states->empty() ? std::string() : states->front();
}

// --- distribution and resolutions ------------------------------------------------------

Status SqliteCatalog::InsertDistribution(const std::string& doc_id, const DistributionRecord& r) {
  DOSSIER_PREPARE(
      s, "INSERT INTO distributions (doc_id, recipient, at, by, note) VALUES (?, ?, ?, ?, ?)");
  return s.BindAll(doc_id, r.recipient, r.at, r.by, r.note).Run();
}

Result<std::vector<DistributionRecord>> SqliteCatalog::ListDistributions(
    const std::string& doc_id) {
  DOSSIER_PREPARE(
      s, "SELECT recipient, at, by, note FROM distributions WHERE doc_id = ? ORDER BY seq");
  s.Bind(1, doc_id);
  return Collect<DistributionRecord>(s, [](const Stmt& st) {
    return DistributionRecord{st.Text(0), st.Text(1), st.Text(2), st.Text(3)};
  });
}

Status SqliteCatalog::InsertResolution(const std::string& doc_id, const Resolution& r) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO resolutions (doc_id, item, text, owner, due, status) VALUES (?, ?, "
                  "?, ?, ?, 'open')");
  return s.BindAll(doc_id, r.item, r.text, r.owner, r.due).Run();
}

namespace {
constexpr const char* kResolutionSelect =
    "SELECT r.doc_id, d.number, d.title, r.item, r.text, r.owner, r.due, r.status, r.done_at, "
    "r.done_by, r.note "
    "FROM resolutions r JOIN documents d ON d.id = r.doc_id ";
Resolution ReadResolution(const Stmt& st) {
  return Resolution{st.Text(0), st.Text(1), st.Text(2), static_cast<int>(st.Int(3)),
                    st.Text(4), st.Text(5), st.Text(6), st.Text(7),
                    st.Text(8), st.Text(9), st.Text(10)};
}
}  // namespace

Result<std::vector<Resolution>> SqliteCatalog::ListResolutions(const std::string& owner,
                                                               bool open_only,
                                                               int max_confidentiality) {
  std::string sql =
      std::string(kResolutionSelect) + "WHERE d.confidentiality <= ? AND d.status != 'void'";
  if (!owner.empty()) sql += " AND r.owner = ?";
  if (open_only) sql += " AND r.status = 'open'";
  sql += " ORDER BY r.due, d.number, r.item";
  DOSSIER_PREPARE(s, sql);
  int i = 1;
  s.Bind(i++, max_confidentiality);
  if (!owner.empty()) s.Bind(i++, owner);
  return Collect<Resolution>(s, ReadResolution);
}

Result<std::optional<Resolution>> SqliteCatalog::FindResolution(const std::string& doc_id,
                                                                int item) {
  DOSSIER_PREPARE(s, std::string(kResolutionSelect) + "WHERE r.doc_id = ? AND r.item = ?");
  s.BindAll(doc_id, item);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Resolution>();
  return std::optional<Resolution>(ReadResolution(s));
}

Result<std::vector<Resolution>> SqliteCatalog::ListResolutionsOf(const std::string& doc_id) {
  DOSSIER_PREPARE(s, std::string(kResolutionSelect) + "WHERE r.doc_id = ? ORDER BY r.item");
  s.Bind(1, doc_id);
  return Collect<Resolution>(s, ReadResolution);
}

Status SqliteCatalog::InsertResolutionAsIs(const std::string& doc_id, const Resolution& r) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO resolutions (doc_id, item, text, owner, due, status, done_at, done_by, note) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return s.BindAll(doc_id, r.item, r.text, r.owner, r.due, r.status, r.done_at, r.done_by, r.note)
      .Run();
}

Status SqliteCatalog::CompleteResolution(const std::string& doc_id, int item, const std::string& at,
                                         const std::string& by, const std::string& note) {
  DOSSIER_PREPARE(s,
                  "UPDATE resolutions SET status = 'done', done_at = ?, done_by = ?, note = ? "
                  "WHERE doc_id = ? AND item = ?");
  return s.BindAll(at, by, note, doc_id, item).Run();
}

}  // namespace dossier
