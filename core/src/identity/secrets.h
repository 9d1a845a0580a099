// Random secrets for sessions and API tokens, and the digests the catalog
// keeps instead of them. Private to the core.
#ifndef DOSSIER_IDENTITY_SECRETS_H_
#define DOSSIER_IDENTITY_SECRETS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace dossier {

/// `size` bytes from the kernel's random source (getrandom).
std::string RandomBytes(size_t size);

/// A new secret: `prefix` then 256 random bits as 64 lowercase hex digits.
/// The prefix tells a reader what leaked ("dst_" for an API token).
std::string NewSecret(std::string_view prefix);

/// What the catalog stores of a secret: its SHA-256, hex. Secrets carry 256
/// random bits, so a fast digest is enough (no dictionary to search).
std::string SecretHash(std::string_view secret);

/// The CSRF token of a session: derived from its secret, so it is never
/// stored and cannot be computed without the cookie.
std::string CsrfTokenOf(std::string_view session_secret);

/// Compares two strings in time independent of where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace dossier

#endif  // DOSSIER_IDENTITY_SECRETS_H_
