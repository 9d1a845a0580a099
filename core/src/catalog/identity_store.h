// The people of the repository and how they prove who they are: users, passwords, second factors
// and recovery codes, sessions, API tokens, failed sign-ins, and the signing keys the repository
// holds and trusts (identity/, repository/identity.cpp, second_factor.cpp, keys.cpp).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_IDENTITY_STORE_H_
#define DOSSIER_CATALOG_IDENTITY_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/rows.h"
#include "dossier/archive.h"
#include "dossier/audit.h"
#include "dossier/disposal.h"
#include "dossier/document.h"
#include "dossier/identity.h"
#include "dossier/lifecycle.h"
#include "dossier/retention.h"
#include "dossier/status.h"
#include "dossier/user.h"
#include "store/blob_store.h"

namespace dossier {

class IdentityStore {
 public:
  virtual ~IdentityStore() = default;

  virtual Status InsertUser(const User& user) = 0;
  virtual Status UpdateUser(const User& user) = 0;
  virtual Result<std::optional<User>> FindUser(const std::string& name) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  struct PasswordRow {
    std::string hash;  // '' when none was set
    bool must_change = false;
    std::string set_at;  // ISO 8601 UTC; '' when none was set
  };
  virtual Result<PasswordRow> GetPassword(const std::string& user) = 0;
  virtual Status SetPassword(const std::string& user, const std::string& hash, bool must_change,
                             const std::string& at) = 0;
  struct SecondFactorRow {
    std::string totp_key;  // raw bytes
    std::string created_at;
    std::string confirmed_at;  // '' until a first code was typed
    int64_t last_step = 0;
  };
  virtual Result<std::optional<SecondFactorRow>> GetSecondFactor(const std::string& user) = 0;
  /// Replaces any key of the user with a new, unconfirmed one.
  virtual Status PutSecondFactor(const std::string& user, const std::string& totp_key,
                                 const std::string& at) = 0;
  virtual Status ConfirmSecondFactor(const std::string& user, const std::string& at,
                                     int64_t step) = 0;
  virtual Status SetSecondFactorStep(const std::string& user, int64_t step) = 0;
  /// The key and the recovery codes; whether there was a key.
  virtual Result<bool> DeleteSecondFactor(const std::string& user) = 0;
  virtual Status ReplaceRecoveryCodes(const std::string& user,
                                      const std::vector<std::string>& code_hashes) = 0;
  /// Marks an unused code of the user used; whether there was one.
  virtual Result<bool> UseRecoveryCode(const std::string& user, const std::string& code_hash,
                                       const std::string& at) = 0;
  virtual Result<int64_t> UnusedRecoveryCodes(const std::string& user) = 0;
  struct KeyRow {
    std::string key_id;
    std::string public_key;  // 32 bytes
    std::string label;
    bool own = false;
    std::string added_at, added_by, removed_at;
  };
  /// Adds the key, or trusts a removed one again.
  virtual Status InsertSigningKey(const KeyRow& key) = 0;
  virtual Result<std::optional<KeyRow>> FindSigningKey(const std::string& key_id) = 0;
  virtual Result<std::vector<KeyRow>> ListSigningKeys() = 0;
  virtual Status RemoveSigningKey(const std::string& key_id, const std::string& at) = 0;
  struct SessionRow {
    std::string secret_hash;
    SessionInfo info;
  };
  virtual Status InsertSession(const SessionRow& row) = 0;
  virtual Result<std::optional<SessionRow>> FindSession(const std::string& secret_hash) = 0;
  virtual Status TouchSession(const std::string& secret_hash, const std::string& at) = 0;
  virtual Status DeleteSession(const std::string& secret_hash) = 0;
  /// Ends the sessions of `user` (all but `except_id` when given); returns how many.
  virtual Result<int> DeleteSessionsOf(const std::string& user, const std::string& except_id) = 0;
  /// Ends the session of that public id if it is the user's (any user's when `user` is '').
  virtual Result<int> DeleteSessionById(const std::string& id, const std::string& user) = 0;
  virtual Result<std::vector<SessionInfo>> ListSessions(const std::string& user) = 0;
  /// Sessions created since `created_since` and used since `seen_since`.
  virtual Result<int64_t> CountSessions(const std::string& created_since,
                                        const std::string& seen_since) = 0;
  /// Removes sessions created before `created_before` or unused since `seen_before`.
  virtual Status PruneSessions(const std::string& created_before,
                               const std::string& seen_before) = 0;
  virtual Result<int64_t> InsertToken(const ApiToken& token, const std::string& secret_hash) = 0;
  virtual Result<std::optional<ApiToken>> FindToken(const std::string& secret_hash) = 0;
  virtual Result<std::optional<ApiToken>> FindTokenById(int64_t id) = 0;
  /// The tokens of `user`, or of everyone when `user` is ''.
  virtual Result<std::vector<ApiToken>> ListTokens(const std::string& user) = 0;
  virtual Status RevokeToken(int64_t id, const std::string& at) = 0;
  virtual Status TouchToken(int64_t id, const std::string& at) = 0;
  virtual Status InsertSignInFailure(const std::string& at, const std::string& user,
                                     const std::string& address) = 0;
  struct FailureCounts {
    int user = 0;
    int address = 0;
  };
  /// Failures since `since` of that user name and from that address.
  virtual Result<FailureCounts> CountSignInFailures(const std::string& since,
                                                    const std::string& user,
                                                    const std::string& address) = 0;
  /// Forgets failures older than `before`, and those of `user` (after a success) when given.
  virtual Status PruneSignInFailures(const std::string& before, const std::string& user) = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_IDENTITY_STORE_H_
