// The Renderer the PDF plugin registers: builds a data model from the
// repository (document, metadata, review trail, ledger), lays it out
// through a template and writes PDF/A.
#ifndef DOSSIER_PDF_PDF_RENDERER_H_
#define DOSSIER_PDF_PDF_RENDERER_H_

#include <map>
#include <memory>
#include <mutex>

#include "deflate.h"
#include "dossier/render.h"
#include "font_stack.h"

namespace dossier::pdf {

class PdfRenderer : public Renderer {
 public:
  std::string Format() const override { return "pdf"; }
  Result<std::vector<TemplateInfo>> Templates(const Repository& repo) const override;
  Result<Rendition> Render(const Repository& repo, const Actor& actor,
                           const RenderRequest& request) const override;

 private:
  struct Assets {
    std::shared_ptr<const Typefaces> faces;
    Deflated icc_profile;
    std::string organization;  // the issuing company, for the head of minutes and reports
  };
  /// The fonts and colour profile of config/pdf.json, loaded once per process.
  Result<Assets> LoadAssets(const Repository& repo) const;

  mutable std::mutex mutex_;
  mutable std::map<std::string, Assets> assets_;  // by the text of pdf.json
};

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_PDF_RENDERER_H_
