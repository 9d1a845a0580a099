#include "dossier/document.h"

#include <array>

namespace dossier {

namespace {
constexpr std::array<std::pair<RelationKind, std::string_view>, 5> kKinds = {{
    {RelationKind::kAmends, "amends"},
    {RelationKind::kTerminates, "terminates"},
    {RelationKind::kAttachmentOf, "attachment-of"},
    {RelationKind::kMinutesOf, "minutes-of"},
    {RelationKind::kSupersedes, "supersedes"},
}};
}  // namespace

std::string_view RelationCode(RelationKind kind) { return kKinds[static_cast<int>(kind)].second; }

std::optional<RelationKind> ParseRelationKind(std::string_view code) {
  for (const auto& [kind, name] : kKinds) {
    if (name == code) return kind;
  }
  return std::nullopt;
}

const std::vector<RelationKind>& AllRelationKinds() {
  static const std::vector<RelationKind> kAll = {
      RelationKind::kAmends, RelationKind::kTerminates, RelationKind::kAttachmentOf,
      RelationKind::kMinutesOf, RelationKind::kSupersedes};
  return kAll;
}

std::optional<ListOrder> ParseListOrder(std::string_view code) {
  static constexpr std::pair<std::string_view, ListOrder> kOrders[] = {
      {"registered", ListOrder::kRegistered}, {"newest", ListOrder::kNewestFirst},
      {"number", ListOrder::kNumber},         {"date", ListOrder::kDateNewest},
      {"date-asc", ListOrder::kDateOldest},   {"title", ListOrder::kTitle}};
  for (const auto& [name, order] : kOrders) {
    if (name == code) return order;
  }
  return std::nullopt;
}

}  // namespace dossier
