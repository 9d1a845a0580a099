#include "types/json_schema.h"

#include <valijson/adapters/poco_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <regex>

namespace dossier {

struct JsonSchema::Impl {
  valijson::Schema schema;
};

JsonSchema::JsonSchema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonSchema::~JsonSchema() = default;

Result<std::shared_ptr<const JsonSchema>> JsonSchema::Compile(const Poco::Dynamic::Var& schema, const std::string& what) {
  auto impl = std::make_unique<Impl>();
  try {
    valijson::SchemaParser parser;
    valijson::adapters::PocoJsonAdapter adapter(schema);
    parser.populateSchema(adapter, impl->schema);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(what + ": not a usable JSON Schema: " + e.what());
  }
  return std::shared_ptr<const JsonSchema>(new JsonSchema(std::move(impl)));
}

namespace {

// valijson's context is {"<root>", "[amount]", "[value]"}; we show "/amount/value".
std::string Location(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') token = token.substr(1, token.size() - 2);
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"') token = token.substr(1, token.size() - 2);
    out += "/" + token;
  }
  return out.empty() ? "/" : out;
}

// valijson writes "Expected number greater than or equal to 0.000000."; we
// write "expected number greater than or equal to 0".
std::string TidyDescription(std::string desc) {
  static const std::regex kTrailingZeros(R"((\d+)\.0+\b)");
  desc = std::regex_replace(desc, kTrailingZeros, "$1");
  while (!desc.empty() && (desc.back() == '.' || desc.back() == ' ')) desc.pop_back();
  if (!desc.empty()) desc[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(desc[0])));
  return desc;
}

}  // namespace

Status JsonSchema::Validate(const Poco::Dynamic::Var& value, const std::string& what) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::PocoJsonAdapter adapter(value);
  bool ok;
  try {
    ok = validator.validate(impl_->schema, adapter, &results);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(what + ": cannot be validated: " + e.what());
  }
  if (ok) return Status::Ok();
  std::string message;
  valijson::ValidationResults::Error error;
  int shown = 0;
  while (results.popError(error)) {
    // Parents repeat their children's failure in general words; keep the leaves.
    if (error.description.rfind("Failed to validate", 0) == 0) continue;
    if (shown++ == 8) { message += "; ..."; break; }
    std::string desc = TidyDescription(error.description);
    message += (message.empty() ? "" : "; ") + Location(error.context) + ": " + desc;
  }
  if (message.empty()) message = "does not match its schema";
  return Status::InvalidArgument(what + " is invalid: " + message);
}

}  // namespace dossier
