// Full-text and metadata search over the catalog (docs/search.md).
//
// Query syntax (SearchRequest::query):
//   合同 验收          both (AND is the default)
//   "违约责任"         a phrase; any Chinese run of 2+ characters is one too
//   合同 OR 协议        either
//   NOT 草稿, -草稿     without
//   contr*            prefix of a Latin word
//   (empty)           metadata filters only
// Chinese of one character finds it anywhere; traditional and simplified,
// full- and half-width, upper and lower case, accented and bare Latin
// match each other. A query that is a document number or an archival code
// (档号) puts that document first.
//
// Results only ever hold what the actor may see: a document above the
// actor's clearance is in no result, count or snippet.
#ifndef DOSSIER_SEARCH_H_
#define DOSSIER_SEARCH_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dossier/document.h"

namespace dossier {

/// How search trades index upkeep for query speed. The defaults suit an
/// archive of any size; tests lower them to exercise the large-archive paths
/// on a few dozen documents (docs/search.md).
struct SearchOptions {
  /// The term lists (search/term_lists.h) are first built when the index
  /// holds this many rows; terms in at least a fifth of that many rows get a
  /// list. At least 5.
  int64_t term_lists_from_rows = 5000;
  /// A one-character query whose character is in more rows than this is
  /// scored from the rows' text; up to it, FTS5 ranks its prefix query.
  /// At least 0.
  int64_t character_scan_from_rows = 2000;
};

struct SearchRequest {
  std::string query;
  std::optional<std::string> type;
  std::optional<std::string> dept;
  std::optional<std::string> counterparty;  // substring
  std::optional<std::string> status;
  std::optional<std::string> from;   // document date >= (YYYY-MM-DD)
  std::optional<std::string> to;     // document date <=
  std::optional<double> amount_min;  // metadata amount.value
  std::optional<double> amount_max;
  std::optional<std::string> retention;  // retention class of archived documents
  std::optional<bool> archived;
  bool all_versions = false;  // search every version, not only the newest
  int limit = 20;
  /// How long the search may run before it is stopped as too expensive.
  std::chrono::milliseconds time_limit{10000};
};

struct SearchHit {
  DocumentSummary document;
  int version = 0;      // the version whose text matched
  double score = 0;     // bm25, lower is better; 0 for an exact number match
  std::string snippet;  // text around the match, matches within [ and ]
};

struct SearchResult {
  std::vector<SearchHit> hits;
  int64_t total = 0;  // matches the actor may see, before the limit
};

/// The text extracted from one file of a version, as `show` reports it.
struct FileTextInfo {
  std::string name;
  std::string kind;   // text, pdf, docx, xlsx, none
  std::string note;   // why there is no text; empty when there is
  uint64_t size = 0;  // bytes of text
};

}  // namespace dossier

#endif  // DOSSIER_SEARCH_H_
