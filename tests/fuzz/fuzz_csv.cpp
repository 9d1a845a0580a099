// A legacy ledger exported from a spreadsheet (import-csv): the encoding
// detected (UTF-8 or GB18030), quotes, line breaks in fields, and a column
// mapping given on the command line (the input's first line).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dossier/table_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  (void)dossier::ParseColumnMapping(input.substr(0, newline));
  for (const char* encoding : {"", "utf-8", "gb18030"}) {
    auto table = dossier::ParseCsvTable(input, encoding);
    if (!table.ok()) continue;
    for (const auto& row : table->rows) {
      if (row.line < 1) __builtin_trap();  // every row knows the line it starts on
    }
  }
  return 0;
}
