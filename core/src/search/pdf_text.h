// The text of a PDF, read by the PDF text module (core/modules/pdftext),
// which is loaded on first use so that processes that never read a PDF do
// not carry poppler.
#ifndef DOSSIER_SEARCH_PDF_TEXT_H_
#define DOSSIER_SEARCH_PDF_TEXT_H_

#include <string>
#include <string_view>

namespace dossier {

struct PdfPages {
  bool ok = false;
  std::string error;  // why there is no text, when !ok
  std::string text;   // each page's text followed by a line break
};

/// Thread-safe. The module is looked for beside libdossier_core.so.
PdfPages ReadPdfPages(std::string_view pdf);

}  // namespace dossier

#endif  // DOSSIER_SEARCH_PDF_TEXT_H_
