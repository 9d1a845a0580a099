#include "line_breaker.h"

#include <algorithm>

namespace dossier::pdf {

bool IsClosingPunctuation(char32_t c) {
  static const std::u32string kClosing = U"，。、；：？！）」』》】〕〉〗〙”’…‥·％‰℃°,.;:?!)]}%>";
  return kClosing.find(c) != std::u32string::npos;
}

bool IsOpeningPunctuation(char32_t c) {
  static const std::u32string kOpening = U"（「『《【〔〈〖〘“‘([{<";
  return kOpening.find(c) != std::u32string::npos;
}

namespace {

bool IsLatinAlnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}
bool IsIdeograph(char32_t c) {
  return IsCjk(c) && !IsClosingPunctuation(c) && !IsOpeningPunctuation(c) &&
         !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFF65);
}
bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000'; }

struct Unit {
  std::u32string text;
  bool space = false;
  bool joined = false;  // a word joiner stood before it: no break between it and the one before
};

// The pieces a line may break between: a CJK character, a Latin word, a
// run of spaces; punctuation glued to its neighbour as the rules require,
// and pieces a word joiner binds made one.
std::vector<Unit> Units(std::u32string_view text) {
  std::vector<Unit> units;
  size_t i = 0;
  bool join = false;
  while (i < text.size()) {
    char32_t c = text[i];
    if (c == kWordJoiner) {
      join = true;
      ++i;
      continue;
    }
    Unit u;
    if (IsSpace(c)) {
      u.space = true;
      while (i < text.size() && IsSpace(text[i])) u.text += text[i++];
    } else if (IsCjk(c) || IsOpeningPunctuation(c) || IsClosingPunctuation(c)) {
      u.text = c;
      ++i;
    } else {
      while (i < text.size() && !IsSpace(text[i]) && !IsCjk(text[i]) && text[i] != kWordJoiner)
        u.text += text[i++];
    }
    u.joined = join && !u.space;
    join = false;
    if (u.joined && !units.empty() && !units.back().space) {
      units.back().text += u.text;
      continue;
    }
    units.push_back(std::move(u));
  }
  // An opening mark goes with what follows it.
  std::vector<Unit> opened;
  for (size_t k = 0; k < units.size(); ++k) {
    Unit u = units[k];
    while (!u.space && IsOpeningPunctuation(u.text.back()) && k + 1 < units.size() &&
           !units[k + 1].space) {
      u.text += units[++k].text;
    }
    opened.push_back(std::move(u));
  }
  // A closing mark stays with what precedes it.
  std::vector<Unit> out;
  for (auto& u : opened) {
    if (!u.space && !out.empty() && !out.back().space && IsClosingPunctuation(u.text.front())) {
      out.back().text += u.text;
    } else {
      out.push_back(std::move(u));
    }
  }
  return out;
}

class LineBuilder {
 public:
  LineBuilder(double width, double size, const TextMeasure& m, double first_indent,
              std::vector<std::u32string>& out)
      : width_(width), size_(size), m_(m), avail_(width - first_indent), out_(out) {}

  void Add(const Unit& u) {
    if (u.space) {
      if (!line_.empty()) pending_space_ = u.text;
      return;
    }
    double extra = Joined(pending_space_ + u.text);
    if (line_.empty() || width_now_ + extra <= avail_ + 1e-9) {
      Append(pending_space_ + u.text, extra);
      pending_space_.clear();
      if (width_now_ > avail_ + 1e-9) Split();  // a word alone wider than the line
      return;
    }
    Flush();
    Append(u.text, LineWidth(u.text, size_, m_));
    if (width_now_ > avail_ + 1e-9) Split();
  }

  void Flush() {
    out_.push_back(line_);
    line_.clear();
    width_now_ = 0;
    pending_space_.clear();
    avail_ = width_;
  }

 private:
  // Width `piece` adds to the current line.
  double Joined(const std::u32string& piece) const {
    if (piece.empty()) return 0;
    double gap = line_.empty() ? 0 : GapEm(line_.back(), piece.front()) * size_;
    return gap + LineWidth(piece, size_, m_);
  }
  void Append(const std::u32string& piece, double w) {
    line_ += piece;
    width_now_ += w;
  }
  // Breaks an over-wide line character by character, keeping at least one
  // character per line.
  void Split() {
    std::u32string rest = line_;
    line_.clear();
    width_now_ = 0;
    for (char32_t c : rest) {
      std::u32string one(1, c);
      double w = Joined(one);
      if (!line_.empty() && width_now_ + w > avail_ + 1e-9) {
        Flush();
        w = Joined(one);
      }
      Append(one, w);
    }
  }

  double width_, size_;
  const TextMeasure& m_;
  double avail_;
  std::vector<std::u32string>& out_;
  std::u32string line_;
  std::u32string pending_space_;
  double width_now_ = 0;
};

}  // namespace

double GapEm(char32_t a, char32_t b) {
  return (IsIdeograph(a) && IsLatinAlnum(b)) || (IsLatinAlnum(a) && IsIdeograph(b)) ? kCjkLatinGap
                                                                                    : 0;
}

double LineWidth(std::u32string_view line, double size, const TextMeasure& measure) {
  double w = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    w += measure.Advance(line[i]);
    if (i > 0) w += GapEm(line[i - 1], line[i]);
  }
  return w * size;
}

std::vector<std::u32string> BreakLines(std::u32string_view text, double width, double size,
                                       const TextMeasure& measure, double first_indent) {
  std::vector<std::u32string> lines;
  LineBuilder builder(width, size, measure, first_indent, lines);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(U'\n', start);
    if (end == std::u32string_view::npos) end = text.size();
    for (const auto& u : Units(text.substr(start, end - start))) builder.Add(u);
    builder.Flush();
    start = end + 1;
  }
  return lines;
}

}  // namespace dossier::pdf
