// bench/retention: a catalog of N archived records (default 1,000,000) across
// the business classes, archived from 1990 to 2025; then, through the
// Repository exactly as 'dossier retention due' and 'dossier disposal
// propose' run them, the time to compute what is due as of a date and to
// build a destruction list of up to 10,000 lines (config/disposal.json's
// max_lines). Prints one JSON object.
//
//   dossier_retention_bench DIR [RECORDS [backlog|steady]]   (DIR must not exist)
//
// backlog (default): nothing was ever destroyed, so everything past its
// period since 1990 is due (a third of the records). steady: the archive
// destroyed what fell due each year before (those records are residual,
// marked destroyed), so what is due is what fell due this year.
//
// The records are written straight into the catalog with SQL in one
// transaction (registering a million documents through the API would
// measure ingest, not retention): documents and archives rows as Archive()
// writes them, without files or versions, which neither computation reads.
#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "dossier/repository.h"

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

// splitmix64: a fixed, well-spread 64-bit value per input.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

bool Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::fprintf(stderr, "%s: %s\n", sql, error);
    sqlite3_free(error);
    return false;
  }
  return true;
}

// Fills the catalog: every fifth record permanent (Y), the rest D30 and D10
// in equal parts, archive years spread evenly over 1990-2025.
bool Populate(const std::string& catalog, long records, bool steady) {
  sqlite3* db = nullptr;
  if (sqlite3_open(catalog.c_str(), &db) != SQLITE_OK) return false;
  Exec(db, "PRAGMA journal_mode=WAL");
  if (!Exec(db, "BEGIN")) return false;
  sqlite3_stmt* doc = nullptr;
  sqlite3_stmt* arc = nullptr;
  sqlite3_prepare_v2(
      db,
      "INSERT INTO documents (id, type, number, number_scope, number_seq, title, confidentiality, "
      "status, current_version, dept, counterparty, doc_date, created_at, created_by) "
      "VALUES (?1, 'report', ?2, ?3, ?4, ?5, 1, ?8, 1, '', '', ?6, ?7, 'bench')",
      -1, &doc, nullptr);
  sqlite3_prepare_v2(
      db,
      "INSERT INTO archives (doc_id, archive_code, code_scope, code_item, unit_id, piece, "
      "retention, "
      "retention_reason, archived_at, archived_by, clock_event, clock_start, disposed) "
      "VALUES (?1, ?2, ?3, ?4, ?1, 1, ?5, 'bench', ?6, 'bench', 'archive_date', ?7, ?8)",
      -1, &arc, nullptr);
  static const char* kClasses[] = {"Y", "D30", "D10", "D30", "D10"};
  char id[40], number[40], scope[40], title[40], date[16], at[32], code[96], code_scope[48];
  for (long i = 0; i < records; ++i) {
    int year = 1990 + static_cast<int>(i % 36);
    const char* cls = kClasses[i % 5];
    long seq = i / 36 + 1;
    // Ids as the repository makes them: random-looking hex (a counter's
    // shared zero prefix would make every key comparison slow).
    std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(Mix(2 * i + 1)),
                  static_cast<unsigned long long>(Mix(2 * i + 2)));
    std::snprintf(number, sizeof number, "BG-%d-%07ld", year, seq);
    std::snprintf(scope, sizeof scope, "BG-%d", year);
    std::snprintf(title, sizeof title, "年度工作报告 %ld", i);
    std::snprintf(date, sizeof date, "%d-06-30", year);
    std::snprintf(at, sizeof at, "%d-07-01T02:00:00Z", year);
    std::snprintf(code_scope, sizeof code_scope, "Z001-WS·%d-%s-BGS", year, cls);
    std::snprintf(code, sizeof code, "%s-%07ld", code_scope, seq);
    sqlite3_bind_text(doc, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(doc, 2, number, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(doc, 3, scope, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(doc, 4, seq);
    sqlite3_bind_text(doc, 5, title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(doc, 6, date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(doc, 7, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(arc, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(arc, 2, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(arc, 3, code_scope, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(arc, 4, seq);
    sqlite3_bind_text(arc, 5, cls, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(arc, 6, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(arc, 7, at, 10, SQLITE_TRANSIENT);
    // Steady: D10 records archived before 2015 and D30 before 1995 fell due before 2026 and are
    // gone.
    int years = cls[0] == 'Y' ? 0 : std::atoi(cls + 1);
    bool destroyed = steady && years > 0 && year + 1 + years < 2026;
    sqlite3_bind_text(doc, 8, destroyed ? "destroyed" : "archived", -1, SQLITE_STATIC);
    sqlite3_bind_text(arc, 8, destroyed ? "destroyed" : "", -1, SQLITE_STATIC);
    if (sqlite3_step(doc) != SQLITE_DONE || sqlite3_step(arc) != SQLITE_DONE) {
      std::fprintf(stderr, "insert %ld: %s\n", i, sqlite3_errmsg(db));
      return false;
    }
    sqlite3_reset(doc);
    sqlite3_reset(arc);
  }
  sqlite3_finalize(doc);
  sqlite3_finalize(arc);
  bool ok = Exec(db, "COMMIT") && Exec(db, "ANALYZE");
  sqlite3_close(db);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [RECORDS]\n", argv[0]);
    return 1;
  }
  std::string dir = argv[1];
  long records = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  bool steady = argc > 3 && std::string(argv[3]) == "steady";
  if (std::getenv("BENCH_DUE_ONLY") !=
      nullptr) {  // profiling: the due computation of an existing DIR, ten times
    auto repo = dossier::Repository::Open(dir);
    if (!repo.ok()) return 1;
    auto archivist = (*repo)->ActorFor("档案员");
    for (int run = 0; run < 3; ++run) {
      auto start = std::chrono::steady_clock::now();
      auto report = (*repo)->RetentionDue(*archivist, dossier::DueQuery{"2026-11-30", 0});
      std::printf("due %zu in %.1f ms\n", report.ok() ? report->items.size() : 0, Ms(start));
    }
    return 0;
  }
  if (!dossier::Repository::Init(dir).ok()) {
    std::fprintf(stderr, "cannot create a repository in %s (it must not exist)\n", dir.c_str());
    return 1;
  }
  {
    auto repo = dossier::Repository::Open(dir);  // applies the migrations
    auto admin = (*repo)->ActorFor("admin");
    if (!(*repo)->AddUser(*admin, "档案员", dossier::Role::kArchivist, std::nullopt).ok()) return 1;
  }
  auto start = std::chrono::steady_clock::now();
  if (!Populate(dir + "/catalog.db", records, steady)) return 1;
  double populate_ms = Ms(start);

  auto repo = dossier::Repository::Open(dir);
  if (!repo.ok()) {
    std::fprintf(stderr, "%s\n", repo.status().message().c_str());
    return 1;
  }
  auto archivist = (*repo)->ActorFor("档案员");
  dossier::DueQuery query;
  query.as_of = "2026-11-30";
  double best = 1e18;
  size_t due = 0;
  for (int run = 0; run < 3; ++run) {
    start = std::chrono::steady_clock::now();
    auto report = (*repo)->RetentionDue(*archivist, query);
    double ms = Ms(start);
    if (!report.ok()) {
      std::fprintf(stderr, "due: %s\n", report.status().message().c_str());
      return 1;
    }
    due = report->items.size();
    best = ms < best ? ms : best;
  }
  start = std::chrono::steady_clock::now();
  auto list =
      (*repo)->ProposeDisposal(*archivist, dossier::DisposalProposal{"2026-11-30", {}, "bench"});
  double propose_ms = Ms(start);
  if (!list.ok()) {
    std::fprintf(stderr, "propose: %s\n", list.status().message().c_str());
    return 1;
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "{\"scenario\":\"%s\",\"records\":%ld,\"populate_ms\":%.0f,\"due\":%zu,\"due_ms\":%.1f,"
      "\"list_lines\":%zu,\"propose_ms\":%.1f,"
      "\"peak_rss_mb\":%.1f}\n",
      steady ? "steady" : "backlog", records, populate_ms, due, best, list->lines.size(),
      propose_ms, usage.ru_maxrss / 1024.0);
  return 0;
}
