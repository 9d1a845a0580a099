#include "util/json_util.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(JsonUtil, CanonicalJsonSortsKeysAndKeepsChinese) {
  auto v = ParseJson(R"({"z":1,"标题":"合同","a":[true,null]})", "test");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(CanonicalJson(*v), R"({"a":[true,null],"z":1,"标题":"合同"})");
}

TEST(JsonUtil, MalformedJsonNamesItsSource) {
  auto v = ParseJson(R"({"a": )", "metadata file x.json");
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("metadata file x.json"), std::string::npos);
  auto bad_utf8 = ParseJson("{\"a\":\"\xff\"}", "m");
  EXPECT_FALSE(bad_utf8.ok());
}

TEST(JsonUtil, AKeyNamedTwiceInOneObjectIsRefusedWhereverItIs) {
  for (const char* text : {R"({"date":"2026-01-01","date":"2027-01-01"})", R"({"a":{"b":1,"b":2}})",
                           R"({"parties":[{"name":"甲","name":"乙"}]})"}) {
    auto parsed = ParseJson(text, "metadata file m.json");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.status().message().find("metadata file m.json"), std::string::npos);
    EXPECT_NE(parsed.status().message().find("appears twice in one object"), std::string::npos)
        << parsed.status().message();
  }
  // The same key in two objects, or a key equal to a value, is fine.
  EXPECT_TRUE(ParseJson(R"({"a":{"x":1},"b":{"x":1},"c":["a","a"],"x":"x"})", "m").ok());
  EXPECT_TRUE(ParseJson(R"([{"x":1},{"x":2}])", "m").ok());
}

TEST(JsonUtil, ParsesBareScalars) {
  auto v = ParseJson("130000", "value");
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->convert<int>(), 130000);
}

TEST(JsonUtil, AssignmentsReachIntoObjectsAndArrays) {
  auto obj = ParseJsonObject(R"({"parties":[{"name":"甲"}]})", "m");
  ASSERT_TRUE(obj.ok());
  ASSERT_TRUE(ApplyAssignment(*obj, {"parties.0.name", "本公司", false}).ok());
  ASSERT_TRUE(ApplyAssignment(*obj, {"parties.1.name", "对方", false}).ok());
  ASSERT_TRUE(ApplyAssignment(*obj, {"amount.value", "120000.5", true}).ok());
  EXPECT_EQ(CanonicalJson(Poco::Dynamic::Var(*obj)),
            R"({"amount":{"value":120000.5},"parties":[{"name":"本公司"},{"name":"对方"}]})");
  EXPECT_FALSE(ApplyAssignment(*obj, {"parties.5.name", "x", false}).ok());
  EXPECT_FALSE(ApplyAssignment(*obj, {"amount.value.x", "1", false}).ok());
  EXPECT_FALSE(ApplyAssignment(*obj, {"a..b", "1", false}).ok());
}

// Found by fuzzing: a key with a NUL went in, and the metadata's JSON no
// longer read back. Keys are valid UTF-8 without control characters.
TEST(JsonUtil, AssignmentKeysWithControlCharactersOrBadUtf8AreRefused) {
  auto obj = ParseJsonObject("{}", "m");
  ASSERT_TRUE(obj.ok());
  auto nul = ApplyAssignment(*obj, {std::string("\0parties.0.name", 15), "甲", false});
  ASSERT_FALSE(nul.ok());
  EXPECT_NE(nul.message().find("control character"), std::string::npos) << nul.message();
  EXPECT_FALSE(ApplyAssignment(*obj, {"title\n", "x", false}).ok());
  EXPECT_FALSE(ApplyAssignment(*obj, {"\xff\xfe", "x", false}).ok());
  EXPECT_EQ(CanonicalJson(Poco::Dynamic::Var(*obj)), "{}");
}

TEST(JsonUtil, FlattenLeavesByPointer) {
  auto v = ParseJson(R"({"a":{"b":1,"c":[2,"x"]},"e":{}})", "m");
  ASSERT_TRUE(v.ok());
  auto leaves = FlattenLeaves(*v);
  EXPECT_EQ(leaves.at("/a/b"), "1");
  EXPECT_EQ(leaves.at("/a/c/1"), "\"x\"");
  EXPECT_EQ(leaves.at("/e"), "{}");
  EXPECT_EQ(GetByPointer(*v, "/a/c/0")->convert<int>(), 2);
  EXPECT_FALSE(GetByPointer(*v, "/a/z").has_value());
}

}  // namespace
}  // namespace dossier
