// Documents: list, show, register with files, new versions, history and
// diff, file downloads, void, classify, link.
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "dossier/json_input.h"
#include "json/shapes.h"
#include "server/json_input.h"
#include "server/router.h"
#include "server/uploads.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Result<ListFilter> FilterOf(const Exchange& ex) {
  ListFilter f;
  f.type = ex.query("type");
  f.status = ex.query("status");
  f.dept = ex.query("dept");
  f.counterparty = ex.query("counterparty");
  f.from = ex.query("from");
  f.to = ex.query("to");
  for (auto* v : {&f.type, &f.status, &f.dept, &f.counterparty, &f.from, &f.to}) {
    if (*v && (*v)->empty()) v->reset();  // ?type= is no filter
  }
  if (auto sort = ex.query("sort"); sort && !sort->empty()) {
    auto order = ParseListOrder(*sort);
    if (!order)
      return Status::InvalidArgument("sort '" + *sort +
                                     "': registered, newest, number, date, date-asc or title");
    f.order = *order;
  }
  return f;
}

Status ListDocuments(Exchange& ex) {
  auto filter = FilterOf(ex);
  if (!filter.ok()) return filter.status();
  auto page = ex.QueryInt("page", 1, 1, 1000000);
  if (!page.ok()) return page.status();
  auto per_page = ex.QueryInt("per_page", 50, 1, 500);
  if (!per_page.ok()) return per_page.status();
  Array::Ptr list = new Array();
  int64_t total = 0;
  auto q = ex.query("q");
  if (q && !q->empty()) {
    // With a query: the best matches first, paged through the ranked list.
    SearchRequest request;
    request.query = *q;
    request.type = filter->type;
    request.status = filter->status;
    request.dept = filter->dept;
    request.counterparty = filter->counterparty;
    request.from = filter->from;
    request.to = filter->to;
    int64_t end = *page * *per_page;
    if (end > 10000)
      return Status::InvalidArgument(
          "page * per_page of a query may not pass 10000: narrow the query");
    request.limit = static_cast<int>(end);
    request.time_limit = std::chrono::seconds(ex.config().search_seconds);
    Result<SearchResult> result = Status::Internal("not searched");
    {
      Gate::Pass pass(ex.search_gate());
      result = ex.repo().Search(ex.actor(), request);
    }
    if (!result.ok()) return result.status();
    for (size_t i = static_cast<size_t>((*page - 1) * *per_page); i < result->hits.size(); ++i) {
      list->add(json::SummaryJson(result->hits[i].document));
    }
    total = result->total;
  } else {
    filter->limit = static_cast<int>(*per_page);
    filter->offset = (*page - 1) * *per_page;
    auto documents = ex.repo().List(ex.actor(), *filter);
    if (!documents.ok()) return documents.status();
    for (const auto& d : *documents) list->add(json::SummaryJson(d));
    auto count = ex.repo().Count(ex.actor(), *filter);
    if (!count.ok()) return count.status();
    total = *count;
  }
  Object::Ptr j = new Object();
  j->set("documents", list);
  j->set("page", *page);
  j->set("per_page", *per_page);
  j->set("total", total);
  return ex.SendJson(j);
}

Status ShowDocument(Exchange& ex) {
  auto detail = json::LoadDocumentDetail(ex.repo(), ex.actor(), ex.param("ref"));
  if (!detail.ok()) return detail.status();
  return ex.SendJson(json::DocumentDetailJson(*detail));
}

// The "metadata" part of an upload, parsed.
Result<Object::Ptr> MetadataPart(const Upload& upload) {
  auto text = upload.field("metadata");
  if (!text) return Status::InvalidArgument("the upload has no 'metadata' part");
  return ParseJsonObject(*text, "the 'metadata' part");
}

// The "metadata" member of a body, as JSON text ("{}" when absent).
Result<std::optional<std::string>> MetadataJsonOf(const Object::Ptr& body) {
  if (!body->has("metadata") || body->isNull("metadata")) return std::optional<std::string>();
  auto object = body->getObject("metadata");
  if (!object) return Status::InvalidArgument("'metadata' must be an object");
  std::ostringstream text;
  object->stringify(text);
  return std::optional<std::string>(text.str());
}

Status RegisterDocument(Exchange& ex) {
  auto upload = Upload::Read(ex);
  if (!upload.ok()) return upload.status();
  auto meta = MetadataPart(**upload);
  if (!meta.ok()) return meta.status();
  NewDocument doc;
  auto type = StringOr(*meta, "type", true);
  auto title = StringOr(*meta, "title", true);
  auto level = StringOr(*meta, "confidentiality");
  auto comment = StringOr(*meta, "comment");
  auto metadata = MetadataJsonOf(*meta);
  for (const Status* s :
       {&type.status(), &title.status(), &level.status(), &comment.status(), &metadata.status()}) {
    if (!s->ok()) return *s;
  }
  doc.type = *type;
  doc.title = *title;
  doc.comment = *comment;
  if (*metadata) doc.metadata_json = **metadata;
  if (!level->empty()) {
    auto parsed = ParseConfidentiality(*level);
    if (!parsed)
      return Status::InvalidArgument("confidentiality '" + *level +
                                     "': use 公开, 内部, 秘密 or 机密");
    doc.confidentiality = *parsed;
  }
  doc.files = (*upload)->files();
  auto registered = ex.repo().Register(ex.actor(), doc);
  if (!registered.ok()) return registered.status();
  ex.response().set("Location", "/api/v1/documents/" + registered->summary.number);
  return ex.SendJson(json::DocumentJson(*registered), 201);
}

Status AddVersion(Exchange& ex) {
  auto upload = Upload::Read(ex);
  if (!upload.ok()) return upload.status();
  VersionChange change;
  if ((*upload)->field("metadata")) {
    auto meta = MetadataPart(**upload);
    if (!meta.ok()) return meta.status();
    auto title = StringField(*meta, "title");
    auto comment = StringOr(*meta, "comment");
    auto metadata = MetadataJsonOf(*meta);
    auto set = AssignmentsField(*meta, "set");
    auto remove = StringListField(*meta, "remove_files");
    for (const Status* s : {&title.status(), &comment.status(), &metadata.status(), &set.status(),
                            &remove.status()}) {
      if (!s->ok()) return *s;
    }
    change.title = *title;
    change.comment = *comment;
    change.metadata_json = *metadata;
    change.set = *set;
    change.remove_files = *remove;
  }
  change.add_files = (*upload)->files();
  auto version = ex.repo().AddVersion(ex.actor(), ex.param("ref"), change);
  if (!version.ok()) return version.status();
  return ex.SendJson(json::VersionJson(*version), 201);
}

Status History(Exchange& ex) {
  auto versions = ex.repo().History(ex.actor(), ex.param("ref"));
  if (!versions.ok()) return versions.status();
  Array::Ptr list = new Array();
  for (const auto& v : *versions) list->add(json::VersionJson(v));
  Object::Ptr j = new Object();
  j->set("versions", list);
  return ex.SendJson(j);
}

Status Diff(Exchange& ex) {
  auto from = ex.QueryInt("from", 0, 1, 1000000);
  if (!from.ok()) return from.status();
  auto to = ex.QueryInt("to", 0, 1, 1000000);
  if (!to.ok()) return to.status();
  if (*from == 0 || *to == 0) return Status::InvalidArgument("diff needs ?from=N&to=M");
  auto diff =
      ex.repo().Diff(ex.actor(), ex.param("ref"), static_cast<int>(*from), static_cast<int>(*to));
  if (!diff.ok()) return diff.status();
  return ex.SendJson(json::DiffJson(*diff));
}

Status DownloadFile(Exchange& ex) {
  auto version = ex.QueryInt("version", 0, 0, 1000000);
  if (!version.ok()) return version.status();
  bool as_inline = ex.query("inline").value_or("") == "1";
  return ex.SendDocumentFile(ex.param("ref"), static_cast<int>(*version), ex.param("name"),
                             as_inline);
}

Status VoidDocument(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto reason = StringOr(*body, "reason", true);
  if (!reason.ok()) return reason.status();
  DOSSIER_RETURN_IF_ERROR(ex.repo().Void(ex.actor(), ex.param("ref"), *reason));
  return ShowDocument(ex);
}

Status Classify(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto level = StringOr(*body, "confidentiality", true);
  if (!level.ok()) return level.status();
  auto reason = StringOr(*body, "reason", true);
  if (!reason.ok()) return reason.status();
  auto parsed = ParseConfidentiality(*level);
  if (!parsed)
    return Status::InvalidArgument("confidentiality '" + *level +
                                   "': use 公开, 内部, 秘密 or 机密");
  DOSSIER_RETURN_IF_ERROR(
      ex.repo().SetConfidentiality(ex.actor(), ex.param("ref"), *parsed, *reason));
  return ShowDocument(ex);
}

Status Link(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto kind = StringOr(*body, "kind", true);
  if (!kind.ok()) return kind.status();
  auto target = StringOr(*body, "target", true);
  if (!target.ok()) return target.status();
  auto parsed = ParseRelationKind(*kind);
  if (!parsed) {
    std::string kinds;
    for (auto k : AllRelationKinds())
      kinds += (kinds.empty() ? "" : ", ") + std::string(RelationCode(k));
    return Status::InvalidArgument("relation kind '" + *kind + "'; kinds: " + kinds);
  }
  DOSSIER_RETURN_IF_ERROR(ex.repo().Link(ex.actor(), ex.param("ref"), *parsed, *target));
  return ShowDocument(ex);
}

Status Types(Exchange& ex) {
  Array::Ptr list = new Array();
  for (const auto& t : ex.repo().Types()) list->add(json::TypeJson(t));
  Object::Ptr j = new Object();
  j->set("types", list);
  Array::Ptr statuses = new Array();
  for (const auto& st : CoreStatusNames()) statuses->add(json::NamedCodeJson(st));
  j->set("statuses", statuses);
  Array::Ptr roles = new Array();
  for (Role r : AllRoles()) {
    Object::Ptr o = new Object();
    o->set("code", std::string(RoleCode(r)));
    o->set("name_zh", std::string(RoleName(r)));
    roles->add(o);
  }
  j->set("roles", roles);
  return ex.SendJson(j);
}

}  // namespace

void AddDocumentRoutes(Router& r) {
  const std::vector<QueryParam> filters = {
      {"type", "string", "document type code"},
      {"status", "string", "state code"},
      {"dept", "string", "department"},
      {"counterparty", "string", "part of the counterparty's name"},
      {"from", "string", "document date from, YYYY-MM-DD"},
      {"to", "string", "document date to, YYYY-MM-DD"},
      {"q", "string", "a search query: the best matches first"},
      {"sort", "string",
       "without q: registered (default), newest, number, date (newest first), date-asc or title"},
      {"page", "integer", "page number, from 1"},
      {"per_page", "integer", "documents a page, 1-500 (default 50)"}};
  r.Add({"GET", "/api/v1/types", "documents", "The document types", Types});
  r.Add({"GET", "/api/v1/documents", "documents", "Documents the user may see, filtered and paged",
         ListDocuments, Access::kSignedIn, Body::kNone, filters});
  r.Add({"POST", "/api/v1/documents", "documents",
         "Register a document: a 'metadata' part {type, title, confidentiality, metadata, comment} "
         "and file parts",
         RegisterDocument, Access::kSignedIn, Body::kMultipart});
  r.Add({"GET", "/api/v1/documents/{ref}", "documents",
         "A document (ref: number, 档号 or id) with its files, lifecycle, copies, archive record "
         "and retention",
         ShowDocument});
  r.Add({"POST", "/api/v1/documents/{ref}/versions", "documents",
         "Add a version: an optional 'metadata' part {title, metadata, set, remove_files, comment} "
         "and file parts",
         AddVersion, Access::kSignedIn, Body::kMultipart});
  r.Add({"GET", "/api/v1/documents/{ref}/versions", "documents",
         "The document's versions, oldest first", History});
  r.Add({"GET",
         "/api/v1/documents/{ref}/diff",
         "documents",
         "What changed between two versions",
         Diff,
         Access::kSignedIn,
         Body::kNone,
         {{"from", "integer", "older version"}, {"to", "integer", "newer version"}}});
  r.Add({"GET",
         "/api/v1/documents/{ref}/files/{name}",
         "documents",
         "A file of the document (the newest version unless ?version=), whole or a Range",
         DownloadFile,
         Access::kSignedIn,
         Body::kNone,
         {{"version", "integer", "version number (default: the newest)"},
          {"inline", "integer", "1: to show, not save"}},
         "application/octet-stream"});
  r.Add({"POST", "/api/v1/documents/{ref}/void", "documents",
         "Void a registration ({reason}); its number is never reused", VoidDocument,
         Access::kSignedIn, Body::kJson});
  r.Add({"PUT", "/api/v1/documents/{ref}/confidentiality", "documents",
         "Change the confidentiality level ({confidentiality, reason})", Classify,
         Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/documents/{ref}/relations", "documents",
         "Relate the document to another ({kind, target})", Link, Access::kSignedIn, Body::kJson});
}

}  // namespace dossier::server
