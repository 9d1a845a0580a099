// Layout: blocks of text and tables flowed onto pages. It measures, breaks
// lines and paginates, and produces positioned text runs and rules; it knows
// nothing of PDF, so it is tested on its own and could feed another
// fixed-layout writer (OFD) later.
//
// Coordinates are points (1/72 in) from the top-left corner of the page; a
// text run's y is its baseline.
#ifndef DOSSIER_PDF_LAYOUT_H_
#define DOSSIER_PDF_LAYOUT_H_

#include <string>
#include <variant>
#include <vector>

#include "dossier/status.h"
#include "text_measure.h"

namespace dossier::pdf {

struct PageSetup {
  double width = 595.28;  // A4
  double height = 841.89;
  double margin_top = 72;
  double margin_bottom = 64;
  double margin_left = 68;
  double margin_right = 68;
};

enum class Align { kLeft, kCenter, kRight };

/// Which face a text is set in: the body's (宋体-style serif in Chinese
/// documents) or the headings' (黑体-style sans). Fonts are the writer's
/// business; layout only measures each face.
enum class Face { kBody, kHeading };

/// The measures of both faces. A test passes one stand-in for both.
struct Faces {
  const TextMeasure& body;
  const TextMeasure& heading;
  const TextMeasure& Of(Face face) const { return face == Face::kHeading ? heading : body; }
};

struct Paragraph {
  std::u32string text;
  double size = 11;
  Align align = Align::kLeft;
  double first_indent_em = 0;  // 2 for a Chinese body paragraph
  double left_indent = 0;      // points
  double line_height = 1.6;    // times the size
  double space_before = 0;
  double space_after = 4;
  bool keep_with_next = false;  // headings: never last on a page
  Face face = Face::kBody;
  std::string source;  // what it was made from, for error messages
};

struct TableColumn {
  std::u32string title;
  double weight = 1;  // share of the table's width
  Align align = Align::kLeft;
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::u32string>> rows;
  std::vector<std::vector<std::u32string>> footer_rows;  // totals, after the last row
  bool header = true;  // print the column titles, again on every page
  Face header_face = Face::kHeading;
  bool borders = true;
  double size = 10;
  double line_height = 1.4;
  double padding = 4;
  double space_before = 4;
  double space_after = 8;
  std::string source;
};

struct PageBreak {};

using Block = std::variant<Paragraph, Table, PageBreak>;

struct LayoutDocument {
  PageSetup setup;
  std::vector<Block> blocks;
  std::u32string header_left;   // e.g. the document number
  std::u32string header_right;  // e.g. the confidentiality marking
  /// A mark boxed at the top of every page, between the header's two sides:
  /// "已作废" for a void document, "已解除" for a terminated contract.
  std::u32string stamp;
  /// Footer, centred; {page} and {pages} are replaced ("第 {page} 页 共 {pages} 页").
  std::u32string footer = U"第 {page} 页 共 {pages} 页";
  double header_size = 9;
};

struct TextRun {
  double x = 0;
  double y = 0;  // baseline
  double size = 0;
  std::u32string text;
  Face face = Face::kBody;
};

struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
};

struct Page {
  std::vector<TextRun> texts;
  std::vector<Rule> rules;
};

/// Lays the document out. Fails, naming the block's source and the
/// character, when the font cannot draw a character of its text.
Result<std::vector<Page>> Layout(const LayoutDocument& document, const Faces& faces);
/// The same, with one face for body and headings.
Result<std::vector<Page>> Layout(const LayoutDocument& document, const TextMeasure& measure);

/// Runs drawing `line` from x at baseline y: split where a CJK-Latin gap is set.
std::vector<TextRun> LineRuns(const std::u32string& line, double x, double y, double size,
                              const TextMeasure& measure, Face face = Face::kBody);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_LAYOUT_H_
