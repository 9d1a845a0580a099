// Company names and other long proper names break only between words:
// "东方电子信息产业集团华东数据中心运营有限公司" may go to the next line
// before 有限公司, never between 有限 and 公司. ICU's dictionary word breaks
// find the words (Chinese has no spaces to find them by).
#ifndef DOSSIER_PDF_WORD_GLUE_H_
#define DOSSIER_PDF_WORD_GLUE_H_

#include <string>
#include <string_view>

namespace dossier::pdf {

/// `text` with a word joiner (U+2060) between every two characters of the
/// same word, so that the line breaker breaks it only between words.
std::string GlueWithinWords(std::string_view text);

/// `text` with a word joiner between every two characters: never broken,
/// unless it is wider than a line (an amount in capitals).
std::string GlueAll(std::string_view text);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_WORD_GLUE_H_
