// The JSON shapes of the registers: loans (借阅), seal uses (印章使用) and the
// contract ledger (合同台账).
#include <Poco/JSON/Array.h>

#include "json/shapes.h"

namespace dossier::json {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr LoanJson(const Loan& l) {
  Object::Ptr x = new Object();
  x->set("id", l.id);
  x->set("number", l.document_number);
  x->set("title", l.document_title);
  x->set("borrower", l.borrower);
  x->set("original", l.original);
  x->set("lent_at", l.lent_at);
  x->set("lent_by", l.lent_by);
  x->set("due", l.due);
  x->set("returned_at", l.returned_at);
  x->set("returned_by", l.returned_by);
  x->set("note", l.note);
  x->set("overdue", l.overdue);
  return x;
}

Object::Ptr SealJson(const SealUse& u) {
  Object::Ptr x = new Object();
  x->set("id", u.id);
  x->set("number", u.document_number);
  x->set("seal", u.seal);
  x->set("purpose", u.purpose);
  x->set("status", u.status);
  x->set("requested_by", u.requested_by);
  x->set("requested_at", u.requested_at);
  x->set("decided_by", u.decided_by);
  x->set("decided_at", u.decided_at);
  x->set("comment", u.comment);
  x->set("used_at", u.used_at);
  x->set("returned_at", u.returned_at);
  x->set("keeper", u.keeper);
  return x;
}

namespace {

Object::Ptr MoneyJson(const MoneyByCurrency& money) {
  Object::Ptr x = new Object();
  for (const auto& [currency, minor] : money) x->set(currency, FormatMinorUnits(minor));
  return x;
}

Object::Ptr FiguresJson(const LedgerFigures& f) {
  Object::Ptr x = new Object();
  x->set("count", f.count);
  x->set("amount", MoneyJson(f.amount));
  return x;
}

Object::Ptr GroupJson(const LedgerGroup& g) {
  Object::Ptr x = new Object();
  x->set("key", g.key);
  x->set("all", FiguresJson(g.all));
  x->set("unsigned", FiguresJson(g.unsigned_));
  x->set("signed", FiguresJson(g.signed_));
  x->set("in_performance", FiguresJson(g.in_performance));
  x->set("completed", FiguresJson(g.completed));
  x->set("terminated", FiguresJson(g.terminated));
  x->set("overdue", FiguresJson(g.overdue));
  return x;
}

Object::Ptr LedgerRowJson(const LedgerRow& r) {
  Object::Ptr x = new Object();
  const auto& d = r.document;
  x->set("id", d.id);
  x->set("number", d.number);
  x->set("title", d.title);
  x->set("counterparty", d.counterparty);
  x->set("dept", d.dept);
  x->set("owner", r.owner);
  x->set("status", d.status);
  x->set("state", r.state);
  x->set("stage", std::string(LedgerStageCode(r.stage)));
  x->set("archived", r.archived);
  x->set("date", r.date);
  x->set("signing_date", r.signing_date);
  Object::Ptr term = new Object();
  term->set("start", r.term_start);
  term->set("end", r.term_end);
  x->set("term", term);
  x->set("currency", r.currency);
  x->set("amount", FormatMinorUnits(r.amount));
  x->set("current_amount", FormatMinorUnits(r.current_amount));
  Array::Ptr amendments = new Array();
  for (const auto& a : r.amendments) amendments->add(a);
  x->set("amendments", amendments);
  x->set("amendments_approved", r.amendments_approved);
  x->set("termination", r.termination);
  Object::Ptr perf = new Object();
  perf->set("records", r.performance_records);
  if (r.progress_percent)
    perf->set("progress_percent", *r.progress_percent);
  else
    perf->set("progress_percent", Poco::Dynamic::Var());
  perf->set("progress_date", r.progress_date);
  perf->set("paid", MoneyJson(r.paid));
  x->set("performance", perf);
  x->set("overdue", r.overdue);
  Array::Ptr notes = new Array();
  for (const auto& n : r.notes) notes->add(n);
  x->set("notes", notes);
  return x;
}

}  // namespace

Object::Ptr LedgerJson(const Ledger& l) {
  Object::Ptr x = new Object();
  x->set("as_of", l.as_of);
  x->set("from", l.query.from.value_or(""));
  x->set("to", l.query.to.value_or(""));
  x->set("by", std::string(LedgerGroupingCode(l.query.by)));
  Array::Ptr rows = new Array();
  for (const auto& r : l.rows) rows->add(LedgerRowJson(r));
  x->set("rows", rows);
  Array::Ptr groups = new Array();
  for (const auto& g : l.groups) groups->add(GroupJson(g));
  x->set("groups", groups);
  x->set("totals", GroupJson(l.totals));
  return x;
}

Object::Ptr ResolutionJson(const Resolution& r) {
  Object::Ptr x = new Object();
  x->set("minutes", r.minutes_number);
  x->set("minutes_title", r.minutes_title);
  x->set("item", r.item);
  x->set("text", r.text);
  x->set("owner", r.owner);
  x->set("due", r.due);
  x->set("status", r.status);
  x->set("done_at", r.done_at);
  x->set("done_by", r.done_by);
  x->set("note", r.note);
  return x;
}

Object::Ptr ContractFileJson(const ContractFile& file) {
  Object::Ptr j = new Object();
  Array::Ptr pieces = new Array();
  for (const auto& p : file.pieces) {
    auto x = SummaryJson(p.document);
    x->set("part", p.part);
    x->set("problem", p.problem);
    pieces->add(x);
  }
  Array::Ptr missing = new Array();
  for (const auto& m : file.missing) missing->add(m);
  j->set("pieces", pieces);
  j->set("missing", missing);
  j->set("complete", file.complete());
  return j;
}

}  // namespace dossier::json
