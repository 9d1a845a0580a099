// Signing in and out, one's own sessions and password, and API tokens.
#include "json/shapes.h"
#include "server/access.h"
#include "server/json_input.h"
#include "server/router.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Status SignIn(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto user = StringOr(*body, "user", true);
  if (!user.ok()) return user.status();
  auto password = StringOr(*body, "password", true);
  if (!password.ok()) return password.status();
  auto code = StringOr(*body, "code");
  if (!code.ok()) return code.status();
  SignInRequest request{*user, *password, ex.ClientAddress(), ex.request().get("User-Agent", ""),
                        *code};
  auto signed_in = ex.repo().SignIn(request);
  if (!signed_in.ok()) {
    if (signed_in.status().code() == StatusCode::kTooManyAttempts) {
      ex.response().set("Retry-After",
                        std::to_string(ex.repo().SessionConfig().failure_window_seconds));
    }
    return signed_in.status();
  }
  ex.response().set("Set-Cookie", SessionCookie(signed_in->secret, ex.config().SecureCookies()));
  Credential credential;
  credential.actor = signed_in->actor;
  credential.id = signed_in->session.id;
  ex.set_credential(credential);  // for the access log
  Object::Ptr j = new Object();
  j->set("user", json::ActorJson(signed_in->actor));
  j->set("csrf_token", signed_in->csrf_token);
  j->set("session", json::SessionJson(signed_in->session));
  j->set("must_change_password", signed_in->must_change_password);
  j->set("must_enrol_second_factor", signed_in->must_enrol_second_factor);
  return ex.SendJson(j);
}

Status WhoAmI(Exchange& ex) {
  Object::Ptr j = new Object();
  j->set("user", json::ActorJson(ex.actor()));
  bool session = ex.credential().kind == Credential::Kind::kSession;
  j->set("credential", session ? "session" : "token");
  if (session) j->set("csrf_token", ex.credential().csrf_token);
  j->set("read_only", ex.credential().read_only);
  j->set("must_change_password", ex.credential().must_change_password);
  j->set("must_enrol_second_factor", ex.credential().must_enrol_second_factor);
  return ex.SendJson(j);
}

Status SignOut(Exchange& ex) {
  if (ex.credential().kind != Credential::Kind::kSession) {
    return Status::InvalidArgument(
        "a token is not signed out: revoke it (DELETE /api/v1/tokens/{id})");
  }
  DOSSIER_RETURN_IF_ERROR(
      ex.repo().SignOut(SessionCookieOf(ex.request(), ex.config().SecureCookies())));
  ex.response().set("Set-Cookie", SessionCookie("", ex.config().SecureCookies()));
  return ex.SendNoContent();
}

Status ChangePassword(Exchange& ex) {
  if (ex.credential().kind != Credential::Kind::kSession) {
    return Status::PermissionDenied(
        "a password is changed when signed in with it, not with a token");
  }
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto current = StringOr(*body, "current_password", true);
  if (!current.ok()) return current.status();
  auto fresh = StringOr(*body, "new_password", true);
  if (!fresh.ok()) return fresh.status();
  DOSSIER_RETURN_IF_ERROR(
      ex.repo().ChangeOwnPassword(ex.actor(), *current, *fresh, ex.credential().id));
  return ex.SendNoContent();
}

// --- The second factor of one's own sign-in ---------------------------------------

// The one field ({"password"} or {"code"}) a second-factor change is sent
// with, from a session: a token cannot manage its user's sign-in.
Result<std::string> SecondFactorField(Exchange& ex, const char* name) {
  if (ex.credential().kind != Credential::Kind::kSession) {
    return Status::PermissionDenied(
        "a second factor is managed when signed in with a password, not with a token");
  }
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  return StringOr(*body, name, true);
}

// {language: "zh" | "en" | ""}: what one reads Dossier in, wherever one signs in.
Status SetOwnLanguage(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto language = StringOr(*body, "language", true);
  if (!language.ok()) return language.status();
  DOSSIER_RETURN_IF_ERROR(ex.repo().SetUserLanguage(ex.actor(), ex.actor().name, *language));
  Object::Ptr j = new Object();
  j->set("language", *language);
  return ex.SendJson(j);
}

Object::Ptr SecondFactorJson(const SecondFactorStatus& f) {
  Object::Ptr j = new Object();
  j->set("enabled", f.enabled);
  j->set("pending", f.pending);
  j->set("confirmed_at", f.confirmed_at);
  j->set("recovery_codes_left", static_cast<Poco::Int64>(f.recovery_codes_left));
  return j;
}

Object::Ptr RecoveryCodesJson(const std::vector<std::string>& codes) {
  Array::Ptr list = new Array();
  for (const auto& code : codes) list->add(code);
  Object::Ptr j = new Object();
  j->set("recovery_codes", list);
  return j;
}

Status OwnSecondFactor(Exchange& ex) {
  auto status = ex.repo().SecondFactorOf(ex.actor(), ex.actor().name);
  if (!status.ok()) return status.status();
  return ex.SendJson(SecondFactorJson(*status));
}

Status BeginSecondFactor(Exchange& ex) {
  auto password = SecondFactorField(ex, "password");
  if (!password.ok()) return password.status();
  auto enrolment = ex.repo().BeginSecondFactor(ex.actor(), *password);
  if (!enrolment.ok()) return enrolment.status();
  Object::Ptr j = new Object();
  j->set("key", enrolment->key);
  j->set("uri", enrolment->uri);
  return ex.SendJson(j, 201);
}

Status ConfirmSecondFactor(Exchange& ex) {
  auto code = SecondFactorField(ex, "code");
  if (!code.ok()) return code.status();
  auto codes = ex.repo().ConfirmSecondFactor(ex.actor(), *code);
  if (!codes.ok()) return codes.status();
  return ex.SendJson(RecoveryCodesJson(*codes));
}

Status NewRecoveryCodes(Exchange& ex) {
  auto password = SecondFactorField(ex, "password");
  if (!password.ok()) return password.status();
  auto codes = ex.repo().NewRecoveryCodes(ex.actor(), *password);
  if (!codes.ok()) return codes.status();
  return ex.SendJson(RecoveryCodesJson(*codes));
}

Status RemoveOwnSecondFactor(Exchange& ex) {
  auto password = SecondFactorField(ex, "password");
  if (!password.ok()) return password.status();
  DOSSIER_RETURN_IF_ERROR(ex.repo().RemoveSecondFactor(ex.actor(), ex.actor().name, *password));
  return ex.SendNoContent();
}

Status UserSecondFactor(Exchange& ex) {
  auto status = ex.repo().SecondFactorOf(ex.actor(), ex.param("name"));
  if (!status.ok()) return status.status();
  return ex.SendJson(SecondFactorJson(*status));
}

Status ResetUserSecondFactor(Exchange& ex) {
  DOSSIER_RETURN_IF_ERROR(ex.repo().RemoveSecondFactor(ex.actor(), ex.param("name"), ""));
  return ex.SendNoContent();
}

Status ListSessions(Exchange& ex) {
  std::string current =
      ex.credential().kind == Credential::Kind::kSession ? ex.credential().id : "";
  auto sessions = ex.repo().Sessions(ex.actor(), current);
  if (!sessions.ok()) return sessions.status();
  Array::Ptr list = new Array();
  for (const auto& s : *sessions) list->add(json::SessionJson(s));
  Object::Ptr j = new Object();
  j->set("sessions", list);
  return ex.SendJson(j);
}

Status EndSession(Exchange& ex) {
  DOSSIER_RETURN_IF_ERROR(ex.repo().EndSession(ex.actor(), ex.param("id")));
  return ex.SendNoContent();
}

Status ListTokens(Exchange& ex) {
  auto tokens = ex.repo().Tokens(ex.actor(), ex.query("user").value_or(""));
  if (!tokens.ok()) return tokens.status();
  Array::Ptr list = new Array();
  for (const auto& t : *tokens) list->add(json::TokenJson(t));
  Object::Ptr j = new Object();
  j->set("tokens", list);
  return ex.SendJson(j);
}

Status CreateToken(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto user = StringOr(*body, "user");
  auto label = StringOr(*body, "label");
  auto expires = StringOr(*body, "expires", true);
  auto read_only = BoolField(*body, "read_only");
  for (const Status* s :
       {&user.status(), &label.status(), &expires.status(), &read_only.status()}) {
    if (!s->ok()) return *s;
  }
  auto made = ex.repo().CreateToken(
      ex.actor(), TokenRequest{*user, *label, *expires, read_only->value_or(false)});
  if (!made.ok()) return made.status();
  auto j = json::TokenJson(made->token);
  j->set("secret", made->secret);
  return ex.SendJson(j, 201);
}

Status RevokeToken(Exchange& ex) {
  auto id = ex.NumberParam("id", "token");
  if (!id.ok()) return id.status();
  DOSSIER_RETURN_IF_ERROR(ex.repo().RevokeToken(ex.actor(), *id));
  return ex.SendNoContent();
}

}  // namespace

void AddSessionRoutes(Router& r) {
  r.Add({"POST", "/api/v1/session", "session",
         "Sign in with a user name and password (and code, for a user with a second factor): a "
         "session cookie and "
         "its CSRF token",
         SignIn, Access::kPublic, Body::kJson});
  r.Add({"GET", "/api/v1/session", "session", "Who is signed in, and the session's CSRF token",
         WhoAmI, Access::kAnyUser});
  r.Add({"DELETE", "/api/v1/session", "session", "Sign out", SignOut, Access::kAnyUser});
  r.Add({"PUT", "/api/v1/session/language", "session",
         "Set the language one reads Dossier in ({language: zh, en, or \"\" for the default}); the "
         "CLI uses it too",
         SetOwnLanguage, Access::kAnyUser, Body::kJson});
  r.Add({"PUT", "/api/v1/session/password", "session",
         "Change one's own password, giving the current one; one's other sessions end",
         ChangePassword, Access::kAnyUser, Body::kJson});
  r.Add({"GET", "/api/v1/session/second-factor", "session",
         "Whether one's sign-in asks for an authenticator code", OwnSecondFactor,
         Access::kAnyUser});
  r.Add({"POST", "/api/v1/session/second-factor", "session",
         "Begin a second factor ({password}): a new authenticator key and its otpauth:// URI, "
         "shown once",
         BeginSecondFactor, Access::kAnyUser, Body::kJson});
  r.Add({"POST", "/api/v1/session/second-factor/confirmation", "session",
         "Enable the second factor with a first code from the app ({code}): ten recovery codes, "
         "shown once",
         ConfirmSecondFactor, Access::kAnyUser, Body::kJson});
  r.Add({"POST", "/api/v1/session/second-factor/recovery-codes", "session",
         "Ten new recovery codes in place of the old ones ({password})", NewRecoveryCodes,
         Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/session/second-factor/removal", "session",
         "Remove one's second factor ({password})", RemoveOwnSecondFactor, Access::kSignedIn,
         Body::kJson});
  r.Add({"GET", "/api/v1/users/{name}/second-factor", "users",
         "Whether a user has a second factor (admin)", UserSecondFactor, Access::kSignedIn});
  r.Add({"DELETE", "/api/v1/users/{name}/second-factor", "users",
         "Remove a user's second factor (admin; a lost phone): their sessions end",
         ResetUserSecondFactor, Access::kSignedIn});
  r.Add(
      {"GET", "/api/v1/sessions", "session", "One's own sessions", ListSessions, Access::kAnyUser});
  r.Add({"DELETE", "/api/v1/sessions/{id}", "session",
         "End one of one's sessions (an admin: anyone's)", EndSession, Access::kAnyUser});
  r.Add({"GET",
         "/api/v1/tokens",
         "tokens",
         "API tokens: one's own; an admin's: everyone's or ?user=",
         ListTokens,
         Access::kSignedIn,
         Body::kNone,
         {{"user", "string", "only this user's (admin)"}}});
  r.Add(
      {"POST", "/api/v1/tokens", "tokens",
       "Create an API token ({user, label, expires, read_only}); its secret is in this answer only",
       CreateToken, Access::kSignedIn, Body::kJson});
  r.Add({"DELETE", "/api/v1/tokens/{id}", "tokens", "Revoke an API token (its owner or an admin)",
         RevokeToken});
}

}  // namespace dossier::server
