// `dossier show` as a person reads it: the document's particulars, files,
// relations and metadata under the schema's titles, its workflow state and
// trail, copies, archive record, disposition and what became of it — by the
// names the data gives them (--lang) and times in the repository's zone.
#ifndef DOSSIER_CLI_SHOW_TEXT_H_
#define DOSSIER_CLI_SHOW_TEXT_H_

#include <ostream>
#include <string>

#include "cli/names.h"
#include "json/shapes.h"

namespace dossier::cli {

/// `schema_json`: the document type's metadata schema, whose titles label the fields.
void PrintDocumentDetail(std::ostream& out, const json::DocumentDetail& detail, const Names& names,
                         const std::string& schema_json);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_SHOW_TEXT_H_
