#include "identity/password.h"

#include <argon2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "dossier/identity.h"
#include "dossier/utf8.h"
#include "identity/secrets.h"

namespace dossier {

namespace {

// OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane): about 30 ms here,
// and memory a server can afford for several sign-ins at once.
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

// A well-formed hash of a password nobody has, verified against when there
// is no real one: the answer then takes as long as a wrong password's.
const std::string& DecoyHash() {
  static const std::string decoy = [] {
    auto h = HashPassword(NewSecret("decoy "));
    return h.ok() ? *h : std::string();
  }();
  return decoy;
}

// The most common passwords of breach lists, folded to lower case, that are
// 12 characters or longer (shorter ones fail on length already).
constexpr std::array<std::string_view, 40> kCommonPasswords = {
    "123456789012", "1234567890123", "12345678910", "password1234", "password12345", "passwordpassword",
    "qwertyuiopasdf", "qwertyuiop12", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc", "iloveyou1234",
    "administrator", "admin1234567", "adminadmin123", "welcome12345", "letmein12345", "changeme1234",
    "abc123456789", "abcdefghijkl", "aaaaaaaaaaaa", "111111111111", "000000000000", "zxcvbnm12345",
    "p@ssw0rd1234", "passw0rd1234", "football1234", "baseball1234", "superman1234", "trustno11234",
    "woaini1314520", "woaini123456", "5201314520131", "qazwsxedcrfv", "asdfghjkl123", "987654321000",
    "dossier12345", "dossier123456", "contract1234", "archive12345"};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A run such as "abcdefgh", "87654321" or "qwertyui" covering the whole password.
bool IsSequence(const std::string& lower) {
  static const std::array<std::string_view, 4> rows = {"abcdefghijklmnopqrstuvwxyz", "0123456789",
                                                      "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"};
  for (auto row : rows) {
    std::string forward(row), backward(row.rbegin(), row.rend());
    std::string twice = forward + forward, twice_back = backward + backward;
    if (twice.find(lower) != std::string::npos || twice_back.find(lower) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Result<std::string> HashPassword(const std::string& password) {
  std::string salt = RandomBytes(kSaltBytes);
  size_t encoded_size = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(encoded_size, '\0');
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt.data(),
                                 salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Status::Internal(std::string("hashing the password failed: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool VerifyPassword(const std::string& password, const std::string& phc) {
  bool real = phc.rfind("$argon2id$", 0) == 0;
  const std::string& against = real ? phc : DecoyHash();
  bool match = argon2id_verify(against.c_str(), password.data(), password.size()) == ARGON2_OK;
  return real && match;
}

Status CheckPasswordPolicy(const std::string& password, const std::string& user_name) {
  if (!IsValidUtf8(password)) return Status::InvalidArgument("the password is not valid UTF-8");
  if (password.size() > static_cast<size_t>(PasswordPolicy::kMaxLength)) {
    return Status::InvalidArgument("the password is longer than 1024 bytes");
  }
  size_t characters = 0, pos = 0;
  char32_t c = 0, first = 0;
  bool all_same = true;
  while (pos < password.size() && DecodeUtf8(password, &pos, &c)) {
    if (characters == 0) first = c;
    if (c != first) all_same = false;
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument("the password contains a control character");
    ++characters;
  }
  if (characters < static_cast<size_t>(PasswordPolicy::kMinLength)) {
    return Status::InvalidArgument("the password has " + std::to_string(characters) + " characters; it needs at least " +
                                   std::to_string(PasswordPolicy::kMinLength));
  }
  if (all_same) return Status::InvalidArgument("the password repeats one character");
  std::string lower = Lower(password);
  if (!user_name.empty() && lower.find(Lower(user_name)) != std::string::npos) {
    return Status::InvalidArgument("the password contains the user's name");
  }
  if (IsSequence(lower)) return Status::InvalidArgument("the password is a run of the keyboard or the alphabet");
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) != kCommonPasswords.end()) {
    return Status::InvalidArgument("the password is one of the most common passwords");
  }
  return Status::Ok();
}

std::string GeneratePassword() {
  static constexpr std::string_view kAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  // Bytes at or above the largest multiple of the alphabet's size are
  // dropped, so every symbol is equally likely (about 117 bits in all).
  const unsigned limit = 256 - 256 % kAlphabet.size();
  std::string out;
  while (out.size() < 20) {
    for (unsigned char b : RandomBytes(32)) {
      if (b < limit && out.size() < 20) out += kAlphabet[b % kAlphabet.size()];
    }
  }
  return out;
}

}  // namespace dossier
