#include "catalog/sqlite/sqlite_search_functions.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string_view>

#include "search/term_lists.h"
#include "search/text_fold.h"
#include "search/tokenizer.h"
#include "util/compress.h"

namespace dossier {

namespace {

// --- the tokenizer --------------------------------------------------------

// "dossier" indexes terms; "dossier characters" indexes which characters
// a row holds (tokenizer.h). The folding table is shared.
struct TokenizerInstance {
  bool characters = false;
};

int CreateTokenizer(void*, const char** argv, int argc, Fts5Tokenizer** out) {
  const bool characters = argc == 1 && std::string_view(argv[0]) == "characters";
  if (argc != 0 && !characters) return SQLITE_ERROR;
  try {
    Folding::Get();  // builds the table now, so a missing OpenCC is seen here
  } catch (const std::exception&) {
    return SQLITE_ERROR;
  }
  auto* instance = new (std::nothrow) TokenizerInstance();
  if (instance == nullptr) return SQLITE_NOMEM;
  instance->characters = characters;
  *out = reinterpret_cast<Fts5Tokenizer*>(instance);
  return SQLITE_OK;
}

void DeleteTokenizer(Fts5Tokenizer* t) { delete reinterpret_cast<TokenizerInstance*>(t); }

int RunTokenizer(Fts5Tokenizer* instance, void* ctx, int flags, const char* text, int size,
                 int (*token)(void*, int, const char*, int, int, int)) {
  // Queries (FTS5_TOKENIZE_QUERY) get no run-final characters; documents
  // (and FTS5_TOKENIZE_AUX) get them.
  TokenizeMode mode =
      (flags & FTS5_TOKENIZE_QUERY) ? TokenizeMode::kQuery : TokenizeMode::kDocument;
  if (reinterpret_cast<TokenizerInstance*>(instance)->characters) mode = TokenizeMode::kCharacters;
  if (size <= 0) return SQLITE_OK;
  int rc = Tokenize(std::string_view(text, static_cast<size_t>(size)), mode, ctx, token);
  return rc == kTokenizeInvalidUtf8 ? SQLITE_ERROR : rc;
}

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

// --- dossier_version_text -------------------------------------------------

// The statement that reads a version's texts, prepared once per connection
// (preparing it for every row was a large part of building the index).
struct VersionTextReader {
  sqlite3_stmt* stmt = nullptr;
  static void Destroy(void* p) {
    auto* reader = static_cast<VersionTextReader*>(p);
    sqlite3_finalize(reader->stmt);
    delete reader;
  }
};

void VersionText(sqlite3_context* ctx, int, sqlite3_value** argv) {
  sqlite3* db = sqlite3_context_db_handle(ctx);
  auto* reader = static_cast<VersionTextReader*>(sqlite3_user_data(ctx));
  static constexpr const char* kSql =
      "SELECT t.size, t.text FROM version_files f JOIN blob_text t ON t.sha256 = f.sha256 "
      "WHERE f.doc_id = ?1 AND f.version = ?2 ORDER BY f.name";
  if (reader->stmt == nullptr && sqlite3_prepare_v3(db, kSql, -1, SQLITE_PREPARE_PERSISTENT,
                                                    &reader->stmt, nullptr) != SQLITE_OK) {
    sqlite3_result_error(ctx, sqlite3_errmsg(db), -1);
    return;
  }
  // Each call steps the statement to its end and resets it before it returns,
  // so calls never overlap on it.
  sqlite3_stmt* stmt = reader->stmt;
  sqlite3_bind_value(stmt, 1, argv[0]);
  sqlite3_bind_value(stmt, 2, argv[1]);
  std::string text;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    auto size = static_cast<size_t>(sqlite3_column_int64(stmt, 0));
    if (size == 0) continue;
    std::string_view z(static_cast<const char*>(sqlite3_column_blob(stmt, 1)),
                       static_cast<size_t>(sqlite3_column_bytes(stmt, 1)));
    auto plain = Uncompress(z, size);
    if (!plain.ok()) {
      sqlite3_reset(stmt);
      sqlite3_result_error(ctx, "the stored text of a file is damaged", -1);
      return;
    }
    if (!text.empty()) text += '\n';
    text += *plain;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (rc != SQLITE_DONE) {
    sqlite3_result_error(ctx, sqlite3_errmsg(db), -1);
    return;
  }
  sqlite3_result_text64(ctx, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// --- dossier_match ----------------------------------------------------------

// As FTS5's bm25 reads a row (fts5_aux.c): each instance of phrase p in
// column c adds that column's weight to p's count; the size is the row's
// tokens in every column.
void MatchFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int,
                   sqlite3_value**) {
  const int phrases = api->xPhraseCount(fts);
  std::vector<double> parts(static_cast<size_t>(phrases) + 1, 0.0);
  int instances = 0;
  int rc = api->xInstCount(fts, &instances);
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase >= 0 && phrase < phrases) {
      parts[static_cast<size_t>(phrase) + 1] +=
          column >= 0 && column < kIndexColumnCount ? kColumnWeights[column] : 1.0;
    }
  }
  int size = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &size);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  parts[0] = size;
  sqlite3_result_blob(ctx, parts.data(), static_cast<int>(parts.size() * sizeof(double)),
                      SQLITE_TRANSIENT);
}

}  // namespace

bool DecodeMatchParts(const std::string& blob, MatchParts& parts) {
  if (blob.empty() || blob.size() % sizeof(double) != 0) return false;
  std::vector<double> values(blob.size() / sizeof(double));
  std::memcpy(values.data(), blob.data(), blob.size());
  parts.size = values[0];
  parts.freq.assign(values.begin() + 1, values.end());
  return true;
}

int RegisterSearchFunctions(sqlite3* db, std::string* error) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) {
    *error = "this SQLite has no FTS5";
    return SQLITE_ERROR;
  }
  fts5_tokenizer tokenizer{CreateTokenizer, DeleteTokenizer, RunTokenizer};
  int rc = api->xCreateTokenizer(api, "dossier", nullptr, &tokenizer, nullptr);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction(api, "dossier_match", nullptr, MatchFunction, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "dossier_version_text", 2,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC, new VersionTextReader(),
                                    VersionText, nullptr, nullptr, VersionTextReader::Destroy);
  }
  if (rc != SQLITE_OK) *error = sqlite3_errmsg(db);
  return rc;
}

void ReleaseSearchFunctions(sqlite3* db) {
  // Deleting the function finalizes its statement (VersionTextReader::Destroy).
  sqlite3_create_function_v2(db, "dossier_version_text", 2, SQLITE_UTF8, nullptr, nullptr, nullptr,
                             nullptr, nullptr);
}

}  // namespace dossier
