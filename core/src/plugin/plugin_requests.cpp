// What a front end asks of the export and import plugins, checked once for
// the command line and the server alike.
#include <optional>

#include "dossier/export.h"

namespace dossier {

Result<std::map<std::string, std::string>> CheckPluginOptions(
    const std::string& what, const std::vector<ExportOptionInfo>& declared,
    const std::vector<std::string>& given) {
  std::map<std::string, std::string> out;
  for (const auto& g : given) {
    auto eq = g.find('=');
    if (eq == std::string::npos || eq == 0)
      return Status::InvalidArgument("option '" + g + "': expected NAME=VALUE");
    std::string name = g.substr(0, eq);
    bool known = false;
    std::string names;
    for (const auto& d : declared) {
      known = known || d.name == name;
      names += (names.empty() ? "" : ", ") + d.name;
    }
    if (!known) {
      return Status::InvalidArgument(what + " has no option '" + name +
                                     "' (it has: " + (names.empty() ? "none" : names) + ")");
    }
    out[name] = g.substr(eq + 1);
  }
  return out;
}

Result<ExportRequest> MakeExportRequest(const Exporter& exporter, const ExportAsk& ask) {
  auto options = CheckPluginOptions("format " + exporter.Format(), exporter.Options(), ask.options);
  if (!options.ok()) return options.status();
  auto kind = ParseTableKind(ask.table);
  if (!kind) {
    return Status::InvalidArgument(
        "table '" + ask.table +
        "': expected list, ledger, loans, seals, catalogue, due or destruction");
  }
  if (!exporter.Tabular() && *kind != TableKind::kList) {
    return Status::InvalidArgument("a table is for the tabular formats; " + exporter.Format() +
                                   " exports documents");
  }
  if (ask.limit < 0 || ask.within < 0)
    return Status::InvalidArgument("limit and within are counts: 0 or more");
  auto given = [](const std::string& v) {
    return v.empty() ? std::nullopt : std::optional<std::string>(v);
  };
  ExportRequest request;
  request.options = std::move(*options);
  ExportSelection& selection = request.selection;
  selection.refs = ask.refs;
  selection.filter.type = given(ask.type);
  selection.filter.status = given(ask.status);
  selection.filter.dept = given(ask.dept);
  selection.filter.counterparty = given(ask.counterparty);
  selection.filter.from = given(ask.from);
  selection.filter.to = given(ask.to);
  selection.filter.limit = ask.limit;
  if (ask.archived_in != 0) selection.archived_in = ask.archived_in;
  TableRequest& table = request.table;
  table.kind = *kind;
  table.selection = selection;
  table.ledger.from = given(ask.from);
  table.ledger.to = given(ask.to);
  table.ledger.dept = given(ask.dept);
  table.ledger.counterparty = given(ask.counterparty);
  table.ledger.as_of = given(ask.as_of);
  table.loans.out = ask.out_only;
  table.loans.overdue = ask.overdue;
  table.seals.seal = ask.seal;
  table.seals.from = ask.from;
  table.seals.to = ask.to;
  table.due.as_of = ask.as_of;
  table.due.within_days = ask.within;
  table.list = ask.destruction_list;
  return request;
}

}  // namespace dossier
