#include "search/text_fold.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <stdexcept>

namespace dossier {

namespace {

bool IsCjkScript(char32_t c) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &err);
  if (U_FAILURE(err)) return false;
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
         script == USCRIPT_HANGUL || c == U'々' || c == U'〆' || c == U'ー';
}

CharClass Classify(char32_t c) {
  if (IsCjkScript(c)) return CharClass::kCjk;
  auto type = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(c)));
  if (u_isalnum(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK ||
      type == U_COMBINING_SPACING_MARK) {
    return CharClass::kWord;
  }
  return CharClass::kSeparator;
}

// The Han characters whose simplified form OpenCC's t2s may know: the
// unified ideographs of the BMP, extension A, compatibility ideographs and
// extension B.
constexpr std::pair<char32_t, char32_t> kHanRanges[] = {
    {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2A6DF}};

std::unordered_map<char32_t, char32_t> LoadTraditionalToSimplified() {
  opencc_t od = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  if (od == reinterpret_cast<opencc_t>(-1)) {
    throw std::runtime_error(
        std::string("OpenCC: cannot load t2s.json (Debian package libopencc1.1/libopencc-data): ") +
        opencc_error());
  }
  // One character a line, so that OpenCC's phrase table never applies: a
  // character must fold the same wherever it stands, in a document or in a
  // query.
  std::string input;
  std::vector<char32_t> chars;
  for (auto [first, last] : kHanRanges) {
    for (char32_t c = first; c <= last; ++c) {
      AppendUtf8(c, input);
      input += '\n';
      chars.push_back(c);
    }
  }
  char* converted = opencc_convert_utf8(od, input.data(), input.size());
  opencc_close(od);
  if (converted == nullptr)
    throw std::runtime_error(std::string("OpenCC: conversion failed: ") + opencc_error());
  std::string_view out(converted);
  std::unordered_map<char32_t, char32_t> map;
  size_t pos = 0;
  for (char32_t c : chars) {
    size_t end = out.find('\n', pos);
    if (end == std::string_view::npos) break;
    std::string_view line = out.substr(pos, end - pos);
    pos = end + 1;
    size_t p = 0;
    char32_t s;
    if (DecodeUtf8(line, &p, &s) && p == line.size() && s != c) map.emplace(c, s);
  }
  opencc_convert_utf8_free(converted);
  // Chains (A -> B, B -> C) are followed to the end, so folding twice gives
  // what folding once gave.
  for (auto& [from, to] : map) {
    for (int i = 0; i < 4; ++i) {
      auto next = map.find(to);
      if (next == map.end() || next->second == to) break;
      to = next->second;
    }
  }
  return map;
}

}  // namespace

const Folding& Folding::Get() {
  static const Folding folding;
  return folding;
}

Folding::Folding() : t2s_(LoadTraditionalToSimplified()) {
  bmp_.resize(0x10000);
  std::vector<FoldedChar> one;
  for (char32_t c = 0; c < 0x10000; ++c) {
    one.clear();
    if (c < 0xD800 || c > 0xDFFF) Compute(c, one);
    bmp_[c] = Entry{static_cast<uint32_t>(pool_.size()), static_cast<uint8_t>(one.size())};
    pool_.insert(pool_.end(), one.begin(), one.end());
  }
}

void Folding::Compute(char32_t c, std::vector<FoldedChar>& out) const {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU normalizers are not available");
  icu::UnicodeString text(static_cast<UChar32>(c));
  icu::UnicodeString folded = nfkc_cf->normalize(text, err);
  icu::UnicodeString decomposed = nfd->normalize(folded, err);
  // Accents go; the kana voicing marks stay (が is not か).
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    bool mark = u_charType(d) == U_NON_SPACING_MARK && d != 0x3099 && d != 0x309A;
    if (!mark || IsCjkScript(static_cast<char32_t>(d))) bare.append(d);
  }
  icu::UnicodeString result = nfc->normalize(bare, err);
  if (U_FAILURE(err)) {
    out.push_back({c, Classify(c)});
    return;
  }
  for (int32_t i = 0; i < result.length();) {
    auto r = static_cast<char32_t>(result.char32At(i));
    i += U16_LENGTH(static_cast<UChar32>(r));
    if (auto s = t2s_.find(r); s != t2s_.end()) r = s->second;
    out.push_back({r, Classify(r)});
  }
}

void Folding::Fold(char32_t c, std::vector<FoldedChar>& out) const {
  if (c < 0x10000) {
    const Entry& e = bmp_[c];
    out.insert(out.end(), pool_.begin() + e.offset, pool_.begin() + e.offset + e.count);
    return;
  }
  Compute(c, out);
}

std::string Folding::FoldString(std::string_view utf8) const {
  std::string out;
  std::vector<FoldedChar> chars;
  size_t pos = 0;
  char32_t c;
  while (DecodeUtf8(utf8, &pos, &c)) {
    chars.clear();
    Fold(c, chars);
    for (const auto& f : chars) AppendUtf8(f.code, out);
  }
  return out;
}

}  // namespace dossier
