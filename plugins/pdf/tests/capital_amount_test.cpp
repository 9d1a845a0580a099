#include "capital_amount.h"

#include <gtest/gtest.h>

namespace dossier::pdf {
namespace {

TEST(CapitalAmount, TheFullFormWithJiaoAndFen) {
  EXPECT_EQ(CapitalAmount(12'345'678), "壹拾贰万叁仟肆佰伍拾陆元柒角捌分");
}

TEST(CapitalAmount, WholeAmountsEndWithZheng) {
  EXPECT_EQ(CapitalAmount(0), "零元整");
  EXPECT_EQ(CapitalAmount(1'000), "壹拾元整");
  EXPECT_EQ(CapitalAmount(100'000'000), "壹佰万元整");
  EXPECT_EQ(CapitalAmount(10'000'000'000), "壹亿元整");
  EXPECT_EQ(CapitalAmount(150), "壹元伍角整");  // 整 after 角 too
  EXPECT_EQ(CapitalAmount(50), "伍角整");
}

TEST(CapitalAmount, OneZeroForEveryRunOfZerosNoneAtTheEnd) {
  EXPECT_EQ(CapitalAmount(100'400), "壹仟零肆元整");
  EXPECT_EQ(CapitalAmount(1'050'000), "壹万零伍佰元整");
  EXPECT_EQ(CapitalAmount(10'000'000), "壹拾万元整");
  EXPECT_EQ(CapitalAmount(100'050'000), "壹佰万零伍佰元整");
  EXPECT_EQ(CapitalAmount(20'010'000'000), "贰亿零壹拾万元整");
  EXPECT_EQ(CapitalAmount(1'200'000'000), "壹仟贰佰万元整");
}

TEST(CapitalAmount, ZeroAfterYuanWhenASmallerUnitFollows) {
  EXPECT_EQ(CapitalAmount(168'032), "壹仟陆佰捌拾元零叁角贰分");
  EXPECT_EQ(CapitalAmount(32'504), "叁佰贰拾伍元零肆分");
  EXPECT_EQ(CapitalAmount(10'005), "壹佰元零伍分");
  EXPECT_EQ(CapitalAmount(5), "伍分");  // nothing before it: no 零
  EXPECT_EQ(CapitalAmount(-12'050), "负壹佰贰拾元零伍角整");
}

}  // namespace

TEST(CapitalCount, CopiesAreCountedInCapitals) {
  EXPECT_EQ(CapitalCount(2), "贰");
  EXPECT_EQ(CapitalCount(4), "肆");
  EXPECT_EQ(CapitalCount(10), "壹拾");
  EXPECT_EQ(CapitalCount(12), "壹拾贰");
  EXPECT_EQ(CapitalCount(0), "零");
}

}  // namespace dossier::pdf
