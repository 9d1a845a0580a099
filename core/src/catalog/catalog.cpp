#include "catalog/catalog.h"

#include "catalog/statements.h"

namespace dossier {

DocumentRow ReadDocument(const Stmt& s) {
  DocumentRow row;
  auto& d = row.summary;
  d.id = s.Text(0);
  d.type = s.Text(1);
  d.number = s.Text(2);
  row.number_scope = s.Text(3);
  row.number_seq = s.Int(4);
  d.title = s.Text(5);
  d.confidentiality = static_cast<Confidentiality>(s.Int(6));
  d.status = s.Text(7);
  d.current_version = static_cast<int>(s.Int(8));
  d.dept = s.Text(9);
  d.counterparty = s.Text(10);
  d.doc_date = s.Text(11);
  d.created_at = s.Text(12);
  d.created_by = s.Text(13);
  row.round = static_cast<int>(s.Int(14));
  return row;
}

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

User ReadUser(const Stmt& s) {
  User u;
  u.name = s.Text(0);
  u.role = ParseRole(s.Text(1)).value_or(Role::kClerk);
  u.clearance = static_cast<Confidentiality>(s.Int(2));
  u.active = s.Int(3) != 0;
  u.created_at = s.Text(4);
  u.department = s.Text(5);
  u.language = s.Text(6);
  return u;
}

}  // namespace

// --- meta ---------------------------------------------------------------------

Result<std::optional<std::string>> Catalog::GetMeta(const std::string& key) {
  DOSSIER_PREPARE(s, "SELECT value FROM meta WHERE key = ?");
  s.Bind(1, key);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(s.Text(0));
}

Status Catalog::SetMeta(const std::string& key, const std::string& value) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                  "value = excluded.value");
  return s.BindAll(key, value).Run();
}

// --- users --------------------------------------------------------------------

Status Catalog::InsertUser(const User& u) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO users (name, role, clearance, active, created_at, department, language) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(u.name, std::string(RoleCode(u.role)), static_cast<int>(u.clearance),
               u.active ? 1 : 0, u.created_at, u.department, u.language)
      .Run();
}

Status Catalog::UpdateUser(const User& u) {
  DOSSIER_PREPARE(s,
                  "UPDATE users SET role = ?, clearance = ?, active = ?, department = ?, language "
                  "= ? WHERE name = ?");
  return s
      .BindAll(std::string(RoleCode(u.role)), static_cast<int>(u.clearance), u.active ? 1 : 0,
               u.department, u.language, u.name)
      .Run();
}

Result<std::optional<User>> Catalog::FindUser(const std::string& name) {
  DOSSIER_PREPARE(s,
                  "SELECT name, role, clearance, active, created_at, department, language FROM "
                  "users WHERE name = ?");
  s.Bind(1, name);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<User>();
  return std::optional<User>(ReadUser(s));
}

Result<std::vector<User>> Catalog::ListUsers() {
  DOSSIER_PREPARE(s,
                  "SELECT name, role, clearance, active, created_at, department, language FROM "
                  "users ORDER BY name");
  return Collect<User>(s, ReadUser);
}

// --- blobs --------------------------------------------------------------------

Status Catalog::InsertBlob(const BlobRow& b) {
  DOSSIER_PREPARE(
      s,
      "INSERT OR IGNORE INTO blobs (sha256, size, stored_size, encoding, pack, pack_offset) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(b.sha256, static_cast<int64_t>(b.size), static_cast<int64_t>(b.stored_size),
               b.encoding, b.pack, static_cast<int64_t>(b.pack_offset))
      .Run();
}

namespace {
constexpr const char* kBlobColumns = "sha256, size, stored_size, encoding, pack, pack_offset";
BlobRow ReadBlob(const Stmt& st) {
  return BlobRow{
      st.Text(0), static_cast<uint64_t>(st.Int(1)), static_cast<uint64_t>(st.Int(2)), st.Text(3),
      st.Text(4), static_cast<uint64_t>(st.Int(5))};
}
}  // namespace

Result<std::optional<BlobRow>> Catalog::FindBlob(const std::string& sha256) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kBlobColumns + " FROM blobs WHERE sha256 = ?");
  s.Bind(1, sha256);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<BlobRow>();
  return std::optional<BlobRow>(ReadBlob(s));
}

Result<std::vector<BlobRow>> Catalog::ListBlobs() {
  // In storage order, so verify reads each pack front to back.
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kBlobColumns + " FROM blobs ORDER BY pack, pack_offset, sha256");
  return Collect<BlobRow>(s, ReadBlob);
}

// --- documents ------------------------------------------------------------------

Status Catalog::InsertDocument(const DocumentRow& row) {
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

Status Catalog::UpdateDocumentHead(const std::string& id, const std::string& title,
                                   int current_version, const std::string& dept,
                                   const std::string& counterparty, const std::string& doc_date) {
  DOSSIER_PREPARE(s,
                  "UPDATE documents SET title = ?, current_version = ?, dept = ?, counterparty = "
                  "?, doc_date = ? "
                  "WHERE id = ?");
  return s.BindAll(title, current_version, dept, counterparty, doc_date, id).Run();
}

Status Catalog::SetDocumentStatus(const std::string& id, const std::string& status) {
  DOSSIER_PREPARE(s, "UPDATE documents SET status = ? WHERE id = ?");
  return s.BindAll(status, id).Run();
}

Status Catalog::SetDocumentState(const std::string& id, const std::string& status, int round) {
  DOSSIER_PREPARE(s, "UPDATE documents SET status = ?, round = ? WHERE id = ?");
  return s.BindAll(status, round, id).Run();
}

Status Catalog::SetDocumentConfidentiality(const std::string& id, int level) {
  DOSSIER_PREPARE(s, "UPDATE documents SET confidentiality = ? WHERE id = ?");
  return s.BindAll(level, id).Run();
}

Result<std::optional<DocumentRow>> Catalog::FindDocument(const char* where,
                                                         const std::string& value) {
  DOSSIER_PREPARE(s,
                  std::string("SELECT ") + kDocColumns + " FROM documents WHERE " + where + " = ?");
  s.Bind(1, value);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DocumentRow>();
  return std::optional<DocumentRow>(ReadDocument(s));
}

Result<std::optional<DocumentRow>> Catalog::FindDocumentById(const std::string& id) {
  return FindDocument("id", id);
}

Result<std::optional<DocumentRow>> Catalog::FindDocumentByNumber(const std::string& number) {
  return FindDocument("number", number);
}

Result<std::vector<std::string>> Catalog::FindIdsByPrefix(const std::string& prefix, int limit) {
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

Result<std::vector<DocumentRow>> Catalog::ListDocuments(const ListFilter& f,
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

Result<int64_t> Catalog::CountDocuments(const ListFilter& f, int max_confidentiality) {
  DOSSIER_PREPARE(s, std::string("SELECT count(*)") + ListFilterWhere(f));
  BindListFilter(s, f, max_confidentiality);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0);
}

Status Catalog::ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kDocColumns + " FROM documents ORDER BY id");
  return Each(s, ReadDocument, fn);
}

Result<std::vector<DocumentWithMetadata>> Catalog::ListWithMetadata(const std::string& type,
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

Result<std::vector<RelatedDocument>> Catalog::ListRelatedWithMetadata(
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

Status Catalog::InsertVersion(const std::string& doc_id, const Version& v) {
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

Status Catalog::FillFiles(const std::string& doc_id, Version& v) {
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

Result<std::optional<Version>> Catalog::GetVersion(const std::string& doc_id, int number) {
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

Result<std::vector<Version>> Catalog::ListVersions(const std::string& doc_id) {
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

Status Catalog::ForEachVersion(
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

Status Catalog::InsertRelation(const RelationRow& r) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO relations (from_id, kind, to_id, created_at, created_by) VALUES (?, "
                  "?, ?, ?, ?)");
  return s.BindAll(r.from_id, r.kind, r.to_id, r.created_at, r.created_by).Run();
}

Result<bool> Catalog::RelationExists(const std::string& from_id, const std::string& kind,
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

Result<std::vector<RelationRow>> Catalog::RelationsOf(const std::string& doc_id) {
  DOSSIER_PREPARE(s,
                  "SELECT from_id, kind, to_id, created_at, created_by FROM relations WHERE "
                  "from_id = ? OR to_id = ? "
                  "ORDER BY created_at");
  s.BindAll(doc_id, doc_id);
  return Collect<RelationRow>(s, ReadRelation);
}

Result<std::vector<RelationRow>> Catalog::ListRelations() {
  DOSSIER_PREPARE(s,
                  "SELECT from_id, kind, to_id, created_at, created_by FROM relations ORDER BY "
                  "from_id, kind, to_id");
  return Collect<RelationRow>(s, ReadRelation);
}

// --- lifecycle steps ----------------------------------------------------------------

Status Catalog::InsertStep(const std::string& doc_id, const LifecycleStep& t) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO steps (doc_id, round, action, from_state, to_state, actor, role, "
                  "at, comment, review) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(doc_id, t.round, t.action, t.from_state, t.to_state, t.actor, t.role, t.at,
               t.comment, t.review ? 1 : 0)
      .Run();
}

Result<std::vector<LifecycleStep>> Catalog::ListSteps(const std::string& doc_id) {
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

Result<std::string> Catalog::LastStepState(const std::string& doc_id) {
  DOSSIER_PREPARE(s, "SELECT to_state FROM steps WHERE doc_id = ? ORDER BY seq DESC LIMIT 1");
  s.Bind(1, doc_id);
  auto states = Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
  if (!states.ok()) return states.status();
  return states->empty() ? std::string() : states->front();
}

// --- distribution and resolutions ------------------------------------------------------

Status Catalog::InsertDistribution(const std::string& doc_id, const DistributionRecord& r) {
  DOSSIER_PREPARE(
      s, "INSERT INTO distributions (doc_id, recipient, at, by, note) VALUES (?, ?, ?, ?, ?)");
  return s.BindAll(doc_id, r.recipient, r.at, r.by, r.note).Run();
}

Result<std::vector<DistributionRecord>> Catalog::ListDistributions(const std::string& doc_id) {
  DOSSIER_PREPARE(
      s, "SELECT recipient, at, by, note FROM distributions WHERE doc_id = ? ORDER BY seq");
  s.Bind(1, doc_id);
  return Collect<DistributionRecord>(s, [](const Stmt& st) {
    return DistributionRecord{st.Text(0), st.Text(1), st.Text(2), st.Text(3)};
  });
}

Status Catalog::InsertResolution(const std::string& doc_id, const Resolution& r) {
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

Result<std::vector<Resolution>> Catalog::ListResolutions(const std::string& owner, bool open_only,
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

Result<std::optional<Resolution>> Catalog::FindResolution(const std::string& doc_id, int item) {
  DOSSIER_PREPARE(s, std::string(kResolutionSelect) + "WHERE r.doc_id = ? AND r.item = ?");
  s.BindAll(doc_id, item);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Resolution>();
  return std::optional<Resolution>(ReadResolution(s));
}

Result<std::vector<Resolution>> Catalog::ListResolutionsOf(const std::string& doc_id) {
  DOSSIER_PREPARE(s, std::string(kResolutionSelect) + "WHERE r.doc_id = ? ORDER BY r.item");
  s.Bind(1, doc_id);
  return Collect<Resolution>(s, ReadResolution);
}

Status Catalog::InsertResolutionAsIs(const std::string& doc_id, const Resolution& r) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO resolutions (doc_id, item, text, owner, due, status, done_at, done_by, note) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return s.BindAll(doc_id, r.item, r.text, r.owner, r.due, r.status, r.done_at, r.done_by, r.note)
      .Run();
}

Status Catalog::CompleteResolution(const std::string& doc_id, int item, const std::string& at,
                                   const std::string& by, const std::string& note) {
  DOSSIER_PREPARE(s,
                  "UPDATE resolutions SET status = 'done', done_at = ?, done_by = ?, note = ? "
                  "WHERE doc_id = ? AND item = ?");
  return s.BindAll(at, by, note, doc_id, item).Run();
}

// --- archive ------------------------------------------------------------------------

Status Catalog::InsertArchive(const ArchiveRecord& r, const std::string& unit_id,
                              const std::string& code_scope, int64_t code_item,
                              const std::string& clock_event, const std::string& clock_start) {
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

Result<std::map<int64_t, std::vector<std::string>>> Catalog::ArchiveItemsInScope(
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

Result<std::optional<ArchiveRecord>> Catalog::FindArchive(const std::string& doc_id) {
  DOSSIER_PREPARE(s, std::string(kArchiveSelect) + "WHERE a.doc_id = ?");
  s.Bind(1, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ArchiveRecord>();
  return std::optional<ArchiveRecord>(ReadArchive(s));
}

Result<std::optional<Catalog::ArchivePlacement>> Catalog::FindArchivePlacement(
    const std::string& doc_id) {
  DOSSIER_PREPARE(s, "SELECT unit_id, code_scope, code_item FROM archives WHERE doc_id = ?");
  s.Bind(1, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ArchivePlacement>();
  return std::optional<ArchivePlacement>(ArchivePlacement{s.Text(0), s.Text(1), s.Int(2)});
}

Result<std::string> Catalog::UnitOf(const std::string& doc_id) {
  DOSSIER_PREPARE(s, "SELECT unit_id FROM archives WHERE doc_id = ?");
  s.Bind(1, doc_id);
  auto units = Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
  if (!units.ok()) return units.status();
  return units->empty() ? std::string() : units->front();
}

Result<std::vector<ArchiveRecord>> Catalog::ListArchiveUnit(const std::string& unit_id) {
  DOSSIER_PREPARE(s, std::string(kArchiveSelect) + "WHERE a.unit_id = ? ORDER BY a.piece");
  s.Bind(1, unit_id);
  return Collect<ArchiveRecord>(s, ReadArchive);
}

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

Result<int64_t> Catalog::InsertLoan(const Loan& l) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO loans (doc_id, borrower, original, lent_at, lent_by, due, note) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)");
  DOSSIER_RETURN_IF_ERROR(
      s.BindAll(l.document_id, l.borrower, l.original ? 1 : 0, l.lent_at, l.lent_by, l.due, l.note)
          .Run());
  return db_->LastInsertRowId();
}

Status Catalog::ReturnLoan(int64_t id, const std::string& at, const std::string& by,
                           const std::string& note) {
  DOSSIER_PREPARE(s,
                  "UPDATE loans SET returned_at = ?, returned_by = ?, note = CASE WHEN ? = '' THEN "
                  "note ELSE ? END WHERE seq = ?");
  return s.BindAll(at, by, note, note, id).Run();
}

Result<std::vector<Loan>> Catalog::OpenLoans(const std::string& doc_id) {
  DOSSIER_PREPARE(
      s, std::string(kLoanSelect) + "WHERE l.doc_id = ? AND l.returned_at = '' ORDER BY l.seq");
  s.Bind(1, doc_id);
  return Collect<Loan>(s, ReadLoan);
}

Status Catalog::SetLoanBorrower(int64_t id, const std::string& borrower) {
  DOSSIER_PREPARE(s, "UPDATE loans SET borrower = ? WHERE seq = ?");
  return s.BindAll(borrower, id).Run();
}

Status Catalog::SetResolutionOwner(const std::string& doc_id, int item, const std::string& owner) {
  DOSSIER_PREPARE(s, "UPDATE resolutions SET owner = ? WHERE doc_id = ? AND item = ?");
  return s.BindAll(owner, doc_id, item).Run();
}

Status Catalog::SetSealRequester(int64_t id, const std::string& requester) {
  DOSSIER_PREPARE(s, "UPDATE seal_uses SET requested_by = ? WHERE seq = ?");
  return s.BindAll(requester, id).Run();
}

Result<std::vector<Loan>> Catalog::ListLoans(bool out_only, int max_confidentiality) {
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

Result<int64_t> Catalog::InsertSealUse(const SealUse& u) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO seal_uses (doc_id, seal, purpose, status, requested_by, "
                  "requested_at) VALUES (?, ?, ?, ?, ?, ?)");
  DOSSIER_RETURN_IF_ERROR(
      s.BindAll(u.document_id, u.seal, u.purpose, u.status, u.requested_by, u.requested_at).Run());
  return db_->LastInsertRowId();
}

Status Catalog::UpdateSealUse(const SealUse& u) {
  DOSSIER_PREPARE(
      s,
      "UPDATE seal_uses SET status = ?, decided_by = ?, decided_at = ?, comment = ?, used_at = ?, "
      "returned_at = ? WHERE seq = ?");
  return s.BindAll(u.status, u.decided_by, u.decided_at, u.comment, u.used_at, u.returned_at, u.id)
      .Run();
}

Result<std::optional<SealUse>> Catalog::FindSealUse(int64_t id) {
  DOSSIER_PREPARE(s, std::string(kSealSelect) + "WHERE s.seq = ?");
  s.Bind(1, id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SealUse>();
  return std::optional<SealUse>(ReadSealUse(s));
}

Result<std::vector<SealUse>> Catalog::ListSealUses(const SealFilter& f, int max_confidentiality) {
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

// --- numbering ------------------------------------------------------------------

Result<int64_t> Catalog::NextSequence(const std::string& scope, const std::string& type) {
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

Status Catalog::ReserveSequence(const std::string& scope, const std::string& type, int64_t seq) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO number_sequences (scope, type, last) VALUES (?, ?, ?) "
                  "ON CONFLICT (scope) DO UPDATE SET last = max(last, excluded.last)");
  return s.BindAll(scope, type, seq).Run();
}

Result<std::vector<ScopeRow>> Catalog::ListScopes() {
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

Result<std::vector<DocumentRow>> Catalog::DocumentsInScope(const std::string& scope) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kDocColumns +
                         " FROM documents WHERE number_scope = ? ORDER BY number_seq");
  s.Bind(1, scope);
  return Collect<DocumentRow>(s, ReadDocument);
}

// --- audit ----------------------------------------------------------------------

constexpr const char* kAuditColumns = "seq, at, actor, action, object, details, prev_hash, hash";

Result<std::optional<AuditEntry>> Catalog::LastAudit() {
  DOSSIER_PREPARE(s,
                  std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq DESC LIMIT 1");
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(ReadAudit(s));
}

Result<std::optional<AuditEntry>> Catalog::FindAudit(int64_t seq) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kAuditColumns + " FROM audit WHERE seq = ?");
  s.Bind(1, seq);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(ReadAudit(s));
}

Status Catalog::InsertAudit(const AuditEntry& e) {
  DOSSIER_PREPARE(s,
                  "INSERT INTO audit (seq, at, actor, action, object, details, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  return s.BindAll(e.seq, e.at, e.actor, e.action, e.object, e.details_json, e.prev_hash, e.hash)
      .Run();
}

Result<std::vector<AuditEntry>> Catalog::ListAudit(const std::optional<std::string>& object) {
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

Result<std::vector<AuditEntry>> Catalog::ListAuditOfObject(const std::string& object) {
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kAuditColumns + " FROM audit WHERE object = ? ORDER BY seq");
  s.Bind(1, object);
  return Collect<AuditEntry>(s, ReadAudit);
}

Status Catalog::ForEachAudit(const std::function<Status(const AuditEntry&)>& fn) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq");
  return Each(s, ReadAudit, fn);
}

// --- pool -----------------------------------------------------------------------

CatalogPool::~CatalogPool() = default;

Result<CatalogPool::Lease> CatalogPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(c.release(), Returner{this});
    }
  }
  auto db = read_only_ ? SqliteDb::OpenReadOnly(path_) : SqliteDb::Open(path_, false);
  if (!db.ok()) return db.status();
  auto c = std::make_unique<Catalog>(std::move(*db), search_);
  return Lease(c.release(), Returner{this});
}

void CatalogPool::Return(Catalog* catalog) {
  // A server's connections take turns writing and reading: one that wrote
  // once kept 32 MB of cache for every search after (bench/server: peak
  // memory from 124 to 194 MB between runs). A batch writer holds its lease
  // and keeps the cache while it writes.
  catalog->db().ShrinkCacheAfterWrites();
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.emplace_back(catalog);  // takes ownership back
}

}  // namespace dossier
