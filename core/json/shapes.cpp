// The JSON shapes of the core's values, shared by every front end (the
// command line's --json and the server's API), so that a document reads the
// same everywhere. A stable interface: add fields, never rename or remove.
#include "json/shapes.h"

#include <Poco/JSON/Parser.h>

namespace dossier::json {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {
// keep_order: a JSON Schema's properties stay in the order its author wrote
// them (the order a form and a page show them in), not sorted by key.
Poco::Dynamic::Var ParsedOrText(const std::string& json, bool keep_order = false) {
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(keep_order));
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
  std::string text = r.disposition_date + " (" + std::string(RetentionActionCode(r.cls.action)) +
                     "; " + r.cls.code + " from " + std::string(RetentionEventCode(r.cls.starts)) +
                     " " + r.clock_start;
  if (!r.extended_until.empty() && r.extended_until == r.disposition_date)
    text += ", extended from " + r.computed_date;
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
  Array::Ptr offered = new Array();
  for (const auto& a : life.offered) {
    Object::Ptr j = new Object();
    j->set("action", a.action);
    j->set("name", a.name_zh);
    j->set("comment_required", a.comment_required);
    Array::Ptr data = new Array();
    for (const auto& [key, pointer] : a.data) {
      Object::Ptr d = new Object();
      d->set("key", key);
      d->set("pointer", pointer);
      data->add(d);
    }
    j->set("data", data);
    offered->add(j);
  }
  o->set("offered", offered);
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

Object::Ptr TypeJson(const DocumentTypeInfo& t) {
  Object::Ptr o = new Object();
  o->set("code", t.code);
  o->set("name_zh", t.name_zh);
  o->set("name_en", t.name_en);
  o->set("numbering", t.numbering);
  o->set("retention", t.retention);
  o->set("description", t.description);
  o->set("workflow", t.workflow);
  o->set("registrable", t.registrable);
  Array::Ptr states = new Array();
  for (const auto& st : t.states) states->add(NamedCodeJson(st));
  o->set("states", states);
  Array::Ptr actions = new Array();
  for (const auto& a : t.actions) {
    Object::Ptr x = new Object();
    x->set("action", a.action);
    x->set("from", a.from);
    x->set("name_zh", a.name_zh);
    Array::Ptr data = new Array();
    for (const auto& pointer : a.data) data->add(pointer);
    x->set("data", data);
    actions->add(x);
  }
  o->set("actions", actions);
  o->set("schema", ParsedOrText(t.schema_json, true));
  return o;
}

Object::Ptr NamedCodeJson(const NamedCode& n) {
  Object::Ptr o = new Object();
  o->set("code", n.code);
  o->set("name_zh", n.name_zh);
  o->set("name_en", n.name_en);
  return o;
}

Object::Ptr ActorJson(const Actor& a) {
  Object::Ptr j = new Object();
  j->set("name", a.name);
  j->set("role", std::string(RoleCode(a.role)));
  j->set("role_name", std::string(RoleName(a.role)));
  j->set("clearance", std::string(ConfidentialityName(a.clearance)));
  j->set("department", a.department);
  j->set("language", a.language);
  return j;
}

Object::Ptr UserJson(const User& u) {
  Object::Ptr j = ActorJson(Actor{u.name, u.role, u.clearance, u.department, u.language});
  j->set("active", u.active);
  return j;
}

Object::Ptr TokenJson(const ApiToken& t) {
  Object::Ptr j = new Object();
  j->set("id", t.id);
  j->set("user", t.user);
  j->set("label", t.label);
  j->set("read_only", t.read_only);
  j->set("created_at", t.created_at);
  j->set("created_by", t.created_by);
  j->set("expires", t.expires_at);
  j->set("revoked_at", t.revoked_at);
  j->set("last_used_at", t.last_used_at);
  return j;
}

Object::Ptr KeyJson(const KeyInfo& k) {
  Object::Ptr j = new Object();
  j->set("key_id", k.key_id);
  j->set("public_key", k.public_key_pem);
  j->set("label", k.label);
  j->set("own", k.own);
  j->set("current", k.current);
  j->set("added_at", k.added_at);
  j->set("added_by", k.added_by);
  j->set("removed_at", k.removed_at);
  return j;
}

Object::Ptr SessionJson(const SessionInfo& s) {
  Object::Ptr j = new Object();
  j->set("id", s.id);
  j->set("user", s.user);
  j->set("created_at", s.created_at);
  j->set("last_seen_at", s.last_seen_at);
  j->set("expires_at", s.expires_at);
  j->set("address", s.address);
  j->set("user_agent", s.user_agent);
  j->set("current", s.current);
  return j;
}

Result<DocumentDetail> LoadDocumentDetail(const Repository& repo, const Actor& actor,
                                          std::string_view ref) {
  DocumentDetail v;
  auto d = repo.Get(actor, ref);
  if (!d.ok()) return d.status();
  v.document = std::move(*d);
  auto life = repo.Lifecycle(actor, ref);
  if (!life.ok()) return life.status();
  v.lifecycle = std::move(*life);
  auto copies = repo.Distributions(actor, ref);
  if (!copies.ok()) return copies.status();
  v.distributions = std::move(*copies);
  auto archived = repo.ArchiveInfo(actor, ref);
  if (!archived.ok()) return archived.status();
  v.archive = std::move(*archived);
  auto texts = repo.FileTexts(actor, ref, 0);
  if (!texts.ok()) return texts.status();
  v.texts = std::move(*texts);
  auto transfer = repo.TransferOf(actor, ref);
  if (!transfer.ok()) return transfer.status();
  v.transfer = std::move(*transfer);
  if (v.archive) v.retention = repo.Retention(actor, ref);
  auto destruction = repo.DestructionOf(actor, ref);
  if (!destruction.ok()) return destruction.status();
  v.destruction = std::move(*destruction);
  return v;
}

Object::Ptr DocumentDetailJson(const DocumentDetail& v) {
  auto j = DocumentJson(v.document);
  Array::Ptr text = new Array();
  for (const auto& t : v.texts) {
    Object::Ptr x = new Object();
    x->set("file", t.name);
    x->set("kind", t.kind);
    x->set("extracted", t.note.empty());
    x->set("note", t.note);
    x->set("size", static_cast<Poco::UInt64>(t.size));
    text->add(x);
  }
  j->set("text", text);
  AddLifecycleJson(j, v.lifecycle);
  Array::Ptr dist = new Array();
  for (const auto& c : v.distributions) {
    Object::Ptr x = new Object();
    x->set("recipient", c.recipient);
    x->set("at", c.at);
    x->set("by", c.by);
    x->set("note", c.note);
    dist->add(x);
  }
  j->set("distribution", dist);
  if (v.archive) j->set("archive", ArchiveJson(*v.archive));
  if (v.retention && v.retention->ok()) j->set("retention", RetentionJson(**v.retention));
  if (v.retention && !v.retention->ok())
    j->set("retention_problem", v.retention->status().message());
  if (v.destruction) {
    Object::Ptr x = new Object();
    x->set("list", v.destruction->list_number);
    x->set("at", v.destruction->destroyed_at);
    x->set("by", v.destruction->destroyed_by);
    x->set("certificate", v.destruction->certificate_number);
    j->set("destroyed", x);
  }
  if (v.transfer) {
    Object::Ptr t = new Object();
    t->set("transfer", v.transfer->seq);
    t->set("at", v.transfer->at);
    t->set("by", v.transfer->by);
    t->set("recipient", v.transfer->recipient);
    t->set("note", v.transfer->note);
    Array::Ptr packages = new Array();
    for (const auto& p : v.transfer->packages) packages->add(p);
    t->set("packages", packages);
    j->set("transferred", t);
  }
  return j;
}

Object::Ptr DiffJson(const VersionDiff& d) {
  Object::Ptr j = new Object();
  j->set("from", d.from);
  j->set("to", d.to);
  if (d.title) {
    Object::Ptr t = new Object();
    t->set("before", d.title->first);
    t->set("after", d.title->second);
    j->set("title", t);
  }
  Array::Ptr fields = new Array();
  for (const auto& f : d.fields) {
    Object::Ptr fo = new Object();
    fo->set("path", f.path);
    fo->set("before", f.before ? Poco::Dynamic::Var(*f.before) : Poco::Dynamic::Var());
    fo->set("after", f.after ? Poco::Dynamic::Var(*f.after) : Poco::Dynamic::Var());
    fields->add(fo);
  }
  j->set("fields", fields);
  auto list = [](const std::vector<std::string>& v) {
    Array::Ptr a = new Array();
    for (const auto& x : v) a->add(x);
    return a;
  };
  j->set("files_added", list(d.files_added));
  j->set("files_removed", list(d.files_removed));
  j->set("files_changed", list(d.files_changed));
  return j;
}

Array::Ptr LeftoversJson(const std::vector<LeftoverFile>& files) {
  Array::Ptr out = new Array();
  for (const auto& l : files) {
    Object::Ptr x = new Object();
    x->set("path", l.path);
    x->set("bytes", l.bytes);
    x->set("what", l.what);
    out->add(x);
  }
  return out;
}

Object::Ptr VerifyJson(const VerifyReport& report) {
  Object::Ptr j = new Object();
  j->set("clean", report.clean());
  j->set("blobs_checked", report.blobs_checked);
  j->set("versions_checked", report.versions_checked);
  j->set("documents_checked", report.documents_checked);
  j->set("audit_entries_checked", report.audit_entries_checked);
  Array::Ptr problems = new Array();
  for (const auto& p : report.problems) {
    Object::Ptr x = new Object();
    x->set("kind", p.kind);
    x->set("object", p.object);
    x->set("message", p.message);
    problems->add(x);
  }
  j->set("problems", problems);
  Array::Ptr not_checked = new Array();
  for (const auto& n : report.not_checked) not_checked->add(n);
  j->set("not_checked", not_checked);
  j->set("leftovers", LeftoversJson(report.leftovers));
  j->set("abandoned", LeftoversJson(report.abandoned));
  return j;
}

Object::Ptr IngestJson(const IngestReport& report, double seconds) {
  // Each item as {path, id (of what this ingest registered), <number_key>: number}.
  auto items = [](const std::vector<IngestItem>& list, const char* number_key) {
    Array::Ptr out = new Array();
    for (const auto& r : list) {
      Object::Ptr x = new Object();
      x->set("path", r.path);
      if (!r.id.empty()) x->set("id", r.id);
      x->set(number_key, r.number);
      out->add(x);
    }
    return out;
  };
  Array::Ptr registered = items(report.registered, "number");
  Array::Ptr already = items(report.already, "number");
  Array::Ptr duplicates = items(report.duplicates, "same_as");
  Array::Ptr failed = new Array();
  for (const auto& f : report.failed) {
    Object::Ptr x = new Object();
    x->set("path", f.path);
    x->set("error", f.message);
    failed->add(x);
  }
  Object::Ptr j = new Object();
  j->set("registered", registered);
  j->set("already", already);
  j->set("duplicates", duplicates);
  j->set("failed", failed);
  j->set("bytes", report.bytes);
  j->set("seconds", seconds);
  return j;
}

Object::Ptr GcJson(const GcReport& report, bool dry_run) {
  Object::Ptr j = new Object();
  j->set("dry_run", dry_run);
  j->set("removed", LeftoversJson(report.removed));
  j->set("kept", LeftoversJson(report.kept));
  j->set("bytes", static_cast<Poco::UInt64>(report.bytes));
  return j;
}

Array::Ptr PendingJson(const std::vector<PendingItem>& items) {
  Array::Ptr list = new Array();
  for (const auto& item : items) {
    auto x = SummaryJson(item.document);
    Array::Ptr actions = new Array();
    for (const auto& a : item.actions) actions->add(a);
    x->set("actions", actions);
    list->add(x);
  }
  return list;
}

Object::Ptr SearchResultJson(const SearchResult& result) {
  Object::Ptr j = new Object();
  j->set("total", static_cast<Poco::Int64>(result.total));
  Array::Ptr hits = new Array();
  for (const auto& h : result.hits) {
    auto x = SummaryJson(h.document);
    x->set("version", h.version);
    x->set("score", h.score);
    x->set("snippet", h.snippet);
    hits->add(x);
  }
  j->set("hits", hits);
  return j;
}

}  // namespace dossier::json
