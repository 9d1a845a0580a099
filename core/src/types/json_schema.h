// A compiled JSON Schema (draft 4/7 subset as valijson implements it).
// We validate with valijson rather than by hand so that a company's edits to
// a type's schema are honoured exactly as the JSON Schema standard says.
//
// Immutable after Compile; Validate may be called from many threads.
#ifndef DOSSIER_TYPES_JSON_SCHEMA_H_
#define DOSSIER_TYPES_JSON_SCHEMA_H_

#include <Poco/Dynamic/Var.h>

#include <memory>
#include <string>

#include "dossier/status.h"

namespace dossier {

class JsonSchema {
 public:
  /// `what` names the schema in errors ("type file contract.json").
  static Result<std::shared_ptr<const JsonSchema>> Compile(const Poco::Dynamic::Var& schema,
                                                           const std::string& what);
  ~JsonSchema();

  /// SchemaViolation listing each violation with its location, and the
  /// schema's titles along it where given, e.g. "「金额 › 数额」/amount/value:
  /// expected number greater than or equal to 0"; field() is the first
  /// location at fault (a missing property's own, "/amount").
  Status Validate(const Poco::Dynamic::Var& value, const std::string& what) const;

  /// The schema's titles along a pointer ("/parties/1/name" -> "当事人 › 名称");
  /// "" where the schema gives none.
  std::string TitlesAt(const std::string& pointer) const;

 private:
  struct Impl;
  explicit JsonSchema(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier

#endif  // DOSSIER_TYPES_JSON_SCHEMA_H_
