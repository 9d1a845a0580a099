#include "search/search_service.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <string>

#include "search/query.h"

namespace dossier {

namespace {

Status TooExpensive(const SearchRequest& request) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%g",
                static_cast<double>(request.time_limit.count()) / 1000);
  return Status::InvalidArgument(std::string("the search ran past its limit of ") + seconds +
                                 " s and was stopped as too expensive: narrow it (more specific "
                                 "terms, a type, a department or dates)");
}

std::string Trimmed(std::string text) {
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  return text;
}

Result<SearchResult> Collect(SearchIndex& index, const Actor& actor, const SearchRequest& request,
                             const std::string& fts, const TimeLimit& deadline) {
  const int clearance = static_cast<int>(actor.clearance);
  SearchResult result;
  std::set<std::string> seen;
  // A number or archival code typed as the query comes first.
  if (std::string exact = Trimmed(request.query); !exact.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(auto rows, index.FindByNumberOrCode(exact, clearance));
    for (const auto& row : rows) {
      seen.insert(row.summary.id);
      result.hits.push_back(SearchHit{row.summary, row.summary.current_version, 0, ""});
    }
  }
  int64_t matches = -1;
  DOSSIER_ASSIGN_OR_RETURN(auto rows, index.Search(fts, request, clearance, &matches));
  std::optional<int64_t> counted;
  if (matches >= 0) counted = matches;
  for (const auto& r : rows) {
    if (static_cast<int>(result.hits.size()) >= request.limit) break;
    // Snippets are made here, between statements: the deadline is asked.
    if (deadline.Passed()) return Status::Internal("the search's deadline passed");
    if (!request.all_versions && seen.count(r.row.summary.id)) continue;
    seen.insert(r.row.summary.id);
    SearchHit hit{r.row.summary, r.version, r.score, ""};
    if (!fts.empty()) {
      DOSSIER_ASSIGN_OR_RETURN(hit.snippet, index.Snippet(fts, r.index_row, r.history));
    }
    result.hits.push_back(std::move(hit));
  }
  if (!counted) {
    DOSSIER_ASSIGN_OR_RETURN(counted, index.CountSearch(fts, request, clearance));
  }
  // A document found by its number alone counts too (a document, not
  // each of its versions found with --all-versions).
  result.total = std::max<int64_t>(*counted, static_cast<int64_t>(seen.size()));
  return result;
}

}  // namespace

Result<SearchResult> RunSearch(SearchIndex& index, const Actor& actor,
                               const SearchRequest& request) {
  if (request.limit <= 0) return Status::InvalidArgument("the limit must be at least 1");
  DOSSIER_ASSIGN_OR_RETURN(const std::string fts, ToFtsQuery(request.query));
  auto deadline = index.LimitTime(request.time_limit);
  auto result = Collect(index, actor, request, fts, *deadline);
  if (!result.ok() && deadline->Passed()) return TooExpensive(request);
  return result;
}

}  // namespace dossier
