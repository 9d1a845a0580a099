// Search: ranked matches with snippets among what the user may see.
#include "json/shapes.h"
#include "server/router.h"

namespace dossier::server {

namespace {

Result<std::optional<double>> Amount(const Exchange& ex, const std::string& name) {
  auto text = ex.query(name);
  if (!text || text->empty()) return std::optional<double>();
  try {
    size_t used = 0;
    double value = std::stod(*text, &used);
    if (used != text->size()) throw std::invalid_argument(name);
    return std::optional<double>(value);
  } catch (const std::exception&) {
    return Status::InvalidArgument(name + " '" + *text + "' is not a number");
  }
}

Status Search(Exchange& ex) {
  SearchRequest request;
  request.query = ex.query("q").value_or("");
  request.type = ex.query("type");
  request.dept = ex.query("dept");
  request.counterparty = ex.query("counterparty");
  request.status = ex.query("status");
  request.from = ex.query("from");
  request.to = ex.query("to");
  request.retention = ex.query("retention");
  for (auto* v : {&request.type, &request.dept, &request.counterparty, &request.status,
                  &request.from, &request.to, &request.retention}) {
    if (*v && (*v)->empty()) v->reset();
  }
  auto min = Amount(ex, "amount_min");
  if (!min.ok()) return min.status();
  auto max = Amount(ex, "amount_max");
  if (!max.ok()) return max.status();
  request.amount_min = *min;
  request.amount_max = *max;
  if (auto archived = ex.query("archived"); archived && !archived->empty()) {
    if (*archived != "true" && *archived != "false")
      return Status::InvalidArgument("archived takes true or false");
    request.archived = *archived == "true";
  }
  request.all_versions = ex.query("all_versions").value_or("") == "true";
  auto limit = ex.QueryInt("limit", 20, 1, 1000);
  if (!limit.ok()) return limit.status();
  request.limit = static_cast<int>(*limit);
  request.time_limit = std::chrono::seconds(ex.config().search_seconds);
  Result<SearchResult> result = Status::Internal("not searched");
  {
    Gate::Pass pass(ex.search_gate());
    result = ex.repo().Search(ex.actor(), request);
  }
  if (!result.ok()) return result.status();
  return ex.SendJson(json::SearchResultJson(*result));
}

}  // namespace

void AddSearchRoutes(Router& r) {
  r.Add({"GET",
         "/api/v1/search",
         "search",
         "Full-text and metadata search: the best matches first, with snippets",
         Search,
         Access::kSignedIn,
         Body::kNone,
         {{"q", "string", "the query (see docs/search.md)"},
          {"type", "string", "document type"},
          {"dept", "string", "department"},
          {"counterparty", "string", "part of the counterparty's name"},
          {"status", "string", "state code"},
          {"from", "string", "document date from"},
          {"to", "string", "document date to"},
          {"amount_min", "number", "smallest amount"},
          {"amount_max", "number", "largest amount"},
          {"retention", "string", "retention class of archived documents"},
          {"archived", "boolean", "archived documents only (true) or none (false)"},
          {"all_versions", "boolean", "search every version, not only the newest"},
          {"limit", "integer", "matches to return, 1-1000 (default 20)"}}});
}

}  // namespace dossier::server
