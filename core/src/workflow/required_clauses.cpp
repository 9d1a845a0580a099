#include "workflow/required_clauses.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cctype>

namespace dossier {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Text with something in it besides spaces (ASCII or the ideographic space).
bool HasText(const std::string& text) {
  static const std::string kIdeographicSpace = "\u3000";
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, kIdeographicSpace.size(), kIdeographicSpace) == 0) {
      i += kIdeographicSpace.size();
    } else if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else {
      return true;
    }
  }
  return false;
}

bool IsFilled(const Var& v) {
  if (v.isEmpty()) return false;
  if (v.type() == typeid(Array::Ptr)) {
    auto a = v.extract<Array::Ptr>();
    return a && a->size() > 0;
  }
  if (v.type() == typeid(Object::Ptr)) {
    auto o = v.extract<Object::Ptr>();
    if (!o) return false;
    for (const auto& [key, value] : *o) {
      if (IsFilled(value)) return true;
    }
    return false;
  }
  if (v.isString()) return HasText(v.toString());
  return true;
}

// Text the item is known by in a list ("乙方"), so that a missing address says whose.
std::string ItemLabel(const Var& item, size_t index) {
  if (item.type() == typeid(Object::Ptr)) {
    auto o = item.extract<Object::Ptr>();
    for (const char* key : {"role", "name"}) {
      if (o && o->has(key) && IsFilled(o->get(key))) return o->get(key).toString();
    }
  }
  return "第" + std::to_string(index + 1) + "项";
}

struct Walk {
  const JsonSchema& schema;
  std::vector<MissingClause>& out;

  // `done` is the concrete pointer so far, `rest` the steps still to take,
  // `labels` who the items on the way are.
  void Step(const Var& at, const std::string& done, std::string_view rest,
            const std::string& labels) {
    if (rest.empty()) {
      if (!IsFilled(at)) Report(done, labels);
      return;
    }
    size_t end = rest.find('/', 1);
    std::string token(
        rest.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1));
    std::string_view after = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    if (token == "*") {
      if (at.type() != typeid(Array::Ptr) || !IsFilled(at)) return Report(done, labels);
      auto list = at.extract<Array::Ptr>();
      for (size_t i = 0; i < list->size(); ++i) {
        Var item = list->get(static_cast<unsigned>(i));
        Step(item, done + "/" + std::to_string(i), after,
             labels + "（" + ItemLabel(item, i) + "）");
      }
      return;
    }
    Var next;
    if (at.type() == typeid(Object::Ptr)) {
      auto o = at.extract<Object::Ptr>();
      if (o && o->has(token)) next = o->get(token);
    }
    if (next.isEmpty()) {
      // Missing on the way: name what was asked for ("/term/end" is 期限 ›
      // 终止日期 even without a term), up to a list whose items are unknown.
      std::string asked = done + "/" + token + std::string(after);
      return Report(asked.substr(0, asked.find("/*")), labels);
    }
    Step(next, done + "/" + token, after, labels);
  }

  void Report(const std::string& pointer, const std::string& labels) {
    for (const auto& m : out) {
      if (m.pointer == pointer) return;
    }
    std::string titles = schema.TitlesAt(pointer);
    out.push_back(MissingClause{pointer, (titles.empty() ? pointer : titles) + labels});
  }
};

}  // namespace

std::vector<MissingClause> MissingClauses(const Var& metadata,
                                          const std::vector<std::string>& pointers,
                                          const JsonSchema& schema) {
  std::vector<MissingClause> out;
  Walk walk{schema, out};
  for (const auto& pointer : pointers) walk.Step(metadata, "", pointer, "");
  return out;
}

std::string DescribeMissing(const std::vector<MissingClause>& missing) {
  std::string out;
  for (const auto& m : missing) out += (out.empty() ? "" : "、") + m.name + " (" + m.pointer + ")";
  return out;
}

}  // namespace dossier
