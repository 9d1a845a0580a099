// Lifecycle: taking a document through its workflow (config/workflows/).
//
// The rules live here, not in the workflow files: only the roles a
// transition names may take it; nobody approves their own document; a state
// with several required approvals is left only once each role has approved,
// each by a different person; a frozen state refuses new content. Each step
// is recorded in the steps table and the audit trail, in one transaction.
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <set>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/digests.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"
#include "workflow/required_clauses.h"

namespace dossier {

using Poco::Dynamic::Var;

namespace {

// Everything a transition's checks look at.
struct Situation {
  const Actor& actor;
  const DocumentRow& row;
  const Workflow& workflow;
  const WorkflowRegistry& workflows;  // for the stages of related documents
  Var metadata;
  std::vector<LifecycleStep> steps;  // all rounds
  Catalog& catalog;

  std::vector<const LifecycleStep*> ThisRound() const {
    std::vector<const LifecycleStep*> out;
    for (const auto& s : steps) {
      if (s.round == row.round) out.push_back(&s);
    }
    return out;
  }
  // Approvals given in the current state during this round.
  std::vector<const LifecycleStep*> Approvals() const {
    std::vector<const LifecycleStep*> out;
    for (const auto* s : ThisRound()) {
      if (s->review && s->action == "approve" && s->from_state == row.summary.status)
        out.push_back(s);
    }
    return out;
  }
};

double Number(const Var& metadata, const char* pointer) {
  auto v = GetByPointer(metadata, pointer);
  if (!v || v->isEmpty() || !v->isNumeric()) return 0;
  return v->convert<double>();
}

double AmountOf(const Var& metadata) {
  double amount = Number(metadata, "/amount/value");
  return amount != 0 ? amount : std::abs(Number(metadata, "/amount_change/value"));
}

bool IsMajor(const Situation& s) { return IsMajorContract(s.metadata, &s.workflow); }

// Ok when the guard holds; otherwise why not, in words for the user.
Status CheckGuard(const std::string& guard, const Situation& s) {
  if (guard.empty()) return Status::Ok();
  if (guard == "major") {
    return IsMajor(s) ? Status::Ok() : Status::InvalidArgument("it is not a major contract");
  }
  if (guard == "not-major") {
    return IsMajor(s) ? Status::InvalidArgument(
                            "it is a major contract: legal and finance must co-review it")
                      : Status::Ok();
  }
  if (guard == "within-manager-limit") {
    double limit = s.workflow.Setting("manager_approval_limit", 0);
    if (IsMajor(s) || AmountOf(s.metadata) > limit) {
      return Status::InvalidArgument("its amount is above the manager's approval limit of " +
                                     std::to_string(static_cast<int64_t>(limit)) +
                                     ": a director approves it");
    }
    return Status::Ok();
  }
  if (guard == "terminated-by-agreement") {
    auto relations = s.catalog.RelationsOf(s.row.summary.id);
    if (!relations.ok()) return relations.status();
    for (const auto& r : *relations) {
      if (r.kind != "terminates" || r.to_id != s.row.summary.id) continue;
      auto agreement = s.catalog.FindDocumentById(r.from_id);
      if (!agreement.ok()) return agreement.status();
      if (*agreement == std::nullopt) continue;
      // Approved, and not itself terminated: it can end its contract.
      Stage stage = s.workflows.StageOf((*agreement)->summary.type, (*agreement)->summary.status);
      if (IsApproved(stage) && stage != Stage::kTerminated) return Status::Ok();
    }
    return Status::InvalidArgument(
        "no approved termination agreement (解除协议) is linked to it; link one with "
        "'dossier link AGREEMENT --terminates " +
        s.row.summary.number + "'");
  }
  return Status::Internal("unknown guard '" + guard + "'");
}

// How far a transition's checks got before one failed: when several
// transitions share an action, the reason of the one that got furthest is
// the one worth telling.
enum class Reached { kRole = 0, kGuard = 1, kRules = 2, kAll = 3 };

struct Check {
  Status status;
  Reached reached = Reached::kAll;
};

// Ok when the actor may take this transition now; otherwise why not.
Check CheckTransition(const WorkflowTransition& t, const Situation& s);

Status CheckRules(const WorkflowTransition& t, const Situation& s);

Check CheckTransition(const WorkflowTransition& t, const Situation& s) {
  const auto& d = s.row.summary;
  if (std::find(t.roles.begin(), t.roles.end(), s.actor.role) == t.roles.end()) {
    std::string roles;
    for (Role r : t.roles) roles += (roles.empty() ? "" : ", ") + std::string(RoleCode(r));
    return {Status::PermissionDenied(s.actor.name + " (" + std::string(RoleCode(s.actor.role)) +
                                     ") may not " + t.action + " " + d.number +
                                     "; that needs the role " + roles),
            Reached::kRole};
  }
  if (Status g = CheckGuard(t.guard, s); !g.ok())
    return {g.WithContext(t.action + " " + d.number), Reached::kGuard};
  if (Status r = CheckRules(t, s); !r.ok()) return {r, Reached::kRules};
  return {};
}

// The rules beyond role and guard: no self-review, distinct approvers.
Status CheckRules(const WorkflowTransition& t, const Situation& s) {
  const auto& d = s.row.summary;
  if (t.review) {
    if (s.actor.name == d.created_by) {
      return Status::PermissionDenied("nobody reviews their own document: " + s.actor.name +
                                      " registered " + d.number);
    }
    for (const auto* step : s.ThisRound()) {
      if (step->action == "submit" && step->actor == s.actor.name) {
        return Status::PermissionDenied("nobody reviews their own document: " + s.actor.name +
                                        " submitted " + d.number);
      }
    }
  }
  const WorkflowState* state = s.workflow.State(d.status);
  if (t.review && state != nullptr && !state->approvals.empty()) {
    if (std::find(state->approvals.begin(), state->approvals.end(), s.actor.role) ==
        state->approvals.end()) {
      return Status::PermissionDenied(s.actor.name + " (" + std::string(RoleCode(s.actor.role)) +
                                      ") gives no approval in " + state->name_zh);
    }
    // Once given, a decision in a multi-party review stands for this round.
    for (const auto* a : s.Approvals()) {
      if (a->actor == s.actor.name)
        return Status::Conflict(s.actor.name + " has already approved " + d.number +
                                " in this round");
      if (a->role == RoleCode(s.actor.role)) {
        return Status::Conflict(std::string(RoleName(s.actor.role)) + " (" + a->actor +
                                ") has already approved " + d.number + " in this round");
      }
    }
  }
  return Status::Ok();
}

// The first transition of each action whose checks pass now: the one that would be taken.
std::vector<const WorkflowTransition*> AllowedTransitions(const Situation& s) {
  std::vector<const WorkflowTransition*> out;
  for (const auto& t : s.workflow.transitions) {
    if (!t.from.count(s.row.summary.status)) continue;
    bool seen = std::any_of(out.begin(), out.end(),
                            [&](const WorkflowTransition* o) { return o->action == t.action; });
    if (!seen && CheckTransition(t, s).status.ok()) out.push_back(&t);
  }
  return out;
}

std::vector<std::string> AllowedActions(const Situation& s) {
  std::vector<std::string> out;
  for (const auto* t : AllowedTransitions(s)) out.push_back(t->action);
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? "none" : out;
}

// "/signing/seal" -> "signing.seal" for ApplyAssignment.
std::string DottedPath(const std::string& pointer) {
  std::string out = pointer.substr(1);
  std::replace(out.begin(), out.end(), '/', '.');
  return out;
}

}  // namespace

bool IsMajorContract(const Var& metadata, const Workflow* workflow) {
  auto flag = GetByPointer(metadata, "/major");
  if (flag && flag->isBoolean() && flag->convert<bool>()) return true;
  return workflow != nullptr && AmountOf(metadata) > workflow->Setting("major_amount", 1e300);
}

Status Repository::Impl::RequireEditable(const DocumentRow& row) const {
  if (row.summary.status == kStatusArchived) {
    return Status::Conflict(row.summary.number + " is archived: archived material is immutable");
  }
  if (row.summary.status == kStatusDestroyed) {
    return Status::Conflict(row.summary.number +
                            " was destroyed: only its residual record remains");
  }
  if (IsDisposalRecordType(row.summary.type)) {
    return Status::InvalidArgument(
        row.summary.number + " is a record of destruction: only 'dossier disposal' writes it");
  }
  const Workflow* workflow = workflows->ForType(row.summary.type);
  if (workflow == nullptr) return Status::Ok();
  const WorkflowState* state = workflow->State(row.summary.status);
  if (state != nullptr && state->frozen) {
    std::string advice = row.summary.type == "contract"
                             ? "; record changes in an amendment agreement (补充协议) linked to it"
                             : "";
    return Status::Conflict(row.summary.number + " is " + state->name_zh + " (" + state->code +
                            "): its content is frozen" + advice);
  }
  return Status::Ok();
}

namespace {

// Loads what the checks need about one document.
Result<Situation> Load(Catalog& c, const Actor& actor, const DocumentRow& row,
                       const Workflow& workflow, const WorkflowRegistry& workflows) {
  auto version = c.GetVersion(row.summary.id, row.summary.current_version);
  if (!version.ok()) return version.status();
  if (!*version) return Status::Corruption(row.summary.number + ": its current version is missing");
  auto metadata = ParseJson((*version)->metadata_json, "metadata of " + row.summary.number);
  if (!metadata.ok()) return metadata.status();
  auto steps = c.ListSteps(row.summary.id);
  if (!steps.ok()) return steps.status();
  return Situation{actor, row, workflow, workflows, *metadata, std::move(*steps), c};
}

LifecycleState Describe(const Situation& s) {
  LifecycleState out;
  out.workflow = s.workflow.code;
  out.state = s.row.summary.status;
  if (const WorkflowState* st = s.workflow.State(out.state)) {
    out.state_name_zh = st->name_zh;
    out.state_name_en = st->name_en;
    out.frozen = st->frozen;
    for (Role r : st->approvals) {
      bool given = false;
      for (const auto* a : s.Approvals()) given = given || a->role == RoleCode(r);
      if (!given) out.awaiting.emplace_back(RoleCode(r));
    }
  }
  for (const auto* t : AllowedTransitions(s)) {
    out.actions.push_back(t->action);
    OfferedAction offered{t->action, t->name_zh, t->comment_required, {}};
    for (const auto& [key, pointer] : t->required_data) offered.data.emplace_back(key, pointer);
    out.offered.push_back(std::move(offered));
  }
  out.steps = s.steps;
  return out;
}

}  // namespace

Result<LifecycleState> Repository::Lifecycle(const Actor& actor, std::string_view ref) const {
  return impl_->ReadSnapshot<LifecycleState>([&](Catalog& c) -> Result<LifecycleState> {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    const Workflow* workflow = impl_->workflows->ForType(row->summary.type);
    if (workflow == nullptr) {
      LifecycleState none;
      none.state = row->summary.status;
      return none;
    }
    auto s = Load(c, actor, *row, *workflow, *impl_->workflows);
    if (!s.ok()) return s.status();
    return Describe(*s);
  });
}

namespace {

// An action given by its Chinese name (批准, 审核通过, 签订) is the action whose
// transition from `state` carries that name; failing that, any transition's.
// A code, or a name no transition carries, is returned as given.
std::string ActionCodeFor(const Workflow& workflow, const std::string& state,
                          const std::string& action) {
  const WorkflowTransition* named = nullptr;
  for (const auto& t : workflow.transitions) {
    if (t.action == action) return action;
    if (t.name_zh == action &&
        (named == nullptr || (t.from.count(state) && !named->from.count(state))))
      named = &t;
  }
  return named != nullptr ? named->action : action;
}

}  // namespace

Result<LifecycleState> Repository::Transition(const Actor& actor, std::string_view ref,
                                              const TransitionRequest& asked) {
  DOSSIER_RETURN_IF_ERROR(ValidateText(asked.comment, "comment", false));
  Status done = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    const auto& d = row->summary;
    if (d.status == kStatusVoid) return Status::Conflict(d.number + " is void");
    const Workflow* workflow = impl_->workflows->ForType(d.type);
    if (workflow == nullptr)
      return Status::InvalidArgument("documents of type " + d.type + " follow no workflow");
    auto s = Load(c, actor, *row, *workflow, *impl_->workflows);
    if (!s.ok()) return s.status();
    // The action as the workflow names it in Chinese (批准) is the action (approve).
    TransitionRequest request = asked;
    request.action = ActionCodeFor(*workflow, d.status, asked.action);
    const WorkflowState* state = workflow->State(d.status);
    std::string state_name = state ? state->name_zh + " (" + d.status + ")" : d.status;

    // Find the transition: the first whose checks pass among those of this action from this state.
    const WorkflowTransition* chosen = nullptr;
    Check why;
    int candidates = 0;
    for (const auto& t : workflow->transitions) {
      if (t.action != request.action || !t.from.count(d.status)) continue;
      Check check = CheckTransition(t, *s);
      if (check.status.ok()) {
        chosen = &t;
        break;
      }
      if (candidates++ == 0 || check.reached > why.reached) why = check;
    }
    std::string allowed = "; allowed now for " + actor.name + ": " + Join(AllowedActions(*s));
    if (chosen == nullptr && candidates == 0) {
      // An action of the workflow that this state does not offer is a state
      // conflict (someone moved the document on first); an unknown one is bad input.
      bool known =
          std::any_of(workflow->transitions.begin(), workflow->transitions.end(),
                      [&](const WorkflowTransition& t) { return t.action == request.action; });
      std::string message =
          "'" + request.action + "' is not possible: " + d.number + " is " + state_name + allowed;
      return known ? Status::Conflict(message) : Status::InvalidArgument(message);
    }
    if (chosen == nullptr) {
      if (why.status.IsPermissionDenied())
        return Status::PermissionDenied(why.status.message() + allowed);
      if (why.status.IsConflict()) return Status::Conflict(why.status.message() + allowed);
      return Status::InvalidArgument(why.status.message() + allowed);
    }
    if (chosen->comment_required && request.comment.empty()) {
      return Status::InvalidArgument(request.action + " needs a reason: give --comment");
    }
    // The clauses the rules require before this step (a draft may lack them).
    if (auto clauses = chosen->required_clauses.find(d.type);
        clauses != chosen->required_clauses.end()) {
      const DocumentType* type = impl_->types->Find(d.type);
      if (type == nullptr) return Status::Internal("type '" + d.type + "' is not defined");
      auto missing = MissingClauses(s->metadata, clauses->second, *type->schema);
      if (!missing.empty()) {
        return Status::SchemaViolation(
            d.number + " cannot be taken to " + chosen->name_zh + " (" + chosen->action +
                ") without its main clauses; missing: " + DescribeMissing(missing) +
                ". Fill them in with a new version ('dossier version " + d.number +
                " --meta FILE' or --set)",
            missing.front().pointer);
      }
    }
    // Data the action needs goes into a new version, in this transaction.
    std::vector<MetadataAssignment> data;
    std::set<std::string> given;
    for (const auto& a : request.set) {
      auto it = chosen->required_data.find(a.path);
      if (it == chosen->required_data.end()) {
        std::string keys;
        for (const auto& [k, p] : chosen->required_data) keys += (keys.empty() ? "" : ", ") + k;
        return Status::InvalidArgument(request.action + " takes no data '" + a.path + "'" +
                                       (keys.empty() ? "" : "; it takes " + keys));
      }
      given.insert(a.path);
      data.push_back(MetadataAssignment{DottedPath(it->second), a.value, a.raw_json});
    }
    std::vector<std::string> missing;
    for (const auto& [key, pointer] : chosen->required_data) {
      if (!given.count(key)) missing.push_back(key);
    }
    if (!missing.empty()) {
      std::string example;
      for (const auto& m : missing) example += " --set " + m + "=...";
      return Status::InvalidArgument(request.action + " needs " + Join(missing) + ":" + example);
    }
    std::string now = impl_->Now();
    if (!data.empty()) {
      const DocumentType* type = impl_->types->Find(d.type);
      if (type == nullptr) return Status::Internal("type '" + d.type + "' is not defined");
      auto base = c.GetVersion(d.id, d.current_version);
      if (!base.ok()) return base.status();
      auto metadata = impl_->BuildMetadata(*type, (*base)->metadata_json, data);
      if (!metadata.ok()) return metadata.status();
      Version v = **base;
      v.number = d.current_version + 1;
      v.parent = d.current_version;
      v.metadata_json = CanonicalJson(*metadata);
      v.author = actor.name;
      v.created_at = now;
      v.comment = request.action;
      v.digest = VersionDigest(d.id, v);
      DOSSIER_RETURN_IF_ERROR(impl_->AppendVersion(c, actor, d.id, *type, *metadata, v));
    }

    // Recipients and resolutions the transition records, from the metadata
    // (and in its audit entry, which verify holds those tables to).
    Poco::JSON::Array::Ptr distributed = new Poco::JSON::Array();
    Poco::JSON::Array::Ptr tracked = new Poco::JSON::Array();
    if (!chosen->distributes.empty() || !chosen->tracks_resolutions.empty()) {
      auto current = c.GetVersion(d.id, d.current_version + (data.empty() ? 0 : 1));
      if (!current.ok()) return current.status();
      auto metadata = ParseJson((*current)->metadata_json, "metadata of " + d.number);
      if (!metadata.ok()) return metadata.status();
      if (!chosen->distributes.empty()) {
        auto list = GetByPointer(*metadata, chosen->distributes);
        if (!list || list->type() != typeid(Poco::JSON::Array::Ptr) ||
            list->extract<Poco::JSON::Array::Ptr>()->size() == 0) {
          return Status::InvalidArgument(d.number + " has no recipients in " + chosen->distributes +
                                         " to distribute to");
        }
        for (const auto& r : *list->extract<Poco::JSON::Array::Ptr>()) {
          DOSSIER_RETURN_IF_ERROR(c.InsertDistribution(
              d.id, DistributionRecord{ScalarText(r), now, actor.name, request.action}));
          distributed->add(ScalarText(r));
        }
      }
      if (!chosen->tracks_resolutions.empty()) {
        auto list = GetByPointer(*metadata, chosen->tracks_resolutions);
        if (list && list->type() == typeid(Poco::JSON::Array::Ptr)) {
          int item = 0;
          for (const auto& r : *list->extract<Poco::JSON::Array::Ptr>()) {
            ++item;
            auto text = GetByPointer(r, "/text");
            auto owner = GetByPointer(r, "/owner");
            auto due = GetByPointer(r, "/due");
            if (!text || !owner || !due) {
              return Status::InvalidArgument(d.number + ": resolution " + std::to_string(item) +
                                             " needs text, owner and due");
            }
            Resolution res;
            res.item = item;
            res.text = ScalarText(*text);
            res.owner = ScalarText(*owner);
            res.due = ScalarText(*due);
            // A document sent back and reviewed again keeps its items' status.
            auto existing = c.FindResolution(d.id, item);
            if (!existing.ok()) return existing.status();
            if (*existing) continue;
            DOSSIER_RETURN_IF_ERROR(c.InsertResolution(d.id, res));
            Poco::JSON::Object::Ptr listed = new Poco::JSON::Object();
            listed->set("item", item);
            listed->set("text", res.text);
            listed->set("owner", res.owner);
            listed->set("due", res.due);
            tracked->add(listed);
          }
        }
      }
    }

    // A state that needs several approvals is left only when all are in.
    std::string to = chosen->to;
    if (chosen->review && chosen->action == "approve" && state != nullptr &&
        !state->approvals.empty()) {
      std::set<std::string> roles = {std::string(RoleCode(actor.role))};
      for (const auto* a : s->Approvals()) roles.insert(a->role);
      for (Role r : state->approvals) {
        if (!roles.count(std::string(RoleCode(r)))) to = d.status;
      }
    }
    int round = row->round;
    LifecycleStep step{0,
                       round,
                       request.action,
                       d.status,
                       to,
                       actor.name,
                       std::string(RoleCode(actor.role)),
                       now,
                       request.comment,
                       chosen->review};
    DOSSIER_RETURN_IF_ERROR(c.InsertStep(d.id, step));
    // Sent back to the start: a new round, in which earlier approvals no longer count.
    if (chosen->review && to == workflow->initial) ++round;
    DOSSIER_RETURN_IF_ERROR(c.SetDocumentState(d.id, to, round));
    Poco::JSON::Object::Ptr details = new Poco::JSON::Object();
    details->set("action", request.action);
    details->set("from", d.status);
    details->set("to", to);
    details->set("round", round);
    details->set("role", step.role);
    details->set("comment", request.comment);
    if (distributed->size() > 0) details->set("distributed", distributed);
    if (tracked->size() > 0) details->set("resolutions", tracked);
    return AppendAudit(c, now, actor.name, "transition", d.id, CanonicalJson(Var(details)));
  });
  if (!done.ok()) return done;
  return Lifecycle(actor, ref);
}

Result<std::vector<PendingItem>> Repository::Pending(const Actor& actor) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto& c = **catalog;
  auto tx = c.BeginRead();
  if (!tx.ok()) return tx.status();
  auto rows = c.ListDocuments(ListFilter{}, static_cast<int>(actor.clearance));
  if (!rows.ok()) return rows.status();
  std::vector<PendingItem> out;
  for (const auto& row : *rows) {
    const Workflow* workflow = impl_->workflows->ForType(row.summary.type);
    if (workflow == nullptr || row.summary.status == kStatusVoid) continue;
    bool has_exit = false;
    for (const auto& t : workflow->transitions)
      has_exit = has_exit || t.from.count(row.summary.status);
    if (!has_exit) continue;
    auto s = Load(c, actor, row, *workflow, *impl_->workflows);
    if (!s.ok()) return s.status();
    auto actions = AllowedActions(*s);
    bool review = false;
    for (const auto& t : workflow->transitions) {
      if (t.review && t.from.count(row.summary.status) &&
          std::find(actions.begin(), actions.end(), t.action) != actions.end()) {
        review = true;
      }
    }
    // Reviews wait for whoever may give them; other steps for the registrant.
    if (!actions.empty() && (review || row.summary.created_by == actor.name))
      out.push_back({row.summary, actions});
  }
  return out;
}

}  // namespace dossier
