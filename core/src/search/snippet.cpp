#include "search/snippet.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "dossier/utf8.h"
#include "search/query.h"
#include "search/tokenizer.h"

namespace dossier {

namespace {

struct PlacedToken {
  int place;
  std::string_view text;  // in its column's arena: the tokenizer reuses its buffer
  int start;
  int end;
};

// A column's tokens, made once for finding the hits and choosing the window
// (the two passes of a snippet; tokenizing twice was a fifth of a search).
// Places are counted as FTS5 counts them: a colocated token stands at the
// place of the one before it.
struct TokenizedColumn {
  std::string_view text;
  std::vector<char> arena;  // the tokens' texts; a vector keeps its buffer when moved
  std::vector<PlacedToken> tokens;
  std::vector<int> first_of_place;  // index of the first token at each place

  // The tokens at `place`: [begin, end) indexes.
  std::pair<size_t, size_t> AtPlace(int place) const {
    if (place < 0 || place >= static_cast<int>(first_of_place.size())) return {0, 0};
    const auto begin = static_cast<size_t>(first_of_place[static_cast<size_t>(place)]);
    const auto end = place + 1 < static_cast<int>(first_of_place.size())
                         ? static_cast<size_t>(first_of_place[static_cast<size_t>(place) + 1])
                         : tokens.size();
    return {begin, end};
  }
};

struct TokenCollector {
  TokenizedColumn* column;
  std::vector<std::pair<size_t, size_t>>
      spans;  // each token's text in the arena, made views at the end
  int place = -1;
};

int CollectToken(void* ctx, int flags, const char* token, int size, int start, int end) {
  auto* c = static_cast<TokenCollector*>(ctx);
  if ((flags & kTokenColocated) == 0 || c->place < 0) ++c->place;
  auto& arena = c->column->arena;
  c->spans.emplace_back(arena.size(), static_cast<size_t>(size));
  arena.insert(arena.end(), token, token + size);
  c->column->tokens.push_back(PlacedToken{c->place, {}, start, end});
  return 0;
}

TokenizedColumn TokenizeColumn(std::string_view text) {
  TokenizedColumn column;
  column.text = text;
  if (text.empty()) return column;
  column.arena.reserve(text.size() * 2);  // a bigram a character, at most
  column.tokens.reserve(text.size() / 2);
  TokenCollector c{&column, {}, -1};
  c.spans.reserve(text.size() / 2);
  if (Tokenize(text, TokenizeMode::kDocument, &c, CollectToken) != 0) {
    column.tokens.clear();
    return column;
  }
  for (size_t i = 0; i < column.tokens.size(); ++i) {
    column.tokens[i].text =
        std::string_view(column.arena.data() + c.spans[i].first, c.spans[i].second);
    const int place = column.tokens[i].place;
    while (static_cast<int>(column.first_of_place.size()) <= place) {
      column.first_of_place.push_back(static_cast<int>(i));
    }
  }
  return column;
}

std::vector<TokenizedColumn> TokenizeColumns(const std::vector<std::string_view>& columns) {
  std::vector<TokenizedColumn> out;
  out.reserve(columns.size());
  for (auto text : columns) out.push_back(TokenizeColumn(text));
  return out;
}

int CollectTerm(void* ctx, int, const char* token, int size, int, int) {
  static_cast<std::vector<std::string>*>(ctx)->emplace_back(token, static_cast<size_t>(size));
  return 0;
}

bool EndsSentence(std::string_view between) {
  for (std::string_view mark : {".", "!", "?", ";", "\n", "。", "！", "？", "；"}) {
    if (between.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

bool InstanceOrder(const SnippetHit& a, const SnippetHit& b) {
  return std::tie(a.column, a.place, a.phrase) < std::tie(b.column, b.place, b.phrase);
}

// FTS5's score of a window (fts5_aux.c): 1000 for each phrase it holds, 1
// for each further match; and where the matches would sit centred. `hits`
// are in instance order, so only the window's own hits are read: a text
// with a match at every place is scored in linear time, not quadratic.
int ScoreWindow(const std::vector<SnippetHit>& hits, int column, int from, int places,
                int column_size, int* centred) {
  std::vector<int> seen;
  int score = 0, first = -1, last = -1;
  auto h = std::lower_bound(hits.begin(), hits.end(), SnippetHit{-1, column, from}, InstanceOrder);
  for (; h != hits.end() && h->column == column && h->place < from + places; ++h) {
    const bool again = std::find(seen.begin(), seen.end(), h->phrase) != seen.end();
    score += again ? 1 : 1000;
    if (!again) seen.push_back(h->phrase);
    if (first < 0) first = h->place;
    last = std::max(last, h->place + 1);
  }
  if (centred != nullptr) {
    int at = first - (places - (last - first)) / 2;
    if (at + places > column_size) at = column_size - places;
    *centred = std::max(at, 0);
  }
  return score;
}

}  // namespace

std::vector<SnippetPhrase> SnippetPhrasesOf(std::string_view fts) {
  std::vector<SnippetPhrase> phrases;
  std::string text;
  for (size_t i = 0; i < fts.size();) {
    auto end = fts[i] == '"' ? ReadFtsString(fts, i, &text) : std::nullopt;
    if (!end) {
      ++i;
      continue;
    }
    SnippetPhrase phrase;
    Tokenize(text, TokenizeMode::kQuery, &phrase.terms, CollectTerm);
    i = *end;
    size_t next = i;
    while (next < fts.size() && fts[next] == ' ') ++next;
    phrase.prefix = next < fts.size() && fts[next] == '*';
    phrases.push_back(std::move(phrase));
  }
  return phrases;
}

namespace {

std::string Render(const TokenizedColumn& tokenized, int column,
                   const std::vector<SnippetHit>& hits, const std::vector<SnippetPhrase>& phrases,
                   int start, int places, const SnippetMarks& marks) {
  const std::string_view text = tokenized.text;
  const std::vector<PlacedToken>& tokens = tokenized.tokens;
  const int last_place = tokens.back().place;
  const int end_place = start + places - 1;

  // The bytes shown: from the window's first token (or the column's start)
  // to its last token's end (or the column's end), as FTS5 shows them.
  size_t from = 0, to = text.size();
  if (start > 0) {
    auto first = std::find_if(tokens.begin(), tokens.end(),
                              [&](const PlacedToken& t) { return t.place >= start; });
    if (first == tokens.end()) return std::string();
    from = static_cast<size_t>(first->start);
  }
  if (end_place < last_place) {
    to = from;
    for (const auto& t : tokens) {
      if (t.place > end_place) break;
      to = std::max(to, static_cast<size_t>(t.end));
    }
  }

  // The tokens that matched: at each place of a phrase's match, the token
  // that is the phrase's term there (not whatever else stands there).
  std::vector<std::pair<size_t, size_t>> marked;
  std::vector<bool> used(tokens.size(),
                         false);  // a place can hold the term twice (档档: first and last)
  for (const auto& h : hits) {
    if (h.column != column || h.phrase < 0 || h.phrase >= static_cast<int>(phrases.size()))
      continue;
    const auto& phrase = phrases[static_cast<size_t>(h.phrase)];
    for (size_t k = 0; k < phrase.terms.size(); ++k) {
      const int place = h.place + static_cast<int>(k);
      const std::string_view term = phrase.terms[k];
      const bool prefix = phrase.prefix && k + 1 == phrase.terms.size();
      const auto [begin, end_index] = tokenized.AtPlace(place);
      std::vector<PlacedToken>::const_iterator found = tokens.end();
      for (auto at = tokens.begin() + static_cast<std::ptrdiff_t>(begin);
           at != tokens.begin() + static_cast<std::ptrdiff_t>(end_index); ++at) {
        if (at->text != term && !(prefix && at->text.compare(0, term.size(), term) == 0)) continue;
        if (found == tokens.end()) found = at;
        if (!used[static_cast<size_t>(at - tokens.begin())]) {
          found = at;
          break;
        }
      }
      if (found != tokens.end()) {
        used[static_cast<size_t>(found - tokens.begin())] = true;
        auto end = static_cast<size_t>(found->end);
        if (prefix && found->text.size() > term.size() && IsSingleCharacterTerm(term)) {
          // 档* matched the bigram 档案 at this place: the character is what matched.
          size_t after = static_cast<size_t>(found->start);
          char32_t c;
          if (DecodeUtf8(text, &after, &c)) end = std::min(end, after);
        }
        marked.emplace_back(static_cast<size_t>(found->start), end);
      }
    }
  }
  std::sort(marked.begin(), marked.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (auto [a, b] : marked) {
    a = std::max(a, from);
    b = std::min(b, to);
    if (a >= b) continue;
    if (!merged.empty() && a <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, b);
    } else {
      merged.emplace_back(a, b);
    }
  }

  std::string out;
  if (start > 0) out += marks.ellipsis;
  size_t at = from;
  for (const auto& [a, b] : merged) {
    out.append(text.substr(at, a - at));
    out += marks.open;
    out.append(text.substr(a, b - a));
    out += marks.close;
    at = b;
  }
  out.append(text.substr(at, to - at));
  if (to < text.size()) out += marks.ellipsis;
  return out;
}

// Places where a sentence starts: the first, and each after a sentence's
// end mark (FTS5 prefers a window that starts a sentence).
std::vector<int> SentenceStarts(std::string_view text, const std::vector<PlacedToken>& tokens) {
  std::vector<int> starts;
  size_t previous_end = 0;
  for (const auto& t : tokens) {
    const auto begin = static_cast<size_t>(t.start);
    const bool starts_one =
        starts.empty() ||
        (begin > previous_end && EndsSentence(text.substr(previous_end, begin - previous_end)));
    if (starts_one && (starts.empty() || t.place != starts.back())) starts.push_back(t.place);
    previous_end = std::max(previous_end, static_cast<size_t>(t.end));
  }
  return starts;
}

}  // namespace

namespace {

bool TermMatches(const PlacedToken& token, std::string_view term, bool prefix) {
  return token.text == term || (prefix && token.text.compare(0, term.size(), term) == 0);
}

}  // namespace

namespace {

std::vector<SnippetHit> HitsIn(const std::vector<TokenizedColumn>& columns,
                               const std::vector<SnippetPhrase>& phrases) {
  std::vector<SnippetHit> hits;
  for (int column = 0; column < static_cast<int>(columns.size()); ++column) {
    const TokenizedColumn& tokenized = columns[static_cast<size_t>(column)];
    const auto& tokens = tokenized.tokens;
    // Whether a token at `place` is the phrase's k-th term.
    auto holds = [&](const SnippetPhrase& phrase, size_t k, int place) {
      const bool prefix = phrase.prefix && k + 1 == phrase.terms.size();
      const auto [begin, end] = tokenized.AtPlace(place);
      for (size_t i = begin; i < end; ++i) {
        if (TermMatches(tokens[i], phrase.terms[k], prefix)) return true;
      }
      return false;
    };
    for (int p = 0; p < static_cast<int>(phrases.size()); ++p) {
      const auto& phrase = phrases[static_cast<size_t>(p)];
      if (phrase.terms.empty()) continue;
      const int places = static_cast<int>(tokenized.first_of_place.size());
      for (int place = 0; place < places; ++place) {
        bool all = true;
        for (size_t k = 0; all && k < phrase.terms.size(); ++k)
          all = holds(phrase, k, place + static_cast<int>(k));
        if (all) hits.push_back(SnippetHit{p, column, place});  // one match a place
      }
    }
  }
  // In FTS5's order of instances: by column, then place.
  std::sort(hits.begin(), hits.end(), InstanceOrder);
  return hits;
}

std::string SnippetFrom(const std::vector<TokenizedColumn>& columns, std::vector<SnippetHit> hits,
                        const std::vector<SnippetPhrase>& phrases, int places,
                        const SnippetMarks& marks) {
  if (!std::is_sorted(hits.begin(), hits.end(), InstanceOrder))
    std::sort(hits.begin(), hits.end(), InstanceOrder);
  int best_column = -1, best_start = 0, best_score = -1;
  for (int column = 0; column < static_cast<int>(columns.size()); ++column) {
    if (std::none_of(hits.begin(), hits.end(),
                     [&](const SnippetHit& h) { return h.column == column; }))
      continue;
    const TokenizedColumn& tokenized = columns[static_cast<size_t>(column)];
    if (tokenized.tokens.empty()) continue;
    const int size = tokenized.tokens.back().place + 1;
    const std::vector<int> sentences = SentenceStarts(tokenized.text, tokenized.tokens);
    auto consider = [&](int score, int start) {
      if (score > best_score) {
        best_score = score;
        best_start = start;
        best_column = column;
      }
    };
    for (const auto& h : hits) {
      if (h.column != column) continue;
      int centred = 0;
      int score = ScoreWindow(hits, column, h.place, places, size, &centred);
      consider(score, centred);
      if (size > places) {
        // The last sentence that starts before the match, as FTS5 does.
        auto after = std::upper_bound(sentences.begin(), sentences.end(), h.place);
        if (after != sentences.begin() && *(after - 1) < h.place) {
          const int from = *(after - 1);
          consider(ScoreWindow(hits, column, from, places, size, nullptr) + (from == 0 ? 120 : 100),
                   from);
        }
      }
    }
  }
  if (best_column < 0) return std::string();
  return Render(columns[static_cast<size_t>(best_column)], best_column, hits, phrases, best_start,
                places, marks);
}

}  // namespace

std::vector<SnippetHit> FindSnippetHits(const std::vector<std::string_view>& columns,
                                        const std::vector<SnippetPhrase>& phrases) {
  return HitsIn(TokenizeColumns(columns), phrases);
}

std::string MakeSnippet(const std::vector<std::string_view>& columns,
                        const std::vector<SnippetHit>& hits,
                        const std::vector<SnippetPhrase>& phrases, int places,
                        const SnippetMarks& marks) {
  return SnippetFrom(TokenizeColumns(columns), hits, phrases, places, marks);
}

std::string SnippetOf(const std::vector<std::string_view>& columns,
                      const std::vector<SnippetPhrase>& phrases, int places,
                      const SnippetMarks& marks) {
  const auto tokenized = TokenizeColumns(columns);
  return SnippetFrom(tokenized, HitsIn(tokenized, phrases), phrases, places, marks);
}

}  // namespace dossier
