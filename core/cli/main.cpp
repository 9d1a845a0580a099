#include "cli/cli.h"

namespace dossier::cli {
extern const char* const kGitRevision;  // revision.cpp, written by cmake/git_revision.cmake
}

int main(int argc, char** argv) {
  return dossier::cli::Run(argc, argv, dossier::cli::kGitRevision);
}
