// Search queries as users type them: ToFtsQuery turns one into FTS5's syntax
// or refuses it naming why (limits of issue 20 §3 included). What it gives
// must read back as FTS5 strings, and the helpers that inspect it must agree.
#include <cstddef>
#include <cstdint>
#include <string>

#include "search/query.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string query(reinterpret_cast<const char*>(data), size);
  auto fts = dossier::ToFtsQuery(query);
  if (!fts.ok()) return 0;
  (void)dossier::SingleTermOf(*fts);
  (void)dossier::SingleCharacterOf(*fts);
  (void)dossier::PhrasesOfConjunction(*fts);
  // Every quoted string in the result is closed.
  for (size_t at = fts->find('"'); at != std::string::npos;) {
    std::string text;
    auto end = dossier::ReadFtsString(*fts, at, &text);
    if (!end) __builtin_trap();
    at = fts->find('"', *end);
  }
  (void)dossier::QuoteForFts(query);
  return 0;
}
