// Text for a terminal: columns aligned in display cells (a Chinese
// character takes two), byte counts for people. Shared by the CLI and the
// plugins' commands.
#ifndef DOSSIER_TEXT_TABLE_H_
#define DOSSIER_TEXT_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace dossier {

/// Columns on a terminal, measured in display cells (a Chinese character is two).
size_t DisplayWidth(const std::string& text);
/// The header and the rows, each column as wide as its widest cell.
void PrintTable(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);
/// "1.5 MB".
std::string HumanBytes(uint64_t bytes);

}  // namespace dossier

#endif  // DOSSIER_TEXT_TABLE_H_
