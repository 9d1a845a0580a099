#include "cli/metadata_text.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <set>
#include <sstream>
#include <vector>

namespace dossier::cli {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

bool IsObject(const Var& v) { return v.type() == typeid(Object::Ptr); }
bool IsArray(const Var& v) { return v.type() == typeid(Array::Ptr); }
bool IsScalar(const Var& v) { return !IsObject(v) && !IsArray(v); }

Object::Ptr ObjectOrNull(const Var& v) { return IsObject(v) ? v.extract<Object::Ptr>() : nullptr; }

Object::Ptr Child(const Object::Ptr& schema, const std::string& key) {
  return schema && schema->has(key) ? ObjectOrNull(schema->get(key)) : nullptr;
}

Object::Ptr PropertySchema(const Object::Ptr& schema, const std::string& key) {
  return Child(Child(schema, "properties"), key);
}

std::string Label(const Object::Ptr& schema, const std::string& key) {
  Object::Ptr property = PropertySchema(schema, key);
  return property && property->has("title") ? property->getValue<std::string>("title") : key;
}

std::string Scalar(const Var& v) {
  if (v.isEmpty()) return "—";
  if (v.type() == typeid(bool)) return v.extract<bool>() ? "是" : "否";
  if (v.isString()) return v.toString();
  std::ostringstream number;  // as the JSON has it: 1250000, 100000.5
  Poco::JSON::Stringifier::stringify(v, number);
  return number.str();
}

// The keys of `value` in the order the schema's author wrote its properties;
// keys the schema does not name follow, in their own order.
std::vector<std::string> KeysInOrder(const Object::Ptr& value, const Object::Ptr& schema) {
  std::vector<std::string> keys;
  std::set<std::string> taken;
  if (Object::Ptr properties = Child(schema, "properties")) {
    for (const auto& key :
         properties->getNames()) {  // insertion order: the schema was parsed keeping it
      if (value->has(key) && taken.insert(key).second) keys.push_back(key);
    }
  }
  for (const auto& [key, ignored] : *value) {
    if (taken.insert(key).second) keys.push_back(key);
  }
  return keys;
}

bool AllScalar(const Object::Ptr& value) {
  for (const auto& [key, child] : *value) {
    if (!IsScalar(child)) return false;
  }
  return true;
}

// A flat object on one line: 数额 1250000；币种 CNY
std::string Inline(const Object::Ptr& value, const Object::Ptr& schema) {
  std::string line;
  for (const auto& key : KeysInOrder(value, schema)) {
    line += (line.empty() ? "" : "；") + Label(schema, key) + " " + Scalar(value->get(key));
  }
  return line;
}

// Text over several lines keeps each line under the label's indent.
void WriteText(std::ostream& out, const std::string& text, const std::string& indent) {
  std::istringstream lines(text);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    out << (first ? "" : indent + "  ") << line << "\n";
    first = false;
  }
  if (first) out << "\n";
}

void WriteField(std::ostream& out, const std::string& indent, const std::string& label,
                const Var& value, const Object::Ptr& schema);

void WriteObject(std::ostream& out, const std::string& indent, const Object::Ptr& value,
                 const Object::Ptr& schema) {
  for (const auto& key : KeysInOrder(value, schema)) {
    WriteField(out, indent, Label(schema, key), value->get(key), PropertySchema(schema, key));
  }
}

void WriteField(std::ostream& out, const std::string& indent, const std::string& label,
                const Var& value, const Object::Ptr& schema) {
  out << indent << label << "：";
  if (IsScalar(value)) {
    WriteText(out, Scalar(value), indent);
  } else if (IsObject(value)) {
    Object::Ptr object = value.extract<Object::Ptr>();
    if (AllScalar(object)) {
      out << Inline(object, schema) << "\n";
    } else {
      out << "\n";
      WriteObject(out, indent + "  ", object, schema);
    }
  } else {
    Array::Ptr items = value.extract<Array::Ptr>();
    Object::Ptr item_schema = Child(schema, "items");
    bool scalars = true;
    for (size_t i = 0; i < items->size(); ++i) scalars = scalars && IsScalar(items->get(i));
    if (items->size() == 0) {
      out << "（无）\n";
    } else if (scalars) {
      std::string joined;
      for (size_t i = 0; i < items->size(); ++i)
        joined += (i == 0 ? "" : "、") + Scalar(items->get(i));
      out << joined << "\n";
    } else {
      out << "\n";
      for (size_t i = 0; i < items->size(); ++i) {
        const Var item = items->get(i);
        std::string number = indent + "  " + std::to_string(i + 1) + ". ";
        if (Object::Ptr object = ObjectOrNull(item); object && AllScalar(object)) {
          out << number << Inline(object, item_schema) << "\n";
        } else if (object) {
          out << number << "\n";
          WriteObject(out, indent + "     ", object, item_schema);
        } else {
          WriteField(out, indent + "  ", std::to_string(i + 1) + ".", item, item_schema);
        }
      }
    }
  }
}

}  // namespace

void PrintMetadataText(std::ostream& out, const std::string& metadata_json,
                       const std::string& schema_json, const std::string& indent) {
  Var metadata;
  Object::Ptr schema;
  try {
    metadata = Poco::JSON::Parser().parse(metadata_json);
    // The schema's properties in the order its author wrote them.
    Poco::JSON::Parser ordered(new Poco::JSON::ParseHandler(true));
    if (!schema_json.empty()) schema = ObjectOrNull(ordered.parse(schema_json));
  } catch (const Poco::Exception&) {
    out << indent << metadata_json << "\n";
    return;
  }
  Object::Ptr object = ObjectOrNull(metadata);
  if (!object) {
    out << indent << metadata_json << "\n";
    return;
  }
  if (object->size() == 0) out << indent << "（无）\n";
  WriteObject(out, indent, object, schema);
}

}  // namespace dossier::cli
