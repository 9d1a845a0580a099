// Configuration a company writes: retention schedules (config/retention)
// and numbering templates (a type's numbering.template). A bad file is
// refused at open naming the field; nothing else may happen.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "numbering/number_template.h"
#include "retention/schedule.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)dossier::ParseRetentionSchedule(input, "fuzz.json");
  auto number = dossier::NumberTemplate::Parse(std::string(input.substr(0, 256)));
  if (number.ok()) {
    std::map<std::string, std::string> values;
    for (const auto& field : number->FieldNames()) values[field] = "SW";
    (void)number->Scope(values);
  }
  return 0;
}
