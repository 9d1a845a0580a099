// The main of every Dossier test program: GoogleTest's, except that a test
// reported skipped fails. No test of ours skips itself; a skip is a failure in
// disguise — a fixture whose SetUpTestSuite failed has its tests skipped, and
// ctest counts a skipped test as not run rather than failed (its pattern for
// gtest's "[  SKIPPED ]" cannot be taken away, only added to). Turned into a
// failure before the printer sees it, the test reads "[  FAILED  ]".
#include <gtest/gtest.h>

namespace {

class SkippedIsFailed : public ::testing::EmptyTestEventListener {
  void OnTestEnd(const ::testing::TestInfo& test) override {
    if (test.result()->Skipped())
      ADD_FAILURE() << test.name() << " was skipped; no Dossier test skips itself";
  }
};

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // Test-end events reach listeners last-added first: this one, then the printer.
  ::testing::UnitTest::GetInstance()->listeners().Append(new SkippedIsFailed);
  return RUN_ALL_TESTS();
}
