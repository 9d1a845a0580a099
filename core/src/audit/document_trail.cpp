#include "audit/document_trail.h"

#include <cstdlib>

#include "util/json_util.h"

namespace dossier {

bool ShapesDocumentTrail(const std::string& action) {
  static const std::set<std::string> kShaping = {
      "register", "version",   "confidentiality", "void", "link", "transition", "archive", "import",
      "destroy",  "retention", "retention-extend"};
  return kShaping.count(action) > 0;
}

void ApplyToTrail(const AuditEntry& e, DocumentTrail& d) {
  if (!ShapesDocumentTrail(e.action)) return;
  auto details = ParseJsonObject(e.details_json, "audit entry " + std::to_string(e.seq));
  if (!details.ok()) return;
  const auto& o = *details;
  if (e.action == "register") {
    d.registered = true;
    d.number = o->optValue<std::string>("number", "");
    d.type = o->optValue<std::string>("type", "");
    d.confidentiality = o->optValue<int>("confidentiality", -1);
    d.status = o->optValue<std::string>("status", "");
    d.version_digests[1] = o->optValue<std::string>("digest", "");
    d.created_by = e.actor;
  } else if (e.action == "import") {
    // A document brought from another repository: its registration here,
    // with every version and relation it came with.
    d.registered = true;
    d.number = o->optValue<std::string>("number", "");
    d.type = o->optValue<std::string>("type", "");
    d.confidentiality = o->optValue<int>("confidentiality", -1);
    d.status = o->optValue<std::string>("status", "");
    if (auto digests = o->getObject("digests")) {
      for (const auto& [n, digest] : *digests)
        d.version_digests[std::atoi(n.c_str())] = digest.toString();
    }
    if (o->has("retention")) d.retention = o->optValue<std::string>("retention", "");
    for (const char* field :
         {"archive_code", "piece", "unit", "archived_at", "archived_by", "clock_start"}) {
      if (o->has(field)) d.archive[field] = o->get(field).toString();
    }
    if (o->has("steps_digest"))
      d.imported_steps_digest = o->optValue<std::string>("steps_digest", "");
    if (auto imported_links = o->getArray("links")) {
      for (size_t i = 0; i < imported_links->size(); ++i) {
        auto l = imported_links->getObject(static_cast<unsigned>(i));
        if (l)
          d.links.insert(l->optValue<std::string>("kind", "") + " " +
                         l->optValue<std::string>("to", ""));
      }
    }
  } else if (e.action == "version") {
    d.version_digests[o->optValue<int>("version", 0)] = o->optValue<std::string>("digest", "");
  } else if (e.action == "confidentiality") {
    d.confidentiality = o->optValue<int>("to", -1);
  } else if (e.action == "transition") {
    d.status = o->optValue<std::string>("to", "");
  } else if (e.action == "archive") {
    d.status = "archived";
    d.retention = o->optValue<std::string>("retention", "");
    d.archive = {{"archived_at", e.at}, {"archived_by", e.actor}};
    for (const char* field : {"archive_code", "piece", "unit", "clock_start"}) {
      if (o->has(field)) d.archive[field] = o->get(field).toString();
    }
  } else if (e.action == "retention") {
    d.retention = o->optValue<std::string>("to", "");
    if (o->has("clock_start"))
      d.archive["clock_start"] = o->optValue<std::string>("clock_start", "");
  } else if (e.action == "retention-extend") {
    d.extended_until = o->optValue<std::string>("until", "");
  } else if (e.action == "destroy") {
    d.status = "destroyed";
  } else if (e.action == "void") {
    d.void_ = true;
  } else if (e.action == "link") {
    d.links.insert(o->optValue<std::string>("kind", "") + " " + o->optValue<std::string>("to", ""));
  }
}

}  // namespace dossier
