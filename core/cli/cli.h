// The dossier command line: parses global options, dispatches to the
// command table, and turns every Status into a message and an exit code
// (0 ok, 1 bad usage or input, 2 integrity problem, 3 internal error).
#ifndef DOSSIER_CLI_CLI_H_
#define DOSSIER_CLI_CLI_H_

#include <string_view>

namespace dossier::cli {

/// `revision` is the git revision the executable was built from (shown by
/// --version), empty when unknown.
int Run(int argc, char** argv, std::string_view revision = {});

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_CLI_H_
