#include "retention/hold_index.h"

#include <algorithm>
#include <cctype>

namespace dossier {

namespace {

std::string AsciiLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

bool MatchesHoldQuery(const ListFilter& q, const DocumentSummary& d) {
  if (q.type && d.type != *q.type) return false;
  if (q.status && d.status != *q.status) return false;
  if (q.dept && d.dept != *q.dept) return false;
  if (q.counterparty &&
      AsciiLower(d.counterparty).find(AsciiLower(*q.counterparty)) == std::string::npos)
    return false;
  if (q.from && d.doc_date < *q.from) return false;
  if (q.to && d.doc_date > *q.to) return false;
  return true;
}

Result<HoldIndex> HoldIndex::Load(Catalog& catalog) {
  auto holds = catalog.ListHolds(true);
  if (!holds.ok()) return holds.status();
  HoldIndex index;
  index.holds_ = std::move(*holds);
  for (size_t i = 0; i < index.holds_.size(); ++i) {
    const Hold& h = index.holds_[i];
    switch (h.scope) {
      case HoldScope::kDocument:
        index.by_document_.emplace(h.target_id, i);
        break;
      case HoldScope::kFile: {
        auto members = catalog.FileMembers(h.target_id);
        if (!members.ok()) return members.status();
        for (const auto& id : *members) index.by_document_.emplace(id, i);
        break;
      }
      case HoldScope::kQuery:
        index.queries_.push_back(i);
        break;
    }
  }
  return index;
}

std::vector<Hold> HoldIndex::Covering(const DocumentSummary& document,
                                      const DocumentSummary* file_main) const {
  std::vector<size_t> found;
  auto [begin, end] = by_document_.equal_range(document.id);
  for (auto it = begin; it != end; ++it) found.push_back(it->second);
  for (size_t i : queries_) {
    if (MatchesHoldQuery(holds_[i].query, document) ||
        (file_main && MatchesHoldQuery(holds_[i].query, *file_main))) {
      found.push_back(i);
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<Hold> out;
  for (size_t i : found) out.push_back(holds_[i]);
  return out;
}

}  // namespace dossier
