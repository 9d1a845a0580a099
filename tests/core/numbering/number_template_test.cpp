#include "numbering/number_template.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

struct Case {
  std::string tmpl;
  std::map<std::string, std::string> values;
  int64_t seq;
  std::string expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.tmpl << " -> " << c.expected; }

class NumberTemplateCases : public ::testing::TestWithParam<Case> {};

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  static const char* kNames[] = {"ContractPadded", "ContractOverflowsWidth", "Unpadded",
                                 "ArchivalCodePreset"};
  return kNames[info.index];
}

TEST_P(NumberTemplateCases, Formats) {
  const Case& c = GetParam();
  auto t = NumberTemplate::Parse(c.tmpl);
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto scope = t->Scope(c.values);
  ASSERT_TRUE(scope.ok()) << scope.status().message();
  EXPECT_EQ(t->Format(*scope, c.seq), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Templates, NumberTemplateCases,
    ::testing::Values(
        Case{"HT-{year}-{dept}-{seq:4}", {{"year", "2026"}, {"dept", "SW"}}, 7, "HT-2026-SW-0007"},
        Case{"HT-{year}-{dept}-{seq:4}",
             {{"year", "2026"}, {"dept", "SW"}},
             12345,
             "HT-2026-SW-12345"},
        Case{"WJ-{year}-{seq}", {{"year", "2026"}}, 3, "WJ-2026-3"},
        Case{kArchivalCodeTemplate,
             {{"fonds", "Z109"},
              {"category", "WS"},
              {"year", "2011"},
              {"retention", "Y"},
              {"org", "BGS"}},
             1,
             "Z109-WS·2011-Y-BGS-0001"}),
    CaseName);

TEST(NumberTemplate, ScopeSeparatesSequences) {
  auto t = NumberTemplate::Parse("HT-{year}-{dept}-{seq:4}");
  ASSERT_TRUE(t.ok());
  auto a = t->Scope({{"year", "2026"}, {"dept", "SW"}});
  auto b = t->Scope({{"year", "2026"}, {"dept", "FW"}});
  auto c = t->Scope({{"year", "2027"}, {"dept", "SW"}});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_NE(*a, *b);
  EXPECT_NE(*a, *c);
}

TEST(NumberTemplate, RefusesMalformedTemplates) {
  for (const char* bad : {"HT-{year}", "HT-{seq}-{item}", "HT-{year", "HT-year}-{seq}",
                          "HT-{dept:3}-{seq}", "HT-{seq:x}", "HT-{}-{seq}"}) {
    auto t = NumberTemplate::Parse(bad);
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_NE(t.status().message().find(bad), std::string::npos) << t.status().message();
  }
}

TEST(NumberTemplate, RefusesMissingOrUnfitValues) {
  auto t = NumberTemplate::Parse("HT-{year}-{dept}-{seq:4}");
  ASSERT_TRUE(t.ok());
  auto missing = t->Scope({{"year", "2026"}});
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("dept"), std::string::npos);
  auto spaced = t->Scope({{"year", "2026"}, {"dept", "S W"}});
  EXPECT_FALSE(spaced.ok());
  auto slash = t->Scope({{"year", "2026"}, {"dept", "../x"}});
  EXPECT_FALSE(slash.ok());
}

}  // namespace
}  // namespace dossier
