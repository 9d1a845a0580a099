// Result's checked access and the assign-or-return macro.
#include "dossier/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace dossier {
namespace {

Result<int> Parse(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("'" + text + "' is not a number");
  }
  return std::stoi(text);
}

// Adds two parsed numbers, returning the first failure as it came.
Result<int> Sum(const std::string& a, const std::string& b) {
  DOSSIER_ASSIGN_OR_RETURN(int x, Parse(a));
  DOSSIER_ASSIGN_OR_RETURN(int y, Parse(b));
  return x + y;
}

Status Store(const std::string& text, int& into) {
  DOSSIER_ASSIGN_OR_RETURN(into, Parse(text));
  return Status::Ok();
}

Result<std::unique_ptr<std::string>> Owned(bool ok) {
  if (!ok) return Status::NotFound("nothing here");
  return std::make_unique<std::string>("档案");
}

TEST(Status, AssignOrReturnTakesTheValueOrReturnsTheFirstFailure) {
  auto sum = Sum("40", "2");
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(*sum, 42);
  auto bad = Sum("4x", "y");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsInvalidArgument());
  EXPECT_EQ(bad.status().message(), "'4x' is not a number");

  int into = 7;
  EXPECT_TRUE(Store("12", into).ok());
  EXPECT_EQ(into, 12);
  EXPECT_EQ(Store("", into).message(), "'' is not a number");
  EXPECT_EQ(into, 12);  // left as it was
}

TEST(Status, AssignOrReturnMovesAValueThatCannotBeCopied) {
  auto take = [](bool ok) -> Result<std::string> {
    DOSSIER_ASSIGN_OR_RETURN(auto owned, Owned(ok));
    return *owned;
  };
  EXPECT_EQ(*take(true), "档案");
  EXPECT_TRUE(take(false).status().IsNotFound());
}

TEST(StatusDeathTest, ReadingAFailedResultStopsNamingItsStatus) {
  Result<int> failed = Status::NotFound("no document 'HT-1'");
  EXPECT_DEATH((void)*failed, "a Result without a value was read: no document 'HT-1'");
  Result<std::string> failed_text = Status::Conflict("frozen");
  EXPECT_DEATH((void)failed_text->size(), "a Result without a value was read: frozen");
}

}  // namespace
}  // namespace dossier
