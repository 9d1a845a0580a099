#include "server/ledger_query.h"

namespace dossier::server {

Result<LedgerQuery> LedgerQueryOf(const Exchange& ex) {
  auto given = [&](const char* name) {
    auto v = ex.query(name);
    return v && !v->empty() ? v : std::nullopt;
  };
  LedgerQuery query;
  query.from = given("from");
  query.to = given("to");
  query.dept = given("dept");
  query.counterparty = given("counterparty");
  query.as_of = given("as_of");
  if (auto by = given("by")) {
    auto grouping = ParseLedgerGrouping(*by);
    if (!grouping)
      return Status::InvalidArgument("by '" + *by +
                                     "': month, quarter, year, dept, counterparty or status");
    query.by = *grouping;
  }
  return query;
}

}  // namespace dossier::server
