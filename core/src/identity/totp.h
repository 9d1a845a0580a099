// Time-based one-time passwords (RFC 6238, the codes authenticator apps
// show): HMAC-SHA1 over 30-second steps, six digits. The second factor of
// a sign-in. Private to the core.
#ifndef DOSSIER_IDENTITY_TOTP_H_
#define DOSSIER_IDENTITY_TOTP_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dossier {

constexpr int kTotpStepSeconds = 30;
constexpr int kTotpDigits = 6;

/// The 30-second step `at` falls in (RFC 6238's T).
int64_t TotpStep(std::chrono::system_clock::time_point at);

/// The code of `step` for the shared `key` (RFC 4226's HOTP over the step):
/// `digits` decimal digits, zero-padded.
std::string TotpCode(std::string_view key, int64_t step, int digits = kTotpDigits);

/// RFC 4648 base32 without padding, as authenticator apps take a key.
std::string Base32Encode(std::string_view bytes);
/// Its inverse; case and spaces ignored; nullopt for any other character.
std::optional<std::string> Base32Decode(std::string_view text);

/// The step, among those a code may be typed in (the one before `now`'s,
/// `now`'s and the one after, for clocks a little apart), whose code is
/// `code`, and only if it is later than `last_used` (a code works once).
std::optional<int64_t> MatchTotp(std::string_view key, std::string_view code, int64_t now_step,
                                 int64_t last_used);

}  // namespace dossier

#endif  // DOSSIER_IDENTITY_TOTP_H_
