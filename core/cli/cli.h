// The dossier command line: parses global options, dispatches to the
// command table, and turns every Status into a message and an exit code
// (0 ok, 1 bad usage or input, 2 integrity problem, 3 internal error).
#ifndef DOSSIER_CLI_CLI_H_
#define DOSSIER_CLI_CLI_H_

namespace dossier::cli {

int Run(int argc, char** argv);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_CLI_H_
