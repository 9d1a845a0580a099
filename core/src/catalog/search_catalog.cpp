// The catalog's statements of full-text search (schemas/db/007_search.sql).
#include "catalog/catalog.h"
#include "catalog/statements.h"
#include "util/compress.h"

namespace dossier {

namespace {

// bm25 weights of the index's columns: number (and 档号), title, metadata
// values, text of the files. A match in the title outranks many in the body.
constexpr const char* kRank = "bm25(search_index, 10.0, 5.0, 2.0, 1.0)";

// The conditions of a search on documents d, archives a and index rows r,
// appended to `sql`; the values bound in the same order by BindFilters.
void AppendFilters(std::string& sql, const SearchRequest& f, bool with_rows) {
  sql += " AND d.confidentiality <= ?";
  if (with_rows && !f.all_versions) sql += " AND r.current = 1";
  if (f.type) sql += " AND d.type = ?";
  if (f.dept) sql += " AND d.dept = ?";
  if (f.counterparty) sql += " AND d.counterparty LIKE ? ESCAPE '\\'";
  if (f.status) sql += " AND d.status = ?";
  if (f.from) sql += " AND d.doc_date >= ?";
  if (f.to) sql += " AND d.doc_date <= ?";
  if (f.amount_min || f.amount_max) {
    std::string amount = std::string("CAST(json_extract(") + kCurrentMetadataOfD + ", '$.amount.value') AS REAL)";
    if (f.amount_min) sql += " AND " + amount + " >= ?";
    if (f.amount_max) sql += " AND " + amount + " <= ?";
  }
  if (f.retention) sql += " AND a.retention = ?";
  if (f.archived) sql += *f.archived ? " AND a.doc_id IS NOT NULL" : " AND a.doc_id IS NULL";
}

int BindFilters(Stmt& s, int i, const SearchRequest& f, int max_confidentiality) {
  s.Bind(i++, max_confidentiality);
  if (f.type) s.Bind(i++, *f.type);
  if (f.dept) s.Bind(i++, *f.dept);
  if (f.counterparty) s.Bind(i++, "%" + LikeEscape(*f.counterparty) + "%");
  if (f.status) s.Bind(i++, *f.status);
  if (f.from) s.Bind(i++, *f.from);
  if (f.to) s.Bind(i++, *f.to);
  if (f.amount_min) s.Bind(i++, *f.amount_min);
  if (f.amount_max) s.Bind(i++, *f.amount_max);
  if (f.retention) s.Bind(i++, *f.retention);
  return i;
}

}  // namespace

Status Catalog::InsertBlobText(const std::string& sha256, const std::string& kind, const std::string& note,
                               const std::string& text) {
  DOSSIER_PREPARE(s, "INSERT OR IGNORE INTO blob_text (sha256, kind, note, size, text) VALUES (?, ?, ?, ?, ?)");
  std::string z = text.empty() ? std::string() : Compress(text);
  s.BindAll(sha256, kind, note, static_cast<int64_t>(text.size()));
  return s.BindBlob(5, z).Run();
}

Status Catalog::IndexVersion(const std::string& doc_id, int version, const std::string& meta) {
  {
    DOSSIER_PREPARE(s, "UPDATE search_rows SET current = 0 WHERE doc_id = ? AND current = 1");
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, doc_id).Run());
  }
  {
    DOSSIER_PREPARE(s,
                    "INSERT INTO search_rows (doc_id, version, current, number, title, meta) "
                    "SELECT d.id, v.version, 1, d.number || coalesce(' ' || a.archive_code, ''), v.title, ? "
                    "FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = ? "
                    "LEFT JOIN archives a ON a.doc_id = d.id WHERE d.id = ?");
    DOSSIER_RETURN_IF_ERROR(s.BindAll(meta, version, doc_id).Run());
  }
  DOSSIER_PREPARE(s,
                  "INSERT INTO search_index (rowid, number, title, meta, body) "
                  "SELECT id, number, title, meta, body FROM search_content WHERE id = last_insert_rowid()");
  return s.Run();
}

Status Catalog::RefreshIndexedNumber(const std::string& doc_id) {
  // An external-content index forgets a row only when told its old values.
  {
    DOSSIER_PREPARE(s,
                    "INSERT INTO search_index (search_index, rowid, number, title, meta, body) "
                    "SELECT 'delete', c.id, c.number, c.title, c.meta, c.body FROM search_content c "
                    "WHERE c.id = (SELECT id FROM search_rows WHERE doc_id = ? AND current = 1)");
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, doc_id).Run());
  }
  {
    DOSSIER_PREPARE(s,
                    "UPDATE search_rows SET number = (SELECT d.number || coalesce(' ' || a.archive_code, '') "
                    "FROM documents d LEFT JOIN archives a ON a.doc_id = d.id WHERE d.id = search_rows.doc_id) "
                    "WHERE doc_id = ? AND current = 1");
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, doc_id).Run());
  }
  DOSSIER_PREPARE(s,
                  "INSERT INTO search_index (rowid, number, title, meta, body) "
                  "SELECT c.id, c.number, c.title, c.meta, c.body FROM search_content c "
                  "WHERE c.id = (SELECT id FROM search_rows WHERE doc_id = ? AND current = 1)");
  return s.Bind(1, doc_id).Run();
}

Status Catalog::ClearSearchIndex() {
  return db_->ExecScript("INSERT INTO search_index (search_index) VALUES ('delete-all'); DELETE FROM search_rows;");
}

Status Catalog::OptimizeSearchIndex() {
  return db_->ExecScript("INSERT INTO search_index (search_index) VALUES ('optimize')");
}

Result<std::vector<BlobRow>> Catalog::BlobsWithoutText() {
  DOSSIER_PREPARE(s,
                  "SELECT b.sha256, b.size, b.stored_size, b.encoding, b.pack, b.pack_offset FROM blobs b "
                  "WHERE NOT EXISTS (SELECT 1 FROM blob_text t WHERE t.sha256 = b.sha256) "
                  "AND EXISTS (SELECT 1 FROM version_files f WHERE f.sha256 = b.sha256) "
                  "ORDER BY b.pack, b.pack_offset, b.sha256");
  return Collect<BlobRow>(s, [](const Stmt& st) {
    return BlobRow{st.Text(0), static_cast<uint64_t>(st.Int(1)), static_cast<uint64_t>(st.Int(2)), st.Text(3),
                   st.Text(4), static_cast<uint64_t>(st.Int(5))};
  });
}

Result<std::vector<FileTextInfo>> Catalog::FileTexts(const std::string& doc_id, int version) {
  DOSSIER_PREPARE(s,
                  "SELECT f.name, coalesce(t.kind, ''), coalesce(t.note, 'not read for text yet (dossier reindex reads it)'), "
                  "coalesce(t.size, 0) FROM version_files f LEFT JOIN blob_text t ON t.sha256 = f.sha256 "
                  "WHERE f.doc_id = ? AND f.version = ? ORDER BY f.name");
  s.BindAll(doc_id, version);
  return Collect<FileTextInfo>(s, [](const Stmt& st) {
    return FileTextInfo{st.Text(0), st.Text(1), st.Text(2), static_cast<uint64_t>(st.Int(3))};
  });
}

Result<std::vector<Catalog::SearchRowHit>> Catalog::Search(const std::string& fts, const SearchRequest& f,
                                                           int max_confidentiality) {
  std::string sql;
  if (fts.empty()) {
    sql = std::string("SELECT ") + kDocColumnsOfD + ", 0, d.current_version, 0.0 FROM documents d "
          "LEFT JOIN archives a ON a.doc_id = d.id WHERE 1";
    AppendFilters(sql, f, false);
    sql += " ORDER BY d.doc_date DESC, d.number DESC LIMIT ?";
  } else {
    // The ranking runs over every match; only the top rows are read back
    // in full, and snippets are made afterwards for those alone.
    sql = std::string("SELECT ") + kDocColumnsOfD + ", r.id, r.version, " + kRank +
          " AS score FROM search_index JOIN search_rows r ON r.id = search_index.rowid "
          "JOIN documents d ON d.id = r.doc_id LEFT JOIN archives a ON a.doc_id = d.id "
          "WHERE search_index MATCH ?";
    AppendFilters(sql, f, true);
    sql += " ORDER BY score LIMIT ?";
  }
  DOSSIER_PREPARE(s, sql);
  int i = 1;
  if (!fts.empty()) s.Bind(i++, fts);
  i = BindFilters(s, i, f, max_confidentiality);
  s.Bind(i++, f.limit);
  return Collect<SearchRowHit>(s, [](const Stmt& st) {
    return SearchRowHit{ReadDocument(st), st.Int(kDocColumnCount), static_cast<int>(st.Int(kDocColumnCount + 1)),
                        st.Double(kDocColumnCount + 2)};
  });
}

Result<int64_t> Catalog::CountSearch(const std::string& fts, const SearchRequest& f, int max_confidentiality) {
  std::string sql;
  if (fts.empty()) {
    sql = "SELECT count(*) FROM documents d LEFT JOIN archives a ON a.doc_id = d.id WHERE 1";
    AppendFilters(sql, f, false);
  } else {
    sql = "SELECT count(DISTINCT r.doc_id) FROM search_index JOIN search_rows r ON r.id = search_index.rowid "
          "JOIN documents d ON d.id = r.doc_id LEFT JOIN archives a ON a.doc_id = d.id WHERE search_index MATCH ?";
    AppendFilters(sql, f, true);
  }
  DOSSIER_PREPARE(s, sql);
  int i = 1;
  if (!fts.empty()) s.Bind(i++, fts);
  BindFilters(s, i, f, max_confidentiality);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0);
}

Result<std::string> Catalog::Snippet(const std::string& fts, int64_t index_row) {
  DOSSIER_PREPARE(s,
                  "SELECT snippet(search_index, -1, '[', ']', '…', 24) FROM search_index "
                  "WHERE search_index MATCH ? AND rowid = ?");
  s.BindAll(fts, index_row);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return *row ? s.Text(0) : std::string();
}

Result<std::vector<DocumentRow>> Catalog::FindByNumberOrCode(const std::string& text, int max_confidentiality) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kDocColumnsOfD +
                         " FROM documents d WHERE d.confidentiality <= ?1 AND (d.number = ?2 OR d.id IN "
                         "(SELECT doc_id FROM archives WHERE archive_code = ?2)) "
                         "ORDER BY (SELECT piece FROM archives WHERE doc_id = d.id), d.number");
  s.BindAll(max_confidentiality, text);
  return Collect<DocumentRow>(s, ReadDocument);
}

Result<std::vector<std::string>> Catalog::CheckSearchIndex() {
  std::vector<std::string> problems;
  auto collect = [&](const char* sql, const std::string& what) -> Status {
    DOSSIER_PREPARE(s, sql);
    return Each(s, [](const Stmt& st) { return st.Text(0); }, [&](const std::string& number) {
      problems.push_back(number + ": " + what);
      return Status::Ok();
    });
  };
  DOSSIER_RETURN_IF_ERROR(collect(
      "SELECT d.number || ' version ' || v.version FROM versions v JOIN documents d ON d.id = v.doc_id "
      "WHERE NOT EXISTS (SELECT 1 FROM search_rows r WHERE r.doc_id = v.doc_id AND r.version = v.version) "
      "ORDER BY d.number, v.version",
      "not in the search index"));
  DOSSIER_RETURN_IF_ERROR(collect(
      "SELECT 'index row ' || r.id FROM search_rows r WHERE NOT EXISTS "
      "(SELECT 1 FROM versions v WHERE v.doc_id = r.doc_id AND v.version = r.version)",
      "in the search index without its version"));
  DOSSIER_RETURN_IF_ERROR(collect(
      "SELECT d.number FROM documents d WHERE (SELECT count(*) FROM search_rows r WHERE r.doc_id = d.id "
      "AND r.current = 1 AND r.version = d.current_version) != 1 "
      "OR EXISTS (SELECT 1 FROM search_rows r WHERE r.doc_id = d.id AND r.current = 1 AND r.version != d.current_version)",
      "the search index does not mark its newest version as current"));
  return problems;
}

Status Catalog::CheckSearchIntegrity() {
  return db_->ExecScript("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)");
}

}  // namespace dossier
