// RegisterStore in SQLite: loans and seal uses.
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

// --- circulation ----------------------------------------------------------------------

namespace {
constexpr const char* kLoanSelect =
    "SELECT l.seq, l.doc_id, d.number, d.title, l.borrower, l.original, l.lent_at, l.lent_by, "
    "l.due, l.returned_at, "
    "l.returned_by, l.note FROM loans l JOIN documents d ON d.id = l.doc_id ";
Loan ReadLoan(const Stmt& st) {
  Loan l;
  l.id = st.Int(0);
  l.document_id = st.Text(1);
  l.document_number = st.Text(2);
  l.document_title = st.Text(3);
  l.borrower = st.Text(4);
  l.original = st.Int(5) != 0;
  l.lent_at = st.Text(6);
  l.lent_by = st.Text(7);
  l.due = st.Text(8);
  l.returned_at = st.Text(9);
  l.returned_by = st.Text(10);
  l.note = st.Text(11);
  return l;
}
}  // namespace

Result<int64_t> SqliteCatalog::InsertLoan(const Loan& l) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO loans (doc_id, borrower, original, lent_at, lent_by, due, note) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)");
  DOSSIER_RETURN_IF_ERROR(
      s.BindAll(l.document_id, l.borrower, l.original ? 1 : 0, l.lent_at, l.lent_by, l.due, l.note)
          .Run());
  return db_->LastInsertRowId();
}

Status SqliteCatalog::ReturnLoan(int64_t id, const std::string& at, const std::string& by,
                                 const std::string& note) {
  DOSSIER_PREPARE(s,
                  "UPDATE loans SET returned_at = ?, returned_by = ?, note = CASE WHEN ? = '' THEN "
                  "note ELSE ? END WHERE seq = ?");
  return s.BindAll(at, by, note, note, id).Run();
}

Result<std::vector<Loan>> SqliteCatalog::OpenLoans(const std::string& doc_id) {
  DOSSIER_PREPARE(
      s, std::string(kLoanSelect) + "WHERE l.doc_id = ? AND l.returned_at = '' ORDER BY l.seq");
  s.Bind(1, doc_id);
  return Collect<Loan>(s, ReadLoan);
}

Status SqliteCatalog::SetLoanBorrower(int64_t id, const std::string& borrower) {
  DOSSIER_PREPARE(s, "UPDATE loans SET borrower = ? WHERE seq = ?");
  return s.BindAll(borrower, id).Run();
}

Status SqliteCatalog::SetResolutionOwner(const std::string& doc_id, int item,
                                         const std::string& owner) {
  DOSSIER_PREPARE(s, "UPDATE resolutions SET owner = ? WHERE doc_id = ? AND item = ?");
  return s.BindAll(owner, doc_id, item).Run();
}

Status SqliteCatalog::SetSealRequester(int64_t id, const std::string& requester) {
  DOSSIER_PREPARE(s, "UPDATE seal_uses SET requested_by = ? WHERE seq = ?");
  return s.BindAll(requester, id).Run();
}

Result<std::vector<Loan>> SqliteCatalog::ListLoans(bool out_only, int max_confidentiality) {
  std::string sql = std::string(kLoanSelect) + "WHERE d.confidentiality <= ?";
  if (out_only) sql += " AND l.returned_at = ''";
  sql += " ORDER BY l.seq DESC";
  DOSSIER_PREPARE(s, sql);
  s.Bind(1, max_confidentiality);
  return Collect<Loan>(s, ReadLoan);
}

// --- seals ----------------------------------------------------------------------------

namespace {
constexpr const char* kSealSelect =
    "SELECT s.seq, s.doc_id, d.number, s.seal, s.purpose, s.status, s.requested_by, "
    "s.requested_at, s.decided_by, "
    "s.decided_at, s.comment, s.used_at, s.returned_at FROM seal_uses s JOIN documents d ON d.id = "
    "s.doc_id ";
SealUse ReadSealUse(const Stmt& st) {
  return SealUse{st.Int(0),   st.Text(1),  st.Text(2), st.Text(3), st.Text(4),
                 st.Text(5),  st.Text(6),  st.Text(7), st.Text(8), st.Text(9),
                 st.Text(10), st.Text(11), st.Text(12)};
}
}  // namespace

Result<int64_t> SqliteCatalog::InsertSealUse(const SealUse& u) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO seal_uses (doc_id, seal, purpose, status, requested_by, "
                  "requested_at) VALUES (?, ?, ?, ?, ?, ?)");
  DOSSIER_RETURN_IF_ERROR(
      s.BindAll(u.document_id, u.seal, u.purpose, u.status, u.requested_by, u.requested_at).Run());
  return db_->LastInsertRowId();
}

Status SqliteCatalog::UpdateSealUse(const SealUse& u) {
  DOSSIER_PREPARE(
      s,
      "UPDATE seal_uses SET status = ?, decided_by = ?, decided_at = ?, comment = ?, used_at = ?, "
      "returned_at = ? WHERE seq = ?");
  return s.BindAll(u.status, u.decided_by, u.decided_at, u.comment, u.used_at, u.returned_at, u.id)
      .Run();
}

Result<std::optional<SealUse>> SqliteCatalog::FindSealUse(int64_t id) {
  DOSSIER_PREPARE(s, std::string(kSealSelect) + "WHERE s.seq = ?");
  s.Bind(1, id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SealUse>();
  return std::optional<SealUse>(ReadSealUse(s));
}

Result<std::vector<SealUse>> SqliteCatalog::ListSealUses(const SealFilter& f,
                                                         int max_confidentiality) {
  std::string sql = std::string(kSealSelect) + "WHERE d.confidentiality <= ?";
  if (!f.seal.empty()) sql += " AND s.seal = ?";
  if (!f.from.empty()) sql += " AND substr(s.requested_at, 1, 10) >= ?";
  if (!f.to.empty()) sql += " AND substr(s.requested_at, 1, 10) <= ?";
  sql += " ORDER BY s.seal, s.seq";
  DOSSIER_PREPARE(s, sql);
  int i = 1;
  s.Bind(i++, max_confidentiality);
  if (!f.seal.empty()) s.Bind(i++, f.seal);
  if (!f.from.empty()) s.Bind(i++, f.from);
  if (!f.to.empty()) s.Bind(i++, f.to);
  return Collect<SealUse>(s, ReadSealUse);
}

}  // namespace dossier
