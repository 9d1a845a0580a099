// The catalog's term lists (schemas/db/012_term_lists.sql): kept in step
// with search_index by every write transaction, built from it by reindex
// and when the index has grown enough, read by one-term searches.
#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "catalog/sqlite/sqlite_search_index.h"
#include "catalog/sqlite/statements.h"
#include "search/query.h"
#include "search/term_lists.h"
#include "search/tokenizer.h"

namespace dossier {

namespace {

// Lists are first built when the index holds SearchOptions'
// term_lists_from_rows rows (5,000 by default: below it, ranking every
// match of the commonest term takes a few milliseconds). Terms in at least
// a fifth of that many rows have a list (MinRowsOfListedTerm); ranking all
// the matches of a rarer term takes at most a few milliseconds.

// The lists are built again when the index has grown this many times
// over since they were: a build reads every row, so each row is read about
// 1 + 1/3 + 1/9 ... = 1.5 times over an archive's life. Between builds the
// lists are kept exact; only terms that became frequent since wait for the
// next build (ranking their matches takes a few milliseconds).
constexpr int64_t kGrowthToRebuild = 4;

// How many listed terms verify checks against the index.
constexpr size_t kVerifiedTerms = 8;

struct ListState {
  double avgdl0 = 0.0;
  int64_t rows0 = 0;
  int64_t generation = 0;
};

// SQLite's varint, which FTS5 uses in its records: big-endian groups of
// seven bits, the high bit saying another byte follows; a ninth byte
// gives eight bits.
bool ReadVarint(std::string_view data, size_t& pos, uint64_t& value) {
  value = 0;
  for (int i = 0; i < 9; ++i) {
    if (pos >= data.size()) return false;
    auto byte = static_cast<unsigned char>(data[pos++]);
    if (i == 8) {
      value = (value << 8) | byte;
      return true;
    }
    value = (value << 7) | (byte & 0x7f);
    if ((byte & 0x80) == 0) return true;
  }
  return true;
}

// Rows of the index on their way from the reading thread to the workers
// that build the lists; at most `capacity` batches wait at a time.
struct IndexRow {
  int64_t id;
  std::array<std::string, kIndexColumnCount> columns;
};
struct RowBatch {
  static constexpr size_t kRows = 256;
  std::vector<IndexRow> rows;
};

class RowBatches {
 public:
  explicit RowBatches(size_t capacity) : capacity_(capacity) {}
  void Push(RowBatch batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(batch));
    ready_.notify_one();
  }
  /// No more batches: the workers finish what is queued and stop.
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }
  /// The next batch, or nullopt once closed and empty.
  std::optional<RowBatch> Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    RowBatch batch = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return batch;
  }

 private:
  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<RowBatch> queue_;
  bool closed_ = false;
};

}  // namespace

struct SqliteSearchIndex::TermNotes {
  bool checked = false;  // state read in this transaction
  std::optional<ListState> state;
  int64_t listed_generation = -1;
  TermIds listed;
  // Rows noted in this transaction, with the listed terms each held when
  // first noted (nullopt: it was not in the index).
  std::map<int64_t, std::optional<ListedTerms>> before;
};

SqliteSearchIndex::SqliteSearchIndex(SqliteDb* db, SearchOptions options)
    : db_(db), search_(options), term_notes_(std::make_unique<TermNotes>()) {}

SqliteSearchIndex::~SqliteSearchIndex() = default;

SqliteSearchIndex::TermNotes& SqliteSearchIndex::Notes() { return *term_notes_; }

namespace {

// FTS5's "averages" record (id 1 of %_data): the row count, then each
// column's token count.
Result<SqliteSearchIndex::IndexTotals> ReadIndexTotals(SqliteDb& db, bool history = false) {
  DOSSIER_PREPARE_ON(s, db,
                     history ? "SELECT block FROM search_history_data WHERE id = 1"
                             : "SELECT block FROM search_index_data WHERE id = 1");
  auto row = s.Step();
  if (!row.ok()) return row.status();
  SqliteSearchIndex::IndexTotals totals;
  if (!*row) return totals;
  std::string block = s.Text(0);
  size_t pos = 0;
  uint64_t value = 0;
  if (!ReadVarint(block, pos, value))
    return Status::Corruption("the search index's totals record is damaged");
  totals.rows = static_cast<int64_t>(value);
  uint64_t tokens = 0;
  for (int column = 0; column < 4; ++column) {
    if (!ReadVarint(block, pos, value))
      return Status::Corruption("the search index's totals record is damaged");
    tokens += value;
  }
  if (totals.rows > 0)
    totals.avgdl = static_cast<double>(tokens) / static_cast<double>(totals.rows);
  return totals;
}

Result<std::optional<ListState>> ReadListState(SqliteDb& db) {
  DOSSIER_PREPARE_ON(s, db, "SELECT avgdl0, rows0, generation FROM search_term_state WHERE id = 1");
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ListState>();
  return std::optional<ListState>(ListState{s.Double(0), s.Int(1), s.Int(2)});
}

// The listed terms a row of search_index holds now, or nullopt when the
// row is not in it.
Result<std::optional<ListedTerms>> ListedTermsOf(SqliteDb& db, int64_t row, const TermIds& listed) {
  DOSSIER_PREPARE_ON(
      s, db, std::string("SELECT ") + kIndexColumnsSql + " FROM search_current WHERE id = ?");
  s.Bind(1, row);
  auto found = s.Step();
  if (!found.ok()) return found.status();
  if (!*found) return std::optional<ListedTerms>();
  std::string columns[4] = {s.Text(0), s.Text(1), s.Text(2), s.Text(3)};
  const std::string* pointers[4] = {&columns[0], &columns[1], &columns[2], &columns[3]};
  return std::optional<ListedTerms>(TokenizeListed(pointers, listed));
}

// A term's counts: the small row every change of the index touches.
struct TermCounts {
  int64_t df = 0;
  double floor = 0.0;
  double cutoff = -1.0;
};

Result<std::optional<TermCounts>> ReadTermCounts(SqliteDb& db, const std::string& term) {
  DOSSIER_PREPARE_ON(s, db, "SELECT df, floor, cutoff FROM search_terms WHERE term = ?");
  s.Bind(1, term);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<TermCounts>();
  return std::optional<TermCounts>(TermCounts{s.Int(0), s.Double(1), s.Double(2)});
}

Status WriteTermCounts(SqliteDb& db, const std::string& term, const TermCounts& counts) {
  DOSSIER_PREPARE_ON(
      s, db, "INSERT OR REPLACE INTO search_terms (term, df, floor, cutoff) VALUES (?, ?, ?, ?)");
  return s.BindAll(term, counts.df, counts.floor, counts.cutoff).Run();
}

Result<std::optional<TermList>> ReadTermList(SqliteDb& db, const std::string& term) {
  auto counts = ReadTermCounts(db, term);
  if (!counts.ok()) return counts.status();
  if (!*counts) return std::optional<TermList>();
  DOSSIER_PREPARE_ON(s, db, "SELECT top FROM search_term_tops WHERE term = ?");
  s.Bind(1, term);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  TermList list;
  list.df = (*counts)->df;
  list.floor = (*counts)->floor;
  if (!*row || !DecodeTermEntries(s.Text(0), list.top)) {
    return Status::Corruption("the term list of '" + term + "' is damaged; run dossier reindex");
  }
  return std::optional<TermList>(std::move(list));
}

Status WriteTermList(SqliteDb& db, const std::string& term, const TermList& list, double avgdl0) {
  DOSSIER_RETURN_IF_ERROR(
      WriteTermCounts(db, term, TermCounts{list.df, list.floor, ListCutoff(list, avgdl0)}));
  DOSSIER_PREPARE_ON(s, db, "INSERT OR REPLACE INTO search_term_tops (term, top) VALUES (?, ?)");
  s.Bind(1, term);
  return s.BindBlob(2, EncodeTermEntries(list.top)).Run();
}

}  // namespace

Result<SqliteSearchIndex::IndexTotals> SqliteSearchIndex::SearchIndexTotals(bool history) {
  return ReadIndexTotals(*db_, history);
}

void SqliteSearchIndex::StartWrite() {
  TermNotes& notes = Notes();
  notes.checked = false;
  notes.before.clear();
}

Status SqliteSearchIndex::NoteIndexRowChanging(int64_t row) {
  TermNotes& notes = Notes();
  if (!notes.checked) {
    auto state = ReadListState(*db_);
    if (!state.ok()) return state.status();
    notes.state = *state;
    notes.checked = true;
    if (notes.state && notes.state->generation != notes.listed_generation) {
      notes.listed.clear();
      DOSSIER_PREPARE(s, "SELECT term FROM search_terms");
      DOSSIER_RETURN_IF_ERROR(Each(
          s, [](const Stmt& st) { return st.Text(0); },
          [&](std::string term) {
            notes.listed.Add(std::move(term));
            return Status::Ok();
          }));
      notes.listed_generation = notes.state->generation;
    }
  }
  if (row < 0 || notes.before.count(row)) return Status::Ok();
  if (!notes.state) {
    // No lists yet: only that the index changed matters (it may be time to build them).
    notes.before.emplace(row, std::nullopt);
    return Status::Ok();
  }
  auto terms = ListedTermsOf(*db_, row, notes.listed);
  if (!terms.ok()) return terms.status();
  notes.before.emplace(row, std::move(*terms));
  return Status::Ok();
}

Status SqliteSearchIndex::NoteIndexRowAdded(int64_t row) {
  TermNotes& notes = Notes();
  if (notes.before.count(row)) return Status::Ok();
  // Reads the state (and the listed terms) on the first note; a row not
  // yet in the index holds no terms.
  if (!notes.checked) DOSSIER_RETURN_IF_ERROR(NoteIndexRowChanging(-1));
  notes.before.emplace(row, std::nullopt);
  return Status::Ok();
}

Status SqliteSearchIndex::FlushTermLists() {
  TermNotes& notes = Notes();
  if (notes.before.empty()) return Status::Ok();  // the index did not change
  auto totals = ReadIndexTotals(*db_);
  if (!totals.ok()) return totals.status();
  if (!notes.checked) DOSSIER_RETURN_IF_ERROR(NoteIndexRowChanging(-1));
  if (!notes.state)
    return totals->rows >= search_.term_lists_from_rows ? RebuildTermLists() : Status::Ok();
  if (totals->rows >= kGrowthToRebuild * notes.state->rows0) return RebuildTermLists();

  struct Change {
    int64_t row = 0;
    bool had = false;
    std::optional<TermEntry> now;
  };
  // Each listed term's changes, by term number; a row's changes to one
  // term are next to each other (rows are taken in order).
  std::vector<std::vector<Change>> changes(notes.listed.size());
  auto change_of = [&](uint32_t id, int64_t row) -> Change& {
    auto& list = changes[id];
    if (list.empty() || list.back().row != row) list.push_back(Change{row, false, std::nullopt});
    return list.back();
  };
  for (const auto& [row, before] : notes.before) {
    if (before) {
      for (const auto& [id, freq] : before->freq) change_of(id, row).had = true;
    }
    auto after = ListedTermsOf(*db_, row, notes.listed);
    if (!after.ok()) return after.status();
    if (*after) {
      for (const auto& [id, freq] : (*after)->freq)
        change_of(id, row).now = TermEntry{row, freq, (*after)->size};
    }
  }
  const double avgdl0 = notes.state->avgdl0;
  for (uint32_t id = 0; id < changes.size(); ++id) {
    const auto& rows = changes[id];
    if (rows.empty()) continue;
    const std::string& term = notes.listed.Term(id);
    auto counts = ReadTermCounts(*db_, term);
    if (!counts.ok()) return counts.status();
    if (!*counts) continue;  // listed when this connection last looked; gone since
    // Most changes are rows that hold the term without beating its best
    // rows: they change the small row only.
    bool top_changes = false;
    for (const auto& change : rows) {
      if (change.had || (change.now && TermImpact(change.now->freq, change.now->size, avgdl0) >
                                           (*counts)->cutoff)) {
        top_changes = true;
      }
    }
    if (!top_changes) {
      for (const auto& change : rows) {
        ++(*counts)->df;
        (*counts)->floor =
            std::max((*counts)->floor, TermImpact(change.now->freq, change.now->size, avgdl0));
      }
      DOSSIER_RETURN_IF_ERROR(WriteTermCounts(*db_, term, **counts));
      continue;
    }
    auto list = ReadTermList(*db_, term);
    if (!list.ok()) return list.status();
    for (const auto& change : rows) {
      if (change.had) {
        --(*list)->df;
        RemoveFromList(**list, change.row);
      }
      if (change.now) {
        ++(*list)->df;
        OfferToList(**list, *change.now, avgdl0);
      }
    }
    DOSSIER_RETURN_IF_ERROR(WriteTermList(*db_, term, **list, avgdl0));
  }
  notes.before.clear();
  return Status::Ok();
}

Status SqliteSearchIndex::RebuildTermLists() {
  TermNotes& notes = Notes();
  notes.before.clear();
  notes.checked = false;
  DOSSIER_RETURN_IF_ERROR(
      db_->ExecScript("DELETE FROM search_term_tops; DELETE FROM search_terms;"));
  auto totals = ReadIndexTotals(*db_);
  if (!totals.ok()) return totals.status();
  if (totals->rows < search_.term_lists_from_rows)
    return db_->ExecScript("DELETE FROM search_term_state;");

  // Which terms are frequent: FTS5's own count of rows per term, and per
  // character (a character alone in search_index is a run's last one: its
  // list counts every place the character starts a term, see term_lists.h).
  TermIds ids;
  DOSSIER_RETURN_IF_ERROR(CreateVocabularies());
  for (const char* vocabulary : {"dossier_search_vocab", "dossier_chars_vocab"}) {
    DOSSIER_PREPARE(s, std::string("SELECT term FROM temp.") + vocabulary + " WHERE doc >= ?");
    s.Bind(1, MinRowsOfListedTerm(search_));
    const bool characters = std::string_view(vocabulary) == "dossier_chars_vocab";
    DOSSIER_RETURN_IF_ERROR(Each(
        s, [](const Stmt& st) { return st.Text(0); },
        [&](std::string term) {
          if (IsSingleCharacterTerm(term) == characters) ids.Add(std::move(term));
          return Status::Ok();
        }));
  }
  // Their best rows: every row read once. Reading (SQLite, the text
  // decompressed) stays on this thread; tokenizing and ranking, most of the
  // work, is shared by workers, each with a builder of its own, merged at
  // the end (a quarter of `dossier reindex` was this pass on one core).
  const unsigned workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  RowBatches batches(2 * workers);
  std::vector<TermListBuilder> builders(workers, TermListBuilder(ids.size(), totals->avgdl));
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&batches, &ids, &builder = builders[w]] {
      while (auto batch = batches.Pop()) {
        for (const auto& row : batch->rows) {
          const std::string* pointers[kIndexColumnCount] = {&row.columns[0], &row.columns[1],
                                                            &row.columns[2], &row.columns[3]};
          ListedTerms terms = TokenizeListed(pointers, ids);
          for (const auto& [term, freq] : terms.freq)
            builder.Offer(term, TermEntry{row.id, freq, terms.size});
        }
      }
    });
  }
  Status read = [&]() -> Status {
    DOSSIER_PREPARE(
        s, std::string("SELECT id, ") + kIndexColumnsSql + " FROM search_current ORDER BY id");
    RowBatch batch;
    while (true) {
      auto row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      batch.rows.push_back(IndexRow{s.Int(0), {s.Text(1), s.Text(2), s.Text(3), s.Text(4)}});
      if (batch.rows.size() == RowBatch::kRows) batches.Push(std::exchange(batch, RowBatch()));
    }
    if (!batch.rows.empty()) batches.Push(std::move(batch));
    return Status::Ok();
  }();
  batches.Close();
  for (auto& t : threads) t.join();
  DOSSIER_RETURN_IF_ERROR(read);
  for (unsigned w = 1; w < workers; ++w) builders[0].Merge(std::move(builders[w]));
  BuiltTermLists built{std::move(ids), builders[0].Finish(), totals->avgdl, totals->rows};
  return StoreTermLists(built);
}

Status SqliteSearchIndex::StoreTermLists(const BuiltTermLists& built) {
  TermNotes& notes = Notes();
  notes.before.clear();
  notes.checked = false;
  DOSSIER_RETURN_IF_ERROR(
      db_->ExecScript("DELETE FROM search_term_tops; DELETE FROM search_terms;"));
  if (built.rows0 < search_.term_lists_from_rows)
    return db_->ExecScript("DELETE FROM search_term_state;");
  for (uint32_t term = 0; term < built.lists.size(); ++term) {
    DOSSIER_RETURN_IF_ERROR(
        WriteTermList(*db_, built.ids.Term(term), built.lists[term], built.avgdl0));
  }
  DOSSIER_PREPARE(
      s,
      "INSERT OR REPLACE INTO search_term_state (id, avgdl0, rows0, min_df, generation) VALUES "
      "(1, ?, ?, ?, coalesce((SELECT generation FROM search_term_state WHERE id = 1), 0) + 1)");
  s.BindAll(built.avgdl0, built.rows0, MinRowsOfListedTerm(search_));
  return s.Run();
}

Status SqliteSearchIndex::CreateVocabularies() {
  return db_->ExecScript(
      "CREATE VIRTUAL TABLE IF NOT EXISTS temp.dossier_search_vocab USING fts5vocab('main', "
      "'search_index', 'row');"
      "CREATE VIRTUAL TABLE IF NOT EXISTS temp.dossier_chars_vocab USING fts5vocab('main', "
      "'search_index_chars', 'row');");
}

Result<std::optional<int64_t>> SqliteSearchIndex::ListedTermCount(const std::string& term) {
  auto counts = ReadTermCounts(*db_, term);
  if (!counts.ok()) return counts.status();
  if (!*counts) return std::optional<int64_t>();
  return std::optional<int64_t>((*counts)->df);
}

Result<std::optional<SqliteSearchIndex::TermListAnswer>> SqliteSearchIndex::SearchTermList(
    const std::string& term, int limit, const std::function<bool(int64_t)>& keep) {
  auto state = ReadListState(*db_);
  if (!state.ok()) return state.status();
  if (!*state) return std::optional<TermListAnswer>();
  auto list = ReadTermList(*db_, term);
  if (!list.ok()) return list.status();
  if (!*list) return std::optional<TermListAnswer>();
  auto totals = ReadIndexTotals(*db_);
  if (!totals.ok()) return totals.status();
  return std::optional<TermListAnswer>(TermListAnswer{
      (*list)->df, TopOfList(**list, limit, totals->rows, totals->avgdl, (*state)->avgdl0, keep)});
}

Result<std::vector<std::string>> SqliteSearchIndex::CheckTermLists() {
  std::vector<std::string> problems;
  auto state = ReadListState(*db_);
  if (!state.ok()) return state.status();
  if (!*state) return problems;
  std::vector<std::pair<std::string, int64_t>> listed;
  {
    DOSSIER_PREPARE(s, "SELECT term, df FROM search_terms ORDER BY term");
    auto all = Collect<std::pair<std::string, int64_t>>(
        s, [](const Stmt& st) { return std::make_pair(st.Text(0), st.Int(1)); });
    if (!all.ok()) return all.status();
    listed = std::move(*all);
  }
  // Every list's count against FTS5's own.
  DOSSIER_RETURN_IF_ERROR(CreateVocabularies());
  for (const auto& [term, df] : listed) {
    DOSSIER_PREPARE(s, IsSingleCharacterTerm(term)
                           ? "SELECT doc FROM temp.dossier_chars_vocab WHERE term = ?"
                           : "SELECT doc FROM temp.dossier_search_vocab WHERE term = ?");
    s.Bind(1, term);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    const int64_t in_index = *row ? s.Int(0) : 0;
    if (in_index != df) {
      problems.push_back("term list of '" + term + "': " + std::to_string(df) +
                         " rows listed, the index has " + std::to_string(in_index));
    }
  }
  if (!problems.empty()) return problems;
  // A sample of lists' best rows against FTS5's ranking of every match.
  std::vector<std::string> terms;
  for (const auto& [term, df] : listed) terms.push_back(term);
  const size_t step = std::max<size_t>(1, terms.size() / kVerifiedTerms);
  for (size_t i = 0; i < terms.size(); i += step) {
    const std::string& term = terms[i];
    // A character's list against FTS5's ranking of the prefix query 档*.
    const std::string fts = QuoteForFts(term) + (IsSingleCharacterTerm(term) ? " *" : "");
    auto answer = SearchTermList(term, 10);
    if (!answer.ok()) return answer.status();
    if (!*answer || !(*answer)->top)
      continue;  // it sends searches to the index: nothing to compare
    DOSSIER_PREPARE(
        ranked,
        "SELECT rowid, bm25(search_index, " + ColumnWeightsSql() +
            ") AS score FROM search_index WHERE search_index MATCH ? ORDER BY score LIMIT 10");
    ranked.Bind(1, fts);
    auto expected = Collect<std::pair<int64_t, double>>(
        ranked, [](const Stmt& st) { return std::make_pair(st.Int(0), st.Double(1)); });
    if (!expected.ok()) return expected.status();
    const auto& got = *(*answer)->top;
    bool same = got.size() == expected->size();
    for (size_t k = 0; same && k < got.size(); ++k) {
      // Rows of equal score may come in either order: compare scores.
      same = std::abs(got[k].second - (*expected)[k].second) <=
             1e-9 * std::max(1.0, std::abs(got[k].second));
    }
    if (!same)
      problems.push_back("term list of '" + term +
                         "': its best rows differ from the index's ranking");
  }
  return problems;
}

}  // namespace dossier
