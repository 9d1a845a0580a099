// The readers behind ReadDraftedText, one per kind of file (see
// dossier/drafted_text.h for what each reads).
#ifndef DOSSIER_DRAFTED_BODIES_H_
#define DOSSIER_DRAFTED_BODIES_H_

#include <string>
#include <string_view>

#include "dossier/drafted_text.h"

namespace dossier::drafted {

/// word/document.xml (and word/styles.xml for heading styles). Throws
/// std::exception when the file is not a readable DOCX.
DraftedText ReadDocx(std::string_view content);

/// Markdown, already UTF-8 with \n line ends.
DraftedText ReadMarkdown(std::string_view text);

/// Plain text, already UTF-8 with \n line ends.
DraftedText ReadPlain(std::string_view text);

/// Joins two lines of one paragraph: nothing between Chinese, a space
/// between Latin words.
void AppendLine(std::string& paragraph, std::string_view line);

/// Leading and trailing spaces, tabs and ideographic spaces removed.
std::string Trim(std::string_view s);

}  // namespace dossier::drafted

#endif  // DOSSIER_DRAFTED_BODIES_H_
