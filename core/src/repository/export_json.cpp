// The JSON form of an exported document record, both ways. Kept beside the
// schema it follows (schemas/export/dossier-export.schema.json): a field
// added here is added there.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "dossier/export.h"
#include "util/json_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Object::Ptr VersionObject(const Version& v) {
  Object::Ptr o = new Object();
  o->set("number", v.number);
  o->set("parent", v.parent);
  o->set("title", v.title);
  auto metadata = ParseJson(v.metadata_json, "metadata");
  o->set("metadata", metadata.ok() ? *metadata : Var(Object::Ptr(new Object())));
  o->set("author", v.author);
  o->set("created_at", v.created_at);
  o->set("comment", v.comment);
  o->set("digest", v.digest);
  Array::Ptr files = new Array();
  for (const auto& f : v.files) {
    Object::Ptr fo = new Object();
    fo->set("name", f.name);
    fo->set("sha256", f.sha256);
    fo->set("size", f.size);
    files->add(fo);
  }
  o->set("files", files);
  return o;
}

// Reads typed fields of one JSON object, remembering the first problem so
// that the caller checks once.
class Reader {
 public:
  Reader(Object::Ptr object, std::string where) : o_(std::move(object)), where_(std::move(where)) {}

  std::string Text(const std::string& key) {
    Var v = Get(key);
    if (!v.isEmpty() && !v.isString()) Fail(key, "is not a string");
    return v.isString() ? v.extract<std::string>() : "";
  }
  int64_t Integer(const std::string& key) {
    Var v = Get(key);
    if (v.isEmpty()) return 0;
    if (!v.isInteger()) {
      Fail(key, "is not an integer");
      return 0;
    }
    return v.convert<int64_t>();
  }
  bool Bool(const std::string& key) {
    Var v = Get(key);
    if (v.isEmpty()) return false;
    if (v.type() != typeid(bool)) {
      Fail(key, "is not true or false");
      return false;
    }
    return v.extract<bool>();
  }
  Array::Ptr List(const std::string& key) {
    Var v = Get(key);
    if (v.isEmpty()) return new Array();
    if (v.type() != typeid(Array::Ptr)) {
      Fail(key, "is not an array");
      return new Array();
    }
    return v.extract<Array::Ptr>();
  }
  Object::Ptr Child(const std::string& key, bool nullable) {
    Var v = Get(key);
    if (v.isEmpty()) {
      if (!nullable) Fail(key, "is null");
      return nullptr;
    }
    if (v.type() != typeid(Object::Ptr)) {
      Fail(key, "is not an object");
      return nullptr;
    }
    return v.extract<Object::Ptr>();
  }
  std::string Json(const std::string& key) {
    Object::Ptr child = Child(key, false);
    return child ? CanonicalJson(Var(child)) : "{}";
  }
  const Status& status() const { return status_; }
  void Fail(const std::string& key, const std::string& problem) {
    if (status_.ok())
      status_ = Status::InvalidArgument("document record: " + where_ + key + " " + problem);
  }

 private:
  Var Get(const std::string& key) {
    if (!o_->has(key)) {
      Fail(key, "is missing");
      return Var();
    }
    return o_->get(key);
  }
  Object::Ptr o_;
  std::string where_;
  Status status_ = Status::Ok();
};

Object::Ptr ObjectAt(const Array::Ptr& array, size_t i, Reader& parent, const std::string& what) {
  Var v = array->get(static_cast<unsigned>(i));
  if (v.type() != typeid(Object::Ptr)) {
    parent.Fail(what + "[" + std::to_string(i) + "]", "is not an object");
    return nullptr;
  }
  return v.extract<Object::Ptr>();
}

}  // namespace

std::string ExportDocumentJson(const ExportDocument& d, bool with_audit) {
  Object::Ptr o = new Object();
  const auto& s = d.summary;
  o->set("id", s.id);
  o->set("number", s.number);
  o->set("type", s.type);
  o->set("title", s.title);
  o->set("confidentiality", std::string(ConfidentialityName(s.confidentiality)));
  o->set("status", s.status);
  o->set("dept", s.dept);
  o->set("counterparty", s.counterparty);
  o->set("doc_date", s.doc_date);
  o->set("created_at", s.created_at);
  o->set("created_by", s.created_by);
  o->set("current_version", s.current_version);
  Array::Ptr versions = new Array();
  for (const auto& v : d.versions) versions->add(VersionObject(v));
  o->set("versions", versions);
  Array::Ptr relations = new Array();
  for (const auto& r : d.relations) {
    Object::Ptr ro = new Object();
    ro->set("kind", std::string(RelationCode(r.kind)));
    ro->set("to_id", r.to_id);
    ro->set("to_number", r.to_number);
    ro->set("created_at", r.created_at);
    ro->set("created_by", r.created_by);
    relations->add(ro);
  }
  o->set("relations", relations);
  if (d.archive) {
    Object::Ptr a = new Object();
    a->set("archive_code", d.archive->archive_code);
    a->set("piece", d.archive->piece);
    a->set("retention", d.archive->retention);
    a->set("retention_reason", d.archive->retention_reason);
    a->set("archived_at", d.archive->archived_at);
    a->set("archived_by", d.archive->archived_by);
    a->set("unit_id", d.archive_unit_id);
    a->set("code_scope", d.archive_code_scope);
    a->set("code_item", d.archive_code_item);
    o->set("archive", a);
  } else {
    o->set("archive", Var());
  }
  Object::Ptr numbering = new Object();
  numbering->set("scope", d.number_scope);
  numbering->set("seq", d.number_seq);
  o->set("numbering", numbering);
  o->set("round", d.round);
  Array::Ptr steps = new Array();
  for (const auto& t : d.steps) {
    Object::Ptr to = new Object();
    to->set("round", t.round);
    to->set("action", t.action);
    to->set("from_state", t.from_state);
    to->set("to_state", t.to_state);
    to->set("actor", t.actor);
    to->set("role", t.role);
    to->set("at", t.at);
    to->set("comment", t.comment);
    to->set("review", t.review);
    steps->add(to);
  }
  o->set("steps", steps);
  Array::Ptr distributions = new Array();
  for (const auto& r : d.distributions) {
    Object::Ptr ro = new Object();
    ro->set("recipient", r.recipient);
    ro->set("at", r.at);
    ro->set("by", r.by);
    ro->set("note", r.note);
    distributions->add(ro);
  }
  o->set("distributions", distributions);
  Array::Ptr resolutions = new Array();
  for (const auto& r : d.resolutions) {
    Object::Ptr ro = new Object();
    ro->set("item", r.item);
    ro->set("text", r.text);
    ro->set("owner", r.owner);
    ro->set("due", r.due);
    ro->set("status", r.status);
    ro->set("done_at", r.done_at);
    ro->set("done_by", r.done_by);
    ro->set("note", r.note);
    resolutions->add(ro);
  }
  o->set("resolutions", resolutions);
  if (with_audit) {
    Array::Ptr audit = new Array();
    for (const auto& e : d.audit) {
      Object::Ptr eo = new Object();
      eo->set("seq", e.seq);
      eo->set("at", e.at);
      eo->set("actor", e.actor);
      eo->set("action", e.action);
      eo->set("object", e.object);
      eo->set("details_json", e.details_json);
      eo->set("prev_hash", e.prev_hash);
      eo->set("hash", e.hash);
      audit->add(eo);
    }
    o->set("audit", audit);
    if (d.signature) {
      Object::Ptr so = new Object();
      so->set("algorithm", d.signature->algorithm);
      so->set("key", d.signature->key);
      so->set("value", d.signature->value);
      o->set("signature", so);
    }
  }
  return CanonicalJson(Var(o));
}

Result<ExportDocument> ParseExportDocumentJson(std::string_view json) {
  auto root = ParseJsonObject(json, "document record");
  if (!root.ok()) return root.status();
  ExportDocument d;
  Reader r(*root, "");
  auto& s = d.summary;
  s.id = r.Text("id");
  s.number = r.Text("number");
  s.type = r.Text("type");
  s.title = r.Text("title");
  std::string level = r.Text("confidentiality");
  if (auto parsed = ParseConfidentiality(level))
    s.confidentiality = *parsed;
  else if (r.status().ok())
    r.Fail("confidentiality", "'" + level + "' is not 公开, 内部, 秘密 or 机密");
  s.status = r.Text("status");
  s.dept = r.Text("dept");
  s.counterparty = r.Text("counterparty");
  s.doc_date = r.Text("doc_date");
  s.created_at = r.Text("created_at");
  s.created_by = r.Text("created_by");
  s.current_version = static_cast<int>(r.Integer("current_version"));
  auto versions = r.List("versions");
  for (size_t i = 0; i < versions->size() && r.status().ok(); ++i) {
    Object::Ptr vo = ObjectAt(versions, i, r, "versions");
    if (!vo) break;
    Reader vr(vo, "versions[" + std::to_string(i) + "].");
    Version v;
    v.number = static_cast<int>(vr.Integer("number"));
    v.parent = static_cast<int>(vr.Integer("parent"));
    v.title = vr.Text("title");
    v.metadata_json = vr.Json("metadata");
    v.author = vr.Text("author");
    v.created_at = vr.Text("created_at");
    v.comment = vr.Text("comment");
    v.digest = vr.Text("digest");
    auto files = vr.List("files");
    for (size_t j = 0; j < files->size() && vr.status().ok(); ++j) {
      Object::Ptr fo = ObjectAt(files, j, vr, "files");
      if (!fo) break;
      Reader fr(fo, "versions[" + std::to_string(i) + "].files[" + std::to_string(j) + "].");
      FileEntry f;
      f.name = fr.Text("name");
      f.sha256 = fr.Text("sha256");
      int64_t size = fr.Integer("size");
      if (size < 0) fr.Fail("size", "is negative");
      f.size = static_cast<uint64_t>(size);
      if (!fr.status().ok()) return fr.status();
      v.files.push_back(std::move(f));
    }
    if (!vr.status().ok()) return vr.status();
    d.versions.push_back(std::move(v));
  }
  auto relations = r.List("relations");
  for (size_t i = 0; i < relations->size() && r.status().ok(); ++i) {
    Object::Ptr ro = ObjectAt(relations, i, r, "relations");
    if (!ro) break;
    Reader rr(ro, "relations[" + std::to_string(i) + "].");
    ExportRelation rel;
    std::string kind = rr.Text("kind");
    if (auto k = ParseRelationKind(kind))
      rel.kind = *k;
    else if (rr.status().ok())
      rr.Fail("kind", "'" + kind + "' is not a relation kind");
    rel.to_id = rr.Text("to_id");
    rel.to_number = rr.Text("to_number");
    rel.created_at = rr.Text("created_at");
    rel.created_by = rr.Text("created_by");
    if (!rr.status().ok()) return rr.status();
    d.relations.push_back(std::move(rel));
  }
  if (Object::Ptr a = r.Child("archive", true)) {
    Reader ar(a, "archive.");
    ArchiveRecord rec;
    rec.document_id = s.id;
    rec.document_number = s.number;
    rec.archive_code = ar.Text("archive_code");
    rec.piece = static_cast<int>(ar.Integer("piece"));
    rec.retention = ar.Text("retention");
    rec.retention_reason = ar.Text("retention_reason");
    rec.archived_at = ar.Text("archived_at");
    rec.archived_by = ar.Text("archived_by");
    d.archive_unit_id = ar.Text("unit_id");
    d.archive_code_scope = ar.Text("code_scope");
    d.archive_code_item = ar.Integer("code_item");
    if (!ar.status().ok()) return ar.status();
    d.archive = rec;
  }
  if (Object::Ptr numbering = r.Child("numbering", false)) {
    Reader nr(numbering, "numbering.");
    d.number_scope = nr.Text("scope");
    d.number_seq = nr.Integer("seq");
    if (!nr.status().ok()) return nr.status();
  }
  d.round = static_cast<int>(r.Integer("round"));
  auto steps = r.List("steps");
  for (size_t i = 0; i < steps->size() && r.status().ok(); ++i) {
    Object::Ptr so = ObjectAt(steps, i, r, "steps");
    if (!so) break;
    Reader sr(so, "steps[" + std::to_string(i) + "].");
    LifecycleStep t;
    t.round = static_cast<int>(sr.Integer("round"));
    t.action = sr.Text("action");
    t.from_state = sr.Text("from_state");
    t.to_state = sr.Text("to_state");
    t.actor = sr.Text("actor");
    t.role = sr.Text("role");
    t.at = sr.Text("at");
    t.comment = sr.Text("comment");
    t.review = sr.Bool("review");
    if (!sr.status().ok()) return sr.status();
    d.steps.push_back(std::move(t));
  }
  auto distributions = r.List("distributions");
  for (size_t i = 0; i < distributions->size() && r.status().ok(); ++i) {
    Object::Ptr dobj = ObjectAt(distributions, i, r, "distributions");
    if (!dobj) break;
    Reader dr(dobj, "distributions[" + std::to_string(i) + "].");
    DistributionRecord rec{dr.Text("recipient"), dr.Text("at"), dr.Text("by"), dr.Text("note")};
    if (!dr.status().ok()) return dr.status();
    d.distributions.push_back(std::move(rec));
  }
  auto resolutions = r.List("resolutions");
  for (size_t i = 0; i < resolutions->size() && r.status().ok(); ++i) {
    Object::Ptr ro = ObjectAt(resolutions, i, r, "resolutions");
    if (!ro) break;
    Reader rr(ro, "resolutions[" + std::to_string(i) + "].");
    Resolution res;
    res.minutes_id = s.id;
    res.minutes_number = s.number;
    res.minutes_title = s.title;
    res.item = static_cast<int>(rr.Integer("item"));
    res.text = rr.Text("text");
    res.owner = rr.Text("owner");
    res.due = rr.Text("due");
    res.status = rr.Text("status");
    res.done_at = rr.Text("done_at");
    res.done_by = rr.Text("done_by");
    res.note = rr.Text("note");
    if (!rr.status().ok()) return rr.status();
    d.resolutions.push_back(std::move(res));
  }
  if ((*root)->has("audit")) {
    auto audit = r.List("audit");
    for (size_t i = 0; i < audit->size() && r.status().ok(); ++i) {
      Object::Ptr eo = ObjectAt(audit, i, r, "audit");
      if (!eo) break;
      Reader er(eo, "audit[" + std::to_string(i) + "].");
      AuditEntry e;
      e.seq = er.Integer("seq");
      e.at = er.Text("at");
      e.actor = er.Text("actor");
      e.action = er.Text("action");
      e.object = er.Text("object");
      e.details_json = er.Text("details_json");
      e.prev_hash = er.Text("prev_hash");
      e.hash = er.Text("hash");
      if (!er.status().ok()) return er.status();
      d.audit.push_back(std::move(e));
    }
  }
  if ((*root)->has("signature")) {
    if (Object::Ptr so = r.Child("signature", false)) {
      Reader sr(so, "signature.");
      RecordSignature sig{sr.Text("algorithm"), sr.Text("key"), sr.Text("value")};
      if (!sr.status().ok()) return sr.status();
      d.signature = std::move(sig);
    }
  }
  if (!r.status().ok()) return r.status();
  return d;
}

}  // namespace dossier
