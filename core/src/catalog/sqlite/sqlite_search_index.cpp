// The catalog's statements of full-text search (schemas/db/007_search.sql).
#include "catalog/sqlite/sqlite_search_index.h"

#include <algorithm>
#include <array>
#include <set>

#include "catalog/sqlite/search_filters.h"
#include "catalog/sqlite/sqlite_search_functions.h"
#include "catalog/sqlite/statements.h"
#include "search/query.h"
#include "search/snippet.h"
#include "search/term_lists.h"

namespace dossier {

namespace {

const std::string kWeights = ColumnWeightsSql();

// The matches in one index (search_index or search_history) that pass the
// filters, as "SELECT <columns> FROM ... WHERE ...". `columns` may name
// {T}, the index.
std::string MatchesIn(const std::string& table, const std::string& columns,
                      const SearchRequest& f) {
  std::string cols = columns;
  for (size_t at; (at = cols.find("{T}")) != std::string::npos;) cols.replace(at, 3, table);
  std::string sql =
      "SELECT " + cols + " FROM " + table + " JOIN search_rows r ON r.id = " + table +
      ".rowid JOIN documents d ON d.id = r.doc_id LEFT JOIN archives a ON a.doc_id = d.id WHERE " +
      table + " MATCH ?";
  AppendSearchFilters(sql, f);
  return sql;
}

// Each index of the current versions and of the older ones has an index
// of characters beside it (schemas/db/014_index_characters.sql), changed
// by the same statements: `sql` names the table {T}.
constexpr const char* kCurrentIndexes[] = {"search_index", "search_index_chars"};
constexpr const char* kHistoryIndexes[] = {"search_history", "search_history_chars"};

std::string ForTable(std::string sql, const std::string& table) {
  for (size_t at; (at = sql.find("{T}")) != std::string::npos;) sql.replace(at, 3, table);
  return sql;
}

// `sql` run for every index ({T}), as one script.
std::string ForEveryIndex(const std::string& sql) {
  std::string script;
  for (const auto* tables : {kCurrentIndexes, kHistoryIndexes}) {
    for (int i = 0; i < 2; ++i) script += ForTable(sql, tables[i]);
  }
  return script;
}

}  // namespace

bool HasSearchFilters(const SearchRequest& f) {
  return f.type || f.dept || f.counterparty || f.status || f.from || f.to || f.amount_min ||
         f.amount_max || f.retention || f.archived;
}

void AppendSearchFilters(std::string& sql, const SearchRequest& f) {
  sql += " AND d.confidentiality <= ?";
  if (f.type) sql += " AND d.type = ?";
  if (f.dept) sql += " AND d.dept = ?";
  if (f.counterparty) sql += " AND d.counterparty LIKE ? ESCAPE '\\'";
  if (f.status) sql += " AND d.status = ?";
  if (f.from) sql += " AND d.doc_date >= ?";
  if (f.to) sql += " AND d.doc_date <= ?";
  if (f.amount_min || f.amount_max) {
    std::string amount =
        std::string("CAST(json_extract(") + kCurrentMetadataOfD + ", '$.amount.value') AS REAL)";
    if (f.amount_min) sql += " AND " + amount + " >= ?";
    if (f.amount_max) sql += " AND " + amount + " <= ?";
  }
  if (f.retention) sql += " AND a.retention = ?";
  if (f.archived) sql += *f.archived ? " AND a.doc_id IS NOT NULL" : " AND a.doc_id IS NULL";
}

int BindSearchFilters(Stmt& s, int i, const SearchRequest& f, int max_confidentiality) {
  s.Bind(i++, max_confidentiality);
  if (f.type) s.Bind(i++, *f.type);
  if (f.dept) s.Bind(i++, *f.dept);
  if (f.counterparty) s.Bind(i++, LikeContaining(*f.counterparty));
  if (f.status) s.Bind(i++, *f.status);
  if (f.from) s.Bind(i++, *f.from);
  if (f.to) s.Bind(i++, *f.to);
  if (f.amount_min) s.Bind(i++, *f.amount_min);
  if (f.amount_max) s.Bind(i++, *f.amount_max);
  if (f.retention) s.Bind(i++, *f.retention);
  return i;
}

Result<bool> SqliteSearchIndex::InsertBlobText(const std::string& sha256, const std::string& kind,
                                               const std::string& note, uint64_t size,
                                               const std::string& compressed) {
  DOSSIER_PREPARE(
      s, "INSERT OR IGNORE INTO blob_text (sha256, kind, note, size, text) VALUES (?, ?, ?, ?, ?)");
  s.BindAll(sha256, kind, note, static_cast<int64_t>(size));
  DOSSIER_RETURN_IF_ERROR(s.BindBlob(5, compressed).Run());
  return sqlite3_changes(db_->handle()) > 0;
}

Status SqliteSearchIndex::IndexVersion(const std::string& doc_id, int version,
                                       const std::string& meta, const std::string* body) {
  // The version it supersedes moves to the history index. An external-
  // content index forgets a row only when told its old values, so the row
  // leaves search_index before it stops being current.
  std::optional<int64_t> previous;
  {
    DOSSIER_PREPARE(s, "SELECT id FROM search_rows WHERE doc_id = ? AND current = 1");
    s.Bind(1, doc_id);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (*row) previous = s.Int(0);
  }
  if (previous) {
    DOSSIER_RETURN_IF_ERROR(NoteIndexRowChanging(*previous));
    for (const char* table : kCurrentIndexes) {
      DOSSIER_PREPARE(
          s, ForTable(
                 "INSERT INTO {T} ({T}, rowid, number, title, meta, body) "
                 "SELECT 'delete', id, number, title, meta, body FROM search_current WHERE id = ?",
                 table));
      DOSSIER_RETURN_IF_ERROR(s.Bind(1, *previous).Run());
    }
    {
      DOSSIER_PREPARE(s, "UPDATE search_rows SET current = 0 WHERE id = ?");
      DOSSIER_RETURN_IF_ERROR(s.Bind(1, *previous).Run());
    }
    for (const char* table : kHistoryIndexes) {
      DOSSIER_PREPARE(s,
                      ForTable("INSERT INTO {T} (rowid, number, title, meta, body) "
                               "SELECT id, number, title, meta, body FROM search_past WHERE id = ?",
                               table));
      DOSSIER_RETURN_IF_ERROR(s.Bind(1, *previous).Run());
    }
  }
  {
    DOSSIER_PREPARE(
        s,
        "INSERT INTO search_rows (doc_id, version, current, number, title, meta) "
        "SELECT d.id, v.version, 1, d.number || coalesce(' ' || a.archive_code, ''), v.title, ? "
        "FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = ? "
        "LEFT JOIN archives a ON a.doc_id = d.id WHERE d.id = ?");
    DOSSIER_RETURN_IF_ERROR(s.BindAll(meta, version, doc_id).Run());
  }
  const int64_t row = db_->LastInsertRowId();
  for (const char* table : kCurrentIndexes) {
    if (body != nullptr) {
      DOSSIER_PREPARE(s, ForTable("INSERT INTO {T} (rowid, number, title, meta, body) "
                                  "SELECT id, number, title, meta, ? FROM search_rows WHERE id = ?",
                                  table));
      DOSSIER_RETURN_IF_ERROR(s.BindAll(*body, row).Run());
    } else {
      DOSSIER_PREPARE(
          s, ForTable("INSERT INTO {T} (rowid, number, title, meta, body) "
                      "SELECT id, number, title, meta, body FROM search_current WHERE id = ?",
                      table));
      DOSSIER_RETURN_IF_ERROR(s.Bind(1, row).Run());
    }
  }
  return NoteIndexRowAdded(row);
}

Status SqliteSearchIndex::RefreshIndexedNumber(const std::string& doc_id) {
  {
    DOSSIER_PREPARE(s, "SELECT id FROM search_rows WHERE doc_id = ? AND current = 1");
    s.Bind(1, doc_id);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (*row) DOSSIER_RETURN_IF_ERROR(NoteIndexRowChanging(s.Int(0)));
  }
  // An external-content index forgets a row only when told its old values.
  for (const char* table : kCurrentIndexes) {
    DOSSIER_PREPARE(
        s,
        ForTable("INSERT INTO {T} ({T}, rowid, number, title, meta, body) "
                 "SELECT 'delete', c.id, c.number, c.title, c.meta, c.body FROM search_current c "
                 "WHERE c.id = (SELECT id FROM search_rows WHERE doc_id = ? AND current = 1)",
                 table));
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, doc_id).Run());
  }
  {
    DOSSIER_PREPARE(
        s,
        "UPDATE search_rows SET number = (SELECT d.number || coalesce(' ' || a.archive_code, '') "
        "FROM documents d LEFT JOIN archives a ON a.doc_id = d.id WHERE d.id = search_rows.doc_id) "
        "WHERE doc_id = ? AND current = 1");
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, doc_id).Run());
  }
  for (const char* table : kCurrentIndexes) {
    DOSSIER_PREPARE(
        s, ForTable("INSERT INTO {T} (rowid, number, title, meta, body) "
                    "SELECT c.id, c.number, c.title, c.meta, c.body FROM search_current c "
                    "WHERE c.id = (SELECT id FROM search_rows WHERE doc_id = ? AND current = 1)",
                    table));
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, doc_id).Run());
  }
  return Status::Ok();
}

Status SqliteSearchIndex::ClearSearchIndex() {
  return db_->ExecScript(ForEveryIndex("INSERT INTO {T} ({T}) VALUES ('delete-all'); ") +
                         "DELETE FROM search_rows;");
}

Result<int64_t> SqliteSearchIndex::InsertSearchRow(const std::string& doc_id, int version,
                                                   bool current, const std::string& meta) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO search_rows (doc_id, version, current, number, title, meta) "
      "SELECT d.id, v.version, ?, d.number || coalesce(' ' || a.archive_code, ''), v.title, ? "
      "FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = ? "
      "LEFT JOIN archives a ON a.doc_id = d.id WHERE d.id = ?");
  DOSSIER_RETURN_IF_ERROR(s.BindAll(current ? 1 : 0, meta, version, doc_id).Run());
  return db_->LastInsertRowId();
}

Status SqliteSearchIndex::RebuildSearchIndexes() {
  // Merging segments while they are being written only to merge them all
  // at the end was a tenth of the time (bench/search): merge once.
  return db_->ExecScript(
      ForEveryIndex("INSERT INTO {T} ({T}, rank) VALUES ('automerge', 0); INSERT INTO {T} ({T}) "
                    "VALUES ('rebuild'); "
                    "INSERT INTO {T} ({T}) VALUES ('optimize'); INSERT INTO {T} ({T}, rank) VALUES "
                    "('automerge', 4); "));
}

Result<std::string> SqliteSearchIndex::FileNameOf(const std::string& sha256) {
  DOSSIER_PREPARE(s, "SELECT name FROM version_files WHERE sha256 = ? LIMIT 1");
  s.Bind(1, sha256);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return *row ? s.Text(0) : std::string();
}

Status SqliteSearchIndex::RemoveDocument(const std::string& doc_id) {
  {
    DOSSIER_PREPARE(s, "SELECT id FROM search_rows WHERE doc_id = ? AND current = 1");
    s.Bind(1, doc_id);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (*row) DOSSIER_RETURN_IF_ERROR(NoteIndexRowChanging(s.Int(0)));
  }
  // Each row leaves its indexes before its row goes: removing a row from
  // an index reads back the text it was made from.
  for (const char* sql :
       {"INSERT INTO search_index (search_index, rowid, number, title, meta, body) "
        "SELECT 'delete', c.id, c.number, c.title, c.meta, c.body FROM search_current c "
        "WHERE c.id IN (SELECT id FROM search_rows WHERE doc_id = ?1 AND current = 1)",
        "INSERT INTO search_index_chars (search_index_chars, rowid, number, title, meta, body) "
        "SELECT 'delete', c.id, c.number, c.title, c.meta, c.body FROM search_current c "
        "WHERE c.id IN (SELECT id FROM search_rows WHERE doc_id = ?1 AND current = 1)",
        "INSERT INTO search_history (search_history, rowid, number, title, meta, body) "
        "SELECT 'delete', p.id, p.number, p.title, p.meta, p.body FROM search_past p "
        "WHERE p.id IN (SELECT id FROM search_rows WHERE doc_id = ?1 AND current = 0)",
        "INSERT INTO search_history_chars (search_history_chars, rowid, number, title, meta, body) "
        "SELECT 'delete', p.id, p.number, p.title, p.meta, p.body FROM search_past p "
        "WHERE p.id IN (SELECT id FROM search_rows WHERE doc_id = ?1 AND current = 0)",
        "DELETE FROM search_rows WHERE doc_id = ?1"}) {
    DOSSIER_PREPARE(s, sql);
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, doc_id).Run());
  }
  return Status::Ok();
}

namespace {

// SQLite's progress handler, through Deadline, for as long as it lives.
class SqliteTimeLimit final : public TimeLimit {
 public:
  SqliteTimeLimit(SqliteDb& db, std::chrono::milliseconds budget) : deadline_(db, budget) {}
  bool Passed() const override { return deadline_.Passed(); }

 private:
  Deadline deadline_;
};

}  // namespace

std::unique_ptr<TimeLimit> SqliteSearchIndex::LimitTime(std::chrono::milliseconds budget) {
  return std::make_unique<SqliteTimeLimit>(*db_, budget);
}

Result<std::vector<BlobRow>> SqliteSearchIndex::BlobsWithoutText() {
  DOSSIER_PREPARE(
      s,
      "SELECT b.sha256, b.size, b.stored_size, b.encoding, b.pack, b.pack_offset FROM blobs b "
      "WHERE NOT EXISTS (SELECT 1 FROM blob_text t WHERE t.sha256 = b.sha256) "
      "AND EXISTS (SELECT 1 FROM version_files f WHERE f.sha256 = b.sha256) "
      "ORDER BY b.pack, b.pack_offset, b.sha256");
  return Collect<BlobRow>(s, [](const Stmt& st) {
    return BlobRow{
        st.Text(0), static_cast<uint64_t>(st.Int(1)), static_cast<uint64_t>(st.Int(2)), st.Text(3),
        st.Text(4), static_cast<uint64_t>(st.Int(5))};
  });
}

Result<std::vector<FileTextInfo>> SqliteSearchIndex::FileTexts(const std::string& doc_id,
                                                               int version) {
  DOSSIER_PREPARE(
      s,
      "SELECT f.name, coalesce(t.kind, ''), coalesce(t.note, 'not read for text yet (dossier "
      "reindex reads it)'), "
      "coalesce(t.size, 0) FROM version_files f LEFT JOIN blob_text t ON t.sha256 = f.sha256 "
      "WHERE f.doc_id = ? AND f.version = ? ORDER BY f.name");
  s.BindAll(doc_id, version);
  return Collect<FileTextInfo>(s, [](const Stmt& st) {
    return FileTextInfo{st.Text(0), st.Text(1), st.Text(2), static_cast<uint64_t>(st.Int(3))};
  });
}

Result<std::optional<std::array<std::string, kIndexColumnCount>>>
SqliteSearchIndex::VersionIndexColumns(const std::string& doc_id, int version,
                                       const std::string& meta) {
  using Columns = std::array<std::string, kIndexColumnCount>;
  // As InsertSearchRow and the view search_current make them.
  DOSSIER_PREPARE(s,
                  "SELECT dossier_version_text(d.id, v.version), d.number || coalesce(' ' || "
                  "a.archive_code, ''), "
                  "v.title FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = ? "
                  "LEFT JOIN archives a ON a.doc_id = d.id WHERE d.id = ?");
  s.BindAll(version, doc_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Columns>();
  return std::optional<Columns>(Columns{s.Text(0), s.Text(1), s.Text(2), meta});
}

Result<bool> SqliteSearchIndex::SearchNeedsFilter(const SearchRequest& f, int max_confidentiality) {
  if (HasSearchFilters(f) || f.all_versions) return true;
  DOSSIER_PREPARE(s, "SELECT coalesce(max(confidentiality), 0) FROM documents");
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0) > max_confidentiality;
}

Result<std::optional<SqliteSearchIndex::ScoringPlan>> SqliteSearchIndex::PlanScoring(
    const std::string& fts) {
  auto phrases = PhrasesOfConjunction(fts);
  if (!phrases) return std::optional<ScoringPlan>();
  ScoringPlan plan;
  if (phrases->size() == 1) {
    plan.df = {-1};  // the rows that match are the rows that hold the phrase
    return std::optional<ScoringPlan>(plan);
  }
  for (const auto& phrase : *phrases) {
    auto term = SingleTermOf(phrase);
    if (!term) return std::optional<ScoringPlan>();
    auto df = ListedTermCount(*term);
    if (!df.ok()) return df.status();
    if (!*df) return std::optional<ScoringPlan>();
    plan.df.push_back(**df);
  }
  return std::optional<ScoringPlan>(plan);
}

Result<std::vector<SearchRowHit>> SqliteSearchIndex::Search(const std::string& fts,
                                                            const SearchRequest& f,
                                                            int max_confidentiality,
                                                            int64_t* total) {
  if (fts.empty()) {
    std::string sql = std::string("SELECT ") + kDocColumnsOfD +
                      ", 0, d.current_version, 0.0 FROM documents d LEFT JOIN archives a ON "
                      "a.doc_id = d.id WHERE 1";
    AppendSearchFilters(sql, f);
    sql += " ORDER BY d.doc_date DESC, d.number DESC LIMIT ?";
    DOSSIER_PREPARE(s, sql);
    int i = BindSearchFilters(s, 1, f, max_confidentiality);
    s.Bind(i, f.limit);
    return Collect<SearchRowHit>(s, [](const Stmt& st) {
      return SearchRowHit{ReadDocument(st), 0, static_cast<int>(st.Int(kDocColumnCount + 1)), 0.0,
                          false};
    });
  }
  if (auto character = SingleCharacterOf(fts))
    return SearchCharacter(*character, fts, f, max_confidentiality, total);
  return SearchExpression(fts, f, max_confidentiality, total);
}

std::function<bool(int64_t)> SqliteSearchIndex::RowFilter(const SearchRequest& f,
                                                          int max_confidentiality, Status* error) {
  std::string sql =
      "SELECT 1 FROM search_rows r JOIN documents d ON d.id = r.doc_id LEFT JOIN archives a ON "
      "a.doc_id = d.id "
      "WHERE r.id = ?";
  AppendSearchFilters(sql, f);
  return [this, sql, f, max_confidentiality, error](int64_t row) {
    auto s = db_->Prepare(sql);
    if (!s.ok()) {
      if (error->ok()) *error = s.status();
      return false;
    }
    s->Bind(1, row);
    BindSearchFilters(*s, 2, f, max_confidentiality);
    auto found = s->Step();
    if (!found.ok()) {
      if (error->ok()) *error = found.status();
      return false;
    }
    return *found;
  };
}

Result<std::vector<SearchRowHit>> SqliteSearchIndex::SearchExpression(const std::string& fts,
                                                                      const SearchRequest& f,
                                                                      int max_confidentiality,
                                                                      int64_t* total) {
  auto filtered = SearchNeedsFilter(f, max_confidentiality);
  if (!filtered.ok()) return filtered.status();
  if (*filtered && !f.all_versions) {
    // A frequent term's best rows that pass the filters, when its list can
    // vouch for them (term_lists.h); the matches are counted apart.
    if (auto term = SingleTermOf(fts)) {
      Status error;
      auto answer = SearchTermList(*term, f.limit, RowFilter(f, max_confidentiality, &error));
      if (!answer.ok()) return answer.status();
      if (!error.ok()) return error;
      if (*answer && (*answer)->top) return HitsOfRows(*(*answer)->top, false);
    }
  }
  if (!*filtered) {
    // Nothing to check per match: FTS5 ranks alone, and only the best rows
    // are joined to their documents. Ranking is most of a search's time;
    // joining every match as well doubled it (bench/search).
    std::vector<std::pair<int64_t, double>> top;
    bool ranked = false;
    if (auto term = SingleTermOf(fts)) {
      // A frequent term's best rows are kept (term_lists.h).
      auto answer = SearchTermList(*term, f.limit);
      if (!answer.ok()) return answer.status();
      if (*answer && (*answer)->top) {
        top = std::move(*(*answer)->top);
        ranked = true;
        if (total != nullptr) *total = (*answer)->df;
      }
    }
    if (!ranked) {
      auto scorer = PlanScoring(fts);
      if (!scorer.ok()) return scorer.status();
      // One pass ranks and counts: the best rows kept in a heap as the
      // matches go by (ORDER BY ... LIMIT, then count(*), went through
      // every match twice).
      auto better = [](const std::pair<int64_t, double>& a, const std::pair<int64_t, double>& b) {
        return a.second != b.second ? a.second < b.second : a.first < b.first;
      };
      const size_t limit = static_cast<size_t>(f.limit);
      int64_t matches = 0;
      auto keep = [&](std::pair<int64_t, double> hit) {
        if (top.size() < limit) {
          top.push_back(hit);
          std::push_heap(top.begin(), top.end(), better);
        } else if (better(hit, top.front())) {  // the front is the worst kept
          std::pop_heap(top.begin(), top.end(), better);
          top.back() = hit;
          std::push_heap(top.begin(), top.end(), better);
        }
      };
      if (*scorer) {
        // We score: FTS5 reads each match once (its bm25 would first count
        // the rows of every phrase, a pass over each phrase's matches).
        DOSSIER_PREPARE(s,
                        "SELECT rowid, dossier_match(search_index) FROM search_index WHERE "
                        "search_index MATCH ?");
        s.Bind(1, fts);
        std::vector<std::pair<int64_t, MatchParts>> rows;
        while (true) {
          auto row = s.Step();
          if (!row.ok()) return row.status();
          if (!*row) break;
          MatchParts parts;
          if (!DecodeMatchParts(s.Text(1), parts) || parts.freq.size() != (*scorer)->df.size()) {
            return Status::Internal("dossier_match gave a result of the wrong shape");
          }
          rows.emplace_back(s.Int(0), std::move(parts));
        }
        matches = static_cast<int64_t>(rows.size());
        auto totals = SearchIndexTotals();
        if (!totals.ok()) return totals.status();
        std::vector<double> idf;
        for (int64_t df : (*scorer)->df)
          idf.push_back(TermIdf(df < 0 ? matches : df, totals->rows));
        for (const auto& [id, parts] : rows) {
          double score = 0;
          for (size_t p = 0; p < idf.size(); ++p)
            score += idf[p] * TermImpact(parts.freq[p], parts.size, totals->avgdl);
          keep({id, -score});
        }
      } else {
        DOSSIER_PREPARE(s, std::string("SELECT rowid, bm25(search_index, ") + kWeights +
                               ") FROM search_index WHERE search_index MATCH ?");
        s.Bind(1, fts);
        while (true) {
          auto row = s.Step();
          if (!row.ok()) return row.status();
          if (!*row) break;
          ++matches;
          keep({s.Int(0), s.Double(1)});
        }
      }
      std::sort_heap(top.begin(), top.end(), better);
      if (total != nullptr) *total = matches;
    }
    return HitsOfRows(top, false);
  }
  const std::string columns =
      std::string(kDocColumnsOfD) + ", r.id, r.version, bm25({T}, " + kWeights + ") AS score";
  std::string sql = MatchesIn("search_index", columns + ", 0", f);
  if (f.all_versions) sql += " UNION ALL " + MatchesIn("search_history", columns + ", 1", f);
  sql += " ORDER BY score LIMIT ?";
  DOSSIER_PREPARE(s, sql);
  int i = 1;
  s.Bind(i++, fts);
  i = BindSearchFilters(s, i, f, max_confidentiality);
  if (f.all_versions) {
    s.Bind(i++, fts);
    i = BindSearchFilters(s, i, f, max_confidentiality);
  }
  s.Bind(i, f.limit);
  return Collect<SearchRowHit>(s, [](const Stmt& st) {
    return SearchRowHit{ReadDocument(st), st.Int(kDocColumnCount),
                        static_cast<int>(st.Int(kDocColumnCount + 1)),
                        st.Double(kDocColumnCount + 2), st.Int(kDocColumnCount + 3) != 0};
  });
}

Result<std::vector<SearchRowHit>> SqliteSearchIndex::HitsOfRows(
    const std::vector<std::pair<int64_t, double>>& rows, bool history) {
  std::vector<SearchRowHit> hits;
  for (const auto& [id, score] : rows) {
    DOSSIER_PREPARE(
        s, std::string("SELECT ") + kDocColumnsOfD +
               ", r.version FROM search_rows r JOIN documents d ON d.id = r.doc_id WHERE r.id = ?");
    s.Bind(1, id);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row)
      return Status::Corruption("search index row " + std::to_string(id) +
                                " has no document; run dossier reindex");
    hits.push_back(SearchRowHit{ReadDocument(s), id, static_cast<int>(s.Int(kDocColumnCount)),
                                score, history});
  }
  return hits;
}

Result<int64_t> SqliteSearchIndex::CountSearch(const std::string& fts, const SearchRequest& f,
                                               int max_confidentiality) {
  std::string sql;
  bool twice = false;
  if (fts.empty()) {
    sql = "SELECT count(*) FROM documents d LEFT JOIN archives a ON a.doc_id = d.id WHERE 1";
    AppendSearchFilters(sql, f);
  } else if (auto character = SingleCharacterOf(fts)) {
    return CountCharacterMatches(*character, f, max_confidentiality);
  } else {
    auto filtered = SearchNeedsFilter(f, max_confidentiality);
    if (!filtered.ok()) return filtered.status();
    const bool clearance_only = *filtered && !HasSearchFilters(f) && !f.all_versions;
    std::optional<int64_t> hidden;
    if (clearance_only) {
      auto counted = HiddenMatches("search_index", fts, max_confidentiality);
      if (!counted.ok()) return counted.status();
      hidden = *counted;
    }
    if (!*filtered || hidden) {
      int64_t all = -1;
      if (auto term = SingleTermOf(fts)) {
        auto df = ListedTermCount(*term);
        if (!df.ok()) return df.status();
        if (*df) all = **df;
      }
      if (all < 0) {
        DOSSIER_PREPARE(s, "SELECT count(*) FROM search_index WHERE search_index MATCH ?");
        s.Bind(1, fts);
        auto row = s.Step();
        if (!row.ok()) return row.status();
        all = s.Int(0);
      }
      return all - hidden.value_or(0);
    }
    if (f.all_versions) {
      sql = "SELECT count(DISTINCT doc_id) FROM (" + MatchesIn("search_index", "r.doc_id", f) +
            " UNION ALL " + MatchesIn("search_history", "r.doc_id", f) + ")";
      twice = true;
    } else {
      sql = MatchesIn("search_index", "count(*)", f);
    }
  }
  DOSSIER_PREPARE(s, sql);
  int i = 1;
  if (!fts.empty()) s.Bind(i++, fts);
  i = BindSearchFilters(s, i, f, max_confidentiality);
  if (twice) {
    s.Bind(i++, fts);
    BindSearchFilters(s, i, f, max_confidentiality);
  }
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0);
}

Result<std::optional<int64_t>> SqliteSearchIndex::HiddenMatches(const std::string& index,
                                                                const std::string& match,
                                                                int max_confidentiality) {
  // Counting each hidden row's match (FTS5 seeks the row in each list) is
  // cheaper than joining every match to its document while there are few.
  constexpr int64_t kMostHiddenRows = 1000;
  std::vector<int64_t> rows;
  {
    // CROSS JOIN: the hidden documents first, found by their marking (the
    // planner would otherwise go through every row).
    DOSSIER_PREPARE(s,
                    "SELECT r.id FROM documents d CROSS JOIN search_rows r ON r.doc_id = d.id AND "
                    "r.current = 1 "
                    "WHERE d.confidentiality > ? LIMIT ?");
    s.BindAll(max_confidentiality, kMostHiddenRows + 1);
    auto found = Collect<int64_t>(s, [](const Stmt& st) { return st.Int(0); });
    if (!found.ok()) return found.status();
    rows = std::move(*found);
  }
  if (static_cast<int64_t>(rows.size()) > kMostHiddenRows) return std::optional<int64_t>();
  int64_t hidden = 0;
  const std::string sql =
      "SELECT count(*) FROM " + index + " WHERE " + index + " MATCH ? AND rowid = ?";
  for (int64_t row : rows) {
    DOSSIER_PREPARE(s, sql);  // the cached statement, reset when it goes out of scope
    s.BindAll(match, row);
    auto step = s.Step();
    if (!step.ok()) return step.status();
    hidden += s.Int(0);
  }
  return std::optional<int64_t>(hidden);
}

Result<std::string> SqliteSearchIndex::Snippet(const std::string& fts, int64_t index_row,
                                               bool history) {
  auto columns = IndexRowColumns(index_row, history);
  if (!columns.ok()) return columns.status();
  if (!*columns) return std::string();
  std::vector<std::string_view> views((*columns)->begin(), (*columns)->end());
  const std::vector<SnippetPhrase> phrases = SnippetPhrasesOf(fts);
  return SnippetOf(views, phrases, kSnippetPlaces);
}

Result<std::optional<std::array<std::string, kIndexColumnCount>>>
SqliteSearchIndex::IndexRowColumns(int64_t index_row, bool history) {
  using Columns = std::array<std::string, kIndexColumnCount>;
  DOSSIER_PREPARE(s, std::string("SELECT ") + kIndexColumnsSql + " FROM " +
                         (history ? "search_past" : "search_current") + " WHERE id = ?");
  s.Bind(1, index_row);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Columns>();
  Columns columns;
  for (int c = 0; c < kIndexColumnCount; ++c) columns[static_cast<size_t>(c)] = s.Text(c);
  return std::optional<Columns>(std::move(columns));
}

Result<std::vector<DocumentRow>> SqliteSearchIndex::FindByNumberOrCode(const std::string& text,
                                                                       int max_confidentiality) {
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kDocColumnsOfD +
             " FROM documents d WHERE d.confidentiality <= ?1 AND (d.number = ?2 OR d.id IN "
             "(SELECT doc_id FROM archives WHERE archive_code = ?2)) "
             "ORDER BY (SELECT piece FROM archives WHERE doc_id = d.id), d.number");
  s.BindAll(max_confidentiality, text);
  return Collect<DocumentRow>(s, ReadDocument);
}

Result<std::vector<std::string>> SqliteSearchIndex::CheckSearchIndex() {
  std::vector<std::string> problems;
  auto collect = [&](const char* sql, const std::string& what) -> Status {
    DOSSIER_PREPARE(s, sql);
    return Each(
        s, [](const Stmt& st) { return st.Text(0); },
        [&](const std::string& number) {
          problems.push_back(number + ": " + what);
          return Status::Ok();
        });
  };
  DOSSIER_RETURN_IF_ERROR(
      collect("SELECT d.number || ' version ' || v.version FROM versions v JOIN documents d ON "
              "d.id = v.doc_id "
              "WHERE d.status <> 'destroyed' AND NOT EXISTS (SELECT 1 FROM search_rows r WHERE "
              "r.doc_id = v.doc_id AND r.version = v.version) "
              "ORDER BY d.number, v.version",
              "not in the search index"));
  DOSSIER_RETURN_IF_ERROR(
      collect("SELECT 'index row ' || r.id FROM search_rows r WHERE NOT EXISTS "
              "(SELECT 1 FROM versions v WHERE v.doc_id = r.doc_id AND v.version = r.version)",
              "in the search index without its version"));
  DOSSIER_RETURN_IF_ERROR(
      collect("SELECT d.number FROM documents d WHERE d.status = 'destroyed' AND "
              "EXISTS (SELECT 1 FROM search_rows r WHERE r.doc_id = d.id)",
              "destroyed but still in the search index"));
  DOSSIER_RETURN_IF_ERROR(
      collect("SELECT d.number FROM documents d WHERE d.status <> 'destroyed' AND ((SELECT "
              "count(*) FROM search_rows r "
              "WHERE r.doc_id = d.id AND r.current = 1 AND r.version = d.current_version) != 1 "
              "OR EXISTS (SELECT 1 FROM search_rows r WHERE r.doc_id = d.id AND r.current = 1 AND "
              "r.version != d.current_version))",
              "the search index does not mark its newest version as current"));
  return problems;
}

Status SqliteSearchIndex::CheckSearchIntegrity() {
  return db_->ExecScript(
      ForEveryIndex("INSERT INTO {T} ({T}, rank) VALUES ('integrity-check', 1); "));
}

}  // namespace dossier
