// Reading the fields of a JSON body, each refusal naming the field.
#ifndef DOSSIER_SERVER_JSON_INPUT_H_
#define DOSSIER_SERVER_JSON_INPUT_H_

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"

namespace dossier::server {

/// A string field: nullopt when absent (or null), InvalidArgument when it is
/// no string (or is missing and `required`).
Result<std::optional<std::string>> StringField(const Poco::JSON::Object::Ptr& body,
                                               const std::string& name, bool required = false);
/// The same, "" when absent.
Result<std::string> StringOr(const Poco::JSON::Object::Ptr& body, const std::string& name,
                             bool required = false);
Result<std::optional<bool>> BoolField(const Poco::JSON::Object::Ptr& body, const std::string& name);
/// An object's entries as metadata assignments (each value as JSON).
Result<std::vector<MetadataAssignment>> AssignmentsField(const Poco::JSON::Object::Ptr& body,
                                                         const std::string& name);
/// A list of strings.
Result<std::vector<std::string>> StringListField(const Poco::JSON::Object::Ptr& body,
                                                 const std::string& name);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_JSON_INPUT_H_
