#include "search/term_lists.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

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
    if (row > static_cast<uint64_t>(INT64_MAX) || freq > UINT32_MAX || size > UINT32_MAX) return false;
    e = TermEntry{static_cast<int64_t>(row), static_cast<uint32_t>(freq), static_cast<uint32_t>(size)};
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

uint32_t TermIds::Add(std::string term) {
  auto [it, added] = ids_.emplace(std::move(term), static_cast<uint32_t>(terms_.size()));
  if (added) terms_.push_back(it->first);
  return it->second;
}

int64_t TermIds::Find(std::string_view term) const {
  auto it = ids_.find(term);
  return it == ids_.end() ? -1 : static_cast<int64_t>(it->second);
}

namespace {

struct ListedTokenizer {
  const TermIds* ids;
  ListedTerms* out;
  uint32_t weight;
  uint32_t column_size;
};

int CollectListed(void* ctx, int flags, const char* token, int size, int, int) {
  auto* t = static_cast<ListedTokenizer*>(ctx);
  // As FTS5 counts a column's size: a colocated token takes no place of its
  // own, unless it comes first.
  if ((flags & kTokenColocated) == 0 || t->column_size == 0) ++t->column_size;
  int64_t id = t->ids->Find(std::string_view(token, static_cast<size_t>(size)));
  if (id >= 0) t->out->freq.emplace_back(static_cast<uint32_t>(id), t->weight);
  return 0;
}

}  // namespace

ListedTerms TokenizeListed(const std::string* columns[kIndexColumnCount], const TermIds& ids) {
  ListedTerms terms;
  for (int c = 0; c < kIndexColumnCount; ++c) {
    if (columns[c] == nullptr || columns[c]->empty()) continue;
    ListedTokenizer t{&ids, &terms, static_cast<uint32_t>(kColumnWeights[c]), 0};
    Tokenize(*columns[c], TokenizeMode::kDocument, &t, CollectListed);
    terms.size += t.column_size;
  }
  // One entry per term: its instances' weights summed.
  auto& f = terms.freq;
  std::sort(f.begin(), f.end());
  size_t out = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    if (out > 0 && f[out - 1].first == f[i].first) {
      f[out - 1].second += f[i].second;
    } else {
      f[out++] = f[i];
    }
  }
  f.resize(out);
  return terms;
}

double ListCutoff(const TermList& list, double avgdl0) {
  if (list.top.size() < kTermListCapacity) return -1.0;
  return TermImpact(list.top.back().freq, list.top.back().size, avgdl0);
}

void RemoveFromList(TermList& list, int64_t row) {
  auto it = std::find_if(list.top.begin(), list.top.end(), [&](const TermEntry& e) { return e.row == row; });
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
  auto at = std::find_if(list.top.begin(), list.top.end(), [&](const TermEntry& e) { return impact_of(e) < impact; });
  list.top.insert(at, entry);
}

std::optional<std::vector<std::pair<int64_t, double>>> TopOfList(const TermList& list, int limit, int64_t rows,
                                                                 double avgdl, double avgdl0) {
  if (limit <= 0 || limit > kTermListMaxLimit || rows <= 0 || avgdl <= 0.0) return std::nullopt;
  const double idf = TermIdf(list.df, rows);
  std::vector<std::pair<int64_t, double>> scored;
  scored.reserve(list.top.size());
  for (const auto& e : list.top) scored.emplace_back(e.row, -idf * TermImpact(e.freq, e.size, avgdl));
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

}  // namespace dossier
