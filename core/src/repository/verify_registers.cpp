#include "repository/verify_registers.h"

#include <functional>
#include <optional>
#include <set>

#include "dossier/access.h"
#include "repository/digests.h"
#include "repository/hold_query.h"

namespace dossier {

namespace {

Fields UserFields(const User& u) {
  return {{"role", std::string(RoleCode(u.role))},
          {"clearance", std::to_string(static_cast<int>(u.clearance))},
          {"active", u.active ? "1" : "0"},
          {"department", u.department}};
}

Fields HoldFields(const Hold& h) {
  Fields f{{"scope", std::string(HoldScopeCode(h.scope))},
           {"label", h.label},
           {"reason", h.reason},
           {"authority", h.authority},
           {"placed_at", h.placed_at},
           {"placed_by", h.placed_by},
           {"released_at", h.released_at},
           {"released_by", h.released_by},
           {"release_reason", h.release_reason}};
  if (h.scope != HoldScope::kQuery) f["target"] = h.target_id;
  return f;
}

Fields LoanFields(const Loan& l) {
  return {{"document", l.document_id},
          {"borrower", l.borrower},
          {"original", l.original ? "1" : "0"},
          {"due", l.due},
          {"note", l.note},
          {"lent_at", l.lent_at},
          {"lent_by", l.lent_by},
          {"returned_at", l.returned_at},
          {"returned_by", l.returned_by}};
}

Fields SealFields(const SealUse& u) {
  return {{"document", u.document_id},      {"seal", u.seal},
          {"purpose", u.purpose},           {"status", u.status},
          {"requested_by", u.requested_by}, {"requested_at", u.requested_at},
          {"decided_by", u.decided_by},     {"decided_at", u.decided_at},
          {"comment", u.comment},           {"used_at", u.used_at},
          {"returned_at", u.returned_at}};
}

// The first field the trail states that the row does not hold, as
// "its F is 'X', the audit trail says 'Y'"; "" when the row agrees.
std::string FirstDifference(const Fields& row, const Fields& trail) {
  for (const auto& [field, value] : trail) {
    auto it = row.find(field);
    const std::string held = it == row.end() ? "" : it->second;
    if (held != value)
      return "its " + field + " is '" + held + "', the audit trail says '" + value + "'";
  }
  return "";
}

template <typename Key>
void CompareKeyed(const std::map<Key, Fields>& rows, const std::map<Key, Fields>& trail,
                  const std::string& kind, const std::function<std::string(const Key&)>& name,
                  std::vector<IntegrityProblem>& problems) {
  for (const auto& [key, row] : rows) {
    auto it = trail.find(key);
    if (it == trail.end()) {
      problems.push_back({kind, name(key), name(key) + " has no audit entry"});
    } else if (auto diff = FirstDifference(row, it->second); !diff.empty()) {
      problems.push_back({kind, name(key), name(key) + ": " + diff});
    }
  }
  for (const auto& [key, fields] : trail) {
    if (!rows.count(key))
      problems.push_back({kind, name(key), name(key) + " is in the audit trail but missing"});
  }
}

// Rows of one document that nothing but their fields identifies (loans,
// steps, copies), paired with the trail's records of them; what is left on
// either side is a problem. Rows left over that hash to `vouched` (the digest
// an import entry recorded of what the document came with) are explained.
void CompareUnkeyed(std::vector<Fields> rows, const std::vector<Fields>& trail,
                    const std::string& kind, const std::string& number,
                    const std::function<std::string(const Fields&)>& name,
                    std::vector<IntegrityProblem>& problems,
                    const std::optional<std::string>& vouched = std::nullopt) {
  std::vector<bool> used(rows.size(), false);
  std::vector<const Fields*> missing;
  for (const auto& t : trail) {
    bool found = false;
    for (size_t i = 0; i < rows.size() && !found; ++i) {
      if (!used[i] && FirstDifference(rows[i], t).empty()) used[i] = found = true;
    }
    if (!found) missing.push_back(&t);
  }
  std::vector<Fields> unexplained;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!used[i]) unexplained.push_back(std::move(rows[i]));
  }
  if (vouched && !unexplained.empty() && StepsDigest(unexplained) == *vouched) unexplained.clear();
  for (const auto& f : unexplained)
    problems.push_back({kind, number, name(f) + " has no audit entry that explains it"});
  for (const auto* f : missing)
    problems.push_back(
        {kind, number, name(*f) + " is in the audit trail but missing or different"});
}

template <typename Map>
const typename Map::mapped_type& Recorded(const Map& by_document, const std::string& id) {
  static const typename Map::mapped_type kNone;
  auto it = by_document.find(id);
  return it == by_document.end() ? kNone : it->second;
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
  CompareKeyed<std::string>(
      rows, trail.users, "user", [](const std::string& n) { return "user " + n; }, problems);
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
      problems.push_back({"hold", id,
                          id + ": its filter (" + DescribeHoldQuery(h.query) +
                              ") is not the one it was placed with (" + h.label + ")"});
    }
  }
  CompareKeyed<int64_t>(
      rows, trail.holds, "hold", [](const int64_t& id) { return "hold " + std::to_string(id); },
      problems);
  return Status::Ok();
}

Status CheckLoans(Catalog& c, const RegisterTrail& trail,
                  const std::map<std::string, std::string>& numbers,
                  std::vector<IntegrityProblem>& problems) {
  auto loans = c.ListLoans(false, static_cast<int>(Confidentiality::kClassified));
  if (!loans.ok()) return loans.status();
  std::map<std::string, std::vector<Fields>> rows, recorded;
  for (const auto& l : *loans) rows[l.document_id].push_back(LoanFields(l));
  for (const auto& l : trail.loans) recorded[Get(l, "document")].push_back(l);
  std::set<std::string> documents;
  for (const auto& by : {&rows, &recorded}) {
    for (const auto& entry : *by) documents.insert(entry.first);
  }
  for (const auto& id : documents) {
    const std::string number = NumberOf(numbers, id);
    auto name = [&](const Fields& f) {
      return "loan of " + number + " to " + Get(f, "borrower") + " on " + Get(f, "lent_at") +
             " (due " + Get(f, "due") +
             (Get(f, "returned_at").empty() ? ", out" : ", returned " + Get(f, "returned_at")) +
             ")";
    };
    CompareUnkeyed(Recorded(rows, id), Recorded(recorded, id), "loan", number, name, problems);
  }
  return Status::Ok();
}

Status CheckSealUses(Catalog& c, const RegisterTrail& trail,
                     std::vector<IntegrityProblem>& problems) {
  auto uses = c.ListSealUses(SealFilter{}, static_cast<int>(Confidentiality::kClassified));
  if (!uses.ok()) return uses.status();
  std::map<int64_t, Fields> rows;
  for (const auto& u : *uses) rows[u.id] = SealFields(u);
  CompareKeyed<int64_t>(
      rows, trail.seal_uses, "seal",
      [](const int64_t& id) { return "seal use " + std::to_string(id); }, problems);
  return Status::Ok();
}

Status CheckSteps(Catalog& c, const RegisterTrail& trail,
                  const std::map<std::string, DocumentTrail>& documents,
                  const std::map<std::string, std::string>& numbers,
                  std::vector<IntegrityProblem>& problems) {
  for (const auto& document : numbers) {
    // Named, not bound: the lambda below captures it (clang 14 cannot capture a structured
    // binding).
    const std::string& number = document.second;
    auto steps = c.ListSteps(document.first);
    if (!steps.ok()) return steps.status();
    std::vector<Fields> rows;
    for (const auto& s : *steps) rows.push_back(StepFields(s));
    auto name = [&](const Fields& f) {
      return number + ": the step " + Get(f, "action") + " (" + Get(f, "from") + " -> " +
             Get(f, "to") + ") by " + Get(f, "actor") +
             (Get(f, "role").empty() ? "" : " as " + Get(f, "role")) + " on " + Get(f, "at");
    };
    // The steps a document came with in a package: vouched for, all together, by its import entry.
    auto doc = documents.find(document.first);
    CompareUnkeyed(std::move(rows), Recorded(trail.steps, document.first), "step", number, name,
                   problems,
                   doc == documents.end() ? std::nullopt : doc->second.imported_steps_digest);
  }
  return Status::Ok();
}

// Copies distributed and resolutions tracked, document by document.
Status CheckCopiesAndResolutions(Catalog& c, const RegisterTrail& trail,
                                 const std::map<std::string, std::string>& numbers,
                                 std::vector<IntegrityProblem>& problems) {
  for (const auto& document : numbers) {
    // Named, not bound: lambdas below capture them (clang 14 cannot capture a structured binding).
    const std::string& id = document.first;
    const std::string& number = document.second;
    auto copies = c.ListDistributions(id);
    if (!copies.ok()) return copies.status();
    std::vector<Fields> rows;
    for (const auto& r : *copies) rows.push_back(DistributionFields(r));
    auto name = [&](const Fields& f) {
      return number + ": the copy to " + Get(f, "recipient") + " by " + Get(f, "by") + " on " +
             Get(f, "at");
    };
    CompareUnkeyed(std::move(rows), Recorded(trail.distributions, id), "distribution", number, name,
                   problems);

    auto resolutions = c.ListResolutionsOf(id);
    if (!resolutions.ok()) return resolutions.status();
    std::map<std::string, Fields> held;
    for (const auto& r : *resolutions) held[std::to_string(r.item)] = ResolutionFields(r);
    CompareKeyed<std::string>(
        held, Recorded(trail.resolutions, id), "resolution",
        [&](const std::string& item) { return number + ": resolution " + item; }, problems);
  }
  return Status::Ok();
}

}  // namespace

Status CheckRegisters(Catalog& c, const RegisterTrail& trail,
                      const std::map<std::string, DocumentTrail>& documents,
                      const std::map<std::string, std::string>& numbers,
                      std::vector<IntegrityProblem>& problems) {
  DOSSIER_RETURN_IF_ERROR(CheckUsers(c, trail, problems));
  DOSSIER_RETURN_IF_ERROR(CheckHolds(c, trail, problems));
  DOSSIER_RETURN_IF_ERROR(CheckLoans(c, trail, numbers, problems));
  DOSSIER_RETURN_IF_ERROR(CheckSealUses(c, trail, problems));
  DOSSIER_RETURN_IF_ERROR(CheckSteps(c, trail, documents, numbers, problems));
  return CheckCopiesAndResolutions(c, trail, numbers, problems);
}

}  // namespace dossier
