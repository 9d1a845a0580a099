// A CJK font read once with harfbuzz: advance widths for layout, and real
// subsets (only the glyphs a document uses, renumbered) for embedding.
//
// Why harfbuzz: Debian's libharu 2.3.0 embeds a TrueType font by trimming
// outlines only — about 1 MB per document — and loses the parts of
// composite glyphs numbered above 32,767 (most of wqy-microhei's Chinese).
// A subset made by harfbuzz has few, renumbered glyphs, so libharu's own
// embedding of it is small and correct. Thread-safe after Load.
#ifndef DOSSIER_PDF_FONT_H_
#define DOSSIER_PDF_FONT_H_

#include <memory>
#include <set>
#include <string>

#include "dossier/status.h"
#include "text_measure.h"

struct hb_face_t;
struct hb_font_t;

namespace dossier::pdf {

class Font : public TextMeasure {
 public:
  /// Loads face `index` of a TrueType font or collection (.ttf, .ttc).
  static Result<std::shared_ptr<Font>> Load(const std::string& path, unsigned index = 0);
  ~Font() override;
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  double Advance(char32_t c) const override;
  /// True when the font has a glyph for `c` and the PDF writer can address
  /// it (libharu draws only the Basic Multilingual Plane).
  bool CanDraw(char32_t c) const override;

  /// A TrueType font with only the glyphs of `chars`.
  Result<std::string> Subset(const std::set<char32_t>& chars) const;

  const std::string& path() const { return path_; }

 private:
  Font() = default;
  std::string path_;
  hb_face_t* face_ = nullptr;
  hb_font_t* font_ = nullptr;
  double upem_ = 1000;
};

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_FONT_H_
