// Fault injection for crash tests: CrashPoint(name) kills the process with
// SIGKILL when it is the N-th crash point reached and DOSSIER_CRASH_AT=N is
// set (DOSSIER_CRASH_AT=name:N counts only the points of that name). Tests
// use it to kill the real binary at every step of a destruction and check
// that a rerun finishes the job. Without the variable it does nothing.
#ifndef DOSSIER_UTIL_CRASH_POINT_H_
#define DOSSIER_UTIL_CRASH_POINT_H_

namespace dossier {

void CrashPoint(const char* name);

}  // namespace dossier

#endif  // DOSSIER_UTIL_CRASH_POINT_H_
