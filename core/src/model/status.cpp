#include "dossier/status.h"

namespace dossier {

int Status::ExitCode() const {
  switch (code_) {
    case StatusCode::kOk: return 0;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kPermissionDenied:
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
    case StatusCode::kUnauthenticated:
    case StatusCode::kTooManyAttempts:
    case StatusCode::kSchemaViolation: return 1;
    case StatusCode::kCorruption: return 2;
    case StatusCode::kIoError:
    case StatusCode::kInternal: return 3;
  }
  return 3;
}

}  // namespace dossier
