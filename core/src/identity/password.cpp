#include "identity/password.h"

#include <argon2.h>
#include <zxcvbn.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <mutex>
#include <string_view>
#include <vector>

#include "dossier/identity.h"
#include "dossier/utf8.h"
#include "identity/secrets.h"
#include "util/number_text.h"

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

// zxcvbn (Debian's zxcvbn-c) estimates how many guesses a cracker needs,
// knowing 30,000 passwords of breach lists, English words and names,
// keyboard runs, sequences, repeats, dates and l33t spellings. 10^8 guesses
// is its "safely unguessable" line: at Argon2id's 30 ms a guess, about
// five weeks of one core per account, on top of the 12-character floor.
constexpr double kMinGuessBits = 26.6;  // log2(10^8)

// Words zxcvbn's English lists lack that people here build passwords from:
// this product and its trade, and the pinyin and numbers of Chinese
// breach lists (我爱你, 1314 "for a lifetime", 520 "I love you").
constexpr std::array<const char*, 22> kContextWords = {
    "dossier", "contract", "archive",  "records", "hetong",   "dangan", "mima",    "guanli",
    "woaini",  "aini",     "iloveyou", "wangluo", "zhongguo", "china",  "beijing", "shanghai",
    "1314",    "520",      "5201314",  "1314520", "88888888", "666666"};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

// What made the password guessable, in words: the part of it that zxcvbn
// found cheapest to guess per character.
std::string WeakestPart(const ZxcMatch_t* matches) {
  const ZxcMatch_t* weakest = nullptr;
  for (const ZxcMatch_t* m = matches; m != nullptr; m = m->Next) {
    if (m->Length <= 0 || (m->Type & ~MULTIPLE_MATCH) == BRUTE_MATCH) continue;
    if (weakest == nullptr || m->Length > weakest->Length) weakest = m;
  }
  if (weakest == nullptr) return "it is short of variety";
  switch (weakest->Type & ~MULTIPLE_MATCH) {
    case DICTIONARY_MATCH:
    case DICT_LEET_MATCH:
      return "it is built on a common password or word";
    case USER_MATCH:
    case USER_LEET_MATCH:
      return "it is built on a word everyone here would try first";
    case REPEATS_MATCH:
      return "it repeats itself";
    case SEQUENCE_MATCH:
      return "it is a run of the alphabet or of digits";
    case SPATIAL_MATCH:
      return "it is a run of the keyboard";
    case DATE_MATCH:
    case YEAR_MATCH:
      return "it is built on a date";
    default:
      return "it follows a pattern crackers try";
  }
}

// The guesses, in bits, that zxcvbn estimates, with what made them few.
double GuessBits(const std::string& password, const std::string& user_name,
                 std::string* weakest_part) {
  // zxcvbn-c keeps no state between calls as far as its documentation
  // says, but does not promise to be reentrant; passwords are set rarely,
  // so one at a time costs nothing.
  static std::mutex zxcvbn_mutex;
  std::lock_guard<std::mutex> lock(zxcvbn_mutex);
  std::vector<const char*> words(kContextWords.begin(), kContextWords.end());
  std::string lower_name = Lower(user_name);
  if (!lower_name.empty()) words.push_back(lower_name.c_str());
  words.push_back(nullptr);
  ZxcMatch_t* matches = nullptr;
  double bits = ZxcvbnMatch(password.c_str(), words.data(), &matches);
  *weakest_part = WeakestPart(matches);
  ZxcvbnFreeInfo(matches);
  return bits;
}

}  // namespace

Result<std::string> HashPassword(const std::string& password) {
  std::string salt = RandomBytes(kSaltBytes);
  size_t encoded_size =
      argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(encoded_size, '\0');
  int rc =
      argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(),
                            salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK)
    return Status::Internal(std::string("hashing the password failed: ") +
                            argon2_error_message(rc));
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
    if (c < 0x20 || c == 0x7f)
      return Status::InvalidArgument("the password contains a control character");
    ++characters;
  }
  if (characters < static_cast<size_t>(PasswordPolicy::kMinLength)) {
    return Status::InvalidArgument("the password has " + std::to_string(characters) +
                                   " characters; it needs at least " +
                                   std::to_string(PasswordPolicy::kMinLength));
  }
  if (all_same) return Status::InvalidArgument("the password repeats one character");
  if (!user_name.empty() && Lower(password).find(Lower(user_name)) != std::string::npos) {
    return Status::InvalidArgument("the password contains the user's name");
  }
  std::string weakest_part;
  double bits = GuessBits(password, user_name, &weakest_part);
  if (bits < kMinGuessBits) {
    return Status::InvalidArgument("the password is too easy to guess: " + weakest_part +
                                   " (about " + WithThousands(std::llround(std::exp2(bits))) +
                                   " guesses would find it; at least 100,000,000 are needed)");
  }
  return Status::Ok();
}

std::string GeneratePassword() {
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
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
