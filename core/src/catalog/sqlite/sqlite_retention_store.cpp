// The catalog's statements of retention: each archived document's clock and
// extension, and holds (schemas/db/010_retention.sql).
#include <Poco/JSON/Object.h>

#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"
#include "util/json_util.h"

namespace dossier {

namespace {

const std::string kRetentionColumns =
    std::string("SELECT ") + kDocColumnsOfD +
    ", a.archive_code, a.piece, a.retention, a.retention_reason, a.archived_at, a.archived_by, "
    "a.unit_id, "
    "a.clock_event, a.clock_start, a.extended_until, a.disposed = 'transferred' ";
const std::string kRetentionSelect =
    kRetentionColumns + "FROM archives a JOIN documents d ON d.id = a.doc_id ";

SqliteCatalog::RetentionRow ReadRetention(const Stmt& s) {
  SqliteCatalog::RetentionRow r;
  r.doc = ReadDocument(s);
  int i = kDocColumnCount;
  r.record = ArchiveRecord{
      r.doc.summary.id, r.doc.summary.number, s.Text(i),     static_cast<int>(s.Int(i + 1)),
      s.Text(i + 2),    s.Text(i + 3),        s.Text(i + 4), s.Text(i + 5)};
  r.unit_id = s.Text(i + 6);
  r.clock_event = s.Text(i + 7);
  r.clock_start = s.Text(i + 8);
  r.extended_until = s.Text(i + 9);
  r.transferred = s.Int(i + 10) != 0;
  return r;
}

constexpr const char* kHoldColumns =
    "id, scope, target, label, query, reason, authority, placed_at, placed_by, released_at, "
    "released_by, "
    "release_reason";

// The filter of a query hold, as stored.
std::string QueryJson(const ListFilter& f) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
  auto put = [&](const char* key, const std::optional<std::string>& v) {
    if (v) o->set(key, *v);
  };
  put("type", f.type);
  put("status", f.status);
  put("dept", f.dept);
  put("counterparty", f.counterparty);
  put("from", f.from);
  put("to", f.to);
  return CanonicalJson(Poco::Dynamic::Var(o));
}

ListFilter QueryOf(const std::string& json) {
  ListFilter f;
  auto o = ParseJsonObject(json, "hold query");
  if (!o.ok()) return f;
  auto get = [&](const char* key, std::optional<std::string>& v) {
    if ((*o)->has(key)) v = (*o)->getValue<std::string>(key);
  };
  get("type", f.type);
  get("status", f.status);
  get("dept", f.dept);
  get("counterparty", f.counterparty);
  get("from", f.from);
  get("to", f.to);
  return f;
}

Hold ReadHold(const Stmt& s) {
  Hold h;
  h.id = s.Int(0);
  std::string scope = s.Text(1);
  h.scope = scope == "file"    ? HoldScope::kFile
            : scope == "query" ? HoldScope::kQuery
                               : HoldScope::kDocument;
  h.target_id = s.Text(2);
  h.label = s.Text(3);
  h.query = QueryOf(s.Text(4));
  h.reason = s.Text(5);
  h.authority = s.Text(6);
  h.placed_at = s.Text(7);
  h.placed_by = s.Text(8);
  h.released_at = s.Text(9);
  h.released_by = s.Text(10);
  h.release_reason = s.Text(11);
  return h;
}

}  // namespace

Result<std::optional<SqliteCatalog::RetentionRow>> SqliteCatalog::FindRetention(
    const std::string& doc_id) {
  DOSSIER_PREPARE(s, kRetentionSelect + "WHERE a.doc_id = ?");
  s.Bind(1, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<RetentionRow>();
  return std::optional<RetentionRow>(ReadRetention(s));
}

Status SqliteCatalog::SetRetentionClass(const std::string& doc_id, const std::string& retention,
                                        const std::string& reason, const std::string& clock_event,
                                        const std::string& clock_start) {
  DOSSIER_PREPARE(
      s,
      "UPDATE archives SET retention = ?, retention_reason = ?, clock_event = ?, clock_start = ? "
      "WHERE doc_id = ?");
  return s.BindAll(retention, reason, clock_event, clock_start, doc_id).Run();
}

Status SqliteCatalog::SetExtendedUntil(const std::string& doc_id, const std::string& until) {
  DOSSIER_PREPARE(s, "UPDATE archives SET extended_until = ? WHERE doc_id = ?");
  return s.BindAll(until, doc_id).Run();
}

Status SqliteCatalog::ForEachDueCandidate(const std::vector<ClassCutoff>& cutoffs,
                                          const std::function<Status(RetentionRow&)>& fn) {
  if (cutoffs.empty()) return Status::Ok();
  // The text varies only by the number of classes; every value is bound.
  std::string where;
  for (size_t i = 0; i < cutoffs.size(); ++i) {
    where +=
        std::string(where.empty() ? "" : " OR ") +
        "(a.retention = ? AND ((a.clock_event = ? AND a.clock_start <> '' AND a.clock_start <= ?) "
        "OR a.clock_event <> ? OR a.clock_start = ''))";
  }
  // Reading a million records went 40% into copying pages out of the kernel
  // with pread: this pass maps the catalog instead. Only this pass: mapped
  // pages count in every connection's share of the process's memory.
  DOSSIER_RETURN_IF_ERROR(db_->ExecScript("PRAGMA mmap_size=1073741824;"));
  struct Unmap {
    SqliteDb* db;
    ~Unmap() { (void)db->ExecScript("PRAGMA mmap_size=0;"); }
  } unmap{db_.get()};
  // In id order, the documents looked up come in id order too; the archive's
  // own 'disposed' spares looking up what was destroyed or transferred.
  DOSSIER_PREPARE(s, kRetentionColumns +
                         "FROM archives a NOT INDEXED JOIN documents d ON d.id = a.doc_id " +
                         "WHERE a.disposed = '' AND (" + where + ")");
  int i = 1;
  for (const auto& c : cutoffs) {
    s.Bind(i++, c.retention);
    s.Bind(i++, c.clock_event);
    s.Bind(i++, c.latest);
    s.Bind(i++, c.clock_event);
  }
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    RetentionRow r = ReadRetention(s);
    DOSSIER_RETURN_IF_ERROR(fn(r));
  }
}

Result<std::string> SqliteCatalog::LastEnteredState(const std::string& doc_id,
                                                    const std::vector<std::string>& states) {
  DOSSIER_PREPARE(
      s, "SELECT to_state, substr(at, 1, 10) FROM steps WHERE doc_id = ? ORDER BY seq DESC");
  s.Bind(1, doc_id);
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::string();
    for (const auto& state : states) {
      if (s.Text(0) == state) return s.Text(1);
    }
  }
}

Result<std::map<std::string, int64_t>> SqliteCatalog::CountByRetentionClass(
    const std::set<std::string>& skip) {
  // DISTINCT walks the class index by skipping (three classes: three seeks), not a million entries.
  DOSSIER_PREPARE(s, "SELECT DISTINCT retention FROM archives");
  auto classes = Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
  if (!classes.ok()) return classes.status();
  std::map<std::string, int64_t> out;
  for (const auto& code : *classes) {
    if (skip.count(code)) continue;
    DOSSIER_PREPARE(count, "SELECT count(*) FROM archives WHERE retention = ?");
    count.Bind(1, code);
    auto row = count.Step();
    if (!row.ok()) return row.status();
    out[code] = count.Int(0);
  }
  return out;
}

Result<int64_t> SqliteCatalog::InsertHold(const Hold& h) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO holds (scope, target, label, query, reason, authority, placed_at, placed_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  s.BindAll(std::string(HoldScopeCode(h.scope)), h.target_id, h.label,
            h.scope == HoldScope::kQuery ? QueryJson(h.query) : std::string("{}"), h.reason,
            h.authority, h.placed_at, h.placed_by);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("hold: no id returned");
  int64_t id = s.Int(0);
  DOSSIER_RETURN_IF_ERROR(s.Run());
  return id;
}

Status SqliteCatalog::ReleaseHold(int64_t id, const std::string& at, const std::string& by,
                                  const std::string& reason) {
  DOSSIER_PREPARE(
      s, "UPDATE holds SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ?");
  return s.BindAll(at, by, reason, id).Run();
}

Result<std::optional<Hold>> SqliteCatalog::FindHold(int64_t id) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kHoldColumns + " FROM holds WHERE id = ?");
  s.Bind(1, id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Hold>();
  return std::optional<Hold>(ReadHold(s));
}

Result<std::vector<Hold>> SqliteCatalog::ListHolds(bool active_only) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kHoldColumns + " FROM holds" +
                         (active_only ? " WHERE released_at = ''" : "") + " ORDER BY id");
  return Collect<Hold>(s, ReadHold);
}

Result<std::vector<std::string>> SqliteCatalog::FileMembers(const std::string& main_id) {
  DOSSIER_PREPARE(s,
                  "SELECT ?1 UNION SELECT doc_id FROM archives WHERE unit_id = ?1 "
                  "UNION SELECT from_id FROM relations WHERE to_id = ?1 "
                  "AND kind IN ('amends', 'terminates', 'attachment-of')");
  s.Bind(1, main_id);
  return Collect<std::string>(s, [](const Stmt& st) { return st.Text(0); });
}

}  // namespace dossier
