#include "types/json_schema.h"

#include <Poco/JSON/Object.h>

#include <regex>
#include <valijson/adapters/poco_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace dossier {

struct JsonSchema::Impl {
  valijson::Schema schema;
  Poco::Dynamic::Var source;  // the schema as written, for its titles
};

JsonSchema::JsonSchema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonSchema::~JsonSchema() = default;

Result<std::shared_ptr<const JsonSchema>> JsonSchema::Compile(const Poco::Dynamic::Var& schema,
                                                              const std::string& what) {
  auto impl = std::make_unique<Impl>();
  try {
    valijson::SchemaParser parser;
    valijson::adapters::PocoJsonAdapter adapter(schema);
    parser.populateSchema(adapter, impl->schema);
    impl->source = schema;
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
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']')
      token = token.substr(1, token.size() - 2);
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"')
      token = token.substr(1, token.size() - 2);
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

// valijson reports a missing property at its parent ("/"), saying
// "Missing required property 'amount'"; the field at fault is "/amount".
std::string FieldOf(const std::string& location, const std::string& description) {
  static const std::regex kMissing(R"(required property '([^']+)')");
  std::smatch m;
  if (!std::regex_search(description, m, kMissing)) return location;
  return (location == "/" ? "" : location) + "/" + m[1].str();
}

Poco::JSON::Object::Ptr AsObject(const Poco::Dynamic::Var& v) {
  try {
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) return v.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
  }
  return nullptr;
}

// The schema's titles along a pointer ("/parties/1/name" -> "当事人 › 名称"),
// following properties, items and local $refs; "" where none is given.
std::string TitlesAlong(const Poco::Dynamic::Var& root, const std::string& pointer) {
  auto resolve = [&](Poco::JSON::Object::Ptr node) {
    for (int hops = 0; node && node->has("$ref") && hops < 8; ++hops) {
      std::string ref = node->getValue<std::string>("$ref");
      if (ref.rfind("#/", 0) != 0) return node;
      Poco::JSON::Object::Ptr target = AsObject(root);
      size_t pos = 2;
      while (target && pos <= ref.size()) {
        size_t end = ref.find('/', pos);
        if (end == std::string::npos) end = ref.size();
        target = AsObject(target->get(ref.substr(pos, end - pos)));
        pos = end + 1;
      }
      node = target;
    }
    return node;
  };
  std::string titles;
  Poco::JSON::Object::Ptr node = resolve(AsObject(root));
  size_t pos = 1;
  while (node && pos < pointer.size()) {
    size_t end = pointer.find('/', pos);
    if (end == std::string::npos) end = pointer.size();
    std::string token = pointer.substr(pos, end - pos);
    pos = end + 1;
    Poco::JSON::Object::Ptr properties = AsObject(node->get("properties"));
    if (properties && properties->has(token)) {
      node = resolve(AsObject(properties->get(token)));
    } else if (!token.empty() && token.find_first_not_of("0123456789") == std::string::npos &&
               node->has("items")) {
      node = resolve(AsObject(node->get("items")));
      continue;  // an item of a list: its title is the list's
    } else {
      break;
    }
    if (node && node->has("title"))
      titles += (titles.empty() ? "" : " › ") + node->getValue<std::string>("title");
  }
  return titles;
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
  std::string message, first_field;
  valijson::ValidationResults::Error error;
  int shown = 0;
  // The deepest parent's words, for when no leaf says more (a oneOf that both alternatives match).
  std::string general, general_field;
  while (results.popError(error)) {
    // Parents repeat their children's failure in general words; keep the leaves.
    if (error.description.rfind("Failed to validate", 0) == 0) {
      std::string location = Location(error.context);
      if (general.empty() || location.size() > general_field.size()) {
        std::string titles = TitlesAlong(impl_->source, location);
        general = (titles.empty() ? "" : "「" + titles + "」") + location + ": " +
                  TidyDescription(error.description);
        general_field = location;
      }
      continue;
    }
    if (shown++ == 8) {
      message += "; ...";
      break;
    }
    std::string desc = TidyDescription(error.description);
    std::string field = FieldOf(Location(error.context), error.description);
    if (first_field.empty()) first_field = field;
    std::string titles = TitlesAlong(impl_->source, field);
    message += (message.empty() ? "" : "; ") + (titles.empty() ? "" : "「" + titles + "」") +
               Location(error.context) + ": " + desc;
  }
  if (message.empty()) {
    message = general.empty() ? "does not match its schema" : general;
    first_field = general_field;
  }
  return Status::SchemaViolation(what + " is invalid: " + message,
                                 first_field.empty() ? "/" : first_field);
}

std::string JsonSchema::TitlesAt(const std::string& pointer) const {
  return TitlesAlong(impl_->source, pointer);
}

}  // namespace dossier
