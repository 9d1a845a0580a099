// PDF renditions through the pdf plugin's templates: a document, or the
// contract ledger. A 秘密/机密 document's rendition carries the watermark of
// who asked and when, as the command line's does.
#include "dossier/clock.h"
#include "dossier/plugin.h"
#include "json/shapes.h"
#include "server/json_input.h"
#include "server/ledger_query.h"
#include "server/router.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Result<std::shared_ptr<Renderer>> PdfRenderer(const Exchange& ex) {
  auto renderer = ex.plugins().RendererFor("pdf");
  if (!renderer)
    return Status::InvalidArgument(
        "the PDF plugin is not installed on this server: no template renders");
  return renderer;
}

Status Templates(Exchange& ex) {
  auto renderer = PdfRenderer(ex);
  if (!renderer.ok()) return renderer.status();
  auto templates = (*renderer)->Templates(ex.repo());
  if (!templates.ok()) return templates.status();
  Array::Ptr list = new Array();
  for (const auto& t : *templates) list->add(json::TemplateJson(t));
  Object::Ptr j = new Object();
  j->set("templates", list);
  return ex.SendJson(j);
}

Status SendRendition(Exchange& ex, RenderRequest request) {
  auto renderer = PdfRenderer(ex);
  if (!renderer.ok()) return renderer.status();
  request.exported_by = ex.actor().name;
  request.exported_at = NowLocalMinutes();
  auto rendition = (*renderer)->Render(ex.repo(), ex.actor(), request);
  if (!rendition.ok()) return rendition.status();
  bool as_inline = ex.query("inline").value_or("") == "true";
  return ex.SendBytes(rendition->content, rendition->file_name, rendition->media_type, as_inline);
}

Status DocumentRendition(Exchange& ex) {
  RenderRequest request;
  request.ref = ex.param("ref");
  request.template_name = ex.query("template").value_or("");
  return SendRendition(ex, request);
}

// The rendition kept as the document's newest version (dossier render --attach).
Status AttachDocumentRendition(Exchange& ex) {
  auto renderer = PdfRenderer(ex);
  if (!renderer.ok()) return renderer.status();
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto template_name = StringOr(*body, "template");
  if (!template_name.ok()) return template_name.status();
  RenderRequest request;
  request.ref = ex.param("ref");
  request.template_name = *template_name;
  auto attached = AttachRendition(ex.repo(), ex.actor(), **renderer, request);
  if (!attached.ok()) return attached.status();
  Object::Ptr j = new Object();
  j->set("version", json::VersionJson(attached->version));
  j->set("file", attached->rendition.file_name);
  j->set("pages", attached->rendition.pages);
  j->set("bytes", static_cast<uint64_t>(attached->rendition.content.size()));
  j->set("template", attached->rendition.template_name);
  return ex.SendJson(j, 201);
}

Status LedgerRendition(Exchange& ex) {
  RenderRequest request;
  request.template_name = ex.query("template").value_or("ledger");
  auto query = LedgerQueryOf(ex);
  if (!query.ok()) return query.status();
  request.ledger = std::move(*query);
  return SendRendition(ex, request);
}

}  // namespace

void AddRenderRoutes(Router& r) {
  r.Add({"GET", "/api/v1/templates", "render",
         "The PDF templates: built-in ones and the repository's own", Templates});
  r.Add({"GET",
         "/api/v1/documents/{ref}/rendition",
         "render",
         "The document rendered to PDF/A through its type's template (or ?template=); 秘密/机密 "
         "ones watermarked with "
         "who asked and when",
         DocumentRendition,
         Access::kSignedIn,
         Body::kNone,
         {{"template", "string", "a template's name (default: the one for the document's type)"},
          {"inline", "boolean", "true: to show in the browser rather than to save"}},
         "application/pdf"});
  r.Add({"POST", "/api/v1/documents/{ref}/rendition", "render",
         "The document rendered to PDF/A and stored as its newest version, without a watermark "
         "(body: "
         "{\"template\": optional}); needs the right to add a version",
         AttachDocumentRendition, Access::kSignedIn, Body::kJson});
  r.Add({"GET",
         "/api/v1/ledger/rendition",
         "render",
         "The contract ledger (合同台账) rendered to PDF/A",
         LedgerRendition,
         Access::kSignedIn,
         Body::kNone,
         {{"from", "string", "ledger date from"},
          {"to", "string", "ledger date to"},
          {"dept", "string", "department"},
          {"counterparty", "string", "counterparty contains"},
          {"as_of", "string", "the day overdue is judged on"},
          {"by", "string", "statistics by month, quarter, year, dept, counterparty or status"},
          {"template", "string", "a register template (default ledger)"},
          {"inline", "boolean", "true: to show in the browser"}},
         "application/pdf"});
}

}  // namespace dossier::server
