#include "xlsx_cells.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "dossier/utf8.h"

namespace dossier::xlsx {

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool ValidDate(const DateTime& d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > kDays[d.month - 1])
    return false;
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  return !(d.month == 2 && d.day == 29 && !leap);
}

// The characters of `text`; a malformed byte counts as one character.
std::u32string Chars(std::string_view text) {
  std::u32string out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = 0;
    if (!DecodeUtf8(text, &pos, &c)) {
      c = U'?';
      ++pos;
    }
    out.push_back(c);
  }
  return out;
}

bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::optional<DateTime> ParseDate(std::string_view text) {
  DateTime d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!Digits(text, 0, 4, d.year) || !Digits(text, 5, 2, d.month) || !Digits(text, 8, 2, d.day))
    return std::nullopt;
  if (!ValidDate(d)) return std::nullopt;
  return d;
}

std::optional<DateTime> ParseShownTime(std::string_view text) {
  if (text.size() < 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  auto d = ParseDate(text.substr(0, 10));
  int second = 0;
  if (!d || !Digits(text, 11, 2, d->hour) || !Digits(text, 14, 2, d->minute) ||
      !Digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (d->hour > 23 || d->minute > 59 || second > 59) return std::nullopt;
  d->second = second;
  return d;
}

std::optional<double> ParseNumber(std::string_view text) {
  size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  bool digits = false, dot = false;
  for (size_t j = i; j < text.size(); ++j) {
    if (text[j] >= '0' && text[j] <= '9')
      digits = true;
    else if (text[j] == '.' && !dot)
      dot = true;
    else
      return std::nullopt;
  }
  if (!digits) return std::nullopt;
  return std::strtod(std::string(text).c_str(), nullptr);
}

std::string CurrencyFormat(std::string_view currency) {
  // Excel's locale-tagged currency symbols, as its own currency formats use.
  if (currency == "CNY") return "[$¥-804]#,##0.00";
  if (currency == "USD") return "[$$-409]#,##0.00";
  if (currency == "EUR") return "[$€-x-euro2] #,##0.00";
  if (currency == "HKD") return "[$HK$-C04]#,##0.00";
  if (currency == "JPY") return "[$¥-411]#,##0";
  if (currency == "GBP") return "[$£-809]#,##0.00";
  return "#,##0.00 \"" + std::string(currency) + "\"";
}

std::string SheetName(std::string_view wanted, std::set<std::string>& taken) {
  std::u32string chars;
  for (char32_t c : Chars(wanted)) {
    if (std::u32string_view(U"[]:*?/\\").find(c) != std::u32string_view::npos) c = U'_';
    chars.push_back(c);
  }
  if (chars.empty()) chars = U"Sheet";
  for (int n = 1;; ++n) {
    std::u32string suffix;
    if (n > 1) {
      for (char c : " (" + std::to_string(n) + ")") suffix.push_back(static_cast<char32_t>(c));
    }
    std::u32string name = chars.substr(0, 31 - suffix.size()) + suffix;
    std::string utf8;
    for (char32_t c : name) AppendUtf8(c, utf8);
    // Excel compares sheet names case-insensitively; ASCII folding covers
    // the names this plugin makes.
    std::string key = utf8;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (taken.insert(key).second) return utf8;
  }
}

double TextWidth(std::string_view text) {
  double width = 0;
  for (char32_t c : Chars(text)) width += IsWide(c) ? 2.1 : 1.1;
  return width;
}

std::vector<double> ColumnWidths(const Table& table, std::string_view labels) {
  std::vector<double> widths;
  for (const auto& c : table.columns) widths.push_back(TextWidth(ColumnLabel(c, labels)) + 2);
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], TextWidth(row[i]) + 2);
    }
  }
  for (auto& w : widths) w = std::clamp(w, 6.0, 60.0);
  return widths;
}

}  // namespace dossier::xlsx
