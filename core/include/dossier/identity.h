// Who is acting, proven: passwords, sign-in sessions and API tokens.
//
// A front end that serves many people (the HTTP server) never takes a name
// from its client. It signs a person in with a password, gets a session
// secret to hand back as a cookie, and on every later request turns the
// secret (or an API token) back into the Actor the core checks. Secrets are
// random 256-bit values shown once; the catalog keeps only their SHA-256,
// and passwords only as Argon2id hashes with a salt each.
//
// Plain values; thread-safe to copy and share.
#ifndef DOSSIER_IDENTITY_H_
#define DOSSIER_IDENTITY_H_

#include <cstdint>
#include <set>
#include <string>

#include "dossier/access.h"

namespace dossier {

/// config/server.json, the part the core enforces.
struct SessionSettings {
  int idle_seconds = 1800;        // a session unused this long ends
  int absolute_seconds = 43200;   // and any session ends this long after sign-in
  int max_user_failures = 5;      // failed sign-ins of one account within the window lock it
  int max_address_failures = 20;  // failed sign-ins from one address within the window lock it
  int failure_window_seconds = 900;
  int one_time_password_seconds =
      72 * 3600;  // a one-time password stops working this long after it was set
  /// Roles whose users must have a second factor: signed in without one,
  /// they can do nothing but enrol (second_factor.required_for).
  std::set<Role> second_factor_required_for;
};

struct SignInRequest {
  std::string user;
  std::string password;
  std::string address;     // the client's IP address, for throttling and the audit trail
  std::string user_agent;  // shown to the user in their list of sessions
  /// The second factor, for a user who has one: the six digits their
  /// authenticator app shows, or one of their recovery codes.
  std::string code;
};

/// A sign-in session as its user sees it. `id` is public (it names the
/// session in lists and when ending it); the secret behind it is not.
struct SessionInfo {
  std::string id;
  std::string user;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;  // the earlier of the idle and the absolute limit
  std::string address;
  std::string user_agent;
  bool current = false;  // the session the list was asked from
};

struct SignedIn {
  Actor actor;
  std::string secret;      // the session cookie's value; shown this once
  std::string csrf_token;  // to be sent back in X-CSRF-Token with each change
  SessionInfo session;
  bool must_change_password = false;      // a one-time password from init or an admin
  bool must_enrol_second_factor = false;  // the role requires one and the user has none yet
};

/// An API token, for scripts and integrations (never its secret).
struct ApiToken {
  int64_t id = 0;
  std::string user;
  std::string label;
  std::string created_at;
  std::string created_by;
  std::string expires_at;  // YYYY-MM-DD: valid through the end of that day (UTC)
  std::string revoked_at;  // "" while valid
  std::string last_used_at;
  bool read_only = false;
};

struct NewApiToken {
  ApiToken token;
  std::string secret;  // "Authorization: Bearer <secret>"; shown this once
};

struct TokenRequest {
  std::string user;
  std::string label;
  std::string expires;  // YYYY-MM-DD, after today and at most a year ahead
  bool read_only = false;
};

/// A new authenticator key for the user's app (RFC 6238: six digits every
/// 30 seconds), shown this once. It is asked for at sign-in only after the
/// user has typed a first code from it (ConfirmSecondFactor).
struct SecondFactorEnrolment {
  std::string key;  // base32, to type into the app
  std::string uri;  // otpauth://totp/Dossier:NAME?secret=KEY&issuer=Dossier, for a QR code
};

struct SecondFactorStatus {
  bool enabled = false;  // a code is asked for at every sign-in
  bool pending = false;  // a key was made and awaits its first code
  std::string confirmed_at;
  int64_t recovery_codes_left = 0;
};

/// What a presented secret proves.
struct Credential {
  enum class Kind { kSession, kToken };
  Kind kind = Kind::kSession;
  Actor actor;
  std::string id;          // the session's public id, or the token's number
  std::string csrf_token;  // sessions only
  bool read_only = false;  // tokens made read-only: no change is allowed
  bool must_change_password = false;
  bool must_enrol_second_factor = false;
};

/// Whether a password may be set: at least 12 characters, not a common or
/// obvious one, not the user's own name. InvalidArgument saying which.
struct PasswordPolicy {
  static constexpr int kMinLength = 12;
  static constexpr int kMaxLength = 1024;
};

}  // namespace dossier

#endif  // DOSSIER_IDENTITY_H_
