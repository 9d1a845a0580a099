// ContentStore in SQLite: the blobs the content store holds (ingest records and queued removals:
// sqlite_import_store.cpp, sqlite_disposal_store.cpp).
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

// --- blobs --------------------------------------------------------------------

Status SqliteCatalog::InsertBlob(const BlobRow& b) {
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

Result<std::optional<BlobRow>> SqliteCatalog::FindBlob(const std::string& sha256) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kBlobColumns + " FROM blobs WHERE sha256 = ?");
  s.Bind(1, sha256);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<BlobRow>();
  return std::optional<BlobRow>(ReadBlob(s));
}

Result<std::vector<BlobRow>> SqliteCatalog::ListBlobs() {
  // In storage order, so verify reads each pack front to back.
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kBlobColumns + " FROM blobs ORDER BY pack, pack_offset, sha256");
  return Collect<BlobRow>(s, ReadBlob);
}

}  // namespace dossier
