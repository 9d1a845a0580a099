#include "csv_writer.h"

namespace dossier::csv {

std::string Field(std::string_view cell, CellKind kind) {
  const std::string value = NeutraliseFormula(cell, kind);
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string Record(const std::vector<std::string>& cells, const std::vector<TableColumn>& columns,
                   std::string_view labels) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += i < columns.size() ? Field(CellText(columns[i], cells[i], labels), columns[i].kind)
                              : Field(cells[i], CellKind::kText);
  }
  out += "\r\n";
  return out;
}

std::string Header(const std::vector<TableColumn>& columns, std::string_view labels) {
  std::vector<std::string> names;
  std::vector<TableColumn> text(columns.size());  // header cells are text whatever the column
  for (const auto& c : columns) names.push_back(ColumnLabel(c, labels));
  return Record(names, text, labels);
}

}  // namespace dossier::csv
