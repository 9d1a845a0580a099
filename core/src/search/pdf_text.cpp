#include "search/pdf_text.h"

#include <dlfcn.h>

#include <filesystem>
#include <mutex>

#include "pdftext/pdf_text_module.h"
#include "util/install_dirs.h"

namespace dossier {

namespace {

struct Module {
  DossierPdfTextFunction read = nullptr;
  std::string error;  // why it could not be loaded
};

const Module& LoadModule() {
  static Module module;
  static std::once_flag once;
  std::call_once(once, [] {
    // In the core's own folder of modules and plugins, <libdir>/dossier: a
    // module without a SONAME has no place in <libdir> itself.
    auto path = CoreLibraryDir() / "dossier" / DOSSIER_PDF_TEXT_MODULE;
    // Never unloaded: poppler keeps process-wide state.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      module.error =
          "the PDF text module cannot be loaded (" + std::string(why ? why : path.string()) + ")";
      return;
    }
    module.read =
        reinterpret_cast<DossierPdfTextFunction>(::dlsym(handle, DOSSIER_PDF_TEXT_SYMBOL));
    if (module.read == nullptr)
      module.error = "the PDF text module " + path.string() + " has no " DOSSIER_PDF_TEXT_SYMBOL;
  });
  return module;
}

void AppendPage(void* context, const char* text, size_t size) {
  auto* out = static_cast<std::string*>(context);
  out->append(text, size);
  *out += '\n';
}

}  // namespace

PdfPages ReadPdfPages(std::string_view pdf) {
  PdfPages pages;
  const Module& module = LoadModule();
  if (module.read == nullptr) {
    pages.error = module.error;
    return pages;
  }
  switch (module.read(pdf.data(), pdf.size(), &AppendPage, &pages.text)) {
    case kDossierPdfTextOk:
      pages.ok = true;
      break;
    case kDossierPdfTextEncrypted:
      pages.error = "the PDF is encrypted";
      break;
    default:
      pages.error = "not a readable PDF";
      break;
  }
  if (!pages.ok) pages.text.clear();
  return pages;
}

}  // namespace dossier
