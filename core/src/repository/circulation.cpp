// Circulation (借阅登记) and the logging of every view and download of
// confidential (秘密, 机密) documents.
#include <Poco/JSON/Object.h>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"
#include "util/time_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

namespace {

std::string LoanDetails(const Loan& l) {
  Object::Ptr o = new Object();
  o->set("borrower", l.borrower);
  o->set("original", l.original);
  o->set("due", l.due);
  o->set("note", l.note);
  return CanonicalJson(Var(o));
}

}  // namespace

Status Repository::Impl::LogConfidentialAccess(const Actor& actor, const DocumentSummary& d,
                                               const std::string& action) const {
  if (static_cast<int>(d.confidentiality) < static_cast<int>(Confidentiality::kSecret))
    return Status::Ok();
  if (read_only) {
    return Status::PermissionDenied(
        d.number + " is marked " + std::string(ConfidentialityName(d.confidentiality)) +
        ": every access to it is written in the audit trail, which this read-only "
        "repository cannot take");
  }
  return WriteTransaction([&](Catalog& c) -> Status {
    Object::Ptr o = new Object();
    o->set("number", d.number);
    o->set("confidentiality", std::string(ConfidentialityName(d.confidentiality)));
    return AppendAudit(c, Now(), actor.name, action, d.id, CanonicalJson(Var(o)));
  });
}

Result<Loan> Repository::Lend(const Actor& actor, std::string_view ref,
                              const LoanRequest& request) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(
      actor, {Role::kArchivist, Role::kManager, Role::kDirector}, "lend documents"));
  if (!IsIsoDate(request.due))
    return Status::InvalidArgument("due date '" + request.due + "' is not YYYY-MM-DD");
  std::string today = LocalDate(impl_->clock->Now());
  if (request.due < today)
    return Status::InvalidArgument("due date " + request.due + " is already past");
  DOSSIER_RETURN_IF_ERROR(ValidateText(request.note, "note", false));
  Loan loan;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    const auto& d = row->summary;
    auto borrower = c.FindUser(request.borrower);
    if (!borrower.ok()) return borrower.status();
    if (!*borrower || !(*borrower)->active)
      return Status::InvalidArgument("no active user '" + request.borrower + "' to lend to");
    // Lending is showing: never to someone the document is hidden from.
    if (static_cast<int>(d.confidentiality) > static_cast<int>((*borrower)->clearance)) {
      return Status::PermissionDenied(d.number + " is marked " +
                                      std::string(ConfidentialityName(d.confidentiality)) +
                                      ", above " + request.borrower + "'s clearance");
    }
    if (request.original) {
      auto open = c.OpenLoans(d.id);
      if (!open.ok()) return open.status();
      for (const auto& l : *open) {
        if (l.original)
          return Status::InvalidArgument("the original of " + d.number + " is out with " +
                                         l.borrower + " until " + l.due);
      }
    }
    loan.document_id = d.id;
    loan.document_number = d.number;
    loan.document_title = d.title;
    loan.borrower = request.borrower;
    loan.original = request.original;
    loan.lent_at = impl_->Now();
    loan.lent_by = actor.name;
    loan.due = request.due;
    loan.note = request.note;
    auto id = c.InsertLoan(loan);
    if (!id.ok()) return id.status();
    loan.id = *id;
    return AppendAudit(c, loan.lent_at, actor.name, "lend", d.id, LoanDetails(loan));
  });
  if (!s.ok()) return s;
  return loan;
}

Result<Loan> Repository::Return(const Actor& actor, std::string_view ref,
                                const std::string& borrower, const std::string& note) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(
      actor, {Role::kArchivist, Role::kManager, Role::kDirector}, "record returns"));
  DOSSIER_RETURN_IF_ERROR(ValidateText(note, "note", false));
  Loan loan;
  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto row = impl_->Resolve(c, actor, ref);
    if (!row.ok()) return row.status();
    auto open = c.OpenLoans(row->summary.id);
    if (!open.ok()) return open.status();
    std::vector<Loan> match;
    for (const auto& l : *open) {
      if (borrower.empty() || l.borrower == borrower) match.push_back(l);
    }
    if (match.empty()) {
      return Status::InvalidArgument(row->summary.number + " is not out" +
                                     (borrower.empty() ? "" : " with " + borrower));
    }
    if (match.size() > 1) {
      std::string who;
      for (const auto& l : match) who += (who.empty() ? "" : ", ") + l.borrower;
      return Status::InvalidArgument(row->summary.number + " is out with " + who +
                                     ": name the borrower (--borrower)");
    }
    loan = match[0];
    loan.returned_at = impl_->Now();
    loan.returned_by = actor.name;
    if (!note.empty()) loan.note = note;
    DOSSIER_RETURN_IF_ERROR(c.ReturnLoan(loan.id, loan.returned_at, actor.name, note));
    return AppendAudit(c, loan.returned_at, actor.name, "return", loan.document_id,
                       LoanDetails(loan));
  });
  if (!s.ok()) return s;
  return loan;
}

Result<std::vector<Loan>> Repository::Loans(const Actor& actor, const LoanFilter& filter) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto loans =
      (*catalog)->ListLoans(filter.out || filter.overdue, static_cast<int>(actor.clearance));
  if (!loans.ok()) return loans.status();
  std::string today = LocalDate(impl_->clock->Now());
  std::vector<Loan> out;
  for (auto& l : *loans) {
    l.overdue = l.returned_at.empty() && l.due < today;
    if (filter.overdue && !l.overdue) continue;
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace dossier
