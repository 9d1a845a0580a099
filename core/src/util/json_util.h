// JSON helpers over Poco::JSON: parsing (dossier/json_input.h), canonical
// text (sorted keys, compact) for digests, dotted-path assignment for
// `--set`, JSON-pointer lookup and leaf flattening for diffs.
#ifndef DOSSIER_UTIL_JSON_UTIL_H_
#define DOSSIER_UTIL_JSON_UTIL_H_

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "dossier/document.h"
#include "dossier/json_input.h"
#include "dossier/status.h"

namespace dossier {

/// Compact JSON with object keys sorted: equal values give equal text.
std::string CanonicalJson(const Poco::Dynamic::Var& value);
/// An object of these fields as canonical JSON: an audit entry's details.
std::string CanonicalObject(
    std::initializer_list<std::pair<const char*, Poco::Dynamic::Var>> fields);

/// Sets `assignment.path` (dotted, "parties.0.name") in `root`, creating
/// objects on the way. Array indexes may address an element or append.
Status ApplyAssignment(const Poco::JSON::Object::Ptr& root, const MetadataAssignment& assignment);

/// The value at a JSON pointer ("/parties/0/name"), if present.
std::optional<Poco::Dynamic::Var> GetByPointer(const Poco::Dynamic::Var& root,
                                               std::string_view pointer);

/// Every leaf (scalar, empty object or empty array) by JSON pointer, as canonical JSON.
std::map<std::string, std::string> FlattenLeaves(const Poco::Dynamic::Var& root);

/// A scalar as plain text (strings unquoted); other values as canonical JSON.
std::string ScalarText(const Poco::Dynamic::Var& value);

/// Escapes a string for inclusion in JSON output.
std::string JsonQuote(std::string_view text);

}  // namespace dossier

#endif  // DOSSIER_UTIL_JSON_UTIL_H_
