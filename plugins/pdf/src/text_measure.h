// What layout needs to know about a font: how wide a character is and
// whether it can be drawn at all. The PDF writer's font implements it; tests
// use a fixed-width stand-in, so layout is tested without fonts or PDFs.
#ifndef DOSSIER_PDF_TEXT_MEASURE_H_
#define DOSSIER_PDF_TEXT_MEASURE_H_

#include <string>
#include <string_view>

namespace dossier::pdf {

class TextMeasure {
 public:
  virtual ~TextMeasure() = default;
  /// Advance width of `c` at font size 1 (in ems).
  virtual double Advance(char32_t c) const = 0;
  virtual bool CanDraw(char32_t c) const = 0;

  double Width(std::u32string_view text, double size) const {
    double w = 0;
    for (char32_t c : text) w += Advance(c);
    return w * size;
  }
};

/// UTF-8 <-> UTF-32. Invalid UTF-8 becomes U+FFFD.
std::u32string ToUtf32(std::string_view utf8);
std::string ToUtf8(std::u32string_view text);

/// CJK ideographs, kana, hangul, full-width forms and CJK punctuation: the
/// characters between which a line may break anywhere.
bool IsCjk(char32_t c);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_TEXT_MEASURE_H_
