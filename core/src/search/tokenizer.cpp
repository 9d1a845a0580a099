#include "search/tokenizer.h"

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
    int rc = fn_(ctx_, 0, word_.data(), static_cast<int>(word_.size()), word_start_, word_end_);
    word_.clear();
    return rc;
  }

  int FlushRun() {
    if (run_.empty()) return 0;
    int rc = 0;
    if (run_.size() == 1) {
      rc = Emit(0, run_[0], nullptr);
    } else {
      const bool document = mode_ == TokenizeMode::kDocument;
      for (size_t i = 0; i + 1 < run_.size() && rc == 0; ++i) {
        rc = Emit(0, run_[i], &run_[i + 1]);
        if (rc == 0 && document) rc = Emit(kTokenColocated, run_[i], nullptr);
      }
      if (rc == 0 && document) rc = Emit(kTokenColocated, run_.back(), nullptr);
    }
    run_.clear();
    return rc;
  }

  // A bigram of `first` and `second`, or `first` alone.
  int Emit(int flags, const RunChar& first, const RunChar* second) {
    term_.clear();
    AppendUtf8(first.code, term_);
    if (second != nullptr) AppendUtf8(second->code, term_);
    int end = second != nullptr ? second->end : first.end;
    return fn_(ctx_, flags, term_.data(), static_cast<int>(term_.size()), first.start, end);
  }

  TokenizeMode mode_;
  void* ctx_;
  TokenFn fn_;
  std::vector<RunChar> run_;
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

}  // namespace dossier
