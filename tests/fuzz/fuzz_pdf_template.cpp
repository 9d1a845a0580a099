// The PDF template language (config/templates/*.json): parsed, then laid
// out against a fixed document model. A template that does not fit is
// refused naming its block and field; the layout never crashes.
#include <Poco/JSON/Parser.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "template.h"

namespace {

Poco::Dynamic::Var Model() {
  return Poco::JSON::Parser().parse(R"({
    "document": {"number": "HT-2026-SW-0001", "title": "服务器采购合同", "type_name": "合同", "marking": "内部"},
    "metadata": {"parties": [{"role": "甲方", "name": "本公司"}, {"role": "乙方", "name": "华信科技"}],
                 "amount": {"value": 1250000, "currency": "CNY"}, "subject": "服务器", "clauses": ["第一条", "第二条"]},
    "steps": [{"action_name": "批准", "actor": "陈总", "at": "2026-03-01T08:00:00Z"}],
    "audit": {"seq": 5, "head": "00"}
  })");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Poco::Dynamic::Var model = Model();
  auto tmpl =
      dossier::pdf::ParseTemplate("fuzz", std::string(reinterpret_cast<const char*>(data), size));
  if (!tmpl.ok()) return 0;
  (void)dossier::pdf::BuildLayout(*tmpl, model);
  return 0;
}
