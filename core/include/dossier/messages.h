// The core's messages — refusals and errors — as a Chinese reader reads them.
//
// The core words its messages in English: the language of its logs, of the
// API's `message` field that programs and tests match, and of support. A
// front end shows a Chinese reader the translation of every message whose
// form the catalogue knows (core/src/messages/zh_catalogue.cpp), with the
// English kept beside it. As with gettext, the English text is the key; a
// message of a form the catalogue does not know stays English, never half
// translated.
//
// Pure functions; thread-safe.
#ifndef DOSSIER_MESSAGES_H_
#define DOSSIER_MESSAGES_H_

#include <string>
#include <string_view>

namespace dossier {

/// `message` in Chinese, or empty when the catalogue does not know its form
/// (or a name in it: a role, an action).
std::string MessageInChinese(std::string_view message);

}  // namespace dossier

#endif  // DOSSIER_MESSAGES_H_
