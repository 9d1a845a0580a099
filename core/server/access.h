// Who is asking: the credentials of a request (a session cookie with its
// CSRF token, or a bearer token), checked against what the route needs.
#ifndef DOSSIER_SERVER_ACCESS_H_
#define DOSSIER_SERVER_ACCESS_H_

#include "server/exchange.h"
#include "server/router.h"

namespace dossier::server {

/// The session cookie's name: under TLS with the __Host- prefix, which a
/// browser accepts only from a secure origin, for the whole host, with no
/// Domain (so no sibling host can set or shadow it).
inline constexpr const char* kSessionCookie = "dossier_session";
inline constexpr const char* kSecureSessionCookie = "__Host-dossier_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

/// Sets the exchange's credential, or answers 401/403 and returns false:
/// no or bad credentials (401); a change without the session's CSRF token,
/// by a read-only token, or before a one-time password is replaced (403).
bool CheckAccess(Exchange& ex, const Route& route);

/// The session cookie's value, or "" when the request has none.
std::string SessionCookieOf(const Poco::Net::HTTPServerRequest& request, bool secure);

/// The Set-Cookie value of a new session (HttpOnly, SameSite=Strict, Path=/,
/// Secure and __Host- prefixed when `secure`), or of its removal when
/// `secret` is "".
std::string SessionCookie(const std::string& secret, bool secure);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_ACCESS_H_
