// Templates: data under schemas/templates/ (copied to a repository's
// config/templates/, where a company changes them) that turn a data model —
// a document's metadata, its review trail, the ledger — into layout blocks.
// See docs/plugins/pdf.md for the format.
//
// Text fields interpolate the model: {metadata.subject}, {document.number},
// {metadata.amount.value|money}, {metadata.amount.value|capital},
// {metadata.signing_date?|date}. A field that is missing, or of the wrong
// kind for its filter, is an error naming the template, the block and the
// field; '?' marks a field that may be absent (it prints nothing).
#ifndef DOSSIER_PDF_TEMPLATE_H_
#define DOSSIER_PDF_TEMPLATE_H_

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "dossier/status.h"
#include "layout.h"

namespace dossier::pdf {

struct Template {
  std::string name;
  std::string title;
  std::vector<std::string> types;  // document types it renders; empty for a register
  Poco::JSON::Object::Ptr spec;
};

/// Parses a template; errors name the template and what is wrong.
Result<Template> ParseTemplate(const std::string& name, const std::string& json);

/// The layout of `model` through `tmpl`.
Result<LayoutDocument> BuildLayout(const Template& tmpl, const Poco::Dynamic::Var& model);

/// 一, 二, ..., 十, 十一, ..., 二十, 一百: numbers for clause headings (第一条).
std::string ChineseNumber(int n);

/// Interpolates one text against `model` (and `row` first, inside a table);
/// `where` names the template and block for errors.
Result<std::string> Interpolate(const std::string& text, const Poco::Dynamic::Var& model,
                                const Poco::Dynamic::Var* row, const std::string& where);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_TEMPLATE_H_
