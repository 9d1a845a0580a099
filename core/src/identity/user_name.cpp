#include "identity/user_name.h"

#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include <memory>

#include "dossier/utf8.h"
#include "util/invisible.h"

namespace dossier {

namespace {

struct SpoofCheckerDeleter {
  void operator()(USpoofChecker* checker) const { uspoof_close(checker); }
};
using SpoofChecker = std::unique_ptr<USpoofChecker, SpoofCheckerDeleter>;

// A checker for one call: ICU's checkers may be shared only once set up,
// and names are added rarely.
SpoofChecker NewChecker() {
  UErrorCode status = U_ZERO_ERROR;
  SpoofChecker checker(uspoof_open(&status));
  if (U_FAILURE(status)) return nullptr;
  uspoof_setChecks(checker.get(),
                   USPOOF_RESTRICTION_LEVEL | USPOOF_INVISIBLE | USPOOF_MIXED_NUMBERS, &status);
  uspoof_setRestrictionLevel(checker.get(), USPOOF_HIGHLY_RESTRICTIVE);
  return U_SUCCESS(status) ? std::move(checker) : nullptr;
}

std::u16string ToUtf16(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  std::u16string out(static_cast<size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  u_strFromUTF8(out.data(), length, nullptr, text.data(), static_cast<int32_t>(text.size()),
                &status);
  return U_SUCCESS(status) ? out : std::u16string();
}

std::string ToUtf8(const std::u16string& text) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strToUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  std::string out(static_cast<size_t>(length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), length, nullptr, text.data(), static_cast<int32_t>(text.size()), &status);
  return U_SUCCESS(status) ? out : std::string();
}

// The name in NFKC, or "" if ICU cannot say.
std::string Nfkc(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
  if (U_FAILURE(status)) return "";
  std::u16string in = ToUtf16(name);
  int32_t length =
      unorm2_normalize(nfkc, in.data(), static_cast<int32_t>(in.size()), nullptr, 0, &status);
  std::u16string out(static_cast<size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  unorm2_normalize(nfkc, in.data(), static_cast<int32_t>(in.size()), out.data(), length, &status);
  return U_SUCCESS(status) ? ToUtf8(out) : "";
}

}  // namespace

Status ValidateUserName(const std::string& name) {
  if (name.empty()) return Status::InvalidArgument("user name is empty");
  if (name.size() > 64) return Status::InvalidArgument("user name is longer than 64 bytes");
  if (!IsValidUtf8(name)) return Status::InvalidArgument("user name is not valid UTF-8");
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x7f)
      return Status::InvalidArgument("user name '" + name +
                                     "' contains a space or control character");
  }
  auto checker = NewChecker();
  if (!checker) return Status::Internal("ICU's spoof checker could not be opened");
  UErrorCode status = U_ZERO_ERROR;
  const int32_t found = uspoof_checkUTF8(checker.get(), name.data(),
                                         static_cast<int32_t>(name.size()), nullptr, &status);
  if (U_FAILURE(status))
    return Status::Internal(std::string("ICU's spoof checker failed: ") + u_errorName(status));
  // 陈总 and 陈总+U+200B would be two users who look like one.
  if ((found & USPOOF_INVISIBLE) || InvisibleCharacterIn(name)) {
    return Status::InvalidArgument(
        "user name '" + name +
        "' contains an invisible character (zero-width or direction control)");
  }
  const std::string normal = Nfkc(name);
  if (normal != name) {
    return Status::InvalidArgument("user name '" + name +
                                   "' is not in Unicode's normal form (NFKC): write it '" + normal +
                                   "'");
  }
  if (found & USPOOF_RESTRICTION_LEVEL) {
    return Status::InvalidArgument(
        "user name '" + name +
        "' mixes scripts a reader cannot tell apart (as a Cyrillic а among Latin letters); "
        "use one script, or Chinese with Latin");
  }
  if (found & USPOOF_MIXED_NUMBERS) {
    return Status::InvalidArgument("user name '" + name +
                                   "' mixes digits of different number systems");
  }
  return Status::Ok();
}

namespace {

std::string SkeletonWith(USpoofChecker* checker, const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = uspoof_getSkeletonUTF8(checker, 0, name.data(),
                                          static_cast<int32_t>(name.size()), nullptr, 0, &status);
  std::string out(static_cast<size_t>(length), '\0');
  status = U_ZERO_ERROR;
  uspoof_getSkeletonUTF8(checker, 0, name.data(), static_cast<int32_t>(name.size()), out.data(),
                         length, &status);
  return U_SUCCESS(status) ? out : name;
}

}  // namespace

std::string UserNameSkeleton(const std::string& name) {
  auto checker = NewChecker();
  return checker ? SkeletonWith(checker.get(), name) : name;
}

Status CheckNotConfusable(const std::string& name, const std::vector<std::string>& existing) {
  auto checker = NewChecker();  // one for all the names compared
  if (!checker) return Status::Internal("ICU's spoof checker could not be opened");
  const std::string skeleton = SkeletonWith(checker.get(), name);
  for (const auto& other : existing) {
    if (other != name && SkeletonWith(checker.get(), other) == skeleton) {
      return Status::AlreadyExists("user name '" + name + "' looks like the existing user '" +
                                   other + "': choose a name that cannot be mistaken for it");
    }
  }
  return Status::Ok();
}

}  // namespace dossier
