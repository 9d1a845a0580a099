#include "repository/verify_registers.h"

#include <functional>

#include "dossier/access.h"
#include "repository/digests.h"
#include "repository/hold_query.h"

namespace dossier {

namespace {

Fields UserFields(const User& u) {
  return {{"role", std::string(RoleCode(u.role))},
          {"clearance", std::to_string(static_cast<int>(u.clearance))},
          {"active", u.active ? "1" : "0"}};
}

Fields HoldFields(const Hold& h) {
  Fields f{{"scope", std::string(HoldScopeCode(h.scope))}, {"label", h.label},
           {"reason", h.reason},       {"authority", h.authority},
           {"placed_at", h.placed_at}, {"placed_by", h.placed_by},
           {"released_at", h.released_at}, {"released_by", h.released_by},
           {"release_reason", h.release_reason}};
  if (h.scope != HoldScope::kQuery) f["target"] = h.target_id;
  return f;
}

Fields LoanFields(const Loan& l) {
  return {{"document", l.document_id}, {"borrower", l.borrower}, {"original", l.original ? "1" : "0"},
          {"due", l.due},              {"note", l.note},         {"lent_at", l.lent_at},
          {"lent_by", l.lent_by},      {"returned_at", l.returned_at}, {"returned_by", l.returned_by}};
}

Fields SealFields(const SealUse& u) {
  return {{"document", u.document_id}, {"seal", u.seal},           {"purpose", u.purpose},
          {"status", u.status},        {"requested_by", u.requested_by}, {"requested_at", u.requested_at},
          {"decided_by", u.decided_by}, {"decided_at", u.decided_at}, {"comment", u.comment},
          {"used_at", u.used_at},      {"returned_at", u.returned_at}};
}


// The first field the trail states that the row does not hold, as
// "its F is 'X', the audit trail says 'Y'"; "" when the row agrees.
std::string FirstDifference(const Fields& row, const Fields& trail) {
  for (const auto& [field, value] : trail) {
    auto it = row.find(field);
    const std::string held = it == row.end() ? "" : it->second;
    if (held != value) return "its " + field + " is '" + held + "', the audit trail says '" + value + "'";
  }
  return "";
}

template <typename Key>
void CompareKeyed(const std::map<Key, Fields>& rows, const std::map<Key, Fields>& trail, const std::string& kind,
                  const std::function<std::string(const Key&)>& name, std::vector<IntegrityProblem>& problems) {
  for (const auto& [key, row] : rows) {
    auto it = trail.find(key);
    if (it == trail.end()) {
      problems.push_back({kind, name(key), name(key) + " has no audit entry"});
    } else if (auto diff = FirstDifference(row, it->second); !diff.empty()) {
      problems.push_back({kind, name(key), name(key) + ": " + diff});
    }
  }
  for (const auto& [key, fields] : trail) {
    if (!rows.count(key)) problems.push_back({kind, name(key), name(key) + " is in the audit trail but missing"});
  }
}

// Pairs rows with the trail's records of them, where nothing but their
// fields identifies them; what is left on either side is unexplained.
struct Unpaired {
  std::vector<Fields> rows;
  std::vector<Fields> trail;
};

Unpaired Pair(std::vector<Fields> rows, const std::vector<Fields>& trail) {
  Unpaired left;
  std::vector<bool> used(rows.size(), false);
  for (const auto& t : trail) {
    bool found = false;
    for (size_t i = 0; i < rows.size() && !found; ++i) {
      if (!used[i] && FirstDifference(rows[i], t).empty()) used[i] = found = true;
    }
    if (!found) left.trail.push_back(t);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!used[i]) left.rows.push_back(std::move(rows[i]));
  }
  return left;
}

std::string NumberOf(const std::map<std::string, std::string>& numbers, const std::string& id) {
  auto it = numbers.find(id);
  return it == numbers.end() ? id : it->second;
}

std::string Get(const Fields& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? "" : it->second;
}

Status CheckUsers(Catalog& c, const RegisterTrail& trail, std::vector<IntegrityProblem>& problems) {
  auto users = c.ListUsers();
  if (!users.ok()) return users.status();
  std::map<std::string, Fields> rows;
  for (const auto& u : *users) rows[u.name] = UserFields(u);
  CompareKeyed<std::string>(rows, trail.users, "user", [](const std::string& n) { return "user " + n; }, problems);
  return Status::Ok();
}

Status CheckHolds(Catalog& c, const RegisterTrail& trail, std::vector<IntegrityProblem>& problems) {
  auto holds = c.ListHolds(false);
  if (!holds.ok()) return holds.status();
  std::map<int64_t, Fields> rows;
  for (const auto& h : *holds) {
    rows[h.id] = HoldFields(h);
    // A query hold holds what its filter finds: the filter must still be the one its label names.
    if (h.scope == HoldScope::kQuery && DescribeHoldQuery(h.query) != h.label) {
      std::string id = "hold " + std::to_string(h.id);
      problems.push_back({"hold", id, id + ": its filter (" + DescribeHoldQuery(h.query) +
                                          ") is not the one it was placed with (" + h.label + ")"});
    }
  }
  CompareKeyed<int64_t>(rows, trail.holds, "hold", [](const int64_t& id) { return "hold " + std::to_string(id); },
                        problems);
  return Status::Ok();
}

Status CheckLoans(Catalog& c, const RegisterTrail& trail, const std::map<std::string, std::string>& numbers,
                  std::vector<IntegrityProblem>& problems) {
  auto loans = c.ListLoans(false, static_cast<int>(Confidentiality::kClassified));
  if (!loans.ok()) return loans.status();
  std::vector<Fields> rows;
  for (const auto& l : *loans) rows.push_back(LoanFields(l));
  auto left = Pair(std::move(rows), trail.loans);
  auto name = [&](const Fields& f) {
    return "loan of " + NumberOf(numbers, Get(f, "document")) + " to " + Get(f, "borrower") + " on " + Get(f, "lent_at");
  };
  for (const auto& f : left.rows) {
    problems.push_back({"loan", NumberOf(numbers, Get(f, "document")), name(f) + " (due " + Get(f, "due") +
                                                                             (Get(f, "returned_at").empty() ? ", out" : ", returned " + Get(f, "returned_at")) +
                                                                             ") has no audit entry that explains it"});
  }
  for (const auto& f : left.trail) {
    problems.push_back({"loan", NumberOf(numbers, Get(f, "document")),
                        name(f) + " is in the audit trail but missing or different"});
  }
  return Status::Ok();
}

Status CheckSealUses(Catalog& c, const RegisterTrail& trail, std::vector<IntegrityProblem>& problems) {
  auto uses = c.ListSealUses(SealFilter{}, static_cast<int>(Confidentiality::kClassified));
  if (!uses.ok()) return uses.status();
  std::map<int64_t, Fields> rows;
  for (const auto& u : *uses) rows[u.id] = SealFields(u);
  CompareKeyed<int64_t>(rows, trail.seal_uses, "seal",
                        [](const int64_t& id) { return "seal use " + std::to_string(id); }, problems);
  return Status::Ok();
}

Status CheckSteps(Catalog& c, const RegisterTrail& trail, const std::map<std::string, DocumentTrail>& documents,
                  const std::map<std::string, std::string>& numbers, std::vector<IntegrityProblem>& problems) {
  static const std::vector<Fields> kNone;
  for (const auto& document : numbers) {
    // Named, not bound: lambdas below capture them (clang 14 cannot capture a structured binding).
    const std::string& id = document.first;
    const std::string& number = document.second;
    auto steps = c.ListSteps(id);
    if (!steps.ok()) return steps.status();
    auto recorded = trail.steps.find(id);
    if (steps->empty() && recorded == trail.steps.end()) continue;
    std::vector<Fields> rows;
    for (const auto& s : *steps) rows.push_back(StepFields(s));
    auto left = Pair(std::move(rows), recorded == trail.steps.end() ? kNone : recorded->second);
    // The steps a document came with in a package: vouched for, all together, by its import entry.
    auto doc = documents.find(id);
    if (!left.rows.empty() && doc != documents.end() && doc->second.imported_steps_digest) {
      if (StepsDigest(left.rows) == *doc->second.imported_steps_digest) left.rows.clear();
    }
    auto name = [&](const Fields& f) {
      return number + ": the step " + Get(f, "action") + " (" + Get(f, "from") + " -> " + Get(f, "to") + ") by " +
             Get(f, "actor") + (Get(f, "role").empty() ? "" : " as " + Get(f, "role")) + " on " + Get(f, "at");
    };
    for (const auto& f : left.rows) problems.push_back({"step", number, name(f) + " has no audit entry that explains it"});
    for (const auto& f : left.trail) problems.push_back({"step", number, name(f) + " is in the audit trail but missing or different"});
  }
  return Status::Ok();
}

// Copies distributed and resolutions tracked, document by document.
Status CheckCopiesAndResolutions(Catalog& c, const RegisterTrail& trail, const std::map<std::string, std::string>& numbers,
                                 std::vector<IntegrityProblem>& problems) {
  static const std::vector<Fields> kNone;
  static const std::map<std::string, Fields> kNoResolutions;
  for (const auto& document : numbers) {
    // Named, not bound: lambdas below capture them (clang 14 cannot capture a structured binding).
    const std::string& id = document.first;
    const std::string& number = document.second;
    auto copies = c.ListDistributions(id);
    if (!copies.ok()) return copies.status();
    auto recorded = trail.distributions.find(id);
    std::vector<Fields> rows;
    for (const auto& r : *copies) rows.push_back(DistributionFields(r));
    auto left = Pair(std::move(rows), recorded == trail.distributions.end() ? kNone : recorded->second);
    auto name = [&](const Fields& f) {
      return number + ": the copy to " + Get(f, "recipient") + " by " + Get(f, "by") + " on " + Get(f, "at");
    };
    for (const auto& f : left.rows) problems.push_back({"distribution", number, name(f) + " has no audit entry that explains it"});
    for (const auto& f : left.trail) problems.push_back({"distribution", number, name(f) + " is in the audit trail but missing or different"});

    auto resolutions = c.ListResolutionsOf(id);
    if (!resolutions.ok()) return resolutions.status();
    std::map<std::string, Fields> held;
    for (const auto& r : *resolutions) held[std::to_string(r.item)] = ResolutionFields(r);
    auto tracked = trail.resolutions.find(id);
    CompareKeyed<std::string>(held, tracked == trail.resolutions.end() ? kNoResolutions : tracked->second,
                              "resolution", [&](const std::string& item) { return number + ": resolution " + item; },
                              problems);
  }
  return Status::Ok();
}

}  // namespace

Status CheckRegisters(Catalog& c, const RegisterTrail& trail, const std::map<std::string, DocumentTrail>& documents,
                      const std::map<std::string, std::string>& numbers, std::vector<IntegrityProblem>& problems) {
  DOSSIER_RETURN_IF_ERROR(CheckUsers(c, trail, problems));
  DOSSIER_RETURN_IF_ERROR(CheckHolds(c, trail, problems));
  DOSSIER_RETURN_IF_ERROR(CheckLoans(c, trail, numbers, problems));
  DOSSIER_RETURN_IF_ERROR(CheckSealUses(c, trail, problems));
  DOSSIER_RETURN_IF_ERROR(CheckSteps(c, trail, documents, numbers, problems));
  return CheckCopiesAndResolutions(c, trail, numbers, problems);
}

}  // namespace dossier
