// The contract file and archiving, copies given out, resolutions of minutes,
// the circulation log, the seal register and the contract ledger.
#include "json/shapes.h"
#include "server/json_input.h"
#include "server/ledger_query.h"
#include "server/router.h"

namespace dossier::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

template <typename T, typename Fn>
Object::Ptr ListOf(const char* key, const std::vector<T>& items, Fn shape) {
  Array::Ptr list = new Array();
  for (const auto& item : items) list->add(shape(item));
  Object::Ptr j = new Object();
  j->set(key, list);
  return j;
}

Status File(Exchange& ex) {
  auto file = ex.repo().File(ex.actor(), ex.param("ref"));
  if (!file.ok()) return file.status();
  return ex.SendJson(json::ContractFileJson(*file));
}

Status Archive(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto retention = StringOr(*body, "retention");
  auto reason = StringOr(*body, "reason");
  for (const Status* s : {&retention.status(), &reason.status()}) {
    if (!s->ok()) return *s;
  }
  auto records =
      ex.repo().Archive(ex.actor(), ex.param("ref"), ArchiveRequest{*retention, *reason});
  if (!records.ok()) return records.status();
  return ex.SendJson(ListOf("records", *records, json::ArchiveJson));
}

Status Unit(Exchange& ex) {
  auto unit = ex.repo().ArchiveUnitOf(ex.actor(), ex.param("ref"));
  if (!unit.ok()) return unit.status();
  Object::Ptr j = new Object();
  j->set("archive_code", unit->archive_code);
  Array::Ptr pieces = new Array();
  for (const auto& p : unit->pieces) {
    auto x = json::SummaryJson(p.document);
    x->set("archive", json::ArchiveJson(p.record));
    pieces->add(x);
  }
  j->set("pieces", pieces);
  j->set("hidden", unit->hidden);
  return ex.SendJson(j);
}

Status Distribute(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto recipients = StringListField(*body, "recipients");
  auto note = StringOr(*body, "note");
  for (const Status* s : {&recipients.status(), &note.status()}) {
    if (!s->ok()) return *s;
  }
  DOSSIER_RETURN_IF_ERROR(ex.repo().Distribute(ex.actor(), ex.param("ref"), *recipients, *note));
  auto detail = json::LoadDocumentDetail(ex.repo(), ex.actor(), ex.param("ref"));
  if (!detail.ok()) return detail.status();
  return ex.SendJson(json::DocumentDetailJson(*detail));
}

Status Resolutions(Exchange& ex) {
  ResolutionFilter filter;
  filter.owner = ex.query("owner").value_or("");
  filter.open = ex.query("open").value_or("") == "true";
  filter.overdue = ex.query("overdue").value_or("") == "true";
  auto items = ex.repo().Resolutions(ex.actor(), filter);
  if (!items.ok()) return items.status();
  return ex.SendJson(ListOf("resolutions", *items, json::ResolutionJson));
}

Status CompleteResolution(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto note = StringOr(*body, "note");
  if (!note.ok()) return note.status();
  auto item = ex.NumberParam("item", "resolution");
  if (!item.ok()) return item.status();
  if (*item > 100000) return Status::NotFound("no resolution " + std::to_string(*item));
  DOSSIER_RETURN_IF_ERROR(
      ex.repo().CompleteResolution(ex.actor(), ex.param("ref"), static_cast<int>(*item), *note));
  return ex.SendNoContent();
}

Status Lend(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto borrower = StringOr(*body, "borrower", true);
  auto due = StringOr(*body, "due", true);
  auto original = BoolField(*body, "original");
  auto note = StringOr(*body, "note");
  for (const Status* s : {&borrower.status(), &due.status(), &original.status(), &note.status()}) {
    if (!s->ok()) return *s;
  }
  auto loan = ex.repo().Lend(ex.actor(), ex.param("ref"),
                             LoanRequest{*borrower, *due, original->value_or(false), *note});
  if (!loan.ok()) return loan.status();
  return ex.SendJson(json::LoanJson(*loan), 201);
}

Status Return(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto borrower = StringOr(*body, "borrower");
  auto note = StringOr(*body, "note");
  for (const Status* s : {&borrower.status(), &note.status()}) {
    if (!s->ok()) return *s;
  }
  auto loan = ex.repo().Return(ex.actor(), ex.param("ref"), *borrower, *note);
  if (!loan.ok()) return loan.status();
  return ex.SendJson(json::LoanJson(*loan));
}

Status Loans(Exchange& ex) {
  LoanFilter filter;
  filter.out = ex.query("out").value_or("") == "true";
  filter.overdue = ex.query("overdue").value_or("") == "true";
  auto loans = ex.repo().Loans(ex.actor(), filter);
  if (!loans.ok()) return loans.status();
  return ex.SendJson(ListOf("loans", *loans, json::LoanJson));
}

Status RequestSeal(Exchange& ex) {
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto seal = StringOr(*body, "seal", true);
  auto purpose = StringOr(*body, "purpose", true);
  for (const Status* s : {&seal.status(), &purpose.status()}) {
    if (!s->ok()) return *s;
  }
  auto use = ex.repo().RequestSeal(ex.actor(), ex.param("ref"), *seal, *purpose);
  if (!use.ok()) return use.status();
  return ex.SendJson(json::SealJson(*use), 201);
}

Status DecideSeal(Exchange& ex) {
  auto id = ex.NumberParam("id", "seal use");
  if (!id.ok()) return id.status();
  auto body = ex.JsonBody();
  if (!body.ok()) return body.status();
  auto approve = BoolField(*body, "approve");
  auto comment = StringOr(*body, "comment");
  for (const Status* s : {&approve.status(), &comment.status()}) {
    if (!s->ok()) return *s;
  }
  if (!*approve) return Status::InvalidArgument("'approve' is missing: true or false");
  auto use = ex.repo().DecideSeal(ex.actor(), *id, **approve, *comment);
  if (!use.ok()) return use.status();
  return ex.SendJson(json::SealJson(*use));
}

Status SealStep(Exchange& ex, bool returned) {
  auto id = ex.NumberParam("id", "seal use");
  if (!id.ok()) return id.status();
  auto use = returned ? ex.repo().ReturnSeal(ex.actor(), *id) : ex.repo().UseSeal(ex.actor(), *id);
  if (!use.ok()) return use.status();
  return ex.SendJson(json::SealJson(*use));
}

Status SealRegister(Exchange& ex) {
  SealFilter filter{ex.query("seal").value_or(""), ex.query("from").value_or(""),
                    ex.query("to").value_or("")};
  auto uses = ex.repo().SealRegister(ex.actor(), filter);
  if (!uses.ok()) return uses.status();
  return ex.SendJson(ListOf("uses", *uses, json::SealJson));
}

Status ContractLedger(Exchange& ex) {
  auto query = LedgerQueryOf(ex);
  if (!query.ok()) return query.status();
  auto ledger = ex.repo().ContractLedger(ex.actor(), *query);
  if (!ledger.ok()) return ledger.status();
  return ex.SendJson(json::LedgerJson(*ledger));
}

}  // namespace

void AddRegisterRoutes(Router& r) {
  r.Add({"GET", "/api/v1/documents/{ref}/file", "archive",
         "The contract file (合同档案): its pieces and what is missing", File});
  r.Add({"POST", "/api/v1/documents/{ref}/archive", "archive",
         "Archive the document with its whole file as one unit ({retention, reason} to override "
         "the class) (archivist)",
         Archive, Access::kSignedIn, Body::kJson});
  r.Add({"GET", "/api/v1/documents/{ref}/unit", "archive",
         "The archive unit (档号) the document belongs to, all its pieces", Unit});
  r.Add({"POST", "/api/v1/documents/{ref}/distributions", "archive",
         "Record copies given to recipients ({recipients, note}) (副本分发)", Distribute,
         Access::kSignedIn, Body::kJson});
  r.Add({"GET",
         "/api/v1/resolutions",
         "registers",
         "Resolutions of minutes (决议事项) with their status today",
         Resolutions,
         Access::kSignedIn,
         Body::kNone,
         {{"owner", "string", "only this owner's"},
          {"open", "boolean", "only those not done"},
          {"overdue", "boolean", "only open ones past due"}}});
  r.Add({"POST", "/api/v1/documents/{ref}/resolutions/{item}/done", "registers",
         "Mark a resolution of the minutes done ({note}): its owner, a manager or a director",
         CompleteResolution, Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/documents/{ref}/loans", "registers",
         "Lend the document ({borrower, due, original, note}) (archivist, manager, director)", Lend,
         Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/documents/{ref}/return", "registers",
         "Record the return of a loan ({borrower, note})", Return, Access::kSignedIn, Body::kJson});
  r.Add({"GET",
         "/api/v1/loans",
         "registers",
         "The circulation log (借阅登记), newest first",
         Loans,
         Access::kSignedIn,
         Body::kNone,
         {{"out", "boolean", "only loans not returned"},
          {"overdue", "boolean", "only overdue ones"}}});
  r.Add({"POST", "/api/v1/documents/{ref}/seal-requests", "registers",
         "Ask to use a seal ({seal, purpose})", RequestSeal, Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/seal-uses/{id}/decision", "registers",
         "The seal's keeper decides ({approve, comment}); never on their own request", DecideSeal,
         Access::kSignedIn, Body::kJson});
  r.Add({"POST", "/api/v1/seal-uses/{id}/use", "registers", "Record that the seal was used",
         [](Exchange& ex) { return SealStep(ex, false); }});
  r.Add({"POST", "/api/v1/seal-uses/{id}/return", "registers",
         "The keeper records the seal's return", [](Exchange& ex) { return SealStep(ex, true); }});
  r.Add({"GET",
         "/api/v1/seal-uses",
         "registers",
         "The seal register (印章使用登记)",
         SealRegister,
         Access::kSignedIn,
         Body::kNone,
         {{"seal", "string", "only this seal"},
          {"from", "string", "requested on or after"},
          {"to", "string", "requested on or before"}}});
  r.Add({"GET",
         "/api/v1/ledger",
         "registers",
         "The contract ledger (合同台账) with statistics",
         ContractLedger,
         Access::kSignedIn,
         Body::kNone,
         {{"from", "string", "ledger date from"},
          {"to", "string", "ledger date to"},
          {"dept", "string", "department"},
          {"counterparty", "string", "part of the counterparty's name"},
          {"by", "string", "month, quarter, year, dept, counterparty or status"},
          {"as_of", "string", "the day overdue is judged on"}}});
}

}  // namespace dossier::server
