// Passwords, sign-in sessions and API tokens: turning a secret a client
// presents into the Actor every other operation checks.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <chrono>

#include "audit/audit_chain.h"
#include "dossier/utf8.h"
#include "identity/password.h"
#include "identity/secrets.h"
#include "repository/repository_impl.h"
#include "repository/second_factor.h"
#include "util/json_util.h"
#include "util/sha256.h"
#include "util/time_util.h"

namespace dossier {

namespace {

constexpr const char* kTokenPrefix = "dst_";
constexpr const char* kSignInRefused = "wrong user name or password";

// A positive whole number of config/server.json's OBJECT.KEY, within bounds.
Result<int> ReadSetting(const Poco::JSON::Object::Ptr& root, const std::string& object,
                        const std::string& key, int fallback, int max) {
  auto section = root->getObject(object);
  if (!section || !section->has(key)) return fallback;
  auto value = section->get(key);
  if (!value.isInteger() || value.convert<int64_t>() < 1 || value.convert<int64_t>() > max) {
    return Status::InvalidArgument("config/server.json: " + object + "." + key +
                                   " must be a whole number from 1 to " + std::to_string(max));
  }
  return value.convert<int>();
}

std::chrono::system_clock::time_point Parse(const std::string& iso) {
  return ParseIsoUtc(iso).value_or(std::chrono::system_clock::time_point{});
}

}  // namespace

Result<SessionSettings> LoadSessionSettings(const std::filesystem::path& config_dir) {
  auto text = ReadConfigOrDefault(config_dir, "server.json");
  if (!text.ok()) return text.status();
  auto obj = ParseJsonObject(*text, (config_dir / "server.json").string());
  if (!obj.ok()) return obj.status();
  SessionSettings s;
  constexpr int kWeek = 7 * 24 * 3600;
  auto idle = ReadSetting(*obj, "sessions", "idle_seconds", 1800, kWeek);
  auto absolute = ReadSetting(*obj, "sessions", "absolute_seconds", 43200, kWeek);
  auto per_user = ReadSetting(*obj, "lockout", "per_user", 5, 1000);
  auto per_address = ReadSetting(*obj, "lockout", "per_address", 20, 100000);
  auto window = ReadSetting(*obj, "lockout", "window_seconds", 900, kWeek);
  auto one_time_hours = ReadSetting(*obj, "passwords", "one_time_hours", 72, 30 * 24);
  for (const auto* r : {&idle, &absolute, &per_user, &per_address, &window, &one_time_hours}) {
    if (!r->ok()) return r->status();
  }
  s.idle_seconds = *idle;
  s.absolute_seconds = *absolute;
  s.max_user_failures = *per_user;
  s.max_address_failures = *per_address;
  s.failure_window_seconds = *window;
  s.one_time_password_seconds = *one_time_hours * 3600;
  if (auto factor = (*obj)->getObject("second_factor"); factor && factor->has("required_for")) {
    auto roles = factor->getArray("required_for");
    if (!roles)
      return Status::InvalidArgument(
          "config/server.json: second_factor.required_for must be a list of roles");
    for (size_t i = 0; i < roles->size(); ++i) {
      auto item = roles->get(static_cast<unsigned>(i));
      auto role = item.isString() ? ParseRole(item.extract<std::string>()) : std::nullopt;
      if (!role) {
        return Status::InvalidArgument(
            "config/server.json: second_factor.required_for: '" + item.toString() +
            "' is not a role (clerk, manager, director, legal, finance, archivist, admin)");
      }
      s.second_factor_required_for.insert(*role);
    }
  }
  return s;
}

std::string Repository::Impl::NowMinus(int seconds) const {
  return FormatIsoUtc(clock->Now() - std::chrono::seconds(seconds));
}

// --- Passwords -------------------------------------------------------------------

Status Repository::SetPassword(const Actor& actor, const std::string& name,
                               const std::string& password, bool temporary) {
  if (actor.name != name)
    DOSSIER_RETURN_IF_ERROR(
        Impl::RequireRole(actor, {Role::kAdmin}, "set another user's password"));
  DOSSIER_RETURN_IF_ERROR(CheckPasswordPolicy(password, name));
  auto hash = HashPassword(password);  // slow on purpose: outside the write lock
  if (!hash.ok()) return hash.status();
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto user = c.FindUser(name);
    if (!user.ok()) return user.status();
    if (!*user) return Status::NotFound("no user '" + name + "'");
    DOSSIER_RETURN_IF_ERROR(c.SetPassword(name, *hash, temporary, impl_->Now()));
    auto ended = c.DeleteSessionsOf(name, "");
    if (!ended.ok()) return ended.status();
    return AppendAudit(c, impl_->Now(), actor.name, "user.passwd", name,
                       CanonicalObject({{"temporary", temporary}, {"sessions_ended", *ended}}));
  });
}

Status Repository::ChangeOwnPassword(const Actor& actor, const std::string& current,
                                     const std::string& password, const std::string& keep_session) {
  auto stored = impl_->ReadSnapshot<Catalog::PasswordRow>(
      [&](Catalog& c) { return c.GetPassword(actor.name); });
  if (!stored.ok()) return stored.status();
  if (!VerifyPassword(current, stored->hash))
    return Status::PermissionDenied("the current password is wrong");
  if (current == password) return Status::InvalidArgument("the new password is the current one");
  DOSSIER_RETURN_IF_ERROR(CheckPasswordPolicy(password, actor.name));
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    DOSSIER_RETURN_IF_ERROR(c.SetPassword(actor.name, *hash, false, impl_->Now()));
    auto ended = c.DeleteSessionsOf(actor.name, keep_session);
    if (!ended.ok()) return ended.status();
    return AppendAudit(c, impl_->Now(), actor.name, "user.passwd", actor.name,
                       CanonicalObject({{"temporary", false}, {"sessions_ended", *ended}}));
  });
}

// --- Sign-in -------------------------------------------------------------------------

Result<SignedIn> Repository::SignIn(const SignInRequest& request) {
  if (request.user.empty()) return Status::InvalidArgument("the user name is empty");
  if (request.user.size() > 64 || !ValidateText(request.user, "user", true).ok()) {
    return Status::Unauthenticated(kSignInRefused);
  }
  DOSSIER_RETURN_IF_ERROR(ValidateText(request.address, "address", false));
  std::string agent = request.user_agent.substr(0, 200);
  if (!ValidateText(agent, "user agent", false).ok()) agent.clear();
  const SessionSettings& settings = impl_->sessions;
  auto locked_message = [&] {
    return Status::TooManyAttempts(
        "too many failed sign-ins for this account or from this address; try again in " +
        std::to_string((settings.failure_window_seconds + 59) / 60) + " minutes");
  };
  auto locked = [&](const Catalog::FailureCounts& n) {
    return n.user >= settings.max_user_failures || n.address >= settings.max_address_failures;
  };

  struct Known {
    Catalog::FailureCounts failures;
    std::optional<User> user;
    Catalog::PasswordRow password;
  };
  auto known = impl_->ReadSnapshot<Known>([&](Catalog& c) -> Result<Known> {
    Known k;
    auto failures = c.CountSignInFailures(impl_->NowMinus(settings.failure_window_seconds),
                                          request.user, request.address);
    if (!failures.ok()) return failures.status();
    k.failures = *failures;
    auto user = c.FindUser(request.user);
    if (!user.ok()) return user.status();
    k.user = *user;
    if (k.user) {
      auto password = c.GetPassword(request.user);
      if (!password.ok()) return password.status();
      k.password = *password;
    }
    return k;
  });
  if (!known.ok()) return known.status();
  if (locked(known->failures)) return locked_message();

  // Always one Argon2 verification: an unknown user, a user without a
  // password and a wrong password take the same time and get the same answer.
  bool match = VerifyPassword(request.password, known->password.hash);
  bool accepted = match && known->user && known->user->active;
  // A one-time password works only for a while after it was set; who
  // typed it right is told so, and what to do.
  bool expired =
      accepted && known->password.must_change &&
      Parse(known->password.set_at) + std::chrono::seconds(settings.one_time_password_seconds) <
          impl_->clock->Now();

  SignedIn out;
  Status refused;
  Status written = impl_->WriteTransaction([&](Catalog& c) -> Status {
    std::string now = impl_->Now();
    auto failures = c.CountSignInFailures(impl_->NowMinus(settings.failure_window_seconds),
                                          request.user, request.address);
    if (!failures.ok()) return failures.status();
    if (locked(*failures)) {
      refused = locked_message();
      return Status::Ok();
    }
    std::string details = CanonicalObject({{"address", request.address}});
    if (expired) {
      refused = Status::Unauthenticated("this one-time password has expired (it worked for " +
                                        std::to_string(settings.one_time_password_seconds / 3600) +
                                        " hours): ask an administrator to set a new one");
      return AppendAudit(
          c, now, request.user, "sign-in.failed", request.user,
          CanonicalObject({{"address", request.address}, {"reason", "one-time password expired"}}));
    }
    // A failed attempt counts towards the lockout, and the one that reaches
    // it is audited as such.
    auto record_failure = [&](Status refusal, const char* reason) -> Status {
      refused = std::move(refusal);
      DOSSIER_RETURN_IF_ERROR(c.InsertSignInFailure(now, request.user, request.address));
      DOSSIER_RETURN_IF_ERROR(AppendAudit(
          c, now, request.user, "sign-in.failed", request.user,
          reason == nullptr ? details
                            : CanonicalObject({{"address", request.address}, {"reason", reason}})));
      Catalog::FailureCounts after{failures->user + 1, failures->address + 1};
      if (locked(after)) {
        DOSSIER_RETURN_IF_ERROR(
            AppendAudit(c, now, request.user, "sign-in.lockout", request.user,
                        CanonicalObject({{"address", request.address},
                                         {"user_failures", after.user},
                                         {"address_failures", after.address}})));
      }
      return Status::Ok();
    };
    if (!accepted) return record_failure(Status::Unauthenticated(kSignInRefused), nullptr);
    // The second factor is asked for only once the password is right.
    auto second = CheckSecondFactor(c, request.user, request.code, impl_->clock->Now(), now);
    if (!second.ok()) return second.status();
    if (*second == SecondFactorCheck::kMissing) {
      refused = Status::Unauthenticated(
          "this account has a second factor: send the six digits of its authenticator app (or a "
          "recovery code) "
          "as code",
          "/code");
      return Status::Ok();
    }
    if (*second == SecondFactorCheck::kWrong) {
      return record_failure(Status::Unauthenticated("wrong or already used code", "/code"),
                            "wrong second-factor code");
    }
    DOSSIER_RETURN_IF_ERROR(
        c.PruneSignInFailures(impl_->NowMinus(settings.failure_window_seconds), request.user));
    DOSSIER_RETURN_IF_ERROR(c.PruneSessions(impl_->NowMinus(settings.absolute_seconds),
                                            impl_->NowMinus(settings.idle_seconds)));
    out.secret = NewSecret("");
    std::string id_bytes = RandomBytes(8);
    Catalog::SessionRow row;
    row.secret_hash = SecretHash(out.secret);
    row.info =
        SessionInfo{ToHex(reinterpret_cast<const unsigned char*>(id_bytes.data()), id_bytes.size()),
                    request.user,
                    now,
                    now,
                    "",
                    request.address,
                    agent,
                    true};
    DOSSIER_RETURN_IF_ERROR(c.InsertSession(row));
    out.session = row.info;
    out.session.expires_at = impl_->SessionExpiry(out.session);
    return AppendAudit(c, now, request.user, "sign-in", request.user,
                       CanonicalObject({{"address", request.address}, {"session", row.info.id}}));
  });
  if (!written.ok()) return written;
  if (!refused.ok()) return refused;
  out.actor = Actor{known->user->name, known->user->role, known->user->clearance,
                    known->user->department, known->user->language};
  out.csrf_token = CsrfTokenOf(out.secret);
  out.must_change_password = known->password.must_change;
  auto enrol = impl_->MustEnrolSecondFactor(out.actor);
  if (!enrol.ok()) return enrol.status();
  out.must_enrol_second_factor = *enrol;
  return out;
}

std::string Repository::Impl::SessionExpiry(const SessionInfo& s) const {
  auto absolute = Parse(s.created_at) + std::chrono::seconds(sessions.absolute_seconds);
  auto idle = Parse(s.last_seen_at) + std::chrono::seconds(sessions.idle_seconds);
  return FormatIsoUtc(std::min(absolute, idle));
}

Result<Credential> Repository::AuthenticateSession(std::string_view secret) const {
  std::string hash = SecretHash(secret);
  auto row = impl_->ReadSnapshot<std::optional<Catalog::SessionRow>>(
      [&](Catalog& c) { return c.FindSession(hash); });
  if (!row.ok()) return row.status();
  if (!*row)
    return Status::Unauthenticated("not signed in, or the session has ended; sign in again");
  const SessionInfo& session = (*row)->info;
  std::string now = impl_->Now();
  bool expired = impl_->SessionExpiry(session) <= now;
  auto user = ActorFor(session.user);
  if (expired || !user.ok()) {
    DOSSIER_RETURN_IF_ERROR(
        impl_->WriteTransaction([&](Catalog& c) { return c.DeleteSession(hash); }));
    return Status::Unauthenticated(expired ? "the session has expired; sign in again"
                                           : "the account is no longer active");
  }
  // The idle clock is written at most every minute (or a tenth of the idle
  // limit): not a write per request.
  int every = std::min(60, std::max(1, impl_->sessions.idle_seconds / 10));
  if (session.last_seen_at < impl_->NowMinus(every)) {
    DOSSIER_RETURN_IF_ERROR(
        impl_->WriteTransaction([&](Catalog& c) { return c.TouchSession(hash, now); }));
  }
  auto password = impl_->ReadSnapshot<Catalog::PasswordRow>(
      [&](Catalog& c) { return c.GetPassword(session.user); });
  if (!password.ok()) return password.status();
  Credential cred;
  cred.kind = Credential::Kind::kSession;
  cred.actor = *user;
  cred.id = session.id;
  cred.csrf_token = CsrfTokenOf(secret);
  cred.must_change_password = password->must_change;
  auto enrol = impl_->MustEnrolSecondFactor(cred.actor);
  if (!enrol.ok()) return enrol.status();
  cred.must_enrol_second_factor = *enrol;
  return cred;
}

Status Repository::SignOut(std::string_view secret) {
  std::string hash = SecretHash(secret);
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = c.FindSession(hash);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Unauthenticated("not signed in");
    DOSSIER_RETURN_IF_ERROR(c.DeleteSession(hash));
    return AppendAudit(c, impl_->Now(), (*row)->info.user, "sign-out", (*row)->info.user,
                       CanonicalObject({{"session", (*row)->info.id}}));
  });
}

Result<std::vector<SessionInfo>> Repository::Sessions(const Actor& actor,
                                                      const std::string& current_id) const {
  auto list = impl_->ReadSnapshot<std::vector<SessionInfo>>(
      [&](Catalog& c) { return c.ListSessions(actor.name); });
  if (!list.ok()) return list.status();
  std::string now = impl_->Now();
  std::vector<SessionInfo> out;
  for (auto& s : *list) {
    s.expires_at = impl_->SessionExpiry(s);
    if (s.expires_at <= now) continue;
    s.current = s.id == current_id;
    out.push_back(std::move(s));
  }
  return out;
}

Result<int> Repository::EndSessionsOf(const Actor& actor, const std::string& name) {
  if (actor.name != name)
    DOSSIER_RETURN_IF_ERROR(
        Impl::RequireRole(actor, {Role::kAdmin}, "end another user's sessions"));
  int ended = 0;
  Status written = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto user = c.FindUser(name);
    if (!user.ok()) return user.status();
    if (!*user) return Status::NotFound("no user '" + name + "'");
    auto n = c.DeleteSessionsOf(name, "");
    if (!n.ok()) return n.status();
    ended = *n;
    return AppendAudit(c, impl_->Now(), actor.name, "session.end", name,
                       CanonicalObject({{"sessions_ended", ended}}));
  });
  if (!written.ok()) return written;
  return ended;
}

Status Repository::EndSession(const Actor& actor, const std::string& id) {
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto ended = c.DeleteSessionById(id, actor.role == Role::kAdmin ? "" : actor.name);
    if (!ended.ok()) return ended.status();
    if (*ended == 0) return Status::NotFound("no session '" + id + "'");
    return AppendAudit(c, impl_->Now(), actor.name, "session.end", id, "{}");
  });
}

// --- API tokens ----------------------------------------------------------------------

Result<NewApiToken> Repository::CreateToken(const Actor& actor, const TokenRequest& request) {
  std::string user = request.user.empty() ? actor.name : request.user;
  if (user != actor.name)
    DOSSIER_RETURN_IF_ERROR(
        Impl::RequireRole(actor, {Role::kAdmin}, "create tokens for another user"));
  DOSSIER_RETURN_IF_ERROR(ValidateLine(request.label, "label", false));
  if (request.label.size() > 200) return Status::InvalidArgument("label is longer than 200 bytes");
  if (!IsIsoDate(request.expires))
    return Status::InvalidArgument("expires '" + request.expires + "' is not a date (YYYY-MM-DD)");
  std::string today = impl_->Now().substr(0, 10);
  std::string limit =
      FormatIsoUtc(impl_->clock->Now() + std::chrono::hours(24 * 366)).substr(0, 10);
  if (request.expires < today)
    return Status::InvalidArgument("expires " + request.expires + " is in the past");
  if (request.expires > limit)
    return Status::InvalidArgument("expires " + request.expires +
                                   " is more than a year ahead (at most " + limit + ")");
  NewApiToken out;
  out.secret = NewSecret(kTokenPrefix);
  Status done = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto target = c.FindUser(user);
    if (!target.ok()) return target.status();
    if (!*target || !(*target)->active) return Status::NotFound("no active user '" + user + "'");
    out.token = ApiToken{0,  user, request.label,    impl_->Now(), actor.name, request.expires,
                         "", "",   request.read_only};
    auto id = c.InsertToken(out.token, SecretHash(out.secret));
    if (!id.ok()) return id.status();
    out.token.id = *id;
    return AppendAudit(c, out.token.created_at, actor.name, "token.create", user,
                       CanonicalObject({{"token", *id},
                                        {"label", request.label},
                                        {"expires", request.expires},
                                        {"read_only", request.read_only}}));
  });
  if (!done.ok()) return done;
  return out;
}

Result<std::vector<ApiToken>> Repository::Tokens(const Actor& actor,
                                                 const std::string& user) const {
  std::string whose = user;
  if (actor.role != Role::kAdmin) {
    if (!user.empty() && user != actor.name)
      return Status::PermissionDenied(actor.name + " may list only their own tokens");
    whose = actor.name;
  }
  return impl_->ReadSnapshot<std::vector<ApiToken>>(
      [&](Catalog& c) { return c.ListTokens(whose); });
}

Status Repository::RevokeToken(const Actor& actor, int64_t id) {
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto token = c.FindTokenById(id);
    if (!token.ok()) return token.status();
    if (!*token || (actor.role != Role::kAdmin && (*token)->user != actor.name)) {
      return Status::NotFound("no token " + std::to_string(id));
    }
    if (!(*token)->revoked_at.empty())
      return Status::Conflict("token " + std::to_string(id) + " was already revoked");
    std::string now = impl_->Now();
    DOSSIER_RETURN_IF_ERROR(c.RevokeToken(id, now));
    return AppendAudit(c, now, actor.name, "token.revoke", (*token)->user,
                       CanonicalObject({{"token", id}}));
  });
}

Result<Credential> Repository::AuthenticateToken(std::string_view secret) const {
  auto invalid = Status::Unauthenticated("the API token is not valid");
  if (secret.substr(0, 4) != kTokenPrefix) return invalid;
  std::string hash = SecretHash(secret);
  auto token =
      impl_->ReadSnapshot<std::optional<ApiToken>>([&](Catalog& c) { return c.FindToken(hash); });
  if (!token.ok()) return token.status();
  if (!*token || !(*token)->revoked_at.empty()) return invalid;
  std::string now = impl_->Now();
  if ((*token)->expires_at < now.substr(0, 10))
    return Status::Unauthenticated("the API token expired on " + (*token)->expires_at);
  auto user = ActorFor((*token)->user);
  if (!user.ok()) return invalid;
  if ((*token)->last_used_at < impl_->NowMinus(60)) {
    DOSSIER_RETURN_IF_ERROR(
        impl_->WriteTransaction([&](Catalog& c) { return c.TouchToken((*token)->id, now); }));
  }
  Credential cred;
  cred.kind = Credential::Kind::kToken;
  cred.actor = *user;
  cred.id = std::to_string((*token)->id);
  cred.read_only = (*token)->read_only;
  return cred;
}

Result<int64_t> Repository::OpenSessionCount() const {
  return impl_->ReadSnapshot<int64_t>([&](Catalog& c) {
    return c.CountSessions(impl_->NowMinus(impl_->sessions.absolute_seconds),
                           impl_->NowMinus(impl_->sessions.idle_seconds));
  });
}

SessionSettings Repository::SessionConfig() const { return impl_->sessions; }

}  // namespace dossier
