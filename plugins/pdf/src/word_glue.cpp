#include "word_glue.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <set>

#include "line_breaker.h"
#include "text_measure.h"

namespace dossier::pdf {

namespace {

// Glues every two neighbouring characters except across the code-point
// offsets in `breaks`.
std::string Glue(const std::u32string& chars, const std::set<size_t>& breaks) {
  std::u32string glued;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (i > 0 && breaks.count(i) == 0) glued += kWordJoiner;
    glued += chars[i];
  }
  return ToUtf8(glued);
}

}  // namespace

std::string GlueWithinWords(std::string_view text) {
  std::u32string chars = ToUtf32(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (U_FAILURE(status))
    return std::string(text);  // no dictionary: breaks stay as the line breaker's rules allow
  words->setText(u);
  std::set<size_t> breaks;
  for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) {
    breaks.insert(static_cast<size_t>(u.countChar32(0, b)));  // UTF-16 offset to code points
  }
  return Glue(chars, breaks);
}

std::string GlueAll(std::string_view text) { return Glue(ToUtf32(text), {}); }

}  // namespace dossier::pdf
