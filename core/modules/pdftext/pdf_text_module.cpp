// The PDF text module: poppler-cpp behind the C interface of
// pdf_text_module.h. Loaded by the core only when a PDF is read for text.
#include "pdf_text_module.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>
#include <vector>

namespace {

// Poppler reports damaged PDFs on stderr; the core's note says it instead.
// Set once, when the module is loaded, since the setting is process-wide.
const bool kQuiet = [] {
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  return true;
}();

}  // namespace

extern "C" __attribute__((visibility("default"))) int dossier_pdf_text_v1(const char* data,
                                                                          size_t size,
                                                                          DossierPdfTextSink sink,
                                                                          void* context) {
  try {
    std::vector<char> bytes(data, data + size);
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_data(&bytes));
    if (!doc) return kDossierPdfTextUnreadable;
    if (doc->is_locked()) return kDossierPdfTextEncrypted;
    for (int i = 0; i < doc->pages(); ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (!page) continue;
      auto text = page->text().to_utf8();
      sink(context, text.data(), text.size());
    }
    return kDossierPdfTextOk;
  } catch (...) {
    return kDossierPdfTextFailed;
  }
}
