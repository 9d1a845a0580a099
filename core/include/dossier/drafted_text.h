// The drafted text of a document — a contract's body as its drafters wrote
// it in Word, Markdown or plain text — read as blocks a typesetter can set:
// headings (the title, 第一章, 第一条), paragraphs and tables (line items).
//
// A contract names its body in its metadata ("body": the name of one of its
// files); the PDF plugin then typesets that text between the metadata's
// header, party block and signature block.
//
//   .docx            paragraphs, their styles (标题 1 / Heading 1 / Title, or
//                    an outline level) and alignment, tables; automatic
//                    numbering is Word's to draw and is not read
//   .md .markdown    # headings, paragraphs (lines joined), | tables |
//   .txt .text       a paragraph a line; the first short line is the title,
//                    第…章 and a short 第…条 line are headings
//
// Pure functions of the bytes; thread-safe.
#ifndef DOSSIER_DRAFTED_TEXT_H_
#define DOSSIER_DRAFTED_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "dossier/status.h"

namespace dossier {

struct TextBlock {
  enum class Kind { kHeading, kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  int level = 0;  // headings: 0 the title, 1 a chapter (第一章), 2 an article (第一条), 3+ below
  std::string align;                           // "", "center" or "right": as the drafter set it
  std::string text;                            // UTF-8; headings and paragraphs
  std::vector<std::vector<std::string>> rows;  // tables: cells, the first row the header
};

struct DraftedText {
  std::vector<TextBlock> blocks;
};

/// True for the names whose text ReadDraftedText reads (by extension).
bool IsDraftedTextName(std::string_view name);

/// Reads the file `name` holding `content`. InvalidArgument naming the file
/// when it is not of a kind above, cannot be read as its kind says, or has
/// no text.
Result<DraftedText> ReadDraftedText(std::string_view content, std::string_view name);

}  // namespace dossier

#endif  // DOSSIER_DRAFTED_TEXT_H_
