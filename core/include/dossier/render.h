// Rendering documents to a fixed-layout format (PDF) through templates.
// The core defines the interface; a plugin (plugins/pdf) implements it. The
// core and every front end work without it: `dossier render` then says that
// no renderer is installed.
#ifndef DOSSIER_RENDER_H_
#define DOSSIER_RENDER_H_

#include <string>
#include <vector>

#include "dossier/repository.h"
#include "dossier/status.h"

namespace dossier {

struct TemplateInfo {
  std::string name;   // "contract"
  std::string title;  // "合同文本"
  std::vector<std::string>
      types;           // document types it renders; empty: not bound to a document (ledger)
  std::string source;  // "built-in" or the repository file that overrides it
};

struct RenderRequest {
  /// The document to render; empty for templates that render a register
  /// (the contract ledger), which take their data from `ledger`.
  std::string ref;
  std::string template_name;  // "": the default template of the document's type
  LedgerQuery ledger;
  /// Who the output is for, printed in the watermark of a document marked
  /// 秘密 or 机密, with `exported_at`. Empty: no watermark (stored renditions).
  std::string exported_by;
  std::string exported_at;
};

struct Rendition {
  std::string content;        // the file's bytes
  std::string media_type;     // "application/pdf"
  std::string file_name;      // suggested: "HT-2026-SW-0001.pdf"
  std::string template_name;  // the template used
  int pages = 0;
};

/// Thread-safe: one Renderer renders many documents at once.
class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual std::string Format() const = 0;  // "pdf"
  /// The templates of this repository: built-in ones, and the repository's
  /// own under config/templates/ (which override a built-in of the same name).
  virtual Result<std::vector<TemplateInfo>> Templates(const Repository& repo) const = 0;
  /// Renders, reading only. Fails naming the template, block and field when
  /// the data does not fit the template, and naming the character when no
  /// configured font can draw it.
  virtual Result<Rendition> Render(const Repository& repo, const Actor& actor,
                                   const RenderRequest& request) const = 0;
};

/// A rendition stored in the repository as a document's newest version.
struct AttachedRendition {
  Rendition rendition;
  Version version;
};

/// Renders `request.ref` and stores the file as a new version of the
/// document ("rendered with template …"), as `actor`, with the rules of any
/// new version (the document must be editable by the actor). A stored
/// rendition is the document's own text: it carries no watermark, whatever
/// `request.exported_by` says.
Result<AttachedRendition> AttachRendition(Repository& repo, const Actor& actor,
                                          const Renderer& renderer, RenderRequest request);

}  // namespace dossier

#endif  // DOSSIER_RENDER_H_
