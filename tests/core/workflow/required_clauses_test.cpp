// What counts as a missing clause, case by case: the table says the metadata,
// the pointers asked for and what is reported missing, by name and place.
#include "workflow/required_clauses.h"

#include <gtest/gtest.h>

#include "dossier/json_input.h"

namespace dossier {
namespace {

constexpr const char* kSchema = R"({"type":"object","properties":{
  "parties":{"title":"当事人","type":"array","items":{"type":"object","properties":{
     "role":{"title":"身份","type":"string"},"name":{"title":"名称","type":"string"},"address":{"title":"地址","type":"string"}}}},
  "subject":{"title":"标的","type":"string"},
  "term":{"title":"履行期限","type":"object","properties":{"start":{"title":"起始日期","type":"string"},"end":{"title":"终止日期","type":"string"}}},
  "amount":{"title":"金额","type":"object","properties":{"value":{"title":"数额","type":"number"}}},
  "major":{"title":"重大合同","type":"boolean"}}})";

struct Case {
  const char* name;  // the test's name
  const char* what;
  const char* metadata;
  std::vector<std::string> pointers;
  std::vector<std::pair<std::string, std::string>> missing;  // pointer, name
};

class RequiredClausesTest : public ::testing::TestWithParam<Case> {};

TEST_P(RequiredClausesTest, ReportsWhatIsMissing) {
  const Case& c = GetParam();
  auto schema = JsonSchema::Compile(*ParseJson(kSchema, "schema"), "schema");
  ASSERT_TRUE(schema.ok());
  auto metadata = ParseJson(c.metadata, "metadata");
  ASSERT_TRUE(metadata.ok()) << metadata.status().message();
  auto missing = MissingClauses(*metadata, c.pointers, **schema);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& m : missing) got.emplace_back(m.pointer, m.name);
  EXPECT_EQ(got, c.missing) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RequiredClausesTest,
    ::testing::Values(
        Case{"EverythingThere",
             "everything there",
             R"({"subject":"服务器","term":{"start":"2026-01-01"}})",
             {"/subject", "/term/start"},
             {}},
        Case{"Absent", "absent", R"({})", {"/subject"}, {{"/subject", "标的"}}},
        Case{"Null", "null", R"({"subject":null})", {"/subject"}, {{"/subject", "标的"}}},
        Case{"SpacesOnly",
             "spaces only, ASCII and ideographic",
             R"({"subject":" \t\u3000 "})",
             {"/subject"},
             {{"/subject", "标的"}}},
        Case{"IdeographicSpaceInText",
             "text with an ideographic space in it is text",
             R"({"subject":"\u3000服务器"})",
             {"/subject"},
             {}},
        Case{"EmptyObject",
             "an object with nothing filled in",
             R"({"amount":{"value":null}})",
             {"/amount"},
             {{"/amount", "金额"}}},
        Case{"ZeroAndFalse",
             "zero and false are answers",
             R"({"amount":{"value":0},"major":false})",
             {"/amount", "/major"},
             {}},
        Case{"PartBelowMissingObject",
             "a part below a missing object is named as itself",
             R"({})",
             {"/term/end"},
             {{"/term/end", "履行期限 › 终止日期"}}},
        Case{"EachItemByRole",
             "each item of a list, named by its role",
             R"({"parties":[{"role":"甲方","address":"上海"},{"role":"乙方"}]})",
             {"/parties/*/address"},
             {{"/parties/1/address", "当事人 › 地址（乙方）"}}},
        Case{"ItemByNameThenPlace",
             "an item without a role is named by its name, then its place",
             R"({"parties":[{"name":"华信"},{}]})",
             {"/parties/*/address"},
             {{"/parties/0/address", "当事人 › 地址（华信）"},
              {"/parties/1/address", "当事人 › 地址（第2项）"}}},
        Case{"EmptyListOnce",
             "an empty list is reported once, at the list",
             R"({"parties":[]})",
             {"/parties/*/name", "/parties/*/address"},
             {{"/parties", "当事人"}}},
        Case{"UntitledPointer",
             "a pointer the schema does not title is shown as itself",
             R"({})",
             {"/signing/seal"},
             {{"/signing/seal", "/signing/seal"}}}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace dossier
