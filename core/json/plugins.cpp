// The JSON shapes of what the plugins offer and report: render templates,
// export formats, and what an export or an import did.
#include <Poco/JSON/Array.h>

#include "dossier/plugin.h"
#include "json/shapes.h"

namespace dossier::json {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr TemplateJson(const TemplateInfo& t) {
  Object::Ptr x = new Object();
  x->set("name", t.name);
  x->set("title", t.title);
  Array::Ptr types = new Array();
  for (const auto& ty : t.types) types->add(ty);
  x->set("types", types);
  x->set("source", t.source);
  return x;
}

Object::Ptr ExporterJson(const Exporter& e) {
  Object::Ptr x = new Object();
  x->set("format", e.Format());
  Array::Ptr ext = new Array();
  for (const auto& s : e.Extensions()) ext->add(s);
  x->set("extensions", ext);
  x->set("description", e.Description());
  x->set("writes", e.Tabular() ? "table" : "documents");
  Array::Ptr opts = new Array();
  for (const auto& o : e.Options()) {
    Object::Ptr oo = new Object();
    oo->set("name", o.name);
    oo->set("values", o.values);
    oo->set("help", o.help);
    opts->add(oo);
  }
  x->set("options", opts);
  return x;
}

Object::Ptr ImportReportJson(const std::string& format, bool dry_run, const ImportReport& report) {
  Object::Ptr j = new Object();
  j->set("format", format);
  j->set("dry_run", dry_run);
  j->set("documents", report.documents);
  j->set("versions", report.versions);
  j->set("files", report.files);
  j->set("bytes", report.bytes);
  Array::Ptr numbers = new Array();
  for (const auto& n : report.numbers) numbers->add(n);
  j->set("numbers", numbers);
  return j;
}

}  // namespace dossier::json
