// The JSON shapes of retention: the schedules and their classes, and what
// falls due.
#include <Poco/JSON/Array.h>

#include "json/shapes.h"

namespace dossier::json {

using Poco::JSON::Array;
using Poco::JSON::Object;

Array::Ptr SchedulesJson(const Repository& repo) {
  Array::Ptr arr = new Array();
  for (const auto& s : repo.RetentionSchedules()) {
    Object::Ptr so = new Object();
    so->set("schedule", s.name);
    so->set("title", s.title);
    so->set("fiscal_year_end", s.fiscal_year_end);
    so->set("own", repo.HasOwnConfig("retention/" + s.name + ".json"));
    Array::Ptr classes = new Array();
    for (const auto& c : s.classes) {
      Object::Ptr co = new Object();
      co->set("code", c.code);
      co->set("name_zh", c.name_zh);
      co->set("name_en", c.name_en);
      co->set("permanent", c.permanent);
      co->set("years", c.years);
      co->set("starts", std::string(RetentionEventCode(c.starts)));
      co->set("action", std::string(RetentionActionCode(c.action)));
      classes->add(co);
    }
    so->set("classes", classes);
    arr->add(so);
  }
  return arr;
}

Object::Ptr DueJson(const DueReport& report) {
  Object::Ptr o = new Object();
  o->set("as_of", report.as_of);
  o->set("until", report.until);
  o->set("hidden", report.hidden);
  Array::Ptr items = new Array();
  for (const auto& item : report.items) {
    auto x = SummaryJson(item.document);
    x->set("archive_code", item.retention.record.archive_code);
    x->set("retention", RetentionJson(item.retention));
    items->add(x);
  }
  o->set("items", items);
  Array::Ptr problems = new Array();
  for (const auto& p : report.problems) problems->add(p);
  o->set("problems", problems);
  return o;
}

}  // namespace dossier::json
