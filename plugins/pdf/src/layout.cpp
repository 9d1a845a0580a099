#include "layout.h"

#include <algorithm>
#include <cstdio>

#include "line_breaker.h"

namespace dossier::pdf {

namespace {

// Where the baseline of a line sits in its line box.
double Baseline(double top, double size, double line_height) {
  return top + (line_height - 1) * size / 2 + size * 0.86;
}

std::u32string Replace(std::u32string text, std::u32string_view key, const std::u32string& value) {
  for (size_t pos = text.find(key); pos != std::u32string::npos;
       pos = text.find(key, pos + value.size())) {
    text.replace(pos, key.size(), value);
  }
  return text;
}

std::u32string Number(int n) {
  std::string s = std::to_string(n);
  return std::u32string(s.begin(), s.end());
}

Status CheckDrawable(std::u32string_view text, const TextMeasure& m, const std::string& source) {
  for (char32_t c : text) {
    if (c == U'\n' || c == kWordJoiner || m.CanDraw(c)) continue;
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
    return Status::InvalidArgument(source + ": no configured font can draw '" +
                                   ToUtf8(std::u32string(1, c)) + "' (" + code + ")");
  }
  return Status::Ok();
}

class Flow {
 public:
  Flow(const LayoutDocument& doc, const Faces& faces) : doc_(doc), faces_(faces) {
    const auto& s = doc.setup;
    left_ = s.margin_left;
    width_ = s.width - s.margin_left - s.margin_right;
    top_ = s.margin_top;
    bottom_ = s.height - s.margin_bottom;
    NewPage();
  }

  Status Add(const Block& block, const Block* next) {
    if (std::holds_alternative<PageBreak>(block)) {
      NewPage();
      return Status::Ok();
    }
    if (const auto* p = std::get_if<Paragraph>(&block)) return AddParagraph(*p, next);
    return AddTable(std::get<Table>(block));
  }

  std::vector<Page> Finish() {
    int total = static_cast<int>(pages_.size());
    for (int i = 0; i < total; ++i) Decorate(pages_[static_cast<size_t>(i)], i + 1, total);
    return std::move(pages_);
  }

 private:
  void NewPage() {
    pages_.emplace_back();
    y_ = top_;
  }
  Page& page() { return pages_.back(); }
  bool AtTop() const { return y_ <= top_ + 1e-6; }

  // The height the first line of `block` needs.
  static double FirstLineHeight(const Block* block) {
    if (block == nullptr) return 0;
    if (const auto* p = std::get_if<Paragraph>(block))
      return p->space_before + p->size * p->line_height;
    if (const auto* t = std::get_if<Table>(block))
      return t->space_before + 2 * (t->size * t->line_height + 2 * t->padding);
    return 0;
  }

  void DrawLine(const std::u32string& line, double x, double y, double size, Face face) {
    for (auto& run : LineRuns(line, x, y, size, faces_.Of(face), face))
      page().texts.push_back(std::move(run));
  }

  double AlignedX(const std::u32string& line, double x, double width, double size, Align align,
                  Face face) const {
    double w = LineWidth(line, size, faces_.Of(face));
    if (align == Align::kCenter) return x + std::max(0.0, (width - w) / 2);
    if (align == Align::kRight) return x + std::max(0.0, width - w);
    return x;
  }

  Status AddParagraph(const Paragraph& p, const Block* next) {
    const TextMeasure& m = faces_.Of(p.face);
    DOSSIER_RETURN_IF_ERROR(CheckDrawable(p.text, m, p.source));
    double indent = p.first_indent_em * p.size;
    double width = width_ - p.left_indent;
    auto lines = BreakLines(p.text, width, p.size, m, indent);
    double lh = p.size * p.line_height;
    if (!AtTop()) y_ += p.space_before;
    // A heading is never left alone at the foot of a page.
    double need =
        lh * std::min<size_t>(lines.size(), 2) + (p.keep_with_next ? FirstLineHeight(next) : 0);
    if (!AtTop() && y_ + need > bottom_) NewPage();
    for (size_t i = 0; i < lines.size(); ++i) {
      if (y_ + lh > bottom_ && !AtTop()) NewPage();
      double x0 = left_ + p.left_indent + (i == 0 ? indent : 0);
      double w = width - (i == 0 ? indent : 0);
      DrawLine(lines[i], AlignedX(lines[i], x0, w, p.size, p.align, p.face),
               Baseline(y_, p.size, p.line_height), p.size, p.face);
      y_ += lh;
    }
    y_ += p.space_after;
    return Status::Ok();
  }

  struct RowBox {
    std::vector<std::vector<std::u32string>> cells;  // lines per cell
    double height = 0;
    Face face = Face::kBody;
  };

  Result<RowBox> MeasureRow(const Table& t, const std::vector<std::u32string>& cells,
                            const std::vector<double>& widths, Face face) {
    const TextMeasure& m = faces_.Of(face);
    RowBox row;
    row.face = face;
    size_t max_lines = 1;
    for (size_t c = 0; c < widths.size(); ++c) {
      std::u32string text = c < cells.size() ? cells[c] : U"";
      DOSSIER_RETURN_IF_ERROR(CheckDrawable(text, m, t.source));
      row.cells.push_back(BreakLines(text, widths[c] - 2 * t.padding, t.size, m));
      max_lines = std::max(max_lines, row.cells.back().size());
    }
    row.height = static_cast<double>(max_lines) * t.size * t.line_height + 2 * t.padding;
    return row;
  }

  // Takes the first `lines` lines of every cell of `row` as a row of its own
  // and leaves the rest in `row`.
  static RowBox SplitRow(RowBox& row, size_t lines, const Table& t) {
    RowBox part;
    part.face = row.face;
    size_t left = 0;
    for (auto& cell : row.cells) {
      size_t n = std::min(lines, cell.size());
      part.cells.emplace_back(cell.begin(), cell.begin() + static_cast<std::ptrdiff_t>(n));
      cell.erase(cell.begin(), cell.begin() + static_cast<std::ptrdiff_t>(n));
      left = std::max(left, cell.size());
    }
    part.height = static_cast<double>(lines) * t.size * t.line_height + 2 * t.padding;
    row.height =
        static_cast<double>(std::max<size_t>(left, 1)) * t.size * t.line_height + 2 * t.padding;
    return part;
  }

  void DrawRow(const Table& t, const RowBox& row, const std::vector<double>& widths) {
    double x = left_;
    for (size_t c = 0; c < widths.size(); ++c) {
      double ly = y_ + t.padding;
      for (const auto& line : row.cells[c]) {
        double lx = AlignedX(line, x + t.padding, widths[c] - 2 * t.padding, t.size,
                             t.columns[c].align, row.face);
        DrawLine(line, lx, Baseline(ly, t.size, t.line_height), t.size, row.face);
        ly += t.size * t.line_height;
      }
      x += widths[c];
    }
    if (t.borders) {
      double right = left_ + width_;
      page().rules.push_back({left_, y_, right, y_, 0.5});
      page().rules.push_back({left_, y_ + row.height, right, y_ + row.height, 0.5});
      double vx = left_;
      page().rules.push_back({vx, y_, vx, y_ + row.height, 0.5});
      for (double w : widths) {
        vx += w;
        page().rules.push_back({vx, y_, vx, y_ + row.height, 0.5});
      }
    }
    y_ += row.height;
  }

  Status AddTable(const Table& t) {
    double total = 0;
    for (const auto& c : t.columns) total += c.weight;
    std::vector<double> widths;
    for (const auto& c : t.columns) widths.push_back(width_ * c.weight / total);
    std::vector<std::u32string> titles;
    for (const auto& c : t.columns) titles.push_back(c.title);
    auto header = MeasureRow(t, titles, widths, t.header_face);
    if (!header.ok()) return header.status();
    if (!AtTop()) y_ += t.space_before;
    std::vector<RowBox> body;
    for (const auto* rows : {&t.rows, &t.footer_rows}) {
      for (const auto& r : *rows) {
        auto row = MeasureRow(t, r, widths, Face::kBody);
        if (!row.ok()) return row.status();
        body.push_back(std::move(*row));
      }
    }
    double header_h = t.header ? header->height : 0;
    const double line = t.size * t.line_height;
    const double page_room = bottom_ - top_ - header_h;
    // The header never stands alone: it goes with at least the first row, or
    // two lines of it when the row is to be split anyway.
    double first = body.empty() ? 0 : body.front().height;
    if (first > page_room) first = 2 * t.padding + 2 * line;
    if (!AtTop() && y_ + header_h + first > bottom_) NewPage();
    if (t.header) DrawRow(t, *header, widths);
    for (RowBox row : body) {
      // A row taller than a whole page (a long clause in a cell) is split
      // between lines and continues under the repeated header.
      while (row.height > page_room && y_ + 2 * t.padding + 2 * line <= bottom_) {
        auto fit = static_cast<size_t>((bottom_ - y_ - 2 * t.padding) / line + 1e-9);
        RowBox part = SplitRow(row, fit, t);
        DrawRow(t, part, widths);
        NewPage();
        if (t.header) DrawRow(t, *header, widths);
      }
      if (y_ + row.height > bottom_ && y_ > top_ + header_h + 1e-6) {
        NewPage();
        if (t.header) DrawRow(t, *header, widths);
      }
      DrawRow(t, row, widths);
    }
    y_ += t.space_after;
    return Status::Ok();
  }

  void Decorate(Page& p, int number, int total) {
    double size = doc_.header_size;
    double hy = top_ - size * 1.8;
    const TextMeasure& body = faces_.body;
    if (!doc_.header_left.empty()) DrawTo(p, doc_.header_left, left_, hy, size, Face::kBody);
    if (!doc_.header_right.empty()) {
      double w = LineWidth(doc_.header_right, size, body);
      DrawTo(p, doc_.header_right, left_ + width_ - w, hy, size, Face::kBody);
    }
    const double rule_y = hy + size * 0.5;
    double gap_left = left_ + width_,
           gap_right = gap_left;  // where the stamp's box interrupts the rule
    if (!doc_.stamp.empty()) {
      // Boxed and larger than the header, so that no page of a void or
      // terminated document can be taken for one in force.
      double stamp_size = size * 1.8, w = LineWidth(doc_.stamp, stamp_size, faces_.heading),
             pad = stamp_size * 0.3;
      double x = left_ + (width_ - w) / 2, baseline = hy + size * 0.2;
      DrawTo(p, doc_.stamp, x, baseline, stamp_size, Face::kHeading);
      double top = baseline - stamp_size * 0.9 - pad, bottom = baseline + stamp_size * 0.2 + pad;
      double l = x - pad, r = x + w + pad;
      for (const Rule& rule : {Rule{l, top, r, top, 1.2}, Rule{l, bottom, r, bottom, 1.2},
                               Rule{l, top, l, bottom, 1.2}, Rule{r, top, r, bottom, 1.2}}) {
        p.rules.push_back(rule);
      }
      if (rule_y > top && rule_y < bottom) gap_left = l, gap_right = r;
    }
    if (!doc_.header_left.empty() || !doc_.header_right.empty()) {
      p.rules.push_back({left_, rule_y, gap_left, rule_y, 0.4});
      if (gap_right < left_ + width_)
        p.rules.push_back({gap_right, rule_y, left_ + width_, rule_y, 0.4});
    }
    if (!doc_.footer.empty()) {
      auto text =
          Replace(Replace(doc_.footer, U"{pages}", Number(total)), U"{page}", Number(number));
      double w = LineWidth(text, size, body);
      DrawTo(p, text, left_ + (width_ - w) / 2, bottom_ + size * 2.4, size, Face::kBody);
    }
  }
  void DrawTo(Page& p, const std::u32string& text, double x, double y, double size, Face face) {
    for (auto& run : LineRuns(text, x, y, size, faces_.Of(face), face))
      p.texts.push_back(std::move(run));
  }

  const LayoutDocument& doc_;
  const Faces& faces_;
  double left_, width_, top_, bottom_;
  double y_ = 0;
  std::vector<Page> pages_;
};

}  // namespace

std::vector<TextRun> LineRuns(const std::u32string& line, double x, double y, double size,
                              const TextMeasure& measure, Face face) {
  std::vector<TextRun> runs;
  size_t start = 0;
  for (size_t i = 1; i <= line.size(); ++i) {
    bool cut = i == line.size() || GapEm(line[i - 1], line[i]) > 0;
    if (!cut) continue;
    std::u32string piece = line.substr(start, i - start);
    runs.push_back({x, y, size, piece, face});
    x += LineWidth(piece, size, measure) +
         (i < line.size() ? GapEm(line[i - 1], line[i]) * size : 0);
    start = i;
  }
  return runs;
}

Result<std::vector<Page>> Layout(const LayoutDocument& document, const Faces& faces) {
  Flow flow(document, faces);
  for (size_t i = 0; i < document.blocks.size(); ++i) {
    const Block* next = i + 1 < document.blocks.size() ? &document.blocks[i + 1] : nullptr;
    DOSSIER_RETURN_IF_ERROR(flow.Add(document.blocks[i], next));
  }
  DOSSIER_RETURN_IF_ERROR(CheckDrawable(document.header_left, faces.body, "header"));
  DOSSIER_RETURN_IF_ERROR(CheckDrawable(document.header_right, faces.body, "header"));
  DOSSIER_RETURN_IF_ERROR(CheckDrawable(document.stamp, faces.heading, "stamp"));
  return flow.Finish();
}

Result<std::vector<Page>> Layout(const LayoutDocument& document, const TextMeasure& measure) {
  return Layout(document, Faces{measure, measure});
}

}  // namespace dossier::pdf
