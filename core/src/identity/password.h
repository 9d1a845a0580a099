// Password hashing (Argon2id, Debian's libargon2) and the policy a new
// password must meet. Private to the core.
#ifndef DOSSIER_IDENTITY_PASSWORD_H_
#define DOSSIER_IDENTITY_PASSWORD_H_

#include <string>

#include "dossier/status.h"

namespace dossier {

/// The PHC string ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash") of the
/// password with a fresh random salt.
Result<std::string> HashPassword(const std::string& password);

/// True when `password` matches `phc`. An empty or malformed `phc` never
/// matches, but still costs one hash, so that a user without a password
/// (or with no account at all) answers in the time a wrong password takes.
bool VerifyPassword(const std::string& password, const std::string& phc);

/// InvalidArgument naming what is wrong: shorter than 12 characters (code
/// points, so Chinese counts per character), longer than 1024 bytes, not
/// UTF-8, the user's name in it, one character repeated, or guessable in
/// fewer than 10^8 guesses as zxcvbn estimates them (common passwords,
/// words, keyboard runs, sequences, dates), saying which.
Status CheckPasswordPolicy(const std::string& password, const std::string& user_name);

/// A random password for init and temporary resets: 20 characters from an
/// alphabet without look-alikes (no 0/O, 1/l/I).
std::string GeneratePassword();

}  // namespace dossier

#endif  // DOSSIER_IDENTITY_PASSWORD_H_
