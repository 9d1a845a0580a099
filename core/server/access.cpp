#include "server/access.h"

#include <Poco/Net/NameValueCollection.h>

namespace dossier::server {

namespace {

bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::string SessionCookieOf(const Poco::Net::HTTPServerRequest& request, bool secure) {
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  return cookies.get(secure ? kSecureSessionCookie : kSessionCookie, "");
}

std::string SessionCookie(const std::string& secret, bool secure) {
  std::string cookie = std::string(secure ? kSecureSessionCookie : kSessionCookie) + "=" + secret +
                       "; Path=/; HttpOnly; SameSite=Strict";
  if (secret.empty()) cookie += "; Max-Age=0";
  if (secure) cookie += "; Secure";
  return cookie;
}

bool CheckAccess(Exchange& ex, const Route& route) {
  if (route.access == Access::kPublic) return true;
  const auto& request = ex.request();
  Result<Credential> credential =
      Status::Unauthenticated("sign in first: POST /api/v1/session, or send an API token");
  bool by_cookie = false;
  std::string authorization = request.get("Authorization", "");
  if (!authorization.empty()) {
    if (authorization.rfind("Bearer ", 0) != 0) {
      credential = Status::Unauthenticated("Authorization takes 'Bearer <token>'");
    } else {
      credential = ex.repo().AuthenticateToken(authorization.substr(7));
    }
  } else if (std::string secret = SessionCookieOf(request, ex.config().SecureCookies());
             !secret.empty()) {
    by_cookie = true;
    credential = ex.repo().AuthenticateSession(secret);
  }
  if (!credential.ok()) {
    ex.SendStatus(credential.status());
    return false;
  }
  if (route.Mutates() && by_cookie &&
      !SameSecret(request.get(kCsrfHeader, ""), credential->csrf_token)) {
    ex.SendError(403, "csrf", "a change needs the session's token in the X-CSRF-Token header");
    return false;
  }
  if (route.Mutates() && credential->read_only) {
    ex.SendError(403, "read_only", "this API token is read-only: it can change nothing");
    return false;
  }
  if (credential->must_change_password && route.access != Access::kAnyUser) {
    ex.SendError(403, "password_change_required",
                 "choose your own password first: PUT /api/v1/session/password");
    return false;
  }
  if (credential->must_enrol_second_factor && route.access != Access::kAnyUser) {
    ex.SendError(403, "second_factor_required",
                 "your role signs in with a second factor: enrol one first (POST "
                 "/api/v1/session/second-factor)");
    return false;
  }
  ex.set_credential(std::move(*credential));
  return true;
}

}  // namespace dossier::server
