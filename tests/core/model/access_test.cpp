#include "dossier/access.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(Access, ConfidentialityParsesChineseEnglishAndDigits) {
  EXPECT_EQ(ParseConfidentiality("公开"), Confidentiality::kPublic);
  EXPECT_EQ(ParseConfidentiality("内部"), Confidentiality::kInternal);
  EXPECT_EQ(ParseConfidentiality("秘密"), Confidentiality::kSecret);
  EXPECT_EQ(ParseConfidentiality("机密"), Confidentiality::kClassified);
  EXPECT_EQ(ParseConfidentiality("機密"),
            Confidentiality::kClassified);  // traditional, as the rules write it
  EXPECT_EQ(ParseConfidentiality("secret"), Confidentiality::kSecret);
  EXPECT_EQ(ParseConfidentiality("2"), Confidentiality::kSecret);
  EXPECT_FALSE(ParseConfidentiality("绝密").has_value());
  EXPECT_FALSE(ParseConfidentiality("4").has_value());
  EXPECT_FALSE(ParseConfidentiality("").has_value());
}

TEST(Access, ClearanceOrdersLevels) {
  Actor clerk{"张三", Role::kClerk, DefaultClearance(Role::kClerk)};
  EXPECT_TRUE(clerk.CanSee(Confidentiality::kPublic));
  EXPECT_TRUE(clerk.CanSee(Confidentiality::kInternal));
  EXPECT_FALSE(clerk.CanSee(Confidentiality::kSecret));
  Actor archivist{"档案员", Role::kArchivist, DefaultClearance(Role::kArchivist)};
  EXPECT_TRUE(archivist.CanSee(Confidentiality::kClassified));
}

TEST(Access, RolesParseByCodeAndChineseName) {
  for (Role r : AllRoles()) {
    EXPECT_EQ(ParseRole(RoleCode(r)), r);
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_EQ(ParseRole("部门经理"), Role::kManager);
  EXPECT_FALSE(ParseRole("boss").has_value());
}

}  // namespace
}  // namespace dossier
