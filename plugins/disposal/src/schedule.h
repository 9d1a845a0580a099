// The destruction cycle as far as it goes without a person, for a daily
// cron job: finish what a killed execution left, propose a list of what has
// fallen due for destruction and is on no open list, and say what waits for
// whom and what falls due next. Idempotent: a second run the same day
// proposes nothing new. It never signs and never executes: a destruction
// needs its sign-offs and a person to carry it out.
#ifndef DOSSIER_PLUGINS_DISPOSAL_SCHEDULE_H_
#define DOSSIER_PLUGINS_DISPOSAL_SCHEDULE_H_

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "dossier/repository.h"

namespace dossier::disposal {

struct ScheduleReport {
  std::string as_of;
  std::string until;                      // as_of + notice days
  std::vector<DisposalOutcome> finished;  // interrupted executions completed
  std::string proposed;                   // the list proposed now, or ""
  int proposed_lines = 0;
  std::vector<DisposalList> awaiting_signoff;    // proposed lists and whom they wait for
  std::vector<DisposalList> awaiting_execution;  // approved lists
  int due_destroy = 0, due_review = 0,
      due_transfer = 0;  // falling due by `until`, not yet on a list
  int held = 0;          // of those, held
};

/// Runs the cycle as `actor` (an archivist) as of `as_of` ("" for today),
/// looking `within_days` ahead (negative: config/disposal.json's notice_days).
Result<ScheduleReport> RunSchedule(Repository& repo, const Actor& actor, const std::string& as_of,
                                   int within_days);

/// The report as JSON (`dossier --json disposal schedule`, the API).
Poco::JSON::Object::Ptr ScheduleJson(const ScheduleReport& report);

}  // namespace dossier::disposal

#endif  // DOSSIER_PLUGINS_DISPOSAL_SCHEDULE_H_
