#include "capital_amount.h"

#include <string>

namespace dossier::pdf {

namespace {

const char* const kDigits[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
const char* const kSmallUnits[] = {"", "拾", "佰", "仟"};
const char* const kSectionUnits[] = {"", "万", "亿", "万亿"};

// The yuan part, without 元; "" for zero.
std::string Yuan(uint64_t yuan) {
  std::string digits = std::to_string(yuan);
  if (yuan == 0) return "";
  std::string out;
  bool zero_pending = false;
  bool section_has_digit = false;
  for (size_t i = 0; i < digits.size(); ++i) {
    size_t pos = digits.size() - 1 - i;  // 0 = ones
    int d = digits[i] - '0';
    if (d == 0) {
      zero_pending = !out.empty();
    } else {
      if (zero_pending) out += kDigits[0];
      zero_pending = false;
      out += kDigits[d];
      out += kSmallUnits[pos % 4];
      section_has_digit = true;
    }
    if (pos % 4 == 0) {
      if (section_has_digit) out += kSectionUnits[pos / 4];
      section_has_digit = false;
    }
  }
  return out;
}

}  // namespace

std::string CapitalAmount(int64_t fen) {
  std::string sign;
  uint64_t v = static_cast<uint64_t>(fen);
  if (fen < 0) {
    sign = "负";
    v = uint64_t(0) - static_cast<uint64_t>(fen);
  }
  uint64_t yuan = v / 100;
  int jiao = static_cast<int>(v / 10 % 10);
  int f = static_cast<int>(v % 10);
  std::string out = Yuan(yuan);
  if (!out.empty()) out += "元";
  if (yuan == 0 && jiao == 0 && f == 0) return "零元整";
  if (jiao != 0) {
    if (yuan != 0 && yuan % 10 == 0) out += kDigits[0];
    out += kDigits[jiao];
    out += "角";
  } else if (f != 0 && yuan != 0) {
    out += kDigits[0];
  }
  if (f != 0) {
    out += kDigits[f];
    out += "分";
  } else {
    out += "整";
  }
  return sign + out;
}

std::string CapitalCount(uint64_t n) { return n == 0 ? kDigits[0] : Yuan(n); }

}  // namespace dossier::pdf
