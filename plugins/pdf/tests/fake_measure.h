// A stand-in font for layout tests: CJK one em wide, everything else half
// an em; it cannot draw characters outside the Basic Multilingual Plane.
#ifndef DOSSIER_PDF_TESTS_FAKE_MEASURE_H_
#define DOSSIER_PDF_TESTS_FAKE_MEASURE_H_

#include "text_measure.h"

namespace dossier::pdf {

class FakeMeasure : public TextMeasure {
 public:
  double Advance(char32_t c) const override { return IsCjk(c) ? 1.0 : 0.5; }
  bool CanDraw(char32_t c) const override { return c < 0x10000; }
};

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_TESTS_FAKE_MEASURE_H_
