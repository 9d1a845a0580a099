#include "search/tokenizer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "search/text_fold.h"
#include "util/file_util.h"

namespace dossier {

namespace {

struct RunChar {
  char32_t code;
  int start;
  int end;
};

class TokenWriter {
 public:
  TokenWriter(TokenizeMode mode, void* ctx, TokenFn fn) : mode_(mode), ctx_(ctx), fn_(fn) {}

  int AddCjk(const FoldedChar& f, int start, int end) {
    if (int rc = FlushWord()) return rc;
    run_.push_back({f.code, start, end});
    return 0;
  }
  int AddWord(const FoldedChar& f, int start, int end) {
    if (int rc = FlushRun()) return rc;
    if (mode_ == TokenizeMode::kCharacters) return 0;
    if (word_.empty()) word_start_ = start;
    word_end_ = end;
    if (word_.size() + 4 <= kMaxWordBytes) AppendUtf8(f.code, word_);
    return 0;
  }
  int Separate() {
    if (int rc = FlushRun()) return rc;
    return FlushWord();
  }

 private:
  int FlushWord() {
    if (word_.empty()) return 0;
    if (int rc = EmitPendingFinal()) return rc;
    int rc = fn_(ctx_, 0, word_.data(), static_cast<int>(word_.size()), word_start_, word_end_);
    word_.clear();
    return rc;
  }

  int FlushRun() {
    if (run_.empty()) return 0;
    int rc = 0;
    if (mode_ == TokenizeMode::kCharacters) {
      for (size_t i = 0; i < run_.size() && rc == 0; ++i) {
        if (seen_.Insert(run_[i].code)) rc = Emit(0, run_[i], nullptr);
      }
    } else if (run_.size() == 1) {
      rc = Emit(0, run_[0], nullptr);
    } else {
      for (size_t i = 0; i + 1 < run_.size() && rc == 0; ++i) rc = Emit(0, run_[i], &run_[i + 1]);
      if (mode_ == TokenizeMode::kDocument) {
        if (rc == 0) rc = Emit(0, run_.back(), nullptr);
      } else {
        pending_final_ = run_.back();
      }
    }
    run_.clear();
    return rc;
  }

  // A query's run ends with its last character only when a term follows
  // (平等、自愿 -> 平等 等 自愿), so that a phrase takes the places the text
  // takes; at the end of the query the character may go on in the text
  // (合同 finds 合同书, which has no 同 alone).
  int EmitPendingFinal() {
    if (!pending_final_) return 0;
    RunChar c = *pending_final_;
    pending_final_.reset();
    return Emit(0, c, nullptr);
  }

  // A bigram of `first` and `second`, or `first` alone.
  int Emit(int flags, const RunChar& first, const RunChar* second) {
    if (int rc = EmitPendingFinal()) return rc;
    term_.clear();
    AppendUtf8(first.code, term_);
    if (second != nullptr) AppendUtf8(second->code, term_);
    int end = second != nullptr ? second->end : first.end;
    return fn_(ctx_, flags, term_.data(), static_cast<int>(term_.size()), first.start, end);
  }

  // The characters given so far (kCharacters): a bit per code point, and
  // the bits set, to clear them again for the next text.
  class SeenCharacters {
   public:
    ~SeenCharacters() {
      for (char32_t c : set_) bits()[c / 64] &= ~(uint64_t{1} << (c % 64));
    }
    bool Insert(char32_t c) {
      uint64_t& word = bits()[c / 64];
      const uint64_t bit = uint64_t{1} << (c % 64);
      if (word & bit) return false;
      word |= bit;
      set_.push_back(c);
      return true;
    }

   private:
    static std::vector<uint64_t>& bits() {
      thread_local std::vector<uint64_t> b(0x110000 / 64, 0);
      return b;
    }
    std::vector<char32_t> set_;
  };

  TokenizeMode mode_;
  SeenCharacters seen_;
  void* ctx_;
  TokenFn fn_;
  std::vector<RunChar> run_;
  std::optional<RunChar> pending_final_;
  std::string word_;
  int word_start_ = 0;
  int word_end_ = 0;
  std::string term_;
};

}  // namespace

int Tokenize(std::string_view text, TokenizeMode mode, void* ctx, TokenFn fn) {
  if (!IsValidUtf8(text)) return kTokenizeInvalidUtf8;
  const Folding& folding = Folding::Get();
  TokenWriter writer(mode, ctx, fn);
  std::vector<FoldedChar> folded;
  size_t pos = 0;
  char32_t c;
  while (pos < text.size()) {
    auto start = static_cast<int>(pos);
    DecodeUtf8(text, &pos, &c);
    auto end = static_cast<int>(pos);
    folded.clear();
    folding.Fold(c, folded);
    for (const auto& f : folded) {
      int rc = f.cls == CharClass::kCjk    ? writer.AddCjk(f, start, end)
               : f.cls == CharClass::kWord ? writer.AddWord(f, start, end)
                                           : writer.Separate();
      if (rc != 0) return rc;
    }
  }
  return writer.Separate();
}

PlaceCount CountPlaces(std::string_view text, char32_t character) {
  PlaceCount count;
  if (!IsValidUtf8(text)) return count;  // no terms, as Tokenize gives none
  const Folding& folding = Folding::Get();
  std::vector<FoldedChar> folded;
  bool in_word = false;
  size_t pos = 0;
  char32_t c;
  while (pos < text.size()) {
    DecodeUtf8(text, &pos, &c);
    folded.clear();
    folding.Fold(c, folded);
    for (const auto& f : folded) {
      // As Tokenize: each Chinese character starts one term (a bigram or a
      // run's last character), a run of word characters is one term.
      if (f.cls == CharClass::kCjk) {
        ++count.places;
        if (f.code == character) ++count.starting;
        in_word = false;
      } else if (f.cls == CharClass::kWord) {
        if (!in_word) ++count.places;
        in_word = true;
      } else {
        in_word = false;
      }
    }
  }
  return count;
}

bool IsSingleCharacterTerm(std::string_view term) {
  size_t pos = 0;
  char32_t c;
  if (term.empty() || !DecodeUtf8(term, &pos, &c) || pos != term.size()) return false;
  std::vector<FoldedChar> folded;
  Folding::Get().Fold(c, folded);
  return folded.size() == 1 && folded[0].cls == CharClass::kCjk;
}

}  // namespace dossier
