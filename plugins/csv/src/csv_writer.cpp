#include "csv_writer.h"

namespace dossier::csv {

namespace {

bool IsNumeric(CellKind kind) {
  return kind == CellKind::kInteger || kind == CellKind::kAmount || kind == CellKind::kPercent;
}

// "-12", "1234.50", "72.5": what the core writes in numeric columns.
bool IsPlainNumber(std::string_view cell) {
  size_t i = cell.empty() || cell[0] != '-' ? 0 : 1;
  bool digits = false, dot = false;
  for (; i < cell.size(); ++i) {
    char c = cell[i];
    if (c >= '0' && c <= '9') digits = true;
    else if (c == '.' && !dot) dot = true;
    else return false;
  }
  return digits;
}

}  // namespace

bool LooksLikeFormula(std::string_view cell) {
  if (cell.empty()) return false;
  switch (cell[0]) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

std::string Field(std::string_view cell, CellKind kind) {
  bool neutralise = LooksLikeFormula(cell) && !(IsNumeric(kind) && IsPlainNumber(cell));
  std::string value(neutralise ? 1 : 0, '\'');
  value.insert(value.end(), cell.begin(), cell.end());
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string Record(const std::vector<std::string>& cells, const std::vector<TableColumn>& columns) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += Field(cells[i], i < columns.size() ? columns[i].kind : CellKind::kText);
  }
  out += "\r\n";
  return out;
}

std::string Header(const std::vector<TableColumn>& columns, std::string_view labels) {
  std::vector<std::string> names;
  std::vector<TableColumn> text(columns.size());  // header cells are text whatever the column
  for (const auto& c : columns) names.push_back(ColumnLabel(c, labels));
  return Record(names, text);
}

}  // namespace dossier::csv
