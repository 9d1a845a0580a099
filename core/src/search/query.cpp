#include "search/query.h"

#include <algorithm>
#include <vector>

#include "dossier/utf8.h"
#include "search/tokenizer.h"
#include "util/file_util.h"
#include "util/number_text.h"

namespace dossier {

namespace {

struct Lexeme {
  enum Kind { kTerm, kPhrase, kOr, kAnd, kNot, kMinus, kOpen, kClose } kind;
  std::string text;
  bool prefix = false;  // a Latin word typed with a trailing *
};

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

Result<std::vector<Lexeme>> Lex(std::string_view q) {
  std::vector<Lexeme> out;
  size_t pos = 0;
  while (pos < q.size()) {
    size_t start = pos;
    char32_t c;
    DecodeUtf8(q, &pos, &c);
    if (IsSpace(c)) continue;
    if (c == '(' || c == U'（') {
      out.push_back({Lexeme::kOpen, ""});
      continue;
    }
    if (c == ')' || c == U'）') {
      out.push_back({Lexeme::kClose, ""});
      continue;
    }
    if (c == '"' || c == U'“' || c == U'”') {
      size_t end = pos;
      std::string text;
      bool closed = false;
      while (end < q.size()) {
        size_t at = end;
        char32_t d;
        DecodeUtf8(q, &end, &d);
        if (d == '"' || d == U'”' || d == U'“') {
          closed = true;
          break;
        }
        text.append(q.substr(at, end - at));
      }
      if (!closed) return Status::InvalidArgument("the query has a quote that is not closed");
      pos = end;
      out.push_back({Lexeme::kPhrase, text});
      continue;
    }
    // '-' directly before a term negates it ("-草稿"); a lone '-' is text.
    if (c == '-' && pos < q.size() && !IsSpace(static_cast<unsigned char>(q[pos]))) {
      out.push_back({Lexeme::kMinus, ""});
      continue;
    }
    // A bare term runs to the next space, quote or parenthesis.
    size_t end = pos;
    while (end < q.size()) {
      size_t at = end;
      char32_t d;
      DecodeUtf8(q, &end, &d);
      if (IsSpace(d) || d == '"' || d == U'“' || d == U'”' || d == '(' || d == ')' || d == U'（' ||
          d == U'）') {
        end = at;
        break;
      }
    }
    std::string word(q.substr(start, end - start));
    pos = end;
    if (word == "OR" || word == "|")
      out.push_back({Lexeme::kOr, ""});
    else if (word == "AND")
      out.push_back({Lexeme::kAnd, ""});
    else if (word == "NOT")
      out.push_back({Lexeme::kNot, ""});
    else {
      bool prefix = word.size() > 1 && word.back() == '*';
      if (prefix) word.pop_back();
      out.push_back({Lexeme::kTerm, word, prefix});
    }
  }
  return out;
}

struct TermsSeen {
  int count = 0;
  std::string last;
};

int SeeToken(void* ctx, int, const char* token, int size, int, int) {
  auto* seen = static_cast<TermsSeen*>(ctx);
  ++seen->count;
  seen->last.assign(token, static_cast<size_t>(size));
  return 0;
}

class Parser {
 public:
  explicit Parser(std::vector<Lexeme> lexemes) : lex_(std::move(lexemes)) {}

  Result<std::string> Parse() {
    auto expr = ParseOr();
    if (!expr.ok()) return expr;
    if (i_ < lex_.size()) {
      return Status::InvalidArgument(lex_[i_].kind == Lexeme::kClose
                                         ? "the query has a ')' without its '('"
                                         : "the query could not be read past a term");
    }
    return expr;
  }

 private:
  bool At(Lexeme::Kind k) const { return i_ < lex_.size() && lex_[i_].kind == k; }

  // Returns "" for an expression without terms (only punctuation).
  Result<std::string> ParseOr() {
    std::vector<std::string> parts;
    while (true) {
      auto part = ParseAnd();
      if (!part.ok()) return part;
      if (!part->empty()) parts.push_back(*part);
      if (!At(Lexeme::kOr)) break;
      ++i_;
      if (i_ >= lex_.size() || At(Lexeme::kClose) || At(Lexeme::kOr)) {
        return Status::InvalidArgument("OR needs a term on both sides");
      }
    }
    if (parts.size() == 1) return parts[0];
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "(" : " OR (") + p + ")";
    return out;
  }

  Result<std::string> ParseAnd() {
    std::vector<std::string> positive, negative;
    bool any = false;
    while (i_ < lex_.size() && !At(Lexeme::kOr) && !At(Lexeme::kClose)) {
      if (At(Lexeme::kAnd)) {
        ++i_;
        continue;
      }
      bool negated = false;
      if (At(Lexeme::kNot) || At(Lexeme::kMinus)) {
        negated = true;
        ++i_;
        if (i_ >= lex_.size() || At(Lexeme::kOr) || At(Lexeme::kClose) || At(Lexeme::kNot)) {
          return Status::InvalidArgument("NOT needs a term after it");
        }
      }
      auto primary = ParsePrimary();
      if (!primary.ok()) return primary;
      any = true;
      if (primary->empty()) continue;
      (negated ? negative : positive).push_back(*primary);
    }
    if (!any && i_ < lex_.size() && At(Lexeme::kOr))
      return Status::InvalidArgument("OR needs a term on both sides");
    if (positive.empty() && !negative.empty()) {
      return Status::InvalidArgument(
          "a query needs a term that is not negated (NOT only takes away from matches)");
    }
    std::string out;
    for (const auto& p : positive) out += (out.empty() ? "" : " AND ") + p;
    if (!negative.empty() && positive.size() > 1) out = "(" + out + ")";
    for (const auto& n : negative) out = "(" + out + " NOT " + n + ")";
    return out;
  }

  Result<std::string> ParsePrimary() {
    const Lexeme& l = lex_[i_++];
    if (l.kind == Lexeme::kOpen) {
      auto inner = ParseOr();
      if (!inner.ok()) return inner;
      if (!At(Lexeme::kClose))
        return Status::InvalidArgument("the query has a '(' that is not closed");
      ++i_;
      return inner->empty() ? std::string() : "(" + *inner + ")";
    }
    if (l.kind != Lexeme::kTerm && l.kind != Lexeme::kPhrase) {
      return Status::InvalidArgument("the query has an operator where a term was expected");
    }
    TermsSeen seen;
    Tokenize(l.text, TokenizeMode::kQuery, &seen, SeeToken);
    if (seen.count == 0) return std::string();  // punctuation only
    std::string out = QuoteForFts(l.text);
    // A character that ends the term may stand before another in the text:
    // there it starts a bigram (tokenizer.h).
    if (l.prefix || IsSingleCharacterTerm(seen.last)) out += " *";
    return out;
  }

  std::vector<Lexeme> lex_;
  size_t i_ = 0;
};

// The query's terms and how deep its parentheses go, before any is parsed.
Status CheckQuerySize(const std::vector<Lexeme>& lexemes) {
  int terms = 0, depth = 0, deepest = 0;
  for (const auto& l : lexemes) {
    if (l.kind == Lexeme::kTerm || l.kind == Lexeme::kPhrase) ++terms;
    if (l.kind == Lexeme::kOpen) deepest = std::max(deepest, ++depth);
    if (l.kind == Lexeme::kClose) --depth;
  }
  if (terms > kMaxQueryTerms) {
    return Status::InvalidArgument("the query has " + std::to_string(terms) + " terms; at most " +
                                   std::to_string(kMaxQueryTerms) + " are allowed: narrow it");
  }
  if (deepest > kMaxQueryNesting) {
    return Status::InvalidArgument("the query nests parentheses " + std::to_string(deepest) +
                                   " deep; at most " + std::to_string(kMaxQueryNesting) +
                                   " levels are allowed");
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> ToFtsQuery(std::string_view query) {
  if (!IsValidUtf8(query)) return Status::InvalidArgument("the query is not valid UTF-8");
  const size_t characters = CountCodePoints(query);
  if (characters > kMaxQueryCharacters) {
    return Status::InvalidArgument(
        "the query is " + WithThousands(static_cast<long long>(characters)) +
        " characters long; at most " + WithThousands(static_cast<long long>(kMaxQueryCharacters)) +
        " are allowed");
  }
  auto lexemes = Lex(query);
  if (!lexemes.ok()) return lexemes.status();
  DOSSIER_RETURN_IF_ERROR(CheckQuerySize(*lexemes));
  return Parser(std::move(*lexemes)).Parse();
}

std::optional<size_t> ReadFtsString(std::string_view fts, size_t at, std::string* text) {
  if (at >= fts.size() || fts[at] != '"') return std::nullopt;
  text->clear();
  for (size_t i = at + 1; i < fts.size(); ++i) {
    if (fts[i] != '"') {
      *text += fts[i];
    } else if (i + 1 < fts.size() && fts[i + 1] == '"') {
      *text += '"';
      ++i;
    } else {
      return i + 1;
    }
  }
  return std::nullopt;
}

std::optional<std::string> SingleTermOf(std::string_view fts) {
  std::string text;
  auto end = ReadFtsString(fts, 0, &text);
  if (!end || *end != fts.size() || text.empty()) return std::nullopt;
  std::vector<std::string> terms;
  int rc = Tokenize(text, TokenizeMode::kQuery, &terms,
                    [](void* ctx, int, const char* token, int size, int, int) {
                      auto* out = static_cast<std::vector<std::string>*>(ctx);
                      out->emplace_back(token, static_cast<size_t>(size));
                      return out->size() > 1 ? 1 : 0;
                    });
  if (rc != 0 || terms.size() != 1) return std::nullopt;
  return terms.front();
}

std::optional<std::string> SingleCharacterOf(std::string_view fts) {
  constexpr std::string_view kPrefix = " *";
  if (fts.size() < kPrefix.size() || fts.substr(fts.size() - kPrefix.size()) != kPrefix)
    return std::nullopt;
  auto term = SingleTermOf(fts.substr(0, fts.size() - kPrefix.size()));
  if (!term || !IsSingleCharacterTerm(*term)) return std::nullopt;
  return term;
}

std::optional<std::vector<std::string>> PhrasesOfConjunction(std::string_view fts) {
  std::vector<std::string> phrases;
  std::string text;
  size_t i = 0;
  while (true) {
    auto end = ReadFtsString(fts, i, &text);
    if (!end) return std::nullopt;
    phrases.emplace_back(fts.substr(i, *end - i));
    i = *end;
    if (i == fts.size()) return phrases;
    constexpr std::string_view kAnd = " AND ";
    if (fts.substr(i, kAnd.size()) != kAnd) return std::nullopt;
    i += kAnd.size();
  }
}

std::string QuoteForFts(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace dossier
