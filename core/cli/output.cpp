#include "cli/output.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <sstream>

namespace dossier::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {
Poco::Dynamic::Var ParsedOrText(const std::string& json) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(json);
  } catch (const Poco::Exception&) {
    return json;
  }
}

Array::Ptr FilesJson(const std::vector<FileEntry>& files) {
  Array::Ptr arr = new Array();
  for (const auto& f : files) {
    Object::Ptr o = new Object();
    o->set("name", f.name);
    o->set("sha256", f.sha256);
    o->set("size", f.size);
    arr->add(o);
  }
  return arr;
}
}  // namespace

Object::Ptr SummaryJson(const DocumentSummary& d) {
  Object::Ptr o = new Object();
  o->set("id", d.id);
  o->set("type", d.type);
  o->set("number", d.number);
  o->set("title", d.title);
  o->set("confidentiality", std::string(ConfidentialityName(d.confidentiality)));
  o->set("status", d.status);
  o->set("version", d.current_version);
  o->set("dept", d.dept);
  o->set("counterparty", d.counterparty);
  o->set("date", d.doc_date);
  o->set("created_at", d.created_at);
  o->set("created_by", d.created_by);
  return o;
}

Object::Ptr VersionJson(const Version& v) {
  Object::Ptr o = new Object();
  o->set("version", v.number);
  o->set("parent", v.parent);
  o->set("title", v.title);
  o->set("author", v.author);
  o->set("created_at", v.created_at);
  o->set("comment", v.comment);
  o->set("digest", v.digest);
  o->set("metadata", ParsedOrText(v.metadata_json));
  o->set("files", FilesJson(v.files));
  return o;
}

Object::Ptr DocumentJson(const Document& d) {
  Object::Ptr o = SummaryJson(d.summary);
  o->set("metadata", ParsedOrText(d.current.metadata_json));
  o->set("files", FilesJson(d.current.files));
  o->set("digest", d.current.digest);
  Array::Ptr rels = new Array();
  for (const auto& r : d.relations) {
    Object::Ptr ro = new Object();
    ro->set("kind", std::string(RelationCode(r.kind)));
    ro->set("direction", r.outgoing ? "outgoing" : "incoming");
    ro->set("id", r.other_id);
    ro->set("number", r.other_number);
    ro->set("title", r.other_title);
    ro->set("type", r.other_type);
    rels->add(ro);
  }
  o->set("relations", rels);
  return o;
}

Object::Ptr AuditJson(const AuditEntry& e) {
  Object::Ptr o = new Object();
  o->set("seq", e.seq);
  o->set("at", e.at);
  o->set("actor", e.actor);
  o->set("action", e.action);
  o->set("object", e.object);
  o->set("details", ParsedOrText(e.details_json));
  o->set("hash", e.hash);
  return o;
}

Object::Ptr ArchiveJson(const ArchiveRecord& r) {
  Object::Ptr o = new Object();
  o->set("id", r.document_id);
  o->set("number", r.document_number);
  o->set("archive_code", r.archive_code);
  o->set("piece", r.piece);
  o->set("retention", r.retention);
  o->set("retention_reason", r.retention_reason);
  o->set("archived_at", r.archived_at);
  o->set("archived_by", r.archived_by);
  return o;
}

Object::Ptr HoldJson(const Hold& h) {
  Object::Ptr o = new Object();
  o->set("id", h.id);
  o->set("scope", std::string(HoldScopeCode(h.scope)));
  o->set("target", h.target_id);
  o->set("label", h.label);
  o->set("reason", h.reason);
  o->set("authority", h.authority);
  o->set("placed_at", h.placed_at);
  o->set("placed_by", h.placed_by);
  o->set("active", h.active());
  o->set("released_at", h.released_at);
  o->set("released_by", h.released_by);
  o->set("release_reason", h.release_reason);
  return o;
}

Object::Ptr RetentionJson(const RetentionStatus& r) {
  Object::Ptr o = new Object();
  o->set("class", r.cls.code);
  o->set("class_name", r.cls.name_zh);
  o->set("schedule", r.schedule);
  o->set("permanent", r.cls.permanent);
  o->set("action", std::string(RetentionActionCode(r.cls.action)));
  o->set("clock_event", std::string(RetentionEventCode(r.cls.starts)));
  o->set("clock_start", r.clock_start);
  o->set("computed_date", r.computed_date);
  o->set("extended_until", r.extended_until);
  o->set("disposition_date", r.disposition_date);
  o->set("transferred", r.transferred);
  o->set("held", r.held());
  Poco::JSON::Array::Ptr holds = new Poco::JSON::Array();
  for (const auto& h : r.holds) holds->add(HoldJson(h));
  o->set("holds", holds);
  return o;
}

std::string DescribeDisposition(const RetentionStatus& r) {
  if (r.cls.permanent) return "permanent (" + r.cls.code + " " + r.cls.name_zh + ")";
  std::string text = r.disposition_date + " (" + std::string(RetentionActionCode(r.cls.action)) + "; " + r.cls.code +
                     " from " + std::string(RetentionEventCode(r.cls.starts)) + " " + r.clock_start;
  if (!r.extended_until.empty() && r.extended_until == r.disposition_date) text += ", extended from " + r.computed_date;
  return text + ")";
}

void AddLifecycleJson(Object::Ptr o, const LifecycleState& life) {
  o->set("state", life.state);
  o->set("state_name", life.state_name_zh);
  o->set("workflow", life.workflow);
  o->set("frozen", life.frozen);
  Array::Ptr actions = new Array();
  for (const auto& a : life.actions) actions->add(a);
  o->set("actions", actions);
  Array::Ptr awaiting = new Array();
  for (const auto& a : life.awaiting) awaiting->add(a);
  o->set("awaiting", awaiting);
  Array::Ptr steps = new Array();
  for (const auto& s : life.steps) {
    Object::Ptr j = new Object();
    j->set("seq", s.seq);
    j->set("round", s.round);
    j->set("action", s.action);
    j->set("from", s.from_state);
    j->set("to", s.to_state);
    j->set("actor", s.actor);
    j->set("role", s.role);
    j->set("at", s.at);
    j->set("comment", s.comment);
    j->set("review", s.review);
    steps->add(j);
  }
  o->set("steps", steps);
}

void PrintLifecycle(std::ostream& out, const LifecycleState& life) {
  if (life.workflow.empty()) return;
  out << "  state:           " << life.state_name_zh << " (" << life.state << ")" << (life.frozen ? ", content frozen" : "")
      << "\n";
  std::string actions;
  for (const auto& a : life.actions) actions += (actions.empty() ? "" : ", ") + a;
  out << "  you may:         " << (actions.empty() ? "nothing now" : actions) << "\n";
  if (!life.awaiting.empty()) {
    std::string roles;
    for (const auto& r : life.awaiting) roles += (roles.empty() ? "" : ", ") + r;
    out << "  awaiting:        " << roles << "\n";
  }
  if (life.steps.empty()) return;
  out << "  trail:\n";
  for (const auto& s : life.steps) {
    out << "    " << s.at << "  " << s.actor << " (" << s.role << ")  " << s.action << "  " << s.from_state << " -> "
        << s.to_state << (s.comment.empty() ? "" : "  「" + s.comment + "」") << "\n";
  }
}

void PrintJson(std::ostream& out, const Poco::Dynamic::Var& value) {
  Poco::JSON::Stringifier::stringify(value, out, 2, -1, Poco::JSON_WRAP_STRINGS);
  out << "\n";
}


}  // namespace dossier::cli

namespace dossier::cli {

ProgressFn TerminalProgress(const std::string& command) {
  if (::isatty(STDERR_FILENO) == 0) return nullptr;
  return [command](const std::string& phase, int64_t done, int64_t total) {
    if (total > 0) {
      std::fprintf(stderr, "\r  %s: %s %lld/%lld   ", command.c_str(), phase.c_str(), static_cast<long long>(done),
                   static_cast<long long>(total));
    } else {
      std::fprintf(stderr, "\r  %s: %s %lld          ", command.c_str(), phase.c_str(), static_cast<long long>(done));
    }
    std::fflush(stderr);
  };
}

void ClearProgress(const ProgressFn& progress) {
  if (progress) std::fprintf(stderr, "\r%60s\r", "");
}

Result<std::vector<MetadataAssignment>> ParseSets(const std::vector<std::string>& sets) {
  std::vector<MetadataAssignment> out;
  for (const auto& s : sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument("--set '" + s + "': expected key=value (text) or key:=json (number, list...)");
    }
    MetadataAssignment a;
    a.raw_json = s[eq - 1] == ':';
    a.path = s.substr(0, a.raw_json ? eq - 1 : eq);
    a.value = s.substr(eq + 1);
    out.push_back(std::move(a));
  }
  return out;
}

std::string NowUtcMinutes() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string NowUtcIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace dossier::cli
