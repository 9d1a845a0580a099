// Reading JSON that people and clients send: metadata, request bodies,
// configuration, packages. One reader for every front end, so that every
// one refuses the same things: text that is not UTF-8, malformed JSON, and
// an object naming a key twice (Poco keeps the last value silently; two
// readers of the same text could see different documents).
#ifndef DOSSIER_JSON_INPUT_H_
#define DOSSIER_JSON_INPUT_H_

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>

#include "dossier/status.h"

namespace dossier {

/// Parses JSON text; `what` names the source in the error ("metadata file x.json").
Result<Poco::Dynamic::Var> ParseJson(std::string_view text, const std::string& what);

/// Parses JSON text that must be an object.
Result<Poco::JSON::Object::Ptr> ParseJsonObject(std::string_view text, const std::string& what);

}  // namespace dossier

#endif  // DOSSIER_JSON_INPUT_H_
