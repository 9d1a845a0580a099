#include "server/json_input.h"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace dossier::server {

Result<std::optional<std::string>> StringField(const Poco::JSON::Object::Ptr& body,
                                               const std::string& name, bool required) {
  if (!body->has(name) || body->isNull(name)) {
    if (required) return Status::InvalidArgument("'" + name + "' is missing");
    return std::optional<std::string>();
  }
  auto value = body->get(name);
  if (!value.isString()) return Status::InvalidArgument("'" + name + "' must be a string");
  return std::optional<std::string>(value.convert<std::string>());
}

Result<std::string> StringOr(const Poco::JSON::Object::Ptr& body, const std::string& name,
                             bool required) {
  auto value = StringField(body, name, required);
  if (!value.ok()) return value.status();
  return value->value_or("");
}

Result<std::optional<bool>> BoolField(const Poco::JSON::Object::Ptr& body,
                                      const std::string& name) {
  if (!body->has(name) || body->isNull(name)) return std::optional<bool>();
  auto value = body->get(name);
  if (!value.isBoolean()) return Status::InvalidArgument("'" + name + "' must be true or false");
  return std::optional<bool>(value.convert<bool>());
}

Result<std::vector<MetadataAssignment>> AssignmentsField(const Poco::JSON::Object::Ptr& body,
                                                         const std::string& name) {
  std::vector<MetadataAssignment> out;
  if (!body->has(name) || body->isNull(name)) return out;
  auto object = body->getObject(name);
  if (!object) return Status::InvalidArgument("'" + name + "' must be an object of field: value");
  for (const auto& [key, value] : *object) {
    std::ostringstream text;
    Poco::JSON::Stringifier::condense(value, text);
    out.push_back(MetadataAssignment{key, text.str(), true});
  }
  return out;
}

Result<std::vector<std::string>> StringListField(const Poco::JSON::Object::Ptr& body,
                                                 const std::string& name) {
  std::vector<std::string> out;
  if (!body->has(name) || body->isNull(name)) return out;
  auto array = body->getArray(name);
  if (!array) return Status::InvalidArgument("'" + name + "' must be a list of strings");
  for (size_t i = 0; i < array->size(); ++i) {
    auto v = array->get(static_cast<unsigned>(i));
    if (!v.isString()) return Status::InvalidArgument("'" + name + "' must be a list of strings");
    out.push_back(v.convert<std::string>());
  }
  return out;
}

}  // namespace dossier::server
