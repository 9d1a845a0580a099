// Destruction of archived documents (档案销毁): a destruction list (销毁清册)
// is proposed from what is due and not held, signed by the configured roles
// (config/disposal.json), each a different person and never the proposer,
// then executed: content removed from the store unless a kept document
// shares it, a residual record kept, one audit entry per line, and a
// destruction certificate (销毁证明) registered. Lists and certificates are
// documents of their own, kept permanently and never destroyed.
//
// The core holds the rules and the state; the disposal plugin drives the
// cycle (its commands, the daily schedule). Plain values; thread-safe to
// copy and share.
#ifndef DOSSIER_DISPOSAL_H_
#define DOSSIER_DISPOSAL_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dossier/access.h"
#include "dossier/types.h"

namespace dossier {

struct DisposalLine {
  int line = 0;
  std::string document_id;
  std::string number;
  std::string title;
  std::string type;
  std::string archive_code;
  std::string year;            // of the records (their date, else their archive date)
  std::string retention;       // class code
  std::string retention_name;  // 定期10年
  std::string disposition_date;
  int years_kept = 0;  // whole years from the clock's start to the list's date
  std::string state;   // listed, removed, destroyed, skipped
  std::string note;    // why removed or skipped
};

/// 待销毁, 已撤出, 已销毁, 未销毁 for a line's states.
std::vector<NamedCode> DisposalLineStateNames();

struct DisposalApproval {
  Role role = Role::kArchivist;
  std::string actor;
  std::string at;
  std::string comment;
};

struct DisposalList {
  std::string id;      // the list's document
  std::string number;  // XH-2026-0001
  std::string title;
  std::string status;  // proposed, approved, rejected, executing, executed
  std::string as_of;
  std::string proposed_at;
  std::string proposed_by;
  std::vector<Role> required;  // roles whose sign-off it needs
  std::vector<DisposalApproval> approvals;
  std::string decided_at;
  std::string reject_by;
  std::string reject_reason;
  std::string executed_at;
  std::string executed_by;
  std::string certificate_number;
  std::vector<DisposalLine> lines;  // those the actor may see
  int hidden_lines = 0;             // lines above the actor's clearance
  bool actor_may_sign =
      false;  // the acting user's sign-off is awaited (their role, not the proposer, not yet)
  /// The required roles not yet signed.
  std::vector<Role> Awaiting() const;
};

struct DisposalProposal {
  std::string as_of;  // "" for today: what is due by then
  std::vector<std::string>
      refs;  // empty: everything due for destruction, not held, not on an open list
  std::string note;
};

/// What an execution did.
struct DisposalOutcome {
  std::string list_number;
  int destroyed = 0;
  int skipped = 0;
  int64_t blobs_removed = 0;     // contents removed from the store
  uint64_t bytes_reclaimed = 0;  // their bytes on disk
  std::string certificate_number;
};

/// Called after each line of an execution: lines done, lines in all.
using DisposalProgressFn = std::function<void(int done, int total)>;

/// What remains of a destroyed document besides its catalog entry.
struct DestructionRecord {
  std::string list_number;
  std::string destroyed_at;
  std::string destroyed_by;
  std::string certificate_number;  // once the list's execution is finished
};

/// config/disposal.json.
struct DisposalConfig {
  std::vector<Role> approvals;  // default: archivist, manager, legal, director
  int notice_days = 90;
  int max_lines = 10000;
};

}  // namespace dossier

#endif  // DOSSIER_DISPOSAL_H_
