#include "search/term_lists.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "dossier/utf8.h"
#include "search/tokenizer.h"

namespace dossier {

namespace {

// FTS5's bm25 constants (fts5_aux.c).
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// The entries of a list: their number, then each entry's row, weighted
// count and size, all as LEB128 varints (about 6 bytes an entry where a
// fixed layout took 16; a list of 128 then fits in its b-tree page instead
// of an overflow page of its own).
void PutVarint(uint64_t v, std::string& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view& in, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

}  // namespace

std::string ColumnWeightsSql() {
  std::string out;
  for (double w : kColumnWeights) out += (out.empty() ? "" : ", ") + std::to_string(w);
  return out;
}

std::string EncodeTermEntries(const std::vector<TermEntry>& entries) {
  std::string out;
  out.reserve(2 + entries.size() * 7);
  PutVarint(entries.size(), out);
  for (const auto& e : entries) {
    PutVarint(static_cast<uint64_t>(e.row), out);
    PutVarint(e.freq, out);
    PutVarint(e.size, out);
  }
  return out;
}

bool DecodeTermEntries(std::string_view blob, std::vector<TermEntry>& entries) {
  entries.clear();
  uint64_t count = 0;
  if (!GetVarint(blob, count) || count > blob.size()) return false;
  entries.resize(count);
  for (auto& e : entries) {
    uint64_t row = 0, freq = 0, size = 0;
    if (!GetVarint(blob, row) || !GetVarint(blob, freq) || !GetVarint(blob, size)) return false;
    if (row > static_cast<uint64_t>(INT64_MAX) || freq > UINT32_MAX || size > UINT32_MAX)
      return false;
    e = TermEntry{static_cast<int64_t>(row), static_cast<uint32_t>(freq),
                  static_cast<uint32_t>(size)};
  }
  return blob.empty();
}

double TermImpact(double freq, double size, double avgdl) {
  return freq * (kK1 + 1.0) / (freq + kK1 * (1.0 - kB + kB * size / avgdl));
}

double TermIdf(int64_t df, int64_t rows) {
  double idf = std::log((static_cast<double>(rows) - df + 0.5) / (df + 0.5));
  return idf > 0.0 ? idf : 1e-6;  // as FTS5; and never NaN, whatever df says
}

uint64_t TermIds::Pack(std::string_view term) {
  if (term.empty() || term.size() > 7) return 0;
  uint64_t key = term.size();
  for (size_t i = 0; i < term.size(); ++i)
    key |= static_cast<uint64_t>(static_cast<unsigned char>(term[i])) << (8 * (i + 1));
  return key;
}

namespace {

size_t Slot(uint64_t key, size_t mask) {
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

}  // namespace

void TermIds::InsertShort(uint64_t key, uint32_t id) {
  if ((short_count_ + 1) * 2 > short_.size()) {  // at most half full
    std::vector<std::pair<uint64_t, uint32_t>> old(std::max<size_t>(64, short_.size() * 2));
    old.swap(short_);
    short_count_ = 0;
    for (const auto& [k, v] : old) {
      if (k != 0) InsertShort(k, v);
    }
  }
  const size_t mask = short_.size() - 1;
  size_t at = Slot(key, mask);
  while (short_[at].first != 0) at = (at + 1) & mask;
  short_[at] = {key, id};
  ++short_count_;
}

uint32_t TermIds::Add(std::string term) {
  if (int64_t known = Find(term); known >= 0) return static_cast<uint32_t>(known);
  const auto id = static_cast<uint32_t>(terms_.size());
  if (uint64_t key = Pack(term); key != 0) {
    InsertShort(key, id);
  } else {
    long_.emplace(term, id);
  }
  characters_.push_back(IsSingleCharacterTerm(term));
  terms_.push_back(std::move(term));
  return id;
}

int64_t TermIds::Find(std::string_view term) const {
  if (uint64_t key = Pack(term); key != 0) {
    if (short_.empty()) return -1;
    const size_t mask = short_.size() - 1;
    for (size_t at = Slot(key, mask);; at = (at + 1) & mask) {
      if (short_[at].first == key) return short_[at].second;
      if (short_[at].first == 0) return -1;
    }
  }
  auto it = long_.find(term);
  return it == long_.end() ? -1 : static_cast<int64_t>(it->second);
}

void TermIds::clear() {
  short_.clear();
  short_count_ = 0;
  long_.clear();
  terms_.clear();
  characters_.clear();
}

namespace {

struct Counts;

struct ListedTokenizer {
  const TermIds* ids;
  Counts* counts;
  uint32_t weight;
  uint32_t column_size;
};

// Each listed term's weighted count, summed as the tokens go by; the terms
// met are noted once (sorting every instance was a tenth of the work).
struct Counts {
  std::vector<uint32_t> weight;  // by term id; zero again after each row
  std::vector<uint32_t> met;
};

void Count(ListedTokenizer* t, int64_t id) {
  uint32_t& w = t->counts->weight[static_cast<size_t>(id)];
  if (w == 0) t->counts->met.push_back(static_cast<uint32_t>(id));
  w += t->weight;
}

// The bytes of the UTF-8 character that `lead` starts.
size_t Utf8Length(unsigned char lead) {
  return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

int CollectListed(void* ctx, int, const char* token, int size, int, int) {
  auto* t = static_cast<ListedTokenizer*>(ctx);
  ++t->column_size;  // every token takes a place of its own (tokenizer.h)
  const std::string_view text(token, static_cast<size_t>(size));
  int64_t id = t->ids->Find(text);
  if (id >= 0 && !t->ids->IsCharacter(static_cast<uint32_t>(id))) Count(t, id);
  // The character the token starts: a listed character counts each place
  // where a term starts with it (the prefix query 档*).
  const size_t first = Utf8Length(static_cast<unsigned char>(text[0]));
  if (first >= 3 && first <= text.size()) {
    id = t->ids->Find(text.substr(0, first));
    if (id >= 0 && t->ids->IsCharacter(static_cast<uint32_t>(id))) Count(t, id);
  }
  return 0;
}

}  // namespace

namespace {

struct CensusTokenizer {
  TermIds* terms;
  std::vector<int64_t>* df;
  std::vector<int64_t>* last_row;
  int64_t row;
  uint64_t places;
};

void CountOnce(CensusTokenizer* c, uint32_t id) {
  if (id >= c->df->size()) {
    c->df->resize(id + 1, 0);
    c->last_row->resize(id + 1, -1);
  }
  if ((*c->last_row)[id] == c->row) return;
  (*c->last_row)[id] = c->row;
  ++(*c->df)[id];
}

int CollectCensus(void* ctx, int, const char* token, int size, int, int) {
  auto* c = static_cast<CensusTokenizer*>(ctx);
  ++c->places;
  const std::string_view text(token, static_cast<size_t>(size));
  // As CollectListed reads a token: a term, unless a character alone (a
  // character's count is of the terms starting with it), and its first
  // character.
  const uint32_t id = c->terms->Add(std::string(text));
  if (!c->terms->IsCharacter(id)) CountOnce(c, id);
  const size_t first = Utf8Length(static_cast<unsigned char>(text[0]));
  if (first >= 3 && first <= text.size()) {
    const uint32_t character = c->terms->Add(std::string(text.substr(0, first)));
    if (c->terms->IsCharacter(character)) CountOnce(c, character);
  }
  return 0;
}

}  // namespace

void TermCensus::Count(const std::string* columns[kIndexColumnCount]) {
  CensusTokenizer c{&terms_, &df_, &last_row_, rows_, 0};
  for (int i = 0; i < kIndexColumnCount; ++i) {
    if (columns[i] != nullptr && !columns[i]->empty())
      Tokenize(*columns[i], TokenizeMode::kDocument, &c, CollectCensus);
  }
  places_ += c.places;
  ++rows_;
}

TermIds TermCensus::Frequent(int64_t min_df) const {
  TermIds frequent;
  for (uint32_t id = 0; id < df_.size(); ++id) {
    if (df_[id] >= min_df) frequent.Add(terms_.Term(id));
  }
  return frequent;
}

CharacterCount CountCharacter(const std::string* columns[kIndexColumnCount],
                              std::string_view character) {
  CharacterCount count;
  size_t pos = 0;
  char32_t code = 0;
  if (!DecodeUtf8(character, &pos, &code)) return count;
  for (int c = 0; c < kIndexColumnCount; ++c) {
    if (columns[c] == nullptr || columns[c]->empty()) continue;
    const PlaceCount places = CountPlaces(*columns[c], code);
    count.size += places.places;
    count.freq += places.starting * static_cast<uint32_t>(kColumnWeights[c]);
  }
  return count;
}

ListedTerms TokenizeListed(const std::string* columns[kIndexColumnCount], const TermIds& ids) {
  thread_local Counts counts;
  if (counts.weight.size() < ids.size()) counts.weight.resize(ids.size(), 0);
  counts.met.clear();
  ListedTerms terms;
  for (int c = 0; c < kIndexColumnCount; ++c) {
    if (columns[c] == nullptr || columns[c]->empty()) continue;
    ListedTokenizer t{&ids, &counts, static_cast<uint32_t>(kColumnWeights[c]), 0};
    Tokenize(*columns[c], TokenizeMode::kDocument, &t, CollectListed);
    terms.size += t.column_size;
  }
  // One entry per term, by id.
  std::sort(counts.met.begin(), counts.met.end());
  terms.freq.reserve(counts.met.size());
  for (uint32_t id : counts.met) {
    terms.freq.emplace_back(id, counts.weight[id]);
    counts.weight[id] = 0;
  }
  return terms;
}

namespace {

// The heap's order: the worst kept row first — lowest impact, and among
// equal impacts the latest row, as OfferToList would drop them.
struct KeptBeforeFn {  // a type, not a function pointer: the heap's comparisons are inlined
  bool operator()(const TermListBuilder::Kept& a, const TermListBuilder::Kept& b) const {
    return a.impact != b.impact ? a.impact > b.impact : a.entry.row < b.entry.row;
  }
};
constexpr KeptBeforeFn KeptBefore;

}  // namespace

void TermListBuilder::Offer(uint32_t term, const TermEntry& entry) {
  Heap& h = heaps_[term];
  ++h.df;
  Keep(h, Kept{TermImpact(entry.freq, entry.size, avgdl0_), entry});
}

void TermListBuilder::Keep(Heap& h, const Kept& k) {
  if (h.kept.size() >= kTermListCapacity) {
    const Kept& worst = h.kept.front();
    // Of equal impacts the lower row is kept, whatever the order offered.
    if (!KeptBefore(k, worst)) {
      h.floor = std::max(h.floor, k.impact);
      return;
    }
    h.floor = std::max(h.floor, worst.impact);
    std::pop_heap(h.kept.begin(), h.kept.end(), KeptBefore);
    h.kept.back() = k;
  } else {
    h.kept.push_back(k);
  }
  std::push_heap(h.kept.begin(), h.kept.end(), KeptBefore);
}

void TermListBuilder::Merge(TermListBuilder&& other) {
  for (size_t term = 0; term < heaps_.size() && term < other.heaps_.size(); ++term) {
    Heap& h = heaps_[term];
    Heap& o = other.heaps_[term];
    h.df += o.df;
    h.floor = std::max(h.floor, o.floor);
    for (const Kept& k : o.kept) Keep(h, k);
  }
  other.heaps_.clear();
}

std::vector<TermList> TermListBuilder::Finish() {
  std::vector<TermList> lists(heaps_.size());
  for (size_t i = 0; i < heaps_.size(); ++i) {
    Heap& h = heaps_[i];
    std::sort_heap(h.kept.begin(), h.kept.end(), KeptBefore);  // best first
    lists[i].df = h.df;
    lists[i].floor = h.floor;
    lists[i].top.reserve(h.kept.size());
    for (const auto& k : h.kept) lists[i].top.push_back(k.entry);
  }
  heaps_.clear();
  return lists;
}

double ListCutoff(const TermList& list, double avgdl0) {
  if (list.top.size() < kTermListCapacity) return -1.0;
  return TermImpact(list.top.back().freq, list.top.back().size, avgdl0);
}

void RemoveFromList(TermList& list, int64_t row) {
  auto it = std::find_if(list.top.begin(), list.top.end(),
                         [&](const TermEntry& e) { return e.row == row; });
  if (it != list.top.end()) list.top.erase(it);
}

void OfferToList(TermList& list, const TermEntry& entry, double avgdl0) {
  const double impact = TermImpact(entry.freq, entry.size, avgdl0);
  auto impact_of = [&](const TermEntry& e) { return TermImpact(e.freq, e.size, avgdl0); };
  if (list.top.size() >= kTermListCapacity) {
    double last = impact_of(list.top.back());
    if (impact <= last) {
      list.floor = std::max(list.floor, impact);
      return;
    }
    list.floor = std::max(list.floor, last);
    list.top.pop_back();
  }
  auto at = std::find_if(list.top.begin(), list.top.end(),
                         [&](const TermEntry& e) { return impact_of(e) < impact; });
  list.top.insert(at, entry);
}

std::optional<std::vector<std::pair<int64_t, double>>> TopOfList(
    const TermList& list, int limit, int64_t rows, double avgdl, double avgdl0,
    const std::function<bool(int64_t)>& keep) {
  if (limit <= 0 || limit > kTermListMaxLimit || rows <= 0 || avgdl <= 0.0) return std::nullopt;
  const double idf = TermIdf(list.df, rows);
  std::vector<std::pair<int64_t, double>> scored;
  scored.reserve(list.top.size());
  for (const auto& e : list.top) {
    if (!keep || keep(e.row)) scored.emplace_back(e.row, -idf * TermImpact(e.freq, e.size, avgdl));
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  const bool holds_every_row = static_cast<int64_t>(list.top.size()) >= list.df;
  if (!holds_every_row) {
    if (scored.size() < static_cast<size_t>(limit)) return std::nullopt;
    const double growth = std::max(1.0, avgdl / avgdl0);
    const double best_left_out = idf * list.floor * growth;
    if (-scored[static_cast<size_t>(limit) - 1].second < best_left_out) return std::nullopt;
  }
  if (scored.size() > static_cast<size_t>(limit)) scored.resize(static_cast<size_t>(limit));
  return scored;
}

Result<BuiltTermLists> BuildTermListsFromRows(
    const SearchOptions& options, const std::function<Status(const IndexRowVisitor&)>& each_row) {
  BuiltTermLists built;
  TermCensus census;
  DOSSIER_RETURN_IF_ERROR(each_row(
      [&](int64_t, const std::string* columns[kIndexColumnCount]) { census.Count(columns); }));
  built.rows0 = census.rows();
  built.avgdl0 = census.avgdl();
  if (census.rows() < options.term_lists_from_rows) return built;  // no lists yet
  built.ids = census.Frequent(MinRowsOfListedTerm(options));
  TermListBuilder builder(built.ids.size(), built.avgdl0);
  DOSSIER_RETURN_IF_ERROR(each_row([&](int64_t id, const std::string* columns[kIndexColumnCount]) {
    ListedTerms terms = TokenizeListed(columns, built.ids);
    for (const auto& [term, freq] : terms.freq)
      builder.Offer(term, TermEntry{id, freq, terms.size});
  }));
  built.lists = builder.Finish();
  return built;
}

}  // namespace dossier
