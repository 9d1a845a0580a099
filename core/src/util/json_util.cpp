#include "util/json_util.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <set>
#include <sstream>
#include <vector>

#include "util/file_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// Poco's handler (objects keep keys sorted), refusing an object that names
// a key twice: Poco would keep the last value silently, and two readers of
// the same text (a person, another tool) could see different documents.
class UniqueKeysHandler : public Poco::JSON::ParseHandler {
 public:
  void reset() override {
    ParseHandler::reset();
    keys_.clear();
  }
  void startObject() override {
    ParseHandler::startObject();
    keys_.emplace_back();
  }
  void endObject() override {
    ParseHandler::endObject();
    keys_.pop_back();
  }
  void startArray() override {
    ParseHandler::startArray();
    keys_.emplace_back();  // holds no keys; keeps the stack in step
  }
  void endArray() override {
    ParseHandler::endArray();
    keys_.pop_back();
  }
  void key(const std::string& k) override {
    if (!keys_.empty() && !keys_.back().insert(k).second) {
      throw Poco::JSON::JSONException("the key \"" + k + "\" appears twice in one object");
    }
    ParseHandler::key(k);
  }

 private:
  std::vector<std::set<std::string>> keys_;  // of each object (or array) open
};

}  // namespace

Result<Var> ParseJson(std::string_view text, const std::string& what) {
  if (!IsValidUtf8(text)) return Status::InvalidArgument(what + ": not valid UTF-8");
  try {
    Poco::JSON::Parser parser(new UniqueKeysHandler());
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] != '{' && text[first] != '[') {
      // Poco 1.11 cannot parse a bare scalar at the top: parse it inside an array.
      Var wrapped = parser.parse("[" + std::string(text) + "]");
      return wrapped.extract<Poco::JSON::Array::Ptr>()->get(0);
    }
    return parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    return Status::InvalidArgument(what + ": malformed JSON: " + e.message());
  } catch (const std::exception& e) {
    return Status::InvalidArgument(what + ": malformed JSON: " + e.what());
  }
}

Result<Object::Ptr> ParseJsonObject(std::string_view text, const std::string& what) {
  auto parsed = ParseJson(text, what);
  if (!parsed.ok()) return parsed.status();
  if (parsed->type() != typeid(Object::Ptr))
    return Status::InvalidArgument(what + ": expected a JSON object");
  return parsed->extract<Object::Ptr>();
}

namespace {

// Rebuilds a value so every object has sorted keys, whatever order it was
// built in (Objects built with preserveInsertionOrder keep theirs).
Var Sorted(const Var& value) {
  if (value.type() == typeid(Object::Ptr)) {
    auto in = value.extract<Object::Ptr>();
    Object::Ptr out = new Object();
    for (const auto& [key, child] : *in) out->set(key, Sorted(child));
    return out;
  }
  if (value.type() == typeid(Array::Ptr)) {
    auto in = value.extract<Array::Ptr>();
    Array::Ptr out = new Array();
    for (const auto& child : *in) out->add(Sorted(child));
    return out;
  }
  return value;
}

bool IsIndex(const std::string& s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::vector<std::string> SplitDotted(std::string_view path) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : path) {
    if (c == '.') {
      parts.push_back(current);
      current.clear();
    } else
      current += c;
  }
  parts.push_back(current);
  return parts;
}

std::string EscapePointerToken(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

void Flatten(const Var& value, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (value.type() == typeid(Object::Ptr)) {
    auto obj = value.extract<Object::Ptr>();
    if (obj->size() == 0) {
      out[prefix] = "{}";
      return;
    }
    for (const auto& [key, child] : *obj)
      Flatten(child, prefix + "/" + EscapePointerToken(key), out);
    return;
  }
  if (value.type() == typeid(Array::Ptr)) {
    auto arr = value.extract<Array::Ptr>();
    if (arr->size() == 0) {
      out[prefix] = "[]";
      return;
    }
    for (size_t i = 0; i < arr->size(); ++i)
      Flatten(arr->get(i), prefix + "/" + std::to_string(i), out);
    return;
  }
  out[prefix.empty() ? "/" : prefix] = CanonicalJson(value);
}

}  // namespace

std::string CanonicalObject(std::initializer_list<std::pair<const char*, Var>> fields) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
  for (const auto& [key, value] : fields) o->set(key, value);
  return CanonicalJson(Var(o));
}

std::string CanonicalJson(const Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(Sorted(value), out, 0, -1, Poco::JSON_WRAP_STRINGS);
  return out.str();
}

std::string JsonQuote(std::string_view text) { return CanonicalJson(Var(std::string(text))); }

std::string ScalarText(const Var& value) {
  if (value.isEmpty()) return "";
  if (value.isString()) return value.extract<std::string>();
  return CanonicalJson(value);
}

Status ApplyAssignment(const Object::Ptr& root, const MetadataAssignment& assignment) {
  if (assignment.path.empty()) return Status::InvalidArgument("--set needs a key before '='");
  // A key is a name people read: valid UTF-8, no control characters (a NUL
  // in a key made metadata whose JSON no longer read back; found by fuzzing).
  if (!IsValidUtf8(assignment.path)) return Status::InvalidArgument("--set key is not valid UTF-8");
  for (unsigned char c : assignment.path) {
    if (c < 0x20 || c == 0x7f)
      return Status::InvalidArgument("--set key " + JsonQuote(assignment.path) +
                                     " contains a control character");
  }
  Var value;
  if (assignment.raw_json) {
    auto parsed = ParseJson(assignment.value, "value of '" + assignment.path + "'");
    if (!parsed.ok()) return parsed.status();
    value = *parsed;
  } else {
    if (!IsValidUtf8(assignment.value))
      return Status::InvalidArgument("value of '" + assignment.path + "' is not valid UTF-8");
    value = assignment.value;
  }
  auto parts = SplitDotted(assignment.path);
  for (const auto& p : parts) {
    if (p.empty())
      return Status::InvalidArgument("key '" + assignment.path + "' has an empty segment");
  }
  // Walk down, creating containers: an object, or an array when the next
  // segment is an index.
  Var current = root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string& key = parts[i];
    bool next_is_index = IsIndex(parts[i + 1]);
    Var child;
    if (current.type() == typeid(Object::Ptr)) {
      auto obj = current.extract<Object::Ptr>();
      if (!obj->has(key)) {
        child = next_is_index ? Var(Array::Ptr(new Array())) : Var(Object::Ptr(new Object()));
        obj->set(key, child);
      }
      child = obj->get(key);
    } else {
      auto arr = current.extract<Array::Ptr>();
      if (!IsIndex(key))
        return Status::InvalidArgument("key '" + assignment.path + "': '" + key +
                                       "' is not an array index");
      size_t index = std::stoul(key);
      if (index > arr->size())
        return Status::InvalidArgument("key '" + assignment.path + "': index " + key +
                                       " is past the end of the array");
      if (index == arr->size())
        arr->add(next_is_index ? Var(Array::Ptr(new Array())) : Var(Object::Ptr(new Object())));
      child = arr->get(index);
    }
    if (child.type() != typeid(Object::Ptr) && child.type() != typeid(Array::Ptr)) {
      return Status::InvalidArgument("key '" + assignment.path + "': '" + key +
                                     "' holds a value, not an object or array");
    }
    current = child;
  }
  const std::string& last = parts.back();
  if (current.type() == typeid(Object::Ptr)) {
    Object::Ptr obj = current.extract<Object::Ptr>();
    obj->set(last, value);
    return Status::Ok();
  }
  auto arr = current.extract<Array::Ptr>();
  if (!IsIndex(last))
    return Status::InvalidArgument("key '" + assignment.path + "': '" + last +
                                   "' is not an array index");
  size_t index = std::stoul(last);
  if (index > arr->size())
    return Status::InvalidArgument("key '" + assignment.path + "': index " + last +
                                   " is past the end of the array");
  if (index == arr->size())
    arr->add(value);
  else
    arr->set(static_cast<unsigned int>(index), value);
  return Status::Ok();
}

std::optional<Var> GetByPointer(const Var& root, std::string_view pointer) {
  Var current = root;
  if (pointer.empty() || pointer == "/") return current;
  if (pointer.front() != '/') return std::nullopt;
  size_t pos = 1;
  while (true) {
    size_t end = pointer.find('/', pos);
    std::string token(
        pointer.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    std::string unescaped;
    for (size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size()) {
        unescaped += token[i + 1] == '1' ? '/' : '~';
        ++i;
      } else
        unescaped += token[i];
    }
    if (current.type() == typeid(Object::Ptr)) {
      auto obj = current.extract<Object::Ptr>();
      if (!obj->has(unescaped)) return std::nullopt;
      current = obj->get(unescaped);
    } else if (current.type() == typeid(Array::Ptr)) {
      auto arr = current.extract<Array::Ptr>();
      if (!IsIndex(unescaped) || std::stoul(unescaped) >= arr->size()) return std::nullopt;
      current = arr->get(static_cast<unsigned int>(std::stoul(unescaped)));
    } else {
      return std::nullopt;
    }
    if (end == std::string_view::npos) return current;
    pos = end + 1;
  }
}

std::map<std::string, std::string> FlattenLeaves(const Var& root) {
  std::map<std::string, std::string> out;
  Flatten(root, "", out);
  return out;
}

}  // namespace dossier
