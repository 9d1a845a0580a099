// Fonts in order of preference, measured and drawn as one face: a character
// is set in the first font that has it. A contract's body is set in a
// 宋体-style serif (AR PL UMing) and its headings in a 黑体-style sans
// (WenQuanYi Micro Hei); each face falls back to the other's fonts, so
// both can draw the same characters and a rare one missing from one font
// is still printed. A font may serve Latin letters and digits only (a
// proportional serif beside a Ming face whose Latin is typewriter-like, as
// Word sets Times New Roman beside 宋体); CJK punctuation stays with the
// Chinese font.
#ifndef DOSSIER_PDF_FONT_STACK_H_
#define DOSSIER_PDF_FONT_STACK_H_

#include <memory>
#include <vector>

#include "font.h"
#include "layout.h"
#include "text_measure.h"

namespace dossier::pdf {

struct StackedFont {
  std::shared_ptr<Font> font;
  bool latin_only = false;  // used for U+0000..U+024F only
  bool operator==(const StackedFont& other) const {
    return font == other.font && latin_only == other.latin_only;
  }
};

class FontStack : public TextMeasure {
 public:
  /// `fonts` is not empty.
  explicit FontStack(std::vector<StackedFont> fonts) : fonts_(std::move(fonts)) {}

  double Advance(char32_t c) const override {
    const Font* font = FontFor(c);
    return (font != nullptr ? font : fonts_.front().font.get())->Advance(c);
  }
  bool CanDraw(char32_t c) const override { return FontFor(c) != nullptr; }

  /// The font that draws `c`, or nullptr when none can.
  const Font* FontFor(char32_t c) const {
    for (const auto& f : fonts_) {
      if ((!f.latin_only || c <= 0x24F) && f.font->CanDraw(c)) return f.font.get();
    }
    return nullptr;
  }
  const std::vector<StackedFont>& fonts() const { return fonts_; }

 private:
  std::vector<StackedFont> fonts_;
};

/// The fonts of a document's two faces.
struct Typefaces {
  FontStack body;
  FontStack heading;
  const FontStack& Of(Face face) const { return face == Face::kHeading ? heading : body; }
  Faces measures() const { return Faces{body, heading}; }
};

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_FONT_STACK_H_
