// Reading a new password for `init` and `user passwd`: from a file (its
// first line), or typed twice at a terminal without echo.
#ifndef DOSSIER_CLI_PASSWORD_INPUT_H_
#define DOSSIER_CLI_PASSWORD_INPUT_H_

#include <string>

#include "dossier/status.h"

namespace dossier::cli {

/// The first line of `file` ("-": standard input), without its line end.
/// Refuses a file that others may read (it holds a secret).
Result<std::string> ReadPasswordFile(const std::string& file);

/// Asks for a new password twice at the terminal, without echo; refuses
/// when standard input is no terminal or the two differ.
Result<std::string> PromptNewPassword(const std::string& user);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_PASSWORD_INPUT_H_
