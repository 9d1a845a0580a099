// The codes of an authenticator app, against the published test vectors.
#include "identity/totp.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

// RFC 6238 appendix B, SHA-1, key "12345678901234567890": the 8-digit codes
// cut to the 6 digits apps show.
struct TotpVector {
  int64_t unix_time;
  const char* code;
};

TEST(TotpTest, MatchesRfc6238) {
  const std::string key = "12345678901234567890";
  for (const auto& v : {TotpVector{59, "287082"}, TotpVector{1111111109, "081804"},
                        TotpVector{1111111111, "050471"}, TotpVector{1234567890, "005924"},
                        TotpVector{2000000000, "279037"}}) {
    const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(v.unix_time));
    EXPECT_EQ(TotpCode(key, TotpStep(at)), v.code) << v.unix_time;
  }
  EXPECT_EQ(TotpCode(key, 1, 8), "94287082");
  // The RFC's last vector, in 2603, as a step: past what system_clock holds.
  EXPECT_EQ(TotpCode(key, 20000000000 / 30), "353130");
}

TEST(TotpTest, Base32IsRfc4648AndForgivesCaseAndSpaces) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi======").value(), "foobar");
  EXPECT_FALSE(Base32Decode("MZXW1YTBOI").has_value());  // 1 is not in the alphabet
  const std::string key = "\x01\xff\x80 any twenty bytes!";
  EXPECT_EQ(Base32Decode(Base32Encode(key)).value(), key);
}

TEST(TotpTest, ACodeWorksInItsStepAndTheNeighboursOnceOnly) {
  const std::string key = "12345678901234567890";
  const int64_t now = 1000;
  EXPECT_EQ(MatchTotp(key, TotpCode(key, now), now, 0), now);
  EXPECT_EQ(MatchTotp(key, TotpCode(key, now - 1), now, 0),
            now - 1);  // typed just before the step turned
  EXPECT_EQ(MatchTotp(key, TotpCode(key, now + 1), now, 0), now + 1);  // a phone a little ahead
  EXPECT_FALSE(MatchTotp(key, TotpCode(key, now - 2), now, 0).has_value());
  EXPECT_FALSE(MatchTotp(key, TotpCode(key, now + 2), now, 0).has_value());
  EXPECT_FALSE(MatchTotp(key, TotpCode(key, now), now, now).has_value());  // used already
  EXPECT_FALSE(MatchTotp(key, "12345", now, 0).has_value());
  EXPECT_FALSE(MatchTotp("another key of twenty", TotpCode(key, now), now, 0).has_value());
}

}  // namespace
}  // namespace dossier
