// The catalog's statements of destruction: lists, lines, sign-offs, the
// residual record of what was destroyed, and content waiting to leave the
// store (schemas/db/011_disposal.sql).
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

namespace {

constexpr const char* kListColumns =
    "doc_id, status, as_of, roles, proposed_at, proposed_by, decided_at, reject_by, reject_reason, "
    "executed_at, "
    "executed_by, certificate_id";

SqliteCatalog::DisposalRow ReadList(const Stmt& s) {
  return SqliteCatalog::DisposalRow{s.Text(0), s.Text(1), s.Text(2),  s.Text(3),
                                    s.Text(4), s.Text(5), s.Text(6),  s.Text(7),
                                    s.Text(8), s.Text(9), s.Text(10), s.Text(11)};
}

}  // namespace

Status SqliteCatalog::InsertDisposalList(const DisposalRow& r) {
  DOSSIER_PREPARE(s, std::string("INSERT INTO disposal_lists (") + kListColumns +
                         ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(r.doc_id, r.status, r.as_of, r.roles, r.proposed_at, r.proposed_by, r.decided_at,
               r.reject_by, r.reject_reason, r.executed_at, r.executed_by, r.certificate_id)
      .Run();
}

Status SqliteCatalog::UpdateDisposalList(const DisposalRow& r) {
  DOSSIER_PREPARE(
      s,
      "UPDATE disposal_lists SET status = ?, decided_at = ?, reject_by = ?, reject_reason = ?, "
      "executed_at = ?, executed_by = ?, certificate_id = ? WHERE doc_id = ?");
  return s
      .BindAll(r.status, r.decided_at, r.reject_by, r.reject_reason, r.executed_at, r.executed_by,
               r.certificate_id, r.doc_id)
      .Run();
}

Result<std::optional<SqliteCatalog::DisposalRow>> SqliteCatalog::FindDisposalList(
    const std::string& doc_id) {
  DOSSIER_PREPARE(s,
                  std::string("SELECT ") + kListColumns + " FROM disposal_lists WHERE doc_id = ?");
  s.Bind(1, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DisposalRow>();
  return std::optional<DisposalRow>(ReadList(s));
}

Result<std::vector<SqliteCatalog::DisposalRow>> SqliteCatalog::ListDisposalLists(
    const std::string& status) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kListColumns +
                         " FROM disposal_lists WHERE ? = '' OR status = ? " +
                         "ORDER BY proposed_at, doc_id");
  s.BindAll(status, status);
  return Collect<DisposalRow>(s, ReadList);
}

Status SqliteCatalog::InsertDisposalLine(const std::string& list_id, const DisposalLineRow& line) {
  DOSSIER_PREPARE(
      s, "INSERT INTO disposal_lines (list_id, line, doc_id, state, note) VALUES (?, ?, ?, ?, ?)");
  return s.BindAll(list_id, line.line, line.doc_id, line.state, line.note).Run();
}

Status SqliteCatalog::SetDisposalLine(const std::string& list_id, int line,
                                      const std::string& state, const std::string& note) {
  DOSSIER_PREPARE(s,
                  "UPDATE disposal_lines SET state = ?, note = ? WHERE list_id = ? AND line = ?");
  return s.BindAll(state, note, list_id, line).Run();
}

Result<std::vector<SqliteCatalog::DisposalLineRow>> SqliteCatalog::ListDisposalLines(
    const std::string& list_id) {
  DOSSIER_PREPARE(
      s, "SELECT line, doc_id, state, note FROM disposal_lines WHERE list_id = ? ORDER BY line");
  s.Bind(1, list_id);
  return Collect<DisposalLineRow>(s, [](const Stmt& st) {
    return DisposalLineRow{static_cast<int>(st.Int(0)), st.Text(1), st.Text(2), st.Text(3)};
  });
}

Result<std::map<Confidentiality, int>> SqliteCatalog::ListedMarkings(const std::string& list_id) {
  DOSSIER_PREPARE(s,
                  "SELECT d.confidentiality, count(*) FROM disposal_lines l JOIN documents d ON "
                  "d.id = l.doc_id "
                  "WHERE l.list_id = ? AND l.state = 'listed' GROUP BY d.confidentiality");
  s.Bind(1, list_id);
  std::map<Confidentiality, int> out;
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out[static_cast<Confidentiality>(s.Int(0))] = static_cast<int>(s.Int(1));
  }
}

Result<std::string> SqliteCatalog::DisposalLineState(const std::string& list_id, int line) {
  DOSSIER_PREPARE(s, "SELECT state FROM disposal_lines WHERE list_id = ? AND line = ?");
  s.BindAll(list_id, line);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return *row ? s.Text(0) : std::string();
}

Result<std::string> SqliteCatalog::OpenDisposalListOf(const std::string& doc_id) {
  DOSSIER_PREPARE(
      s,
      "SELECT l.list_id FROM disposal_lines l JOIN disposal_lists d ON d.doc_id = l.list_id "
      "WHERE l.doc_id = ? AND l.state = 'listed' AND d.status IN ('proposed', 'approved', "
      "'executing')");
  s.Bind(1, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return *row ? s.Text(0) : std::string();
}

Status SqliteCatalog::InsertDisposalApproval(const std::string& list_id,
                                             const DisposalApproval& a) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO disposal_approvals (list_id, role, actor, at, comment) VALUES (?, ?, ?, ?, ?)");
  return s.BindAll(list_id, std::string(RoleCode(a.role)), a.actor, a.at, a.comment).Run();
}

Result<std::vector<DisposalApproval>> SqliteCatalog::ListDisposalApprovals(
    const std::string& list_id) {
  DOSSIER_PREPARE(s,
                  "SELECT role, actor, at, comment FROM disposal_approvals WHERE list_id = ? ORDER "
                  "BY at, role");
  s.Bind(1, list_id);
  return Collect<DisposalApproval>(s, [](const Stmt& st) {
    return DisposalApproval{ParseRole(st.Text(0)).value_or(Role::kAdmin), st.Text(1), st.Text(2),
                            st.Text(3)};
  });
}

Status SqliteCatalog::ClearDisposalApprovals(const std::string& list_id) {
  DOSSIER_PREPARE(s, "DELETE FROM disposal_approvals WHERE list_id = ?");
  return s.Bind(1, list_id).Run();
}

Result<SqliteCatalog::DestroyedContent> SqliteCatalog::DestroyContent(const std::string& doc_id,
                                                                      const std::string& list_id,
                                                                      const std::string& at,
                                                                      const std::string& by) {
  // The caller took the document out of the search index first
  // (SearchIndex::RemoveDocument).
  DestroyedContent out;
  std::vector<std::string> shas;
  {
    DOSSIER_PREPARE(s, "SELECT DISTINCT sha256 FROM version_files WHERE doc_id = ?");
    s.Bind(1, doc_id);
    auto found = Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
    if (!found.ok()) return found.status();
    shas = std::move(*found);
  }
  {
    DOSSIER_PREPARE(s, "SELECT count(*) FROM version_files WHERE doc_id = ?");
    s.Bind(1, doc_id);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    out.files = s.Int(0);
  }
  for (const char* sql : {"DELETE FROM version_files WHERE doc_id = ?",
                          "UPDATE versions SET metadata = '{}' WHERE doc_id = ?",
                          "DELETE FROM resolutions WHERE doc_id = ?",
                          "UPDATE documents SET status = 'destroyed' WHERE id = ?",
                          "UPDATE archives SET disposed = 'destroyed' WHERE doc_id = ?"}) {
    DOSSIER_PREPARE(s, sql);
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, doc_id).Run());
  }
  for (const auto& sha : shas) {
    // Content a kept document shares stays.
    DOSSIER_PREPARE(used, "SELECT 1 FROM version_files WHERE sha256 = ? LIMIT 1");
    used.Bind(1, sha);
    auto row = used.Step();
    if (!row.ok()) return row.status();
    if (*row) continue;
    DOSSIER_PREPARE(queue,
                    "INSERT OR IGNORE INTO blob_removals (sha256, pack, pack_offset, stored_size) "
                    "SELECT sha256, pack, pack_offset, stored_size FROM blobs WHERE sha256 = ? "
                    "RETURNING stored_size");
    queue.Bind(1, sha);
    auto queued = queue.Step();
    if (!queued.ok()) return queued.status();
    if (*queued) {
      ++out.blobs;
      out.bytes += static_cast<uint64_t>(queue.Int(0));
    }
    DOSSIER_RETURN_IF_ERROR(queue.Run());
    for (const char* sql :
         {"DELETE FROM blob_text WHERE sha256 = ?", "DELETE FROM blobs WHERE sha256 = ?"}) {
      DOSSIER_PREPARE(s, sql);
      DOSSIER_RETURN_IF_ERROR(s.Bind(1, sha).Run());
    }
  }
  DOSSIER_PREPARE(
      s,
      "INSERT INTO destroyed (doc_id, list_id, destroyed_at, destroyed_by, files, blobs, bytes) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  DOSSIER_RETURN_IF_ERROR(
      s.BindAll(doc_id, list_id, at, by, out.files, out.blobs, static_cast<int64_t>(out.bytes))
          .Run());
  return out;
}

Result<std::optional<SqliteCatalog::DestroyedRow>> SqliteCatalog::FindDestroyed(
    const std::string& doc_id) {
  DOSSIER_PREPARE(
      s, "SELECT list_id, destroyed_at, destroyed_by, bytes FROM destroyed WHERE doc_id = ?");
  s.Bind(1, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DestroyedRow>();
  return std::optional<DestroyedRow>(
      DestroyedRow{s.Text(0), s.Text(1), s.Text(2), static_cast<uint64_t>(s.Int(3))});
}

Result<std::vector<std::string>> SqliteCatalog::CheckDisposedMarks() {
  DOSSIER_PREPARE(
      s,
      "SELECT d.number || ': its archive record is marked \"' || a.disposed || '\" but ' || "
      "CASE WHEN x.doc_id IS NOT NULL THEN 'it was destroyed' WHEN t.doc_id IS NOT NULL "
      "THEN 'it was transferred' ELSE 'it is neither destroyed nor transferred' END "
      "FROM archives a JOIN documents d ON d.id = a.doc_id "
      "LEFT JOIN destroyed x ON x.doc_id = a.doc_id LEFT JOIN transferred t ON t.doc_id = a.doc_id "
      "WHERE a.disposed <> CASE WHEN x.doc_id IS NOT NULL THEN 'destroyed' "
      "WHEN t.doc_id IS NOT NULL THEN 'transferred' ELSE '' END");
  return Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
}

Result<std::set<std::string>> SqliteCatalog::ListDestroyed() {
  DOSSIER_PREPARE(s, "SELECT doc_id FROM destroyed");
  std::set<std::string> out;
  DOSSIER_RETURN_IF_ERROR(Each(
      s, [](const Stmt& st) { return st.Text(0); },
      [&](const std::string& id) {
        out.insert(id);
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<SqliteCatalog::BlobRemoval>> SqliteCatalog::ListBlobRemovals() {
  DOSSIER_PREPARE(s,
                  "SELECT sha256, pack, pack_offset, stored_size, rewrite_to FROM blob_removals "
                  "ORDER BY pack, pack_offset");
  return Collect<BlobRemoval>(s, [](const Stmt& st) {
    return BlobRemoval{BlobLocation{st.Text(0), st.Text(1), static_cast<uint64_t>(st.Int(2)),
                                    static_cast<uint64_t>(st.Int(3))},
                       st.Text(4)};
  });
}

Status SqliteCatalog::SetPackRewrite(const std::string& pack, const std::string& rewrite_to) {
  DOSSIER_PREPARE(s, "UPDATE blob_removals SET rewrite_to = ? WHERE pack = ?");
  return s.BindAll(rewrite_to, pack).Run();
}

Result<std::vector<BlobRow>> SqliteCatalog::BlobsInPack(const std::string& pack) {
  DOSSIER_PREPARE(
      s,
      "SELECT sha256, size, stored_size, encoding, pack, pack_offset FROM blobs WHERE pack = ? "
      "ORDER BY pack_offset");
  s.Bind(1, pack);
  return Collect<BlobRow>(s, [](const Stmt& st) {
    return BlobRow{
        st.Text(0), static_cast<uint64_t>(st.Int(1)), static_cast<uint64_t>(st.Int(2)), st.Text(3),
        st.Text(4), static_cast<uint64_t>(st.Int(5))};
  });
}

Status SqliteCatalog::MoveBlob(const std::string& sha256, const std::string& pack,
                               uint64_t offset) {
  DOSSIER_PREPARE(s, "UPDATE blobs SET pack = ?, pack_offset = ? WHERE sha256 = ?");
  return s.BindAll(pack, static_cast<int64_t>(offset), sha256).Run();
}

Status SqliteCatalog::DeleteBlobRemoval(const std::string& sha256) {
  DOSSIER_PREPARE(s, "DELETE FROM blob_removals WHERE sha256 = ?");
  return s.Bind(1, sha256).Run();
}

Status SqliteCatalog::DeletePackRemovals(const std::string& pack) {
  DOSSIER_PREPARE(s, "DELETE FROM blob_removals WHERE pack = ?");
  return s.Bind(1, pack).Run();
}

}  // namespace dossier
