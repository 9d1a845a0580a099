#include "audit/register_trail.h"

#include <set>

#include "util/json_util.h"
#include "util/sha256.h"

namespace dossier {

namespace {

std::string Text(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o->has(key) ? o->get(key).toString() : std::string();
}

// Sets field `to` from the details' `from` when the entry states it (older
// entries may not): a field the trail never stated is not compared.
void Copy(const Poco::JSON::Object::Ptr& o, const std::string& from, Fields& f,
          const std::string& to) {
  if (o->has(from)) f[to] = o->get(from).toString();
}

void ApplyUser(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  Fields& user = t.users[e.object];
  Copy(o, "role", user, "role");
  Copy(o, "clearance", user, "clearance");
  Copy(o, "department", user, "department");
  if (o->has("active")) user["active"] = o->getValue<bool>("active") ? "1" : "0";
}

void ApplyHold(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  const int64_t id = o->optValue<int64_t>("id", 0);
  if (e.action == "hold") {
    Fields& h = t.holds[id];
    Copy(o, "scope", h, "scope");
    if (Text(o, "scope") != "query") h["target"] = e.object;
    Copy(o, "label", h, "label");
    Copy(o, "reason", h, "reason");
    Copy(o, "authority", h, "authority");
    h["placed_at"] = e.at;
    h["placed_by"] = e.actor;
    h["released_at"] = "";
  } else {
    Fields& h = t.holds[id];
    h["released_at"] = e.at;
    h["released_by"] = e.actor;
    Copy(o, "reason", h, "release_reason");
  }
}

void ApplyLoan(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  Fields loan{{"document", e.object},
              {"borrower", Text(o, "borrower")},
              {"original", o->optValue<bool>("original", false) ? "1" : "0"},
              {"due", Text(o, "due")},
              {"note", Text(o, "note")}};
  if (e.action == "lend") {
    loan["lent_at"] = e.at;
    loan["lent_by"] = e.actor;
    loan["returned_at"] = "";
    loan["returned_by"] = "";
    t.loans.push_back(std::move(loan));
    return;
  }
  // A return closes the oldest loan still out that it describes; its note,
  // if it has one, replaces the loan's.
  for (auto& l : t.loans) {
    if (!l["returned_at"].empty()) continue;
    bool same = true;
    for (const char* k : {"document", "borrower", "original", "due"})
      same = same && l[k] == loan[k];
    if (!same) continue;
    l["returned_at"] = e.at;
    l["returned_by"] = e.actor;
    l["note"] = loan["note"];
    return;
  }
}

void ApplySeal(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  Fields& use = t.seal_uses[o->optValue<int64_t>("use", 0)];
  use["document"] = e.object;
  Copy(o, "seal", use, "seal");
  Copy(o, "purpose", use, "purpose");
  Copy(o, "status", use, "status");
  if (e.action == "seal.request") {
    use["requested_by"] = e.actor;
    use["requested_at"] = e.at;
    use["decided_by"] = use["decided_at"] = use["used_at"] = use["returned_at"] = "";
  } else if (e.action == "seal.approve" || e.action == "seal.reject") {
    use["decided_by"] = e.actor;
    use["decided_at"] = e.at;
    Copy(o, "comment", use, "comment");
  } else if (e.action == "seal.use") {
    use["used_at"] = e.at;
  } else if (e.action == "seal.return") {
    use["returned_at"] = e.at;
  }
}

void ApplyStep(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  Fields step{{"action", Text(o, "action")},
              {"from", Text(o, "from")},
              {"to", Text(o, "to")},
              {"actor", e.actor},
              {"at", e.at},
              {"comment", Text(o, "comment")}};
  // The role the actor signed in: stated by newer entries, else the one the
  // trail gave the actor by then.
  if (o->has("role"))
    step["role"] = Text(o, "role");
  else if (auto user = t.users.find(e.actor); user != t.users.end() && user->second.count("role")) {
    step["role"] = user->second.at("role");
  }
  t.steps[e.object].push_back(std::move(step));
}

// Rows as an entry lists them: [{field: value}, ...].
std::vector<Fields> ListedRows(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  std::vector<Fields> rows;
  auto list = o->getArray(key);
  if (!list) return rows;
  for (size_t i = 0; i < list->size(); ++i) {
    auto row = list->getObject(static_cast<unsigned>(i));
    if (!row) continue;
    Fields f;
    for (const auto& [field, value] : *row) f[field] = value.toString();
    rows.push_back(std::move(f));
  }
  return rows;
}

void ApplyDistribution(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  auto recipients = o->getArray(e.action == "distribute" ? "recipients" : "distributed");
  if (!recipients) return;
  // Copies a transition distributes carry its action as their note.
  const std::string note = e.action == "distribute" ? Text(o, "note") : Text(o, "action");
  for (const auto& r : *recipients) {
    t.distributions[e.object].push_back(
        {{"recipient", r.toString()}, {"at", e.at}, {"by", e.actor}, {"note", note}});
  }
}

void ApplyResolutions(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  if (e.action == "resolution.done") {
    Fields& r = t.resolutions[e.object][Text(o, "item")];
    r["status"] = "done";
    r["done_at"] = e.at;
    r["done_by"] = e.actor;
    r["note"] = Text(o, "note");
    return;
  }
  for (auto& tracked : ListedRows(o, "resolutions")) {
    const std::string item = tracked["item"];
    tracked.erase("item");
    if (e.action == "transition") {
      tracked.insert({{"status", "open"}, {"done_at", ""}, {"done_by", ""}, {"note", ""}});
    }
    t.resolutions[e.object][item] = std::move(tracked);
  }
}

// A document from a package: the copies and resolutions it came with.
void ApplyImport(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  for (auto& d : ListedRows(o, "distributions")) t.distributions[e.object].push_back(std::move(d));
  ApplyResolutions(e, o, t);
}

}  // namespace

Fields DistributionFields(const DistributionRecord& r) {
  return {{"recipient", r.recipient}, {"at", r.at}, {"by", r.by}, {"note", r.note}};
}

Fields ResolutionFields(const Resolution& r) {
  return {{"text", r.text},       {"owner", r.owner},     {"due", r.due},  {"status", r.status},
          {"done_at", r.done_at}, {"done_by", r.done_by}, {"note", r.note}};
}

Fields StepFields(const LifecycleStep& s) {
  return {{"action", s.action}, {"from", s.from_state}, {"to", s.to_state},    {"actor", s.actor},
          {"role", s.role},     {"at", s.at},           {"comment", s.comment}};
}

std::string StepsDigest(const std::vector<Fields>& steps) {
  Sha256 sha;
  auto field = [&](const std::string& value) {
    sha.Update(std::to_string(value.size()) + ":");
    sha.Update(value);
  };
  for (const auto& step : steps) {
    field(std::to_string(step.size()));
    for (const auto& [name, value] : step) {
      field(name);
      field(value);
    }
  }
  return sha.HexDigest();
}

// A user leaving hands what they hold to another (e.object is the one leaving).
void ApplyHandover(const AuditEntry& e, const Poco::JSON::Object::Ptr& o, RegisterTrail& t) {
  const std::string to = Text(o, "to");
  for (auto& listed : ListedRows(o, "loans")) {
    for (auto& l : t.loans) {
      if (l["returned_at"].empty() && l["borrower"] == e.object &&
          l["document"] == listed["document"] && l["due"] == listed["due"] &&
          l["original"] == (listed["original"] == "true" ? "1" : "0")) {
        l["borrower"] = to;
        break;
      }
    }
  }
  for (auto& listed : ListedRows(o, "resolutions")) {
    auto doc = t.resolutions.find(listed["document"]);
    if (doc == t.resolutions.end()) continue;
    if (auto item = doc->second.find(listed["item"]); item != doc->second.end())
      item->second["owner"] = to;
  }
  if (auto uses = o->getArray("seal_uses")) {
    for (size_t i = 0; i < uses->size(); ++i) {
      auto found = t.seal_uses.find(uses->getElement<int64_t>(static_cast<unsigned>(i)));
      if (found != t.seal_uses.end()) found->second["requested_by"] = to;
    }
  }
}

bool ShapesRegisters(const std::string& action) {
  static const std::set<std::string> kShaping = {
      "user.add",    "user.update",  "hold",         "hold-release",    "lend",
      "return",      "seal.request", "seal.approve", "seal.reject",     "seal.use",
      "seal.return", "transition",   "distribute",   "resolution.done", "import",
      "destroy",     "user.handover"};
  return kShaping.count(action) > 0;
}

void ApplyToRegisters(const AuditEntry& e, RegisterTrail& trail) {
  if (!ShapesRegisters(e.action)) return;
  auto details = ParseJsonObject(e.details_json, "audit entry " + std::to_string(e.seq));
  if (!details.ok()) return;
  const auto& o = *details;
  if (e.action == "user.add" || e.action == "user.update")
    ApplyUser(e, o, trail);
  else if (e.action == "user.handover")
    ApplyHandover(e, o, trail);
  else if (e.action == "hold" || e.action == "hold-release")
    ApplyHold(e, o, trail);
  else if (e.action == "lend" || e.action == "return")
    ApplyLoan(e, o, trail);
  else if (e.action.rfind("seal.", 0) == 0)
    ApplySeal(e, o, trail);
  else if (e.action == "transition") {
    ApplyStep(e, o, trail);
    ApplyDistribution(e, o, trail);
    ApplyResolutions(e, o, trail);
  } else if (e.action == "distribute")
    ApplyDistribution(e, o, trail);
  else if (e.action == "resolution.done")
    ApplyResolutions(e, o, trail);
  else if (e.action == "import")
    ApplyImport(e, o, trail);
  else if (e.action == "destroy")
    trail.resolutions.erase(e.object);  // content: destroyed with the document
}

}  // namespace dossier
