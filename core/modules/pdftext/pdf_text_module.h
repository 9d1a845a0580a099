// The interface between the core and its PDF text module.
//
// Poppler and what it links (NSS, freetype, fontconfig, image codecs) cost
// every dossier process about 6 MB of memory before it does anything, and
// only ingest and reindex of a PDF need them. So the core loads this module
// with dlopen the first time it reads a PDF's text (search/pdf_text.cpp).
// The interface is plain C so that nothing of either side's C++ runtime
// crosses it: text comes back through a callback into the core's own string.
#ifndef DOSSIER_MODULES_PDF_TEXT_MODULE_H_
#define DOSSIER_MODULES_PDF_TEXT_MODULE_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DOSSIER_PDF_TEXT_MODULE "libdossier_core_pdftext.so"
#define DOSSIER_PDF_TEXT_SYMBOL "dossier_pdf_text_v1"

enum DossierPdfTextStatus {
  kDossierPdfTextOk = 0,
  kDossierPdfTextUnreadable = 1,  // not a PDF poppler can open
  kDossierPdfTextEncrypted = 2,
  kDossierPdfTextFailed = 3,  // anything thrown inside poppler
};

// Receives the text of one page, UTF-8 as poppler gives it.
typedef void (*DossierPdfTextSink)(void* context, const char* text, size_t size);

// Reads the text of every page of the PDF in `data`, in order.
typedef int (*DossierPdfTextFunction)(const char* data, size_t size, DossierPdfTextSink sink,
                                      void* context);

#ifdef __cplusplus
}
#endif

#endif  // DOSSIER_MODULES_PDF_TEXT_MODULE_H_
