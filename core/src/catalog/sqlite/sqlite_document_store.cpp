// DocumentStore in SQLite: documents, their versions and relations (schemas/db/001_init.sql and
// after).
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

namespace {

constexpr const char* kVersionColumns =
    "version, parent, title, metadata, author, created_at, comment, digest";

Version ReadVersion(const Stmt& s) {
  Version v;
  v.number = static_cast<int>(s.Int(0));
  v.parent = static_cast<int>(s.Int(1));
  v.title = s.Text(2);
  v.metadata_json = s.Text(3);
  v.author = s.Text(4);
  v.created_at = s.Text(5);
  v.comment = s.Text(6);
  v.digest = s.Text(7);
  return v;
}

}  // namespace

// --- documents ------------------------------------------------------------------

Status SqliteCatalog::InsertDocument(const DocumentRow& row) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO documents (id, type, number, number_scope, number_seq, title, "
                  "confidentiality, status, "
                  "current_version, dept, counterparty, doc_date, created_at, created_by) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const auto& d = row.summary;
  return s
      .BindAll(d.id, d.type, d.number, row.number_scope, row.number_seq, d.title,
               static_cast<int>(d.confidentiality), d.status, d.current_version, d.dept,
               d.counterparty, d.doc_date, d.created_at, d.created_by)
      .Run();
}

Status SqliteCatalog::UpdateDocumentHead(const std::string& id, const std::string& title,
                                         int current_version, const std::string& dept,
                                         const std::string& counterparty,
                                         const std::string& doc_date) {
  DOSSIER_PREPARE(s,
                  "UPDATE documents SET title = ?, current_version = ?, dept = ?, counterparty = "
                  "?, doc_date = ? "
                  "WHERE id = ?");
  return s.BindAll(title, current_version, dept, counterparty, doc_date, id).Run();
}

Status SqliteCatalog::SetDocumentStatus(const std::string& id, const std::string& status) {
  DOSSIER_PREPARE(s, "UPDATE documents SET status = ? WHERE id = ?");
  return s.BindAll(status, id).Run();
}

Status SqliteCatalog::SetDocumentState(const std::string& id, const std::string& status,
                                       int round) {
  DOSSIER_PREPARE(s, "UPDATE documents SET status = ?, round = ? WHERE id = ?");
  return s.BindAll(status, round, id).Run();
}

Status SqliteCatalog::SetDocumentConfidentiality(const std::string& id, int level) {
  DOSSIER_PREPARE(s, "UPDATE documents SET confidentiality = ? WHERE id = ?");
  return s.BindAll(level, id).Run();
}

Result<std::optional<DocumentRow>> SqliteCatalog::FindDocument(const char* where,
                                                               const std::string& value) {
  DOSSIER_PREPARE(s,
                  std::string("SELECT ") + kDocColumns + " FROM documents WHERE " + where + " = ?");
  s.Bind(1, value);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DocumentRow>();
  return std::optional<DocumentRow>(ReadDocument(s));
}

Result<std::optional<DocumentRow>> SqliteCatalog::FindDocumentById(const std::string& id) {
  return FindDocument("id", id);
}

Result<std::optional<DocumentRow>> SqliteCatalog::FindDocumentByNumber(const std::string& number) {
  return FindDocument("number", number);
}

Result<std::vector<std::string>> SqliteCatalog::FindIdsByPrefix(const std::string& prefix,
                                                                int limit) {
  // A range scan on the primary key: ids are lowercase hex.
  DOSSIER_PREPARE(s, "SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT ?");
  s.BindAll(prefix, prefix + "\x7f", limit);
  return Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
}

namespace {

// " WHERE ..." of a list filter: the text varies only by which fixed
// conditions are present; every value is bound by BindListFilter.
std::string ListFilterWhere(const ListFilter& f) {
  std::string sql = " FROM documents WHERE confidentiality <= ?";
  if (f.type) sql += " AND type = ?";
  if (f.status) sql += " AND status = ?";
  if (f.dept) sql += " AND dept = ?";
  if (f.counterparty) sql += " AND counterparty LIKE ? ESCAPE '\\'";
  if (f.from) sql += " AND doc_date >= ?";
  if (f.to) sql += " AND doc_date <= ?";
  return sql;
}

int BindListFilter(Stmt& s, const ListFilter& f, int max_confidentiality) {
  int i = 1;
  s.Bind(i++, max_confidentiality);
  if (f.type) s.Bind(i++, *f.type);
  if (f.status) s.Bind(i++, *f.status);
  if (f.dept) s.Bind(i++, *f.dept);
  if (f.counterparty) s.Bind(i++, LikeContaining(*f.counterparty));
  if (f.from) s.Bind(i++, *f.from);
  if (f.to) s.Bind(i++, *f.to);
  return i;
}

// Each order ends on the number, so that pages never overlap or skip.
const char* OrderByOf(ListOrder order) {
  switch (order) {
    case ListOrder::kRegistered:
      return " ORDER BY created_at, number";
    case ListOrder::kNewestFirst:
      return " ORDER BY created_at DESC, number DESC";
    case ListOrder::kNumber:
      return " ORDER BY number";
    case ListOrder::kDateNewest:
      return " ORDER BY doc_date DESC, number";
    case ListOrder::kDateOldest:
      return " ORDER BY doc_date, number";
    case ListOrder::kTitle:
      return " ORDER BY title, number";
  }
  return " ORDER BY created_at, number";
}

}  // namespace

Result<std::vector<DocumentRow>> SqliteCatalog::ListDocuments(const ListFilter& f,
                                                              int max_confidentiality) {
  std::string sql = std::string("SELECT ") + kDocColumns + ListFilterWhere(f) + OrderByOf(f.order);
  if (f.limit > 0) sql += " LIMIT ? OFFSET ?";
  DOSSIER_PREPARE(s, sql);
  int i = BindListFilter(s, f, max_confidentiality);
  if (f.limit > 0) {
    s.Bind(i++, f.limit);
    s.Bind(i++, static_cast<int64_t>(f.offset));
  }
  return Collect<DocumentRow>(s, ReadDocument);
}

Result<int64_t> SqliteCatalog::CountDocuments(const ListFilter& f, int max_confidentiality) {
  DOSSIER_PREPARE(s, std::string("SELECT count(*)") + ListFilterWhere(f));
  BindListFilter(s, f, max_confidentiality);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0);
}

Status SqliteCatalog::ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kDocColumns + " FROM documents ORDER BY id");
  return Each(s, ReadDocument, fn);
}

Result<std::vector<DocumentWithMetadata>> SqliteCatalog::ListWithMetadata(const std::string& type,
                                                                          int max_confidentiality) {
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kDocColumnsOfD + ", " + kCurrentMetadataOfD +
             " FROM documents d WHERE d.type = ? AND d.status != 'void' AND d.confidentiality <= ?"
             " ORDER BY d.created_at, d.number");
  s.BindAll(type, max_confidentiality);
  return Collect<DocumentWithMetadata>(s, [](const Stmt& st) {
    return DocumentWithMetadata{ReadDocument(st), st.Text(kDocColumnCount)};
  });
}

Result<std::vector<RelatedDocument>> SqliteCatalog::ListRelatedWithMetadata(
    const std::string& kind, const std::string& source_type, const std::string& target_type,
    int max_confidentiality) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kDocColumnsOfD + ", " + kCurrentMetadataOfD +
                         ", r.to_id FROM relations r JOIN documents d ON d.id = r.from_id"
                         " JOIN documents t ON t.id = r.to_id"
                         " WHERE r.kind = ? AND d.type = ? AND t.type = ? AND d.status != 'void'"
                         " AND d.confidentiality <= ? ORDER BY d.created_at, d.number");
  s.BindAll(kind, source_type, target_type, max_confidentiality);
  return Collect<RelatedDocument>(s, [](const Stmt& st) {
    return RelatedDocument{st.Text(kDocColumnCount + 1),
                           {ReadDocument(st), st.Text(kDocColumnCount)}};
  });
}

// --- versions -------------------------------------------------------------------

Status SqliteCatalog::InsertVersion(const std::string& doc_id, const Version& v) {
  {
    DOSSIER_PREPARE(s,
                    "INSERT INTO versions (doc_id, version, parent, title, metadata, author, "
                    "created_at, comment, digest) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    DOSSIER_RETURN_IF_ERROR(s.BindAll(doc_id, v.number, v.parent, v.title, v.metadata_json,
                                      v.author, v.created_at, v.comment, v.digest)
                                .Run());
  }
  for (const auto& f : v.files) {
    DOSSIER_PREPARE(
        s,
        "INSERT INTO version_files (doc_id, version, name, sha256, size) VALUES (?, ?, ?, ?, ?)");
    DOSSIER_RETURN_IF_ERROR(
        s.BindAll(doc_id, v.number, f.name, f.sha256, static_cast<int64_t>(f.size)).Run());
  }
  return Status::Ok();
}

Status SqliteCatalog::FillFiles(const std::string& doc_id, Version& v) {
  DOSSIER_PREPARE(s,
                  "SELECT name, sha256, size FROM version_files WHERE doc_id = ? AND version = ? "
                  "ORDER BY name");
  s.BindAll(doc_id, v.number);
  auto files = Collect<FileEntry>(s, [](const Stmt& st) {
    return FileEntry{st.Text(0), st.Text(1), static_cast<uint64_t>(st.Int(2))};
  });
  if (!files.ok()) return files.status();
  v.files = std::move(*files);
  return Status::Ok();
}

Result<std::optional<Version>> SqliteCatalog::GetVersion(const std::string& doc_id, int number) {
  Version v;
  {
    DOSSIER_PREPARE(s, std::string("SELECT ") + kVersionColumns +
                           " FROM versions WHERE doc_id = ? AND version = ?");
    s.BindAll(doc_id, number);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<Version>();
    v = ReadVersion(s);
  }
  DOSSIER_RETURN_IF_ERROR(FillFiles(doc_id, v));
  return std::optional<Version>(std::move(v));
}

Result<std::vector<Version>> SqliteCatalog::ListVersions(const std::string& doc_id) {
  std::vector<Version> versions;
  {
    DOSSIER_PREPARE(s, std::string("SELECT ") + kVersionColumns +
                           " FROM versions WHERE doc_id = ? ORDER BY version");
    s.Bind(1, doc_id);
    auto got = Collect<Version>(s, ReadVersion);
    if (!got.ok()) return got.status();
    versions = std::move(*got);
  }
  for (auto& v : versions) DOSSIER_RETURN_IF_ERROR(FillFiles(doc_id, v));
  return versions;
}

Status SqliteCatalog::ForEachVersion(
    const std::function<Status(const std::string&, const Version&)>& fn) {
  DOSSIER_PREPARE(s, std::string("SELECT doc_id, ") + kVersionColumns +
                         " FROM versions ORDER BY doc_id, version");
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    std::string doc_id = s.Text(0);
    Version v;
    v.number = static_cast<int>(s.Int(1));
    v.parent = static_cast<int>(s.Int(2));
    v.title = s.Text(3);
    v.metadata_json = s.Text(4);
    v.author = s.Text(5);
    v.created_at = s.Text(6);
    v.comment = s.Text(7);
    v.digest = s.Text(8);
    DOSSIER_RETURN_IF_ERROR(FillFiles(doc_id, v));
    DOSSIER_RETURN_IF_ERROR(fn(doc_id, v));
  }
}

// --- relations ------------------------------------------------------------------

Status SqliteCatalog::InsertRelation(const RelationRow& r) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO relations (from_id, kind, to_id, created_at, created_by) VALUES (?, "
                  "?, ?, ?, ?)");
  return s.BindAll(r.from_id, r.kind, r.to_id, r.created_at, r.created_by).Run();
}

Result<bool> SqliteCatalog::RelationExists(const std::string& from_id, const std::string& kind,
                                           const std::string& to_id) {
  DOSSIER_PREPARE(s, "SELECT 1 FROM relations WHERE from_id = ? AND kind = ? AND to_id = ?");
  s.BindAll(from_id, kind, to_id);
  return s.Step();
}

namespace {
RelationRow ReadRelation(const Stmt& st) {
  return RelationRow{st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)};
}
}  // namespace

Result<std::vector<RelationRow>> SqliteCatalog::RelationsOf(const std::string& doc_id) {
  DOSSIER_PREPARE(s,
                  "SELECT from_id, kind, to_id, created_at, created_by FROM relations WHERE "
                  "from_id = ? OR to_id = ? "
                  "ORDER BY created_at");
  s.BindAll(doc_id, doc_id);
  return Collect<RelationRow>(s, ReadRelation);
}

Result<std::vector<RelationRow>> SqliteCatalog::ListRelations() {
  DOSSIER_PREPARE(s,
                  "SELECT from_id, kind, to_id, created_at, created_by FROM relations ORDER BY "
                  "from_id, kind, to_id");
  return Collect<RelationRow>(s, ReadRelation);
}

}  // namespace dossier
