// What the catalog's statement files share: the columns of a documents row
// and how to read one, running a statement over its rows, LIKE escaping.
// Private to core/src/catalog.
#ifndef DOSSIER_CATALOG_SQLITE_STATEMENTS_H_
#define DOSSIER_CATALOG_SQLITE_STATEMENTS_H_

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/sqlite/sqlite_db.h"

namespace dossier {

inline constexpr const char* kDocColumns =
    "id, type, number, number_scope, number_seq, title, confidentiality, status, current_version, "
    "dept, "
    "counterparty, doc_date, created_at, created_by, round";
// The same, of a documents table aliased d, for joins with tables sharing column names.
inline constexpr const char* kDocColumnsOfD =
    "d.id, d.type, d.number, d.number_scope, d.number_seq, d.title, d.confidentiality, d.status, "
    "d.current_version, d.dept, d.counterparty, d.doc_date, d.created_at, d.created_by, d.round";
inline constexpr int kDocColumnCount = 15;
// The metadata of d's newest version.
inline constexpr const char* kCurrentMetadataOfD =
    "(SELECT v.metadata FROM versions v WHERE v.doc_id = d.id AND v.version = d.current_version)";

DocumentRow ReadDocument(const Stmt& s);

// Runs a query and collects each row through `read`.
template <typename T, typename Reader>
Result<std::vector<T>> Collect(Stmt& stmt, Reader read) {
  std::vector<T> out;
  while (true) {
    auto row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(read(stmt));
  }
}

// Runs a query and calls `fn` on each row until it fails.
template <typename Reader, typename Fn>
Status Each(Stmt& stmt, Reader read, const Fn& fn) {
  while (true) {
    auto row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    DOSSIER_RETURN_IF_ERROR(fn(read(stmt)));
  }
}

inline std::string LikeEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A LIKE pattern for "contains `text`" (with ESCAPE '\\').
inline std::string LikeContaining(const std::string& text) {
  std::string out = "%";
  out += LikeEscape(text);
  out += '%';
  return out;
}

// Prepares `sql` on the catalog's connection as `var`, returning on failure.
#define DOSSIER_PREPARE(var, sql)             \
  auto var##_r = db_->Prepare(sql);           \
  if (!var##_r.ok()) return var##_r.status(); \
  Stmt& var = *var##_r

// The same on a connection given by reference (helpers outside Catalog).
#define DOSSIER_PREPARE_ON(var, db, sql)      \
  auto var##_r = (db).Prepare(sql);           \
  if (!var##_r.ok()) return var##_r.status(); \
  Stmt& var = *var##_r

}  // namespace dossier

#endif  // DOSSIER_CATALOG_SQLITE_STATEMENTS_H_
