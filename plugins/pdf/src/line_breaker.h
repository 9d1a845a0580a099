// Breaking text into lines by the rules of Chinese typesetting (禁则):
// a line never starts with closing punctuation (，。、；：？！）」』》 ...)
// and never ends with an opening one (（「『《 ...); a line may break
// between any two CJK characters, but Latin words and numbers stay whole
// unless one alone is wider than the line. Spaces at a break disappear.
// A word joiner (U+2060, which the |nobreak filter puts between the
// characters of an amount in capitals or a company's name) forbids a break
// where it stands and is not drawn.
#ifndef DOSSIER_PDF_LINE_BREAKER_H_
#define DOSSIER_PDF_LINE_BREAKER_H_

#include <string>
#include <vector>

#include "text_measure.h"

namespace dossier::pdf {

bool IsClosingPunctuation(char32_t c);  // may not start a line
bool IsOpeningPunctuation(char32_t c);  // may not end a line

/// U+2060 WORD JOINER: no break here; never drawn.
inline constexpr char32_t kWordJoiner = 0x2060;

/// The gap, in ems, set between a CJK character and a Latin letter or digit
/// next to it. Typesetting practice suggests up to a quarter em; poppler's
/// text extraction reads a gap above about a tenth of an em as a space, and
/// an archived PDF must give back its text exactly, so the gap stays below.
inline constexpr double kCjkLatinGap = 0.08;

/// The gap (ems) set between neighbouring characters `a` and `b`.
double GapEm(char32_t a, char32_t b);

/// Width of a line as drawn: advances plus the CJK-Latin gaps.
double LineWidth(std::u32string_view line, double size, const TextMeasure& measure);

/// Splits `text` into lines no wider than `width` at font size `size`;
/// '\n' is a forced break. `first_indent` narrows the first line (a
/// paragraph's indent). Every character of the text is in exactly one line,
/// except spaces at a break.
std::vector<std::u32string> BreakLines(std::u32string_view text, double width, double size,
                                       const TextMeasure& measure, double first_indent = 0);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_LINE_BREAKER_H_
