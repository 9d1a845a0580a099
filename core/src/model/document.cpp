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
  static const std::vector<RelationKind> kAll = {RelationKind::kAmends, RelationKind::kTerminates,
                                                 RelationKind::kAttachmentOf, RelationKind::kMinutesOf,
                                                 RelationKind::kSupersedes};
  return kAll;
}

}  // namespace dossier
