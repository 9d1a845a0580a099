// Entry points of the PDF plugin (libdossier_pdf.so).
#include "dossier/plugin.h"

#include "dossier/version.h"
#include "pdf_renderer.h"

namespace {

const DossierPluginInfo kInfo = {
    "pdf", DOSSIER_VERSION,
    "PDF/A rendering of documents and registers through templates (libharu, harfbuzz)",
    "render:pdf"};

void Register(dossier::PluginRegistry& registry) {
  registry.AddRenderer(std::make_shared<dossier::pdf::PdfRenderer>());
}

}  // namespace

DOSSIER_DECLARE_PLUGIN(&kInfo, Register)
