#include "search/term_lists.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "search/tokenizer.h"

namespace dossier {

namespace {

// FTS5's bm25 constants (fts5_aux.c).
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// Each entry: row (8 bytes), freq, size (4 bytes each), little-endian as
// this machine writes them; the lists are rebuilt by reindex, never moved
// between machines on their own (the catalog is, whole, and SQLite's
// file is the same on every little-endian machine we build for).
constexpr size_t kEntryBytes = 16;

}  // namespace

std::string ColumnWeightsSql() {
  std::string out;
  for (double w : kColumnWeights) out += (out.empty() ? "" : ", ") + std::to_string(w);
  return out;
}

std::string EncodeTermEntries(const std::vector<TermEntry>& entries) {
  std::string out(entries.size() * kEntryBytes, '\0');
  char* p = out.data();
  for (const auto& e : entries) {
    std::memcpy(p, &e.row, 8);
    std::memcpy(p + 8, &e.freq, 4);
    std::memcpy(p + 12, &e.size, 4);
    p += kEntryBytes;
  }
  return out;
}

bool DecodeTermEntries(std::string_view blob, std::vector<TermEntry>& entries) {
  entries.clear();
  if (blob.size() % kEntryBytes != 0) return false;
  entries.resize(blob.size() / kEntryBytes);
  const char* p = blob.data();
  for (auto& e : entries) {
    std::memcpy(&e.row, p, 8);
    std::memcpy(&e.freq, p + 8, 4);
    std::memcpy(&e.size, p + 12, 4);
    p += kEntryBytes;
  }
  return true;
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

ListedTerms TokenizeListed(const std::string* columns[4], const TermIds& ids) {
  ListedTerms terms;
  for (int c = 0; c < 4; ++c) {
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
