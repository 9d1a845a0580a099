// Number templates: "HT-{year}-{dept}-{seq:4}" -> "HT-2026-SW-0007".
//
// A template is literal text and fields in braces. One field is the counter,
// named `seq` or `item`, with an optional zero-padded width after a colon.
// The other fields' values make the scope: each scope has its own sequence
// (the archival reference code 档号 of DA/T 22-2015 counts items per year x
// retention period x organisation this way).
//
// Immutable after Parse; thread-safe.
#ifndef DOSSIER_NUMBERING_NUMBER_TEMPLATE_H_
#define DOSSIER_NUMBERING_NUMBER_TEMPLATE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dossier/status.h"

namespace dossier {

/// The archival reference code preset of DA/T 22-2015 (档号).
inline constexpr const char* kArchivalCodeTemplate =
    "{fonds}-{category}·{year}-{retention}-{org}-{item:4}";

class NumberTemplate {
 public:
  static Result<NumberTemplate> Parse(const std::string& text);

  /// The names of the fields other than the counter, in order.
  std::vector<std::string> FieldNames() const;

  /// The scope key: the template with every field but the counter filled in.
  /// Fails naming a field that has no value or a value unfit for a number.
  Result<std::string> Scope(const std::map<std::string, std::string>& values) const;

  /// The number for a sequence value within a scope made by Scope().
  std::string Format(const std::string& scope, int64_t seq) const;

  const std::string& text() const { return text_; }

 private:
  struct Part {
    bool is_field = false;
    std::string text;  // literal text or field name
    int width = 0;     // counter padding
  };
  std::string text_;
  std::vector<Part> parts_;
  int counter_width_ = 0;
};

}  // namespace dossier

#endif  // DOSSIER_NUMBERING_NUMBER_TEMPLATE_H_
