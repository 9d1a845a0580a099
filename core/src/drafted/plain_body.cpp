// Markdown and plain-text bodies.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "drafted/bodies.h"

namespace dossier::drafted {

namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(Trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

// Collects blocks: a paragraph grows line by line, a table row by row.
class Blocks {
 public:
  void Heading(int level, std::string text) {
    Flush();
    out_.blocks.push_back({TextBlock::Kind::kHeading, level, "", std::move(text), {}});
  }
  void Line(std::string_view line) {
    if (table_.kind == TextBlock::Kind::kTable) Flush();
    AppendLine(paragraph_, line);
  }
  void Paragraph(std::string text) {
    Flush();
    paragraph_ = std::move(text);
    Flush();
  }
  void Row(std::vector<std::string> cells) {
    if (!paragraph_.empty()) Flush();
    table_.kind = TextBlock::Kind::kTable;
    table_.rows.push_back(std::move(cells));
  }
  void Flush() {
    if (!paragraph_.empty())
      out_.blocks.push_back({TextBlock::Kind::kParagraph, 0, "", std::move(paragraph_), {}});
    paragraph_.clear();
    if (table_.kind == TextBlock::Kind::kTable && !table_.rows.empty())
      out_.blocks.push_back(std::move(table_));
    table_ = TextBlock{};
  }
  DraftedText Take() {
    Flush();
    return std::move(out_);
  }

 private:
  DraftedText out_;
  std::string paragraph_;
  TextBlock table_;
};

std::string WithoutEmphasis(std::string s) {
  for (const char* mark : {"**", "__"}) {
    for (size_t at = s.find(mark); at != std::string::npos; at = s.find(mark, at)) s.erase(at, 2);
  }
  return s;
}

bool IsSeparatorRow(const std::vector<std::string>& cells) {
  for (const auto& c : cells) {
    if (c.empty() || c.find_first_not_of(":-") != std::string::npos ||
        c.find('-') == std::string::npos)
      return false;
  }
  return !cells.empty();
}

// "- item", "* item", "+ item" lose their marker; "1. item" keeps its number.
bool IsListItem(std::string_view t, std::string_view& text) {
  if (t.size() > 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
    text = t.substr(2);
    return true;
  }
  size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  if (digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') &&
      t[digits + 1] == ' ') {
    text = t;
    return true;
  }
  return false;
}

// 第 followed by a number in Chinese or Arabic numerals, then `unit`.
bool IsNumbered(std::string_view t, std::string_view unit) {
  if (!StartsWith(t, "第")) return false;
  std::string_view rest = t.substr(3);
  static const std::string_view kDigits[] = {"零", "〇", "一", "二", "三", "四", "五",
                                             "六", "七", "八", "九", "十", "百", "千"};
  size_t n = 0;
  for (bool more = true; more;) {
    more = false;
    if (!rest.empty() && rest[0] >= '0' && rest[0] <= '9') {
      rest.remove_prefix(1);
      more = true;
    }
    for (auto d : kDigits) {
      if (StartsWith(rest, d)) {
        rest.remove_prefix(d.size());
        more = true;
        break;
      }
    }
    n += more;
  }
  return n > 0 && StartsWith(rest, unit);
}

// A line that reads as a heading of its own, not a sentence.
bool IsShortLine(std::string_view t, size_t max) {
  return CodePoints(t) <= max && t.find("。") == std::string_view::npos &&
         t.find("；") == std::string_view::npos && t.find("，") == std::string_view::npos;
}

}  // namespace

DraftedText ReadMarkdown(std::string_view text) {
  Blocks blocks;
  for (const auto& raw : SplitOn(text, '\n')) {
    std::string t = Trim(raw);
    if (t.empty()) {
      blocks.Flush();
      continue;
    }
    size_t hashes = t.find_first_not_of('#');
    if (hashes > 0 && hashes <= 6 && hashes < t.size() && t[hashes] == ' ') {
      blocks.Heading(static_cast<int>(hashes) - 1,
                     WithoutEmphasis(Trim(std::string_view(t).substr(hashes + 1))));
      continue;
    }
    if (t[0] == '|') {
      std::string_view inner = std::string_view(t).substr(1);
      if (!inner.empty() && inner.back() == '|') inner.remove_suffix(1);
      auto cells = SplitOn(inner, '|');
      for (auto& c : cells) c = WithoutEmphasis(c);
      if (!IsSeparatorRow(cells)) blocks.Row(std::move(cells));
      continue;
    }
    std::string_view item;
    if (IsListItem(t, item)) {
      blocks.Paragraph(WithoutEmphasis(std::string(item)));
      continue;
    }
    blocks.Line(WithoutEmphasis(t));
  }
  return blocks.Take();
}

DraftedText ReadPlain(std::string_view text) {
  Blocks blocks;
  bool first = true;
  for (const auto& raw : SplitOn(text, '\n')) {
    // Tab-separated lines are a table (line items pasted from a spreadsheet).
    if (raw.find('\t') != std::string::npos) {
      blocks.Row(SplitOn(raw, '\t'));
      first = false;
      continue;
    }
    std::string t = Trim(raw);
    if (t.empty()) {
      blocks.Flush();
      continue;
    }
    if (first && IsShortLine(t, 40))
      blocks.Heading(0, t);
    else if ((IsNumbered(t, "章") || IsNumbered(t, "节")) && IsShortLine(t, 30))
      blocks.Heading(1, t);
    else if (IsNumbered(t, "条") && IsShortLine(t, 20))
      blocks.Heading(2, t);
    else
      blocks.Paragraph(t);
    first = false;
  }
  return blocks.Take();
}

}  // namespace dossier::drafted
