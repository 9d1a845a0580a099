// Metadata as it comes in: a JSON object (the one strict reader of
// dossier/json_input.h), then `--set` assignments applied on top, then the
// contract type's schema. Input: the JSON text, and after a NUL byte one
// assignment per line, `path=value` (text) or `path:=json`.
#include <Poco/JSON/Parser.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dossier/json_input.h"
#include "resources/resources.h"
#include "types/json_schema.h"
#include "util/json_util.h"

namespace {

std::shared_ptr<const dossier::JsonSchema> ContractSchema() {
  for (const auto& r : dossier::resources::All()) {
    if (r.path != "types/contract.json") continue;
    auto type = Poco::JSON::Parser().parse(std::string(r.data)).extract<Poco::JSON::Object::Ptr>();
    auto schema = dossier::JsonSchema::Compile(type->get("schema"), "contract");
    if (schema.ok()) return *schema;
  }
  __builtin_trap();  // the embedded contract type is missing or does not compile
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto schema = ContractSchema();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\0');
  auto object = dossier::ParseJsonObject(input.substr(0, split), "metadata");
  if (!object.ok()) return 0;
  if (split != std::string_view::npos) {
    std::string_view rest = input.substr(split + 1);
    while (!rest.empty()) {
      const size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      const size_t eq = line.find('=');
      if (eq == std::string_view::npos) continue;
      const bool raw = eq > 0 && line[eq - 1] == ':';
      dossier::MetadataAssignment a{std::string(line.substr(0, raw ? eq - 1 : eq)),
                                    std::string(line.substr(eq + 1)), raw};
      if (!dossier::ApplyAssignment(*object, a).ok()) return 0;
    }
  }
  (void)schema->Validate(Poco::Dynamic::Var(*object), "metadata");
  // Canonical JSON reads back as itself.
  const std::string canonical = dossier::CanonicalJson(Poco::Dynamic::Var(*object));
  auto again = dossier::ParseJsonObject(canonical, "canonical metadata");
  if (!again.ok() || dossier::CanonicalJson(Poco::Dynamic::Var(*again)) != canonical)
    __builtin_trap();
  return 0;
}
