// Status and Result<T>: how every public function of the core reports
// success or failure. Errors are values at the API; no exception crosses it.
//
// A Status carries a code and a message written for the person at the
// keyboard: it names what was wrong ("field 'price': expected number").
// Codes map onto the CLI's exit codes: bad input 1, integrity 2, internal 3.
//
// Thread-safe as values: copy freely between threads.
#ifndef DOSSIER_STATUS_H_
#define DOSSIER_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace dossier {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // the request is malformed or violates a rule
  kNotFound,          // no such object visible to the actor
  kPermissionDenied,  // the actor's role does not allow the action
  kAlreadyExists,
  kConflict,         // the object's state does not allow it now (it changed, or is frozen)
  kUnauthenticated,  // no valid credentials: not signed in, session expired, bad password
  kTooManyAttempts,  // refused until a time window passes (sign-in lockout)
  kSchemaViolation,  // content that does not satisfy its schema (a document's metadata); field()
                     // says where
  kCorruption,       // stored data does not match what was recorded
  kIoError,          // the operating system refused a read or write
  kInternal,         // a bug or an unexpected library failure
};

class Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status PermissionDenied(std::string msg) {
    return {StatusCode::kPermissionDenied, std::move(msg)};
  }
  static Status AlreadyExists(std::string msg) {
    return {StatusCode::kAlreadyExists, std::move(msg)};
  }
  static Status Conflict(std::string msg) { return {StatusCode::kConflict, std::move(msg)}; }
  static Status Unauthenticated(std::string msg) {
    return {StatusCode::kUnauthenticated, std::move(msg)};
  }
  /// Signed out for want of one value the caller can give (`field`: "/code",
  /// the second factor of a sign-in).
  static Status Unauthenticated(std::string msg, std::string field) {
    Status s(StatusCode::kUnauthenticated, std::move(msg));
    s.field_ = std::move(field);
    return s;
  }
  static Status TooManyAttempts(std::string msg) {
    return {StatusCode::kTooManyAttempts, std::move(msg)};
  }
  /// `field`: the JSON pointer of the first value at fault ("/amount/value").
  static Status SchemaViolation(std::string msg, std::string field) {
    Status s(StatusCode::kSchemaViolation, std::move(msg));
    s.field_ = std::move(field);
    return s;
  }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  /// Where in the input the fault is (a JSON pointer), when known; else "".
  const std::string& field() const { return field_; }

  bool IsInvalidArgument() const { return code_ == StatusCode::kInvalidArgument; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsPermissionDenied() const { return code_ == StatusCode::kPermissionDenied; }
  bool IsConflict() const { return code_ == StatusCode::kConflict; }
  bool IsCorruption() const { return code_ == StatusCode::kCorruption; }

  /// The process exit code a front end should use: 0 ok, 1 bad usage or
  /// input, 2 integrity problem, 3 internal error.
  int ExitCode() const;

  /// Adds context in front of the message: "reading x.json: " + message.
  Status WithContext(const std::string& context) const {
    return WithMessage(context + ": " + message_);
  }
  /// The same failure told in other words (a path put as the user named it).
  Status WithMessage(std::string message) const {
    if (ok()) return *this;
    Status s(code_, std::move(message));
    s.field_ = field_;
    return s;
  }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

namespace internal {
/// Prints "a Result without a value was read: MESSAGE" and aborts.
[[noreturn]] void FailedResultAccess(const Status& status);
}  // namespace internal

/// A value or the Status saying why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Status::Internal("Result built from an ok Status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // Access is checked: reading the value of a failed Result stops the
  // program naming the Status, where an unchecked read would go on with
  // whatever the memory held.
  T& value() & { return Checked(); }
  const T& value() const& { return Checked(); }
  T&& value() && { return std::move(Checked()); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &Checked(); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return Checked(); }
  T&& operator*() && { return std::move(Checked()); }

 private:
  T& Checked() {
    if (!value_) internal::FailedResultAccess(status_);
    return *value_;
  }
  const T& Checked() const {
    if (!value_) internal::FailedResultAccess(status_);
    return *value_;
  }

  std::optional<T> value_;
  Status status_;
};

}  // namespace dossier

// Propagates a failed Status from an expression returning Status.
#define DOSSIER_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::dossier::Status dossier_status_ = (expr);        \
    if (!dossier_status_.ok()) return dossier_status_; \
  } while (0)

#define DOSSIER_STATUS_CONCAT_INNER_(a, b) a##b
#define DOSSIER_STATUS_CONCAT_(a, b) DOSSIER_STATUS_CONCAT_INNER_(a, b)

// Declares or assigns `lhs` from the value of an expression returning a
// Result, or returns its Status from the enclosing function:
//   DOSSIER_ASSIGN_OR_RETURN(auto row, catalog.FindDocumentById(id));
#define DOSSIER_ASSIGN_OR_RETURN(lhs, expr) \
  DOSSIER_ASSIGN_OR_RETURN_IMPL_(DOSSIER_STATUS_CONCAT_(dossier_result_, __LINE__), lhs, expr)
#define DOSSIER_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                   \
  if (!result.ok()) return result.status();               \
  lhs = std::move(result).value()

#endif  // DOSSIER_STATUS_H_
