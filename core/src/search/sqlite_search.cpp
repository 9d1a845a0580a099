#include "search/sqlite_search.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string_view>

#include "search/snippet.h"
#include "search/term_lists.h"
#include "search/text_fold.h"
#include "search/tokenizer.h"
#include "util/compress.h"

namespace dossier {

namespace {

// --- the tokenizer --------------------------------------------------------

struct TokenizerInstance {};  // stateless: the folding table is shared

int CreateTokenizer(void*, const char**, int argc, Fts5Tokenizer** out) {
  if (argc != 0) return SQLITE_ERROR;
  try {
    Folding::Get();  // builds the table now, so a missing OpenCC is seen here
  } catch (const std::exception&) {
    return SQLITE_ERROR;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(new (std::nothrow) TokenizerInstance());
  return *out != nullptr ? SQLITE_OK : SQLITE_NOMEM;
}

void DeleteTokenizer(Fts5Tokenizer* t) { delete reinterpret_cast<TokenizerInstance*>(t); }

int RunTokenizer(Fts5Tokenizer*, void* ctx, int flags, const char* text, int size,
                 int (*token)(void*, int, const char*, int, int, int)) {
  // Queries (FTS5_TOKENIZE_QUERY) get no run-final unigrams; documents and
  // the re-tokenizing done for snippets (FTS5_TOKENIZE_AUX) get them.
  TokenizeMode mode = (flags & FTS5_TOKENIZE_QUERY) ? TokenizeMode::kQuery : TokenizeMode::kDocument;
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

void VersionText(sqlite3_context* ctx, int, sqlite3_value** argv) {
  sqlite3* db = sqlite3_context_db_handle(ctx);
  sqlite3_stmt* stmt = nullptr;
  static constexpr const char* kSql =
      "SELECT t.size, t.text FROM version_files f JOIN blob_text t ON t.sha256 = f.sha256 "
      "WHERE f.doc_id = ?1 AND f.version = ?2 ORDER BY f.name";
  if (sqlite3_prepare_v3(db, kSql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_result_error(ctx, sqlite3_errmsg(db), -1);
    return;
  }
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
      sqlite3_finalize(stmt);
      sqlite3_result_error(ctx, "the stored text of a file is damaged", -1);
      return;
    }
    if (!text.empty()) text += '\n';
    text += *plain;
  }
  sqlite3_finalize(stmt);
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
void MatchFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int, sqlite3_value**) {
  const int phrases = api->xPhraseCount(fts);
  std::vector<double> parts(static_cast<size_t>(phrases) + 1, 0.0);
  int instances = 0;
  int rc = api->xInstCount(fts, &instances);
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase >= 0 && phrase < phrases) {
      parts[static_cast<size_t>(phrase) + 1] += column >= 0 && column < kIndexColumnCount ? kColumnWeights[column] : 1.0;
    }
  }
  int size = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &size);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  parts[0] = size;
  sqlite3_result_blob(ctx, parts.data(), static_cast<int>(parts.size() * sizeof(double)), SQLITE_TRANSIENT);
}

// --- dossier_snippet --------------------------------------------------------

// dossier_snippet(index, expression): the row's snippet (snippet.h); the
// expression must be the one the row was matched with, for its phrases'
// terms.
void SnippetFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
                     sqlite3_value** argv) {
  if (argc != 1) {
    sqlite3_result_error(ctx, "dossier_snippet takes the MATCH expression", -1);
    return;
  }
  const auto* expression = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  std::vector<SnippetPhrase> phrases =
      SnippetPhrasesOf(std::string_view(expression != nullptr ? expression : "",
                                        static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  if (static_cast<int>(phrases.size()) != api->xPhraseCount(fts)) {
    sqlite3_result_error(ctx, "dossier_snippet was given another expression than the one matched", -1);
    return;
  }
  int instances = 0;
  int rc = api->xInstCount(fts, &instances);
  std::vector<SnippetHit> hits;
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    SnippetHit h;
    rc = api->xInst(fts, i, &h.phrase, &h.column, &h.place);
    hits.push_back(h);
  }
  std::vector<std::string_view> columns(static_cast<size_t>(api->xColumnCount(fts)));
  for (int c = 0; rc == SQLITE_OK && c < static_cast<int>(columns.size()); ++c) {
    if (std::none_of(hits.begin(), hits.end(), [&](const SnippetHit& h) { return h.column == c; })) continue;
    const char* text = nullptr;
    int size = 0;
    rc = api->xColumnText(fts, c, &text, &size);
    if (rc == SQLITE_OK && text != nullptr) columns[static_cast<size_t>(c)] = std::string_view(text, static_cast<size_t>(size));
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  const std::string snippet = MakeSnippet(columns, hits, phrases, kSnippetPlaces);
  sqlite3_result_text64(ctx, snippet.data(), snippet.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
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
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "dossier_match", nullptr, MatchFunction, nullptr);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "dossier_snippet", nullptr, SnippetFunction, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "dossier_version_text", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                    VersionText, nullptr, nullptr, nullptr);
  }
  if (rc != SQLITE_OK) *error = sqlite3_errmsg(db);
  return rc;
}

}  // namespace dossier
