// A second factor for sign-in: an authenticator app's codes (RFC 6238) and
// recovery codes for a lost phone (ASVS 2.7/2.8; docs/server.md).
#include "repository/second_factor.h"

#include <Poco/URI.h>

#include "audit/audit_chain.h"
#include "identity/password.h"
#include "identity/secrets.h"
#include "identity/totp.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"

namespace dossier {

namespace {

constexpr int kRecoveryCodeCount = 10;
constexpr size_t kRecoveryCodeBytes = 15;  // 120 bits: 24 base32 characters
constexpr size_t kTotpKeyBytes = 20;       // 160 bits, RFC 4226's recommendation

// A recovery code as typed: case, spaces and dashes do not matter.
std::string NormalizedRecoveryCode(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

// Ten codes of 120 random bits, six groups of four base32 characters (no
// 0/1/8/9 to misread), and the digests the catalog keeps: from 112 bits up a
// plain SHA-256 is enough (ASVS 6.5.2), nothing to search a dictionary for.
struct RecoveryCodeSet {
  std::vector<std::string> codes;   // shown to the user once
  std::vector<std::string> hashes;  // kept
};

RecoveryCodeSet NewRecoveryCodeSet() {
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    const std::string raw = Base32Encode(RandomBytes(kRecoveryCodeBytes));
    std::string grouped;
    for (size_t at = 0; at < raw.size(); at += 4) grouped += (at ? "-" : "") + raw.substr(at, 4);
    codes.push_back(grouped);
    hashes.push_back(SecretHash(raw));
  }
  return {codes, hashes};
}

Status RequireOwnPassword(Repository::Impl& impl, const Actor& actor, const std::string& password) {
  auto stored = impl.ReadSnapshot<Catalog::PasswordRow>(
      [&](Catalog& c) { return c.GetPassword(actor.name); });
  if (!stored.ok()) return stored.status();
  if (!VerifyPassword(password, stored->hash))
    return Status::PermissionDenied("the password is wrong");
  return Status::Ok();
}

}  // namespace

Result<SecondFactorCheck> CheckSecondFactor(Catalog& c, const std::string& user,
                                            const std::string& code,
                                            std::chrono::system_clock::time_point now,
                                            const std::string& now_iso) {
  auto factor = c.GetSecondFactor(user);
  if (!factor.ok()) return factor.status();
  if (!*factor || (*factor)->confirmed_at.empty()) return SecondFactorCheck::kNone;
  if (code.empty()) return SecondFactorCheck::kMissing;
  if (auto step = MatchTotp((*factor)->totp_key, code, TotpStep(now), (*factor)->last_step)) {
    DOSSIER_RETURN_IF_ERROR(c.SetSecondFactorStep(user, *step));
    return SecondFactorCheck::kPassed;
  }
  const std::string recovery = NormalizedRecoveryCode(code);
  if (recovery.size() != kRecoveryCodeBytes * 8 / 5) return SecondFactorCheck::kWrong;
  auto used = c.UseRecoveryCode(user, SecretHash(recovery), now_iso);
  if (!used.ok()) return used.status();
  if (!*used) return SecondFactorCheck::kWrong;
  auto left = c.UnusedRecoveryCodes(user);
  if (!left.ok()) return left.status();
  DOSSIER_RETURN_IF_ERROR(
      AppendAudit(c, now_iso, user, "sign-in.recovery-code", user,
                  CanonicalObject({{"recovery_codes_left", static_cast<Poco::Int64>(*left)}})));
  return SecondFactorCheck::kPassed;
}

Result<bool> Repository::Impl::MustEnrolSecondFactor(const Actor& actor) const {
  if (!sessions.second_factor_required_for.count(actor.role)) return false;
  auto factor = ReadSnapshot<std::optional<Catalog::SecondFactorRow>>(
      [&](Catalog& c) { return c.GetSecondFactor(actor.name); });
  if (!factor.ok()) return factor.status();
  return !*factor || (*factor)->confirmed_at.empty();
}

Result<SecondFactorEnrolment> Repository::BeginSecondFactor(const Actor& actor,
                                                            const std::string& password) {
  DOSSIER_RETURN_IF_ERROR(RequireOwnPassword(*impl_, actor, password));
  const std::string key = RandomBytes(kTotpKeyBytes);
  DOSSIER_RETURN_IF_ERROR(impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto factor = c.GetSecondFactor(actor.name);
    if (!factor.ok()) return factor.status();
    if (*factor && !(*factor)->confirmed_at.empty()) {
      return Status::Conflict(
          actor.name + " already has a second factor; remove it first to enrol another phone");
    }
    DOSSIER_RETURN_IF_ERROR(c.PutSecondFactor(actor.name, key, impl_->Now()));
    return AppendAudit(c, impl_->Now(), actor.name, "user.second-factor.begin", actor.name, "{}");
  }));
  SecondFactorEnrolment out;
  out.key = Base32Encode(key);
  std::string label;
  Poco::URI::encode("Dossier:" + actor.name, "?&=#/ ", label);
  out.uri = "otpauth://totp/" + label + "?secret=" + out.key +
            "&issuer=Dossier&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
            "&period=" + std::to_string(kTotpStepSeconds);
  return out;
}

Result<std::vector<std::string>> Repository::ConfirmSecondFactor(const Actor& actor,
                                                                 const std::string& code) {
  auto fresh = NewRecoveryCodeSet();
  const auto now = impl_->clock->Now();
  Status refused;
  DOSSIER_RETURN_IF_ERROR(impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto factor = c.GetSecondFactor(actor.name);
    if (!factor.ok()) return factor.status();
    if (!*factor)
      return Status::NotFound("no authenticator key is being set up for " + actor.name +
                              "; begin first");
    if (!(*factor)->confirmed_at.empty())
      return Status::Conflict(actor.name + "'s second factor is already enabled");
    auto step = MatchTotp((*factor)->totp_key, code, TotpStep(now), 0);
    if (!step) {
      refused =
          Status::InvalidArgument("code: not the code the app shows now (check the phone's clock)");
      return Status::Ok();
    }
    DOSSIER_RETURN_IF_ERROR(c.ConfirmSecondFactor(actor.name, impl_->Now(), *step));
    DOSSIER_RETURN_IF_ERROR(c.ReplaceRecoveryCodes(actor.name, fresh.hashes));
    return AppendAudit(c, impl_->Now(), actor.name, "user.second-factor.enable", actor.name, "{}");
  }));
  if (!refused.ok()) return refused;
  return fresh.codes;
}

Result<std::vector<std::string>> Repository::NewRecoveryCodes(const Actor& actor,
                                                              const std::string& password) {
  DOSSIER_RETURN_IF_ERROR(RequireOwnPassword(*impl_, actor, password));
  auto fresh = NewRecoveryCodeSet();
  DOSSIER_RETURN_IF_ERROR(impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto factor = c.GetSecondFactor(actor.name);
    if (!factor.ok()) return factor.status();
    if (!*factor || (*factor)->confirmed_at.empty()) {
      return Status::NotFound(actor.name + " has no second factor: recovery codes come with one");
    }
    DOSSIER_RETURN_IF_ERROR(c.ReplaceRecoveryCodes(actor.name, fresh.hashes));
    return AppendAudit(c, impl_->Now(), actor.name, "user.second-factor.recovery-codes", actor.name,
                       "{}");
  }));
  return fresh.codes;
}

Status Repository::RemoveSecondFactor(const Actor& actor, const std::string& name,
                                      const std::string& password) {
  const bool own = actor.name == name;
  if (own) {
    DOSSIER_RETURN_IF_ERROR(RequireOwnPassword(*impl_, actor, password));
  } else {
    DOSSIER_RETURN_IF_ERROR(
        Impl::RequireRole(actor, {Role::kAdmin}, "remove another user's second factor"));
  }
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto user = c.FindUser(name);
    if (!user.ok()) return user.status();
    if (!*user) return Status::NotFound("no user '" + name + "'");
    auto removed = c.DeleteSecondFactor(name);
    if (!removed.ok()) return removed.status();
    if (!*removed) return Status::NotFound(name + " has no second factor");
    // Whoever has the lost phone may also have a session open.
    int ended = 0;
    if (!own) {
      auto count = c.DeleteSessionsOf(name, "");
      if (!count.ok()) return count.status();
      ended = *count;
    }
    return AppendAudit(c, impl_->Now(), actor.name, "user.second-factor.remove", name,
                       CanonicalObject({{"sessions_ended", ended}}));
  });
}

Result<SecondFactorStatus> Repository::SecondFactorOf(const Actor& actor,
                                                      const std::string& name) const {
  if (actor.name != name)
    DOSSIER_RETURN_IF_ERROR(
        Impl::RequireRole(actor, {Role::kAdmin}, "see another user's second factor"));
  return impl_->ReadSnapshot<SecondFactorStatus>([&](Catalog& c) -> Result<SecondFactorStatus> {
    auto user = c.FindUser(name);
    if (!user.ok()) return user.status();
    if (!*user) return Status::NotFound("no user '" + name + "'");
    auto factor = c.GetSecondFactor(name);
    if (!factor.ok()) return factor.status();
    SecondFactorStatus out;
    if (*factor) {
      out.enabled = !(*factor)->confirmed_at.empty();
      out.pending = !out.enabled;
      out.confirmed_at = (*factor)->confirmed_at;
    }
    auto left = c.UnusedRecoveryCodes(name);
    if (!left.ok()) return left.status();
    out.recovery_codes_left = *left;
    return out;
  });
}

}  // namespace dossier
