// A document's metadata as a person reads it: one labelled line per field,
// under the titles its type's schema gives (当事人, 金额, 标的明细), in the
// order the schema's author wrote them, instead of raw JSON. --json keeps the
// JSON.
#ifndef DOSSIER_CLI_METADATA_TEXT_H_
#define DOSSIER_CLI_METADATA_TEXT_H_

#include <ostream>
#include <string>

namespace dossier::cli {

/// Writes `metadata_json` as labelled lines, each starting with `indent`.
/// Fields the schema does not know come last, under their own names. A value
/// that is not a JSON object is written as it is.
void PrintMetadataText(std::ostream& out, const std::string& metadata_json,
                       const std::string& schema_json, const std::string& indent);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_METADATA_TEXT_H_
