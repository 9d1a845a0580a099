#include "dossier/status.h"

#include <cstdio>
#include <cstdlib>

namespace dossier {

int Status::ExitCode() const {
  switch (code_) {
    case StatusCode::kOk:
      return 0;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kPermissionDenied:
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
    case StatusCode::kUnauthenticated:
    case StatusCode::kTooManyAttempts:
    case StatusCode::kSchemaViolation:
      return 1;
    case StatusCode::kCorruption:
      return 2;
    case StatusCode::kIoError:
    case StatusCode::kInternal:
      return 3;
  }
  return 3;
}

namespace internal {

void FailedResultAccess(const Status& status) {
  std::fprintf(stderr, "dossier: a Result without a value was read: %s\n",
               status.message().c_str());
  std::abort();
}

}  // namespace internal

}  // namespace dossier
