// Writes laid-out pages as an archival PDF (PDF/A-1b) with libharu: a
// subset of each font drawn with, XMP metadata, an sRGB output intent, no encryption.
// The same input always gives the same bytes: dates come from the document
// and the file ID is a digest of the content.
#ifndef DOSSIER_PDF_PDF_WRITER_H_
#define DOSSIER_PDF_PDF_WRITER_H_

#include <string>
#include <vector>

#include "deflate.h"
#include "dossier/status.h"
#include "font_stack.h"
#include "layout.h"

namespace dossier::pdf {

struct PdfInfo {
  std::string title;  // UTF-8
  std::string author;
  std::string subject;
  std::string identifier;  // the document number
  std::string date;        // YYYY-MM-DD: creation and modification date
  std::string watermark;   // drawn across every page when not empty
};

/// Where WritePdf spent its time, in seconds.
struct WriteTimings {
  double subset = 0;   // harfbuzz subsetting
  double libharu = 0;  // loading the subset, drawing, compressing, writing
};

/// `icc_profile`: an sRGB ICC profile for the output intent, compressed once
/// for every document.
Result<std::string> WritePdf(const std::vector<Page>& pages, const PageSetup& setup,
                             const Typefaces& faces, const PdfInfo& info,
                             const Deflated& icc_profile, WriteTimings* timings = nullptr);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_PDF_WRITER_H_
