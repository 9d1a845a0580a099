// Workflows as data: the states a document passes through, the transitions
// between them, who may take each, and the guards that choose between them.
// Loaded from config/workflows/*.json (copied from schemas/workflows/ at
// init), each checked against schemas/workflow.schema.json and for
// consistency (states, roles and types that exist), so that a malformed
// workflow is refused at open naming the file and the field.
//
// Immutable after Load; thread-safe.
#ifndef DOSSIER_WORKFLOW_WORKFLOW_H_
#define DOSSIER_WORKFLOW_WORKFLOW_H_

#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/access.h"
#include "dossier/status.h"
#include "types/type_registry.h"

namespace dossier {

/// Where a document is in its life, whatever its workflow calls the state:
/// archiving, the ledger, retention and the guards read stages, never state
/// names, so a company may rename its states (config/workflows/*.json,
/// "stage" of a state). kNone: not yet approved (drafted, in review).
enum class Stage { kNone, kApproved, kSigned, kInPerformance, kCompleted, kTerminated };

/// The stage's code in workflow files ("in_performance"), or nullopt.
std::optional<Stage> ParseStage(std::string_view code);
/// Every stage but kNone: the document was approved, and perhaps went on.
inline bool IsApproved(Stage stage) { return stage != Stage::kNone; }

struct WorkflowState {
  std::string code;
  std::string name_zh;
  std::string name_en;
  bool frozen = false;          // content and clauses may no longer change
  std::vector<Role> approvals;  // roles that must all approve, by distinct people, before leaving
  Stage stage = Stage::kNone;
};

struct WorkflowTransition {
  std::string action;
  std::string name_zh;
  std::set<std::string> from;
  std::string to;
  std::vector<Role> roles;
  std::string guard;  // "" or a named guard (see guards.h)
  bool review = false;
  bool comment_required = false;
  std::map<std::string, std::string> required_data;  // data key -> metadata pointer it is stored at
  // Document type -> metadata pointers that must be filled in before this
  // action (the clauses a contract must state before review); see required_clauses.h.
  std::map<std::string, std::vector<std::string>> required_clauses;
  std::string distributes;         // metadata list whose recipients are recorded as distributed to
  std::string tracks_resolutions;  // metadata list of {text, owner, due} to track as resolutions
};

class Workflow {
 public:
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::vector<std::string> types;
  std::map<std::string, double> settings;
  std::string initial;
  std::map<std::string, WorkflowState> states;
  std::vector<WorkflowTransition> transitions;

  const WorkflowState* State(const std::string& code) const;
  double Setting(const std::string& name, double fallback) const;
  /// The stage of `state`; kNone for a state without one or not of this workflow.
  Stage StageOf(const std::string& state) const;
  /// The codes of the states at any of `stages`.
  std::vector<std::string> StatesAt(std::initializer_list<Stage> stages) const;
};

class WorkflowRegistry {
 public:
  static Result<std::unique_ptr<WorkflowRegistry>> Load(const std::filesystem::path& config_dir,
                                                        const TypeRegistry& types);
  /// The workflow documents of this type follow, or null.
  const Workflow* ForType(const std::string& type) const;
  std::vector<const Workflow*> All() const;
  /// The stage of a document of `type` in `state`: kNone when its type
  /// follows no workflow or the state has no stage.
  Stage StageOf(const std::string& type, const std::string& state) const;

 private:
  std::vector<std::unique_ptr<Workflow>> workflows_;
  std::map<std::string, const Workflow*> by_type_;
};

/// Writes the embedded default workflows into a new repository's config.
Status WriteDefaultWorkflows(const std::filesystem::path& config_dir);

}  // namespace dossier

#endif  // DOSSIER_WORKFLOW_WORKFLOW_H_
