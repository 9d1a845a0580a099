// The catalog's statements of identity: passwords, sessions, API tokens and
// failed sign-ins (schemas/db/015_identity.sql).
#include "catalog/sqlite/sqlite_catalog.h"
#include "catalog/sqlite/statements.h"

namespace dossier {

namespace {

constexpr const char* kSessionColumns =
    "secret_hash, id, user_name, created_at, last_seen_at, address, user_agent";

SqliteCatalog::SessionRow ReadSession(const Stmt& s) {
  SqliteCatalog::SessionRow r;
  r.secret_hash = s.Text(0);
  r.info.id = s.Text(1);
  r.info.user = s.Text(2);
  r.info.created_at = s.Text(3);
  r.info.last_seen_at = s.Text(4);
  r.info.address = s.Text(5);
  r.info.user_agent = s.Text(6);
  return r;
}

constexpr const char* kTokenColumns =
    "id, user_name, label, read_only, created_at, created_by, expires_at, revoked_at, last_used_at";

ApiToken ReadToken(const Stmt& s) {
  ApiToken t;
  t.id = s.Int(0);
  t.user = s.Text(1);
  t.label = s.Text(2);
  t.read_only = s.Int(3) != 0;
  t.created_at = s.Text(4);
  t.created_by = s.Text(5);
  t.expires_at = s.Text(6);
  t.revoked_at = s.Text(7);
  t.last_used_at = s.Text(8);
  return t;
}

constexpr const char* kKeyColumns =
    "key_id, public_key, label, own, added_at, added_by, removed_at";

SqliteCatalog::KeyRow ReadKey(const Stmt& s) {
  return SqliteCatalog::KeyRow{s.Text(0), s.Text(1), s.Text(2), s.Int(3) != 0,
                               s.Text(4), s.Text(5), s.Text(6)};
}

}  // namespace

Status SqliteCatalog::InsertSigningKey(const KeyRow& k) {
  // A key trusted again after it was removed gets its row back.
  DOSSIER_PREPARE(
      s,
      "INSERT INTO signing_keys (key_id, public_key, label, own, added_at, added_by) VALUES (?, ?, "
      "?, ?, ?, ?) "
      "ON CONFLICT (key_id) DO UPDATE SET label = excluded.label, added_at = excluded.added_at, "
      "added_by = excluded.added_by, removed_at = ''");
  s.Bind(1, k.key_id);
  s.BindBlob(2, k.public_key);
  s.Bind(3, k.label);
  s.Bind(4, k.own ? 1 : 0);
  s.Bind(5, k.added_at);
  s.Bind(6, k.added_by);
  return s.Run();
}

Result<std::optional<SqliteCatalog::KeyRow>> SqliteCatalog::FindSigningKey(
    const std::string& key_id) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kKeyColumns + " FROM signing_keys WHERE key_id = ?");
  s.Bind(1, key_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<KeyRow>();
  return std::optional<KeyRow>(ReadKey(s));
}

Result<std::vector<SqliteCatalog::KeyRow>> SqliteCatalog::ListSigningKeys() {
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kKeyColumns + " FROM signing_keys ORDER BY added_at, key_id");
  std::vector<KeyRow> out;
  for (;;) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadKey(s));
  }
}

Status SqliteCatalog::RemoveSigningKey(const std::string& key_id, const std::string& at) {
  DOSSIER_PREPARE(s, "UPDATE signing_keys SET removed_at = ? WHERE key_id = ? AND removed_at = ''");
  return s.BindAll(at, key_id).Run();
}

Result<SqliteCatalog::PasswordRow> SqliteCatalog::GetPassword(const std::string& user) {
  DOSSIER_PREPARE(
      s, "SELECT password_hash, password_must_change, password_set_at FROM users WHERE name = ?");
  s.Bind(1, user);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return PasswordRow{};
  return PasswordRow{s.Text(0), s.Int(1) != 0, s.Text(2)};
}

Status SqliteCatalog::SetPassword(const std::string& user, const std::string& hash,
                                  bool must_change, const std::string& at) {
  DOSSIER_PREPARE(s,
                  "UPDATE users SET password_hash = ?, password_must_change = ?, password_set_at = "
                  "? WHERE name = ?");
  return s.BindAll(hash, must_change ? 1 : 0, at, user).Run();
}

Result<std::optional<SqliteCatalog::SecondFactorRow>> SqliteCatalog::GetSecondFactor(
    const std::string& user) {
  DOSSIER_PREPARE(s,
                  "SELECT totp_key, created_at, confirmed_at, last_step FROM second_factors WHERE "
                  "user_name = ?");
  s.Bind(1, user);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SecondFactorRow>();
  return std::optional<SecondFactorRow>(SecondFactorRow{s.Text(0), s.Text(1), s.Text(2), s.Int(3)});
}

Status SqliteCatalog::PutSecondFactor(const std::string& user, const std::string& totp_key,
                                      const std::string& at) {
  DOSSIER_PREPARE(
      s,
      "INSERT OR REPLACE INTO second_factors (user_name, totp_key, created_at) VALUES (?, ?, ?)");
  s.Bind(1, user);
  s.BindBlob(2, totp_key);
  s.Bind(3, at);
  return s.Run();
}

Status SqliteCatalog::ConfirmSecondFactor(const std::string& user, const std::string& at,
                                          int64_t step) {
  DOSSIER_PREPARE(s,
                  "UPDATE second_factors SET confirmed_at = ?, last_step = ? WHERE user_name = ?");
  return s.BindAll(at, step, user).Run();
}

Status SqliteCatalog::SetSecondFactorStep(const std::string& user, int64_t step) {
  DOSSIER_PREPARE(s, "UPDATE second_factors SET last_step = ? WHERE user_name = ?");
  return s.BindAll(step, user).Run();
}

Result<bool> SqliteCatalog::DeleteSecondFactor(const std::string& user) {
  {
    DOSSIER_PREPARE(s, "DELETE FROM recovery_codes WHERE user_name = ?");
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, user).Run());
  }
  DOSSIER_PREPARE(s, "DELETE FROM second_factors WHERE user_name = ?");
  DOSSIER_RETURN_IF_ERROR(s.Bind(1, user).Run());
  return db_->Changes() > 0;
}

Status SqliteCatalog::ReplaceRecoveryCodes(const std::string& user,
                                           const std::vector<std::string>& code_hashes) {
  {
    DOSSIER_PREPARE(s, "DELETE FROM recovery_codes WHERE user_name = ?");
    DOSSIER_RETURN_IF_ERROR(s.Bind(1, user).Run());
  }
  for (const auto& hash : code_hashes) {
    DOSSIER_PREPARE(s, "INSERT INTO recovery_codes (code_hash, user_name) VALUES (?, ?)");
    DOSSIER_RETURN_IF_ERROR(s.BindAll(hash, user).Run());
  }
  return Status::Ok();
}

Result<bool> SqliteCatalog::UseRecoveryCode(const std::string& user, const std::string& code_hash,
                                            const std::string& at) {
  DOSSIER_PREPARE(s,
                  "UPDATE recovery_codes SET used_at = ? WHERE code_hash = ? AND user_name = ? AND "
                  "used_at = ''");
  DOSSIER_RETURN_IF_ERROR(s.BindAll(at, code_hash, user).Run());
  return db_->Changes() > 0;
}

Result<int64_t> SqliteCatalog::UnusedRecoveryCodes(const std::string& user) {
  DOSSIER_PREPARE(s, "SELECT count(*) FROM recovery_codes WHERE user_name = ? AND used_at = ''");
  s.Bind(1, user);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0);
}

Status SqliteCatalog::InsertSession(const SessionRow& r) {
  DOSSIER_PREPARE(s, std::string("INSERT INTO sessions (") + kSessionColumns +
                         ") VALUES (?, ?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(r.secret_hash, r.info.id, r.info.user, r.info.created_at, r.info.last_seen_at,
               r.info.address, r.info.user_agent)
      .Run();
}

Result<std::optional<SqliteCatalog::SessionRow>> SqliteCatalog::FindSession(
    const std::string& secret_hash) {
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE secret_hash = ?");
  s.Bind(1, secret_hash);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SessionRow>();
  return std::optional<SessionRow>(ReadSession(s));
}

Status SqliteCatalog::TouchSession(const std::string& secret_hash, const std::string& at) {
  DOSSIER_PREPARE(s, "UPDATE sessions SET last_seen_at = ? WHERE secret_hash = ?");
  return s.BindAll(at, secret_hash).Run();
}

Status SqliteCatalog::DeleteSession(const std::string& secret_hash) {
  DOSSIER_PREPARE(s, "DELETE FROM sessions WHERE secret_hash = ?");
  return s.BindAll(secret_hash).Run();
}

Result<int> SqliteCatalog::DeleteSessionsOf(const std::string& user, const std::string& except_id) {
  DOSSIER_PREPARE(s, "DELETE FROM sessions WHERE user_name = ? AND id <> ?");
  DOSSIER_RETURN_IF_ERROR(s.BindAll(user, except_id).Run());
  return db_->Changes();
}

Result<int> SqliteCatalog::DeleteSessionById(const std::string& id, const std::string& user) {
  DOSSIER_PREPARE(s, "DELETE FROM sessions WHERE id = ? AND (? = '' OR user_name = ?)");
  DOSSIER_RETURN_IF_ERROR(s.BindAll(id, user, user).Run());
  return db_->Changes();
}

Result<std::vector<SessionInfo>> SqliteCatalog::ListSessions(const std::string& user) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kSessionColumns +
                         " FROM sessions WHERE user_name = ? ORDER BY created_at, id");
  s.Bind(1, user);
  return Collect<SessionInfo>(s, [](const Stmt& st) { return ReadSession(st).info; });
}

Result<int64_t> SqliteCatalog::CountSessions(const std::string& created_since,
                                             const std::string& seen_since) {
  DOSSIER_PREPARE(s, "SELECT count(*) FROM sessions WHERE created_at >= ? AND last_seen_at >= ?");
  s.BindAll(created_since, seen_since);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return s.Int(0);
}

Status SqliteCatalog::PruneSessions(const std::string& created_before,
                                    const std::string& seen_before) {
  DOSSIER_PREPARE(s, "DELETE FROM sessions WHERE created_at < ? OR last_seen_at < ?");
  return s.BindAll(created_before, seen_before).Run();
}

Result<int64_t> SqliteCatalog::InsertToken(const ApiToken& t, const std::string& secret_hash) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO api_tokens (secret_hash, user_name, label, read_only, created_at, created_by, "
      "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  DOSSIER_RETURN_IF_ERROR(s.BindAll(secret_hash, t.user, t.label, t.read_only ? 1 : 0, t.created_at,
                                    t.created_by, t.expires_at)
                              .Run());
  return db_->LastInsertRowId();
}

Result<std::optional<ApiToken>> SqliteCatalog::FindToken(const std::string& secret_hash) {
  DOSSIER_PREPARE(
      s, std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE secret_hash = ?");
  s.Bind(1, secret_hash);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ApiToken>();
  return std::optional<ApiToken>(ReadToken(s));
}

Result<std::optional<ApiToken>> SqliteCatalog::FindTokenById(int64_t id) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE id = ?");
  s.Bind(1, id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ApiToken>();
  return std::optional<ApiToken>(ReadToken(s));
}

Result<std::vector<ApiToken>> SqliteCatalog::ListTokens(const std::string& user) {
  DOSSIER_PREPARE(s, std::string("SELECT ") + kTokenColumns +
                         " FROM api_tokens WHERE ? = '' OR user_name = ? ORDER BY id");
  s.BindAll(user, user);
  return Collect<ApiToken>(s, ReadToken);
}

Status SqliteCatalog::RevokeToken(int64_t id, const std::string& at) {
  DOSSIER_PREPARE(s, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = ''");
  return s.BindAll(at, id).Run();
}

Status SqliteCatalog::TouchToken(int64_t id, const std::string& at) {
  DOSSIER_PREPARE(s, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
  return s.BindAll(at, id).Run();
}

Status SqliteCatalog::InsertSignInFailure(const std::string& at, const std::string& user,
                                          const std::string& address) {
  DOSSIER_PREPARE(s, "INSERT INTO sign_in_failures (at, user_name, address) VALUES (?, ?, ?)");
  return s.BindAll(at, user, address).Run();
}

Result<SqliteCatalog::FailureCounts> SqliteCatalog::CountSignInFailures(
    const std::string& since, const std::string& user, const std::string& address) {
  DOSSIER_PREPARE(s,
                  "SELECT (SELECT count(*) FROM sign_in_failures WHERE user_name = ? AND at >= ?), "
                  "(SELECT count(*) FROM sign_in_failures WHERE address = ? AND at >= ?)");
  s.BindAll(user, since, address, since);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  return FailureCounts{static_cast<int>(s.Int(0)), static_cast<int>(s.Int(1))};
}

Status SqliteCatalog::PruneSignInFailures(const std::string& before, const std::string& user) {
  DOSSIER_PREPARE(s, "DELETE FROM sign_in_failures WHERE at < ? OR user_name = ?");
  return s.BindAll(before, user).Run();
}

namespace {

User ReadUser(const Stmt& s) {
  User u;
  u.name = s.Text(0);
  u.role = ParseRole(s.Text(1)).value_or(Role::kClerk);
  u.clearance = static_cast<Confidentiality>(s.Int(2));
  u.active = s.Int(3) != 0;
  u.created_at = s.Text(4);
  u.department = s.Text(5);
  u.language = s.Text(6);
  return u;
}

}  // namespace

// --- users --------------------------------------------------------------------

Status SqliteCatalog::InsertUser(const User& u) {
  DOSSIER_PREPARE(
      s,
      "INSERT INTO users (name, role, clearance, active, created_at, department, language) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  return s
      .BindAll(u.name, std::string(RoleCode(u.role)), static_cast<int>(u.clearance),
               u.active ? 1 : 0, u.created_at, u.department, u.language)
      .Run();
}

Status SqliteCatalog::UpdateUser(const User& u) {
  DOSSIER_PREPARE(s,
                  "UPDATE users SET role = ?, clearance = ?, active = ?, department = ?, language "
                  "= ? WHERE name = ?");
  return s
      .BindAll(std::string(RoleCode(u.role)), static_cast<int>(u.clearance), u.active ? 1 : 0,
               u.department, u.language, u.name)
      .Run();
}

Result<std::optional<User>> SqliteCatalog::FindUser(const std::string& name) {
  DOSSIER_PREPARE(s,
                  "SELECT name, role, clearance, active, created_at, department, language FROM "
                  "users WHERE name = ?");
  s.Bind(1, name);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<User>();
  return std::optional<User>(ReadUser(s));
}

Result<std::vector<User>> SqliteCatalog::ListUsers() {
  DOSSIER_PREPARE(s,
                  "SELECT name, role, clearance, active, created_at, department, language FROM "
                  "users ORDER BY name");
  return Collect<User>(s, ReadUser);
}

}  // namespace dossier
