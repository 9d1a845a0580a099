// Identity in the core: the password policy, and sessions and tokens
// against a clock the test sets (expiry without waiting).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "dossier/files.h"
#include "dossier/repository.h"
#include "identity/password.h"
#include "identity/totp.h"
#include "support/fixed_clock.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::FixedClock;
using testing::Noon;
using testing::TempDir;

struct PolicyCase {
  const char* password;
  const char* refusal;  // part of the message; nullptr: accepted
};

TEST(PasswordPolicyTest, RefusesWhatIsShortGuessableOrObvious) {
  const PolicyCase cases[] = {
      {"Zhang-San-Clerk-26", nullptr},
      {"合同档案管理员的密码不短", nullptr},   // 12 Chinese characters: long enough
      {"合同档案管理员密码", "9 characters"},  // counted as characters, not bytes
      {"short1!", "needs at least 12"},
      {"aaaaaaaaaaaaaaaa", "repeats one character"},
      {"abcdefghijklmn", "run of the alphabet or of digits"},
      {"1234567890123", "too easy to guess"},
      {"qwertyuiopasdf", "too easy to guess"},
      {"zxcvbnm,./asdfgh", "run of the keyboard"},
      {"Password1234", "common password or word"},
      {"p@ssw0rd1234!", "common password or word"},  // l33t spelling
      {"iloveyou2024iloveyou", "too easy to guess"},
      {"woaini1314520", "a word everyone here would try"},  // pinyin and numbers of Chinese lists
      {"dossier-archive", "a word everyone here would try"},
      {"summer2024summer", "too easy to guess"},
      {"Password1234", "at least 100,000,000 are needed"},
      {"correct horse battery staple", nullptr},  // a passphrase of four words
      {"Kx9#mPq2vL8w", nullptr},
      {"my-name-is-zhangsan!", "user's name"},
      {"tab\tinside-password", "control character"},
  };
  for (const auto& c : cases) {
    Status s = CheckPasswordPolicy(c.password, "zhangsan");
    if (c.refusal == nullptr) {
      EXPECT_TRUE(s.ok()) << c.password << ": " << s.message();
    } else {
      EXPECT_FALSE(s.ok()) << c.password;
      EXPECT_NE(s.message().find(c.refusal), std::string::npos)
          << c.password << ": " << s.message();
    }
  }
}

TEST(PasswordHashTest, Argon2idWithASaltEach) {
  auto a = HashPassword("Zhang-San-Clerk-26");
  auto b = HashPassword("Zhang-San-Clerk-26");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->rfind("$argon2id$", 0), 0u) << *a;
  EXPECT_NE(*a, *b);  // salted
  EXPECT_TRUE(VerifyPassword("Zhang-San-Clerk-26", *a));
  EXPECT_FALSE(VerifyPassword("Zhang-San-Clerk-27", *a));
  EXPECT_FALSE(VerifyPassword("", ""));
  EXPECT_FALSE(VerifyPassword("anything", "not a hash"));
  EXPECT_EQ(GeneratePassword().size(), 20u);
  EXPECT_TRUE(CheckPasswordPolicy(GeneratePassword(), "admin").ok());
}

class IdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions options;
    options.clock = clock_;
    auto made = Repository::Init(dir_ / "repo", options, "Archive-Keeper-2026");
    ASSERT_TRUE(made.ok()) << made.status().message();
    EXPECT_FALSE(made->admin_password_generated);
    auto repo = Repository::Open(dir_ / "repo", options);
    ASSERT_TRUE(repo.ok()) << repo.status().message();
    repo_ = std::move(*repo);
    admin_ = *repo_->ActorFor("admin");
    ASSERT_TRUE(repo_->AddUser(admin_, "张三", Role::kClerk, std::nullopt).ok());
    ASSERT_TRUE(repo_->SetPassword(admin_, "张三", "Zhang-San-Clerk-26", false).ok());
  }

  Result<SignedIn> SignIn(const std::string& user, const std::string& password,
                          const std::string& address = "10.0.0.1") {
    return repo_->SignIn(SignInRequest{user, password, address, "test"});
  }
  Result<SignedIn> SignInWithCode(const std::string& user, const std::string& password,
                                  const std::string& code) {
    return repo_->SignIn(SignInRequest{user, password, "10.0.0.1", "test", code});
  }
  // 张三 with an enabled second factor: the key's bytes, and the recovery codes.
  std::pair<std::string, std::vector<std::string>> EnrolZhang() {
    auto clerk = *repo_->ActorFor("张三");
    auto enrolment = repo_->BeginSecondFactor(clerk, "Zhang-San-Clerk-26");
    EXPECT_TRUE(enrolment.ok()) << enrolment.status().message();
    std::string key = Base32Decode(enrolment->key).value();
    auto codes = repo_->ConfirmSecondFactor(clerk, TotpCode(key, TotpStep(clock_->Now())));
    EXPECT_TRUE(codes.ok()) << codes.status().message();
    return {key, *codes};
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(Noon(2026, 12, 1));
  TempDir dir_;
  std::unique_ptr<Repository> repo_;
  Actor admin_;
};

TEST_F(IdentityTest, ASessionEndsWhenIdleAndAtItsAbsoluteLimit) {
  auto s = SignIn("张三", "Zhang-San-Clerk-26");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->session.expires_at, "2026-12-01T12:30:00.000Z");
  // Used every 20 minutes, it lives until the 12-hour limit.
  for (int i = 0; i < 35; ++i) {
    clock_->Set(Noon(2026, 12, 1) + std::chrono::minutes(20 * (i + 1)));
    auto c = repo_->AuthenticateSession(s->secret);
    ASSERT_TRUE(c.ok()) << i << ": " << c.status().message();
    EXPECT_EQ(c->actor.name, "张三");
    EXPECT_EQ(c->csrf_token, s->csrf_token);
  }
  clock_->Set(Noon(2026, 12, 2));
  EXPECT_EQ(repo_->AuthenticateSession(s->secret).status().code(), StatusCode::kUnauthenticated);

  auto idle = SignIn("张三", "Zhang-San-Clerk-26");
  ASSERT_TRUE(idle.ok());
  clock_->Set(Noon(2026, 12, 2) + std::chrono::minutes(31));
  auto gone = repo_->AuthenticateSession(idle->secret);
  EXPECT_EQ(gone.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(gone.status().message().find("expired"), std::string::npos);
}

TEST_F(IdentityTest, ATokenIsValidThroughItsLastDayAndNotAfter) {
  auto made = repo_->CreateToken(admin_, TokenRequest{"张三", "报表脚本", "2026-12-10", true});
  ASSERT_TRUE(made.ok()) << made.status().message();
  auto ok = repo_->AuthenticateToken(made->secret);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->read_only);
  EXPECT_EQ(ok->actor.name, "张三");
  clock_->Set(Noon(2026, 12, 10) + std::chrono::hours(11));  // 23:00 on its last day
  EXPECT_TRUE(repo_->AuthenticateToken(made->secret).ok());
  clock_->Set(Noon(2026, 12, 11));
  auto expired = repo_->AuthenticateToken(made->secret);
  EXPECT_EQ(expired.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(expired.status().message().find("2026-12-10"), std::string::npos);
}

TEST_F(IdentityTest, TheStoreHoldsNoSecret) {
  auto s = SignIn("张三", "Zhang-San-Clerk-26");
  auto t = repo_->CreateToken(admin_, TokenRequest{"张三", "", "2026-12-31", false});
  ASSERT_TRUE(s.ok() && t.ok());
  auto catalog = ReadFileToString(dir_ / "repo" / "catalog.db");
  ASSERT_TRUE(catalog.ok());
  for (const std::string& secret :
       {s->secret, t->secret, s->csrf_token, std::string("Zhang-San-Clerk-26")}) {
    EXPECT_EQ(catalog->find(secret), std::string::npos) << secret;
  }
}

TEST_F(IdentityTest, LockoutCountsTheAccountAndTheAddressAndPassesWithTheWindow) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(SignIn("张三", "wrong-password-x").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(SignIn("张三", "Zhang-San-Clerk-26").status().code(), StatusCode::kTooManyAttempts);
  EXPECT_EQ(SignIn("张三", "Zhang-San-Clerk-26", "10.0.0.2").status().code(),
            StatusCode::kTooManyAttempts);
  clock_->Set(Noon(2026, 12, 1) + std::chrono::minutes(16));
  EXPECT_TRUE(SignIn("张三", "Zhang-San-Clerk-26").ok());
  // After a success the account's count starts again.
  for (int i = 0; i < 4; ++i) SignIn("张三", "wrong-password-x");
  EXPECT_TRUE(SignIn("张三", "Zhang-San-Clerk-26").ok());
}

TEST_F(IdentityTest, OnlyAnAdminSetsAnotherUsersPasswordOrMakesTheirTokens) {
  auto clerk = *repo_->ActorFor("张三");
  EXPECT_EQ(repo_->SetPassword(clerk, "admin", "Taken-Over-Admin-26", false).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(
      repo_->CreateToken(clerk, TokenRequest{"admin", "", "2026-12-31", false}).status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_TRUE(repo_->CreateToken(clerk, TokenRequest{"", "mine", "2026-12-31", false}).ok());
  EXPECT_EQ(repo_->Tokens(clerk, "").value().size(), 1u);
  EXPECT_EQ(repo_->Tokens(admin_, "").value().size(), 1u);
}

TEST_F(IdentityTest, AOneTimePasswordStopsWorkingAfterItsHoursButAChosenOneDoesNot) {
  ASSERT_TRUE(repo_->SetPassword(admin_, "张三", "Temporary-For-Zhang-26", true).ok());
  clock_->Set(Noon(2026, 12, 4) - std::chrono::minutes(1));  // 71 hours 59 minutes later
  auto in_time = SignIn("张三", "Temporary-For-Zhang-26");
  ASSERT_TRUE(in_time.ok()) << in_time.status().message();
  EXPECT_TRUE(in_time->must_change_password);
  clock_->Set(Noon(2026, 12, 4) + std::chrono::minutes(1));
  auto late = SignIn("张三", "Temporary-For-Zhang-26");
  EXPECT_EQ(late.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(late.status().message().find("one-time password has expired"), std::string::npos)
      << late.status().message();
  // A wrong password is still only "wrong": the expiry is told to whoever typed it right.
  EXPECT_EQ(SignIn("张三", "Temporary-For-Zhang-27").status().message(),
            "wrong user name or password");
  // One the user chose does not expire.
  ASSERT_TRUE(repo_->SetPassword(admin_, "张三", "Zhang-San-Chosen-26", false).ok());
  clock_->Set(Noon(2027, 6, 1));
  EXPECT_TRUE(SignIn("张三", "Zhang-San-Chosen-26").ok());
}

TEST_F(IdentityTest, AnAdminEndsEverySessionOfAUserAndAClerkOnlyTheirOwn) {
  auto first = SignIn("张三", "Zhang-San-Clerk-26");
  auto second = SignIn("张三", "Zhang-San-Clerk-26", "10.0.0.9");
  ASSERT_TRUE(first.ok() && second.ok());
  auto clerk = *repo_->ActorFor("张三");
  EXPECT_EQ(repo_->EndSessionsOf(clerk, "admin").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(repo_->EndSessionsOf(admin_, "nobody").status().code(), StatusCode::kNotFound);
  auto ended = repo_->EndSessionsOf(admin_, "张三");
  ASSERT_TRUE(ended.ok()) << ended.status().message();
  EXPECT_EQ(*ended, 2);
  EXPECT_EQ(repo_->AuthenticateSession(first->secret).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(repo_->AuthenticateSession(second->secret).status().code(),
            StatusCode::kUnauthenticated);
  auto trail = repo_->Audit(admin_, std::nullopt);
  ASSERT_TRUE(trail.ok());
  EXPECT_EQ(trail->back().action, "session.end");
  EXPECT_EQ(trail->back().object, "张三");
  EXPECT_EQ(repo_->EndSessionsOf(clerk, "张三").value(), 0);
}

TEST_F(IdentityTest, ASecondFactorIsAskedForOnceConfirmedAndEachCodeWorksOnce) {
  auto clerk = *repo_->ActorFor("张三");
  EXPECT_EQ(repo_->BeginSecondFactor(clerk, "wrong-password-x").status().code(),
            StatusCode::kPermissionDenied);
  auto enrolment = repo_->BeginSecondFactor(clerk, "Zhang-San-Clerk-26");
  ASSERT_TRUE(enrolment.ok()) << enrolment.status().message();
  EXPECT_EQ(enrolment->key.size(), 32u);  // 160 bits in base32
  EXPECT_EQ(
      enrolment->uri.rfind("otpauth://totp/Dossier:%E5%BC%A0%E4%B8%89?secret=" + enrolment->key, 0),
      0u)
      << enrolment->uri;
  const std::string key = Base32Decode(enrolment->key).value();
  // Not yet confirmed: the password alone still signs in.
  EXPECT_TRUE(SignIn("张三", "Zhang-San-Clerk-26").ok());
  EXPECT_EQ(repo_->ConfirmSecondFactor(clerk, "000000").status().code(),
            StatusCode::kInvalidArgument);
  auto codes = repo_->ConfirmSecondFactor(clerk, TotpCode(key, TotpStep(clock_->Now())));
  ASSERT_TRUE(codes.ok()) << codes.status().message();
  EXPECT_EQ(codes->size(), 10u);
  EXPECT_EQ(repo_->BeginSecondFactor(clerk, "Zhang-San-Clerk-26").status().code(),
            StatusCode::kConflict);

  // The right password alone is asked for the code, and that is no failure.
  for (int i = 0; i < 6; ++i) {
    auto asked = SignIn("张三", "Zhang-San-Clerk-26");
    EXPECT_EQ(asked.status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(asked.status().field(), "/code");
  }
  // A wrong password says nothing of a second factor.
  EXPECT_EQ(SignIn("张三", "wrong-password-x").status().message(), "wrong user name or password");
  EXPECT_EQ(SignIn("张三", "wrong-password-x").status().field(), "");

  clock_->Set(Noon(2026, 12, 1) + std::chrono::minutes(5));
  const std::string code = TotpCode(key, TotpStep(clock_->Now()));
  auto in = SignInWithCode("张三", "Zhang-San-Clerk-26", code);
  ASSERT_TRUE(in.ok()) << in.status().message();
  auto again =
      SignInWithCode("张三", "Zhang-San-Clerk-26", code);  // replayed within its 30 seconds
  EXPECT_EQ(again.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(again.status().field(), "/code");

  // A recovery code, typed carelessly, works once.
  std::string careless = (*codes)[3];
  careless.erase(std::remove(careless.begin(), careless.end(), '-'), careless.end());
  std::transform(careless.begin(), careless.end(), careless.begin(),
                 [](char c) { return std::tolower(c); });
  EXPECT_TRUE(SignInWithCode("张三", "Zhang-San-Clerk-26", careless).ok());
  EXPECT_EQ(SignInWithCode("张三", "Zhang-San-Clerk-26", (*codes)[3]).status().code(),
            StatusCode::kUnauthenticated);
  auto status = repo_->SecondFactorOf(clerk, "张三");
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(status->enabled);
  EXPECT_EQ(status->recovery_codes_left, 9);
  auto trail = repo_->Audit(admin_, std::nullopt);
  ASSERT_TRUE(trail.ok());
  bool recovery_audited = false;
  for (const auto& e : *trail)
    recovery_audited |= e.action == "sign-in.recovery-code" && e.object == "张三";
  EXPECT_TRUE(recovery_audited);
}

TEST_F(IdentityTest, WrongCodesCountTowardsTheLockout) {
  EnrolZhang();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(SignInWithCode("张三", "Zhang-San-Clerk-26", "000000").status().code(),
              StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(SignInWithCode("张三", "Zhang-San-Clerk-26", "000000").status().code(),
            StatusCode::kTooManyAttempts);
}

TEST_F(IdentityTest, AnAdminRemovesALostSecondFactorAndOnlyTheOwnerWithTheirPasswordOtherwise) {
  auto [key, codes] = EnrolZhang();
  auto session = SignInWithCode("张三", "Zhang-San-Clerk-26", codes[0]);
  ASSERT_TRUE(session.ok()) << session.status().message();
  auto clerk = *repo_->ActorFor("张三");
  EXPECT_EQ(repo_->RemoveSecondFactor(clerk, "张三", "wrong-password-x").code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(repo_->SecondFactorOf(clerk, "admin").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(repo_->RemoveSecondFactor(admin_, "nobody", "").code(), StatusCode::kNotFound);
  ASSERT_TRUE(repo_->RemoveSecondFactor(admin_, "张三", "").ok());
  EXPECT_EQ(repo_->AuthenticateSession(session->secret).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_TRUE(SignIn("张三", "Zhang-San-Clerk-26").ok());
  EXPECT_FALSE(repo_->SecondFactorOf(admin_, "张三")->enabled);
  EXPECT_EQ(repo_->SecondFactorOf(admin_, "张三")->recovery_codes_left, 0);
  EXPECT_EQ(repo_->RemoveSecondFactor(admin_, "张三", "").code(), StatusCode::kNotFound);
  // The owner removes their own with their password.
  EnrolZhang();
  EXPECT_TRUE(repo_->RemoveSecondFactor(clerk, "张三", "Zhang-San-Clerk-26").ok());
  EXPECT_TRUE(SignIn("张三", "Zhang-San-Clerk-26").ok());
}

}  // namespace
}  // namespace dossier
