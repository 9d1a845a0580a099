#include "types/type_registry.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <sstream>

#include "resources/resources.h"
#include "util/file_util.h"
#include "util/json_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string_view ResourceData(std::string_view path) {
  for (const auto& r : resources::All()) {
    if (r.path == path) return r.data;
  }
  return {};
}

std::string StringMember(const Object::Ptr& obj, const std::string& key) {
  return obj->has(key) ? obj->getValue<std::string>(key) : std::string();
}

ValueSource ParseSource(const Var& spec) {
  ValueSource s;
  if (spec.isString()) {
    s.pointer = spec.extract<std::string>();
    return s;
  }
  auto obj = spec.extract<Object::Ptr>();
  s.pointer = StringMember(obj, "pointer");
  s.each = StringMember(obj, "each");
  s.unless = StringMember(obj, "unless");
  s.departments = obj->has("map") && obj->getValue<std::string>("map") == "departments";
  return s;
}

// The type file's "schema" as its author ordered the properties: forms and
// pages show fields in that order (parties before the amount), which sorted
// keys would lose. The text was parsed and checked already.
std::string SchemaInAuthorsOrder(const std::string& text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  auto ordered = parser.parse(text).extract<Object::Ptr>();
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(ordered->get("schema"), out);
  return out.str();
}

Result<DocumentType> ParseType(const std::string& text, const std::string& file,
                               const JsonSchema& meta_schema) {
  auto parsed = ParseJson(text, "type file " + file);
  if (!parsed.ok()) return parsed.status();
  DOSSIER_RETURN_IF_ERROR(meta_schema.Validate(*parsed, "type file " + file));
  auto obj = parsed->extract<Object::Ptr>();
  DocumentType t;
  t.info.code = obj->getValue<std::string>("code");
  t.info.name_zh = obj->getValue<std::string>("name_zh");
  t.info.name_en = obj->getValue<std::string>("name_en");
  t.info.description = StringMember(obj, "description");
  t.info.retention = obj->getValue<std::string>("retention");
  auto numbering = obj->getObject("numbering");
  t.info.numbering = numbering->getValue<std::string>("template");
  auto tmpl = NumberTemplate::Parse(t.info.numbering);
  if (!tmpl.ok()) return tmpl.status().WithContext("type file " + file);
  t.numbering = std::move(*tmpl);
  if (numbering->has("fields")) {
    for (const auto& [name, spec] : *numbering->getObject("fields"))
      t.number_fields[name] = ParseSource(spec);
  }
  for (const auto& field : t.numbering.FieldNames()) {
    if (field != "year" && field != "type" && !t.number_fields.count(field)) {
      return Status::InvalidArgument("type file " + file + ": number template field '" + field +
                                     "' has no source under numbering.fields");
    }
  }
  if (obj->has("facets")) {
    for (const auto& [name, spec] : *obj->getObject("facets")) t.facets[name] = ParseSource(spec);
  }
  auto schema = obj->get("schema");
  t.info.schema_json = SchemaInAuthorsOrder(text);
  auto compiled = JsonSchema::Compile(schema, "type file " + file + " (schema)");
  if (!compiled.ok()) return compiled.status();
  t.schema = *compiled;
  return t;
}

}  // namespace

Result<std::unique_ptr<TypeRegistry>> TypeRegistry::Load(const std::filesystem::path& config_dir) {
  auto meta_parsed = ParseJson(ResourceData("type.schema.json"), "built-in type.schema.json");
  if (!meta_parsed.ok()) return meta_parsed.status();
  auto meta_schema = JsonSchema::Compile(*meta_parsed, "built-in type.schema.json");
  if (!meta_schema.ok()) return meta_schema.status();

  auto registry = std::unique_ptr<TypeRegistry>(new TypeRegistry());
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(config_dir / "types", ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (ec)
    return Status::IoError("cannot list " + (config_dir / "types").string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    auto text = ReadFileToString(path);
    if (!text.ok()) return text.status();
    auto type = ParseType(*text, path.string(), **meta_schema);
    if (!type.ok()) return type.status();
    std::string code = type->info.code;
    if (registry->types_.count(code))
      return Status::InvalidArgument("type '" + code + "' is defined twice (" + path.string() +
                                     ")");
    registry->types_.emplace(code, std::move(*type));
  }
  if (registry->types_.empty())
    return Status::InvalidArgument("no document types in " + (config_dir / "types").string());

  auto dept_path = config_dir / "departments.json";
  if (std::filesystem::exists(dept_path)) {
    auto text = ReadFileToString(dept_path);
    if (!text.ok()) return text.status();
    auto obj = ParseJsonObject(*text, dept_path.string());
    if (!obj.ok()) return obj.status();
    for (const auto& [name, code] : **obj) {
      if (!code.isString())
        return Status::InvalidArgument(dept_path.string() + ": the code of '" + name +
                                       "' must be a string");
      registry->departments_[name] = code.extract<std::string>();
    }
  }
  return registry;
}

const DocumentType* TypeRegistry::Find(const std::string& code) const {
  auto it = types_.find(code);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<const DocumentType*> TypeRegistry::All() const {
  std::vector<const DocumentType*> out;
  for (const auto& [code, t] : types_) out.push_back(&t);
  return out;
}

std::string TypeRegistry::Resolve(const ValueSource& source, const Var& metadata) const {
  auto value = GetByPointer(metadata, source.pointer);
  if (!value) return "";
  std::string text;
  if (!source.each.empty() && value->type() == typeid(Array::Ptr)) {
    for (const auto& element : *value->extract<Array::Ptr>()) {
      if (element.type() != typeid(Object::Ptr)) continue;
      auto obj = element.extract<Object::Ptr>();
      if (!source.unless.empty() && obj->has(source.unless) &&
          obj->get(source.unless).isBoolean() && obj->getValue<bool>(source.unless)) {
        continue;
      }
      if (!obj->has(source.each)) continue;
      if (!text.empty()) text += "; ";
      text += ScalarText(obj->get(source.each));
    }
  } else {
    text = ScalarText(*value);
  }
  if (source.departments) {
    auto it = departments_.find(text);
    if (it != departments_.end()) text = it->second;
  }
  return text;
}

Result<std::map<std::string, std::string>> TypeRegistry::NumberValues(const DocumentType& type,
                                                                      const Var& metadata,
                                                                      int registration_year) const {
  std::map<std::string, std::string> values;
  values["year"] = std::to_string(registration_year);
  values["type"] = type.info.code;
  for (const auto& [name, source] : type.number_fields) {
    std::string value = Resolve(source, metadata);
    if (value.empty()) {
      return Status::InvalidArgument("the number of a " + type.info.code + " needs metadata " +
                                     source.pointer + " (field '" + name + "' of " +
                                     type.info.numbering + ")");
    }
    if (source.departments && !departments_.empty()) {
      bool is_code = std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      });
      if (!is_code) {
        return Status::InvalidArgument("department '" + value +
                                       "' has no code in config/departments.json; "
                                       "add it there or give the code (e.g. SW)");
      }
    }
    values[name] = value;
  }
  return values;
}

std::vector<std::string> TypeRegistry::DepartmentNames() const {
  std::vector<std::string> names;
  for (const auto& [name, code] : departments_) names.push_back(name);
  return names;
}

std::string TypeRegistry::DepartmentCode(const std::string& name) const {
  auto it = departments_.find(name);
  return it == departments_.end() ? name : it->second;
}

Facets TypeRegistry::FacetsOf(const DocumentType& type, const Var& metadata) const {
  Facets f;
  auto get = [&](const char* name) {
    auto it = type.facets.find(name);
    return it == type.facets.end() ? std::string() : Resolve(it->second, metadata);
  };
  f.dept = get("dept");
  f.counterparty = get("counterparty");
  f.date = get("date");
  return f;
}

Status WriteDefaultConfig(const std::filesystem::path& config_dir) {
  std::error_code ec;
  std::filesystem::create_directories(config_dir / "types", ec);
  if (!ec) std::filesystem::create_directories(config_dir / "templates", ec);
  if (ec) return Status::IoError("cannot create " + config_dir.string() + ": " + ec.message());
  // Templates are copied too: a repository keeps the layout its documents
  // were rendered with, so a rendition can be verified by rendering again.
  for (const auto& r : resources::All()) {
    std::string path(r.path);
    if (path.rfind("types/", 0) == 0 || path.rfind("templates/", 0) == 0 ||
        path == "departments.json" || path == "archive.json" || path == "seals.json" ||
        path == "pdf.json" || path == "locale.json") {
      DOSSIER_RETURN_IF_ERROR(WriteFileAtomic(config_dir / path, r.data));
    }
  }
  DOSSIER_RETURN_IF_ERROR(SyncDirectory(config_dir / "types"));
  DOSSIER_RETURN_IF_ERROR(SyncDirectory(config_dir / "templates"));
  return SyncDirectory(config_dir);
}

}  // namespace dossier
