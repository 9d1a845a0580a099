// Lifecycle: where a document stands in its workflow (config/workflows/),
// what the acting user may do next, and the trail of steps it took.
//
// Plain values; thread-safe to copy and share.
#ifndef DOSSIER_LIFECYCLE_H_
#define DOSSIER_LIFECYCLE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "dossier/document.h"

namespace dossier {

/// One step a document took: a review decision or another transition.
struct LifecycleStep {
  int64_t seq = 0;
  int round = 1;  // increases each time the document is sent back to its first state
  std::string action;
  std::string from_state;
  std::string to_state;  // equals from_state while a multi-party review is incomplete
  std::string actor;
  std::string role;
  std::string at;  // ISO 8601, UTC
  std::string comment;
  bool review = false;
};

/// An action the acting user may take now, as the workflow names it from
/// this state ("approve" is 审核通过 in review and 批准 pending approval).
struct OfferedAction {
  std::string action;  // code, e.g. "approve"
  std::string name_zh;
  bool comment_required = false;
  /// Data the action asks for (TransitionRequest::set): key and the metadata
  /// pointer it is stored at, e.g. {"seal", "/signing/seal"}.
  std::vector<std::pair<std::string, std::string>> data;
};

struct LifecycleState {
  std::string workflow;  // "" when the document's type follows no workflow
  std::string state;     // code, e.g. "in_review"
  std::string state_name_zh;
  std::string state_name_en;
  bool frozen = false;                 // content and clauses can no longer change
  std::vector<std::string> actions;    // what the acting user may do now
  std::vector<OfferedAction> offered;  // the same actions, named and with what each asks for
  std::vector<std::string> awaiting;   // roles whose approval this state still needs
  std::vector<LifecycleStep> steps;
};

struct TransitionRequest {
  std::string action;
  std::string comment;
  /// Data the action needs (sign: signing_date, signatory_ours, signatory_theirs, seal).
  std::vector<MetadataAssignment> set;
};

struct PendingItem {
  DocumentSummary document;
  std::vector<std::string> actions;
};

/// A copy given to a recipient (a department or a person), and when.
struct DistributionRecord {
  std::string recipient;
  std::string at;  // ISO 8601, UTC
  std::string by;
  std::string note;
};

/// A resolution of minutes, tracked until done.
struct Resolution {
  std::string minutes_id;
  std::string minutes_number;
  std::string minutes_title;
  int item = 0;  // 1-based
  std::string text;
  std::string owner;
  std::string due;     // YYYY-MM-DD
  std::string status;  // "open", "done" or "overdue" (open and past due)
  std::string done_at;
  std::string done_by;
  std::string note;
};

struct ResolutionFilter {
  std::string owner;     // "" for everyone's
  bool overdue = false;  // only open items past their due date
  bool open = false;     // only items not done
};

}  // namespace dossier

#endif  // DOSSIER_LIFECYCLE_H_
