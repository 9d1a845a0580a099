#include "model.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "capital_amount.h"
#include "dossier/drafted_text.h"
#include "dossier/ledger.h"
#include "dossier/repository.h"

namespace dossier::pdf {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const std::map<std::string, std::string> kActionNames = {
    {"submit", "提交"},
    {"approve", "同意"},
    {"reject", "不同意（退回）"},
    {"request-changes", "修改后再议"},
    {"sign", "签订"},
    {"start-performance", "开始履行"},
    {"complete", "履行完毕"},
    {"terminate", "解除"},
    {"distribute", "分发"},
    {"submit-report", "提交"},
};

std::string ActionName(const std::string& action) {
  auto it = kActionNames.find(action);
  return it == kActionNames.end() ? action : it->second;
}

Result<Var> ParseMetadata(const std::string& json, const std::string& number) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(json);
  } catch (const std::exception& e) {
    return Status::Corruption("metadata of " + number + " is not JSON: " + e.what());
  }
}

Array::Ptr StepsJson(const std::vector<LifecycleStep>& steps) {
  Array::Ptr arr = new Array();
  for (const auto& s : steps) {
    Object::Ptr x = new Object();
    x->set("action", s.action);
    x->set("action_name", ActionName(s.action));
    x->set("actor", s.actor);
    x->set("role", s.role);
    auto role = ParseRole(s.role);
    x->set("role_name", role ? std::string(RoleName(*role)) : s.role);
    x->set("at", s.at);
    x->set("comment", s.comment);
    x->set("from", s.from_state);
    x->set("to", s.to_state);
    arr->add(x);
  }
  return arr;
}

// The document's own block of the model.
Object::Ptr DocumentJson(const Repository& repo, const Document& d, const LifecycleState& life) {
  const auto& s = d.summary;
  Object::Ptr x = new Object();
  x->set("id", s.id);
  x->set("number", s.number);
  x->set("title", s.title);
  x->set("type", s.type);
  std::string type_name = s.type;
  for (const auto& t : repo.Types()) {
    if (t.code == s.type) type_name = t.name_zh;
  }
  x->set("type_name", type_name);
  x->set("marking", std::string(ConfidentialityName(s.confidentiality)));
  x->set("status", s.status);
  std::string state_name = life.state_name_zh;
  if (state_name.empty()) state_name = NameOfCode(CoreStatusNames(), s.status, "zh");
  x->set("state_name", state_name);
  x->set("date", s.doc_date);
  x->set("dept", s.dept);
  x->set("version", d.current.number);
  x->set("created_by", s.created_by);
  x->set("created_at", s.created_at);
  return x;
}

// The parties as a contract names them all: "甲乙双方", "甲乙丙三方" from the
// roles 甲方, 乙方, 丙方; "各方" when a role is not of that form.
std::string AllParties(const Object& m) {
  auto parties = m.getArray("parties");
  size_t count = parties ? parties->size() : 0;
  static const std::string kFang = "方";
  std::string who;  // 甲乙
  for (size_t i = 0; i < count; ++i) {
    auto p = parties->getObject(static_cast<unsigned>(i));
    std::string role = p ? p->optValue<std::string>("role", "") : "";
    // One Chinese character (three bytes of UTF-8), then 方.
    if (role.size() != 3 + kFang.size() || role.compare(3, kFang.size(), kFang) != 0) return "各方";
    who += role.substr(0, 3);
  }
  if (count == 2) return who + "双方";
  if (count == 3) return who + "三方";
  return "各方";
}

// 一式N份 as a contract states it: "本合同一式肆份，甲乙双方各执贰份" — the copies
// from /copies (two for each party when not given), shared out when they
// divide evenly among the parties.
std::string CopiesText(const Object& m) {
  auto parties = m.getArray("parties");
  long count = parties ? static_cast<long>(parties->size()) : 0;
  long copies = m.has("copies") ? m.getValue<long>("copies") : 2 * std::max(count, 1L);
  std::string text =
      "本合同一式" + CapitalCount(static_cast<uint64_t>(std::max(copies, 1L))) + "份";
  if (count < 2 || copies % count != 0) return text;
  return text + "，" + AllParties(m) + "各执" +
         CapitalCount(static_cast<uint64_t>(copies / count)) + "份";
}

// Values templates print but should not have to compute.
Object::Ptr Derived(const Var& metadata) {
  Object::Ptr x = new Object();
  if (metadata.type() != typeid(Object::Ptr)) return x;
  auto m = metadata.extract<Object::Ptr>();
  Array::Ptr items = new Array();
  double total = 0;
  if (auto list = m->getArray("line_items")) {
    for (size_t i = 0; i < list->size(); ++i) {
      auto item = list->getObject(static_cast<unsigned>(i));
      if (!item) continue;
      Object::Ptr copy = new Object(*item);
      double amount =
          item->optValue<double>("quantity", 0) * item->optValue<double>("unit_price", 0);
      amount = std::round(amount * 100) / 100;
      copy->set("amount", amount);
      total += amount;
      items->add(copy);
    }
  }
  x->set("line_items", items);
  x->set("line_items_total", total);
  if (auto amount = m->getObject("amount"); amount && amount->has("value")) {
    double v = amount->getValue<double>("value");
    x->set("amount_capital", CapitalAmount(std::llround(v * 100)));
  }
  x->set("copies_text", CopiesText(*m));
  x->set("all_parties", AllParties(*m));
  // Each party with the signatory recorded at signing: ours for the party
  // marked self, theirs for the other (when there is one other).
  Array::Ptr signing_parties = new Array();
  if (auto parties = m->getArray("parties")) {
    auto signing = m->getObject("signing");
    size_t others = 0;
    for (size_t i = 0; i < parties->size(); ++i) {
      auto p = parties->getObject(static_cast<unsigned>(i));
      others += p && !p->optValue<bool>("self", false);
    }
    for (size_t i = 0; i < parties->size(); ++i) {
      auto p = parties->getObject(static_cast<unsigned>(i));
      if (!p) continue;
      Object::Ptr copy = new Object(*p);
      bool self = p->optValue<bool>("self", false);
      if (signing && (self || others == 1)) {
        std::string key = self ? "signatory_ours" : "signatory_theirs";
        if (signing->has(key)) copy->set("signatory", signing->getValue<std::string>(key));
      }
      signing_parties->add(copy);
    }
  }
  x->set("parties", signing_parties);
  if (auto parties = m->getArray("parties")) {
    for (size_t i = 0; i < parties->size(); ++i) {
      auto p = parties->getObject(static_cast<unsigned>(i));
      if (!p) continue;
      bool self = p->optValue<bool>("self", false);
      std::string key = self ? "party_ours" : "party_theirs";
      if (!x->has(key)) x->set(key, p);
    }
  }
  return x;
}

// The unit an archived document belongs to, for the catalogue and the cover.
Result<Object::Ptr> ArchiveJson(const Repository& repo, const Actor& actor, const Document& d) {
  auto unit = repo.ArchiveUnitOf(actor, d.summary.number);
  if (!unit.ok()) return unit.status();
  Object::Ptr x = new Object();
  x->set("code", unit->archive_code);
  Array::Ptr pieces = new Array();
  std::string first_date, last_date;
  for (const auto& p : unit->pieces) {
    Object::Ptr piece = new Object();
    piece->set("piece", p.record.piece);
    piece->set("number", p.document.number);
    piece->set("title", p.document.title);
    std::string type_name = p.document.type;
    for (const auto& t : repo.Types()) {
      if (t.code == p.document.type) type_name = t.name_zh;
    }
    piece->set("type_name", type_name);
    piece->set("date", p.document.doc_date.empty() ? p.document.created_at.substr(0, 10)
                                                   : p.document.doc_date);
    piece->set("responsible", p.document.dept.empty() ? p.document.created_by : p.document.dept);
    piece->set("marking", std::string(ConfidentialityName(p.document.confidentiality)));
    std::string date = piece->getValue<std::string>("date");
    if (first_date.empty() || date < first_date) first_date = date;
    if (date > last_date) last_date = date;
    pieces->add(piece);
    if (p.record.piece == 1 || !x->has("retention")) {
      x->set("retention", p.record.retention);
      x->set("retention_reason", p.record.retention_reason);
      x->set("archived_at", p.record.archived_at);
      x->set("archived_by", p.record.archived_by);
    }
  }
  x->set("pieces", pieces);
  x->set("count", static_cast<int>(unit->pieces.size()));
  x->set("hidden", unit->hidden);
  x->set("first_date", first_date);
  x->set("last_date", last_date);
  return x;
}

Array::Ptr FilesJson(const Version& v) {
  Array::Ptr files = new Array();
  for (const auto& f : v.files) {
    Object::Ptr x = new Object();
    x->set("name", f.name);
    x->set("size", static_cast<uint64_t>(f.size));
    files->add(x);
  }
  return files;
}

// A date for the PDF's metadata that comes from the document, never the clock.
std::string StableDate(const Document& d) {
  if (!d.summary.doc_date.empty()) return d.summary.doc_date;
  return d.current.created_at.substr(0, 10);
}

// Who reviewed it (审核人): the actors of the review decisions that moved it
// on (a request for changes leaves it where it was), each once, in order.
std::string ReviewedBy(const std::vector<LifecycleStep>& steps) {
  std::string out;
  std::set<std::string> seen;
  for (const auto& s : steps) {
    if (!s.review || s.to_state == s.from_state || !seen.insert(s.actor).second) continue;
    out += (out.empty() ? "" : "、") + s.actor;
  }
  return out;
}

// What every page of a document no longer in force says: 已作废 when void;
// for a terminated one (now, or before it was archived) its workflow's name
// of the state. The state's code is the contract workflow's (issue 24 moves
// it into the workflow's data as a stage).
std::string Stamp(const Repository& repo, const Document& d, const LifecycleState& life) {
  if (d.summary.status == "void") return NameOfCode(CoreStatusNames(), "void", "zh");
  const std::string kTerminated = "terminated";
  bool terminated = life.state == kTerminated ||
                    (!life.steps.empty() && life.steps.back().to_state == kTerminated);
  if (!terminated) return "";
  for (const auto& t : repo.Types()) {
    if (t.code == d.summary.type) return NameOfCode(t.states, kTerminated, "zh");
  }
  return kTerminated;
}

}  // namespace

// The drafted text named by metadata "body", as blocks for the template's
// body block ({kind, level, align, text} or {kind: "table", rows}).
Result<Array::Ptr> BodyJson(const Repository& repo, const Actor& actor, const Document& doc,
                            const std::string& name) {
  constexpr uint64_t kMaxBodyBytes = uint64_t{32} << 20;
  std::string content;
  Status read = repo.ReadFile(
      actor, doc.summary.number, 0, name,
      [&](const FileEntry& file) -> Result<Repository::ByteSpan> {
        if (file.size > kMaxBodyBytes) {
          return Status::InvalidArgument("the body '" + name +
                                         "' is larger than 32 MB: not a drafted text");
        }
        return Repository::ByteSpan{0, file.size};
      },
      [&](const char* data, size_t size) {
        content.append(data, size);
        return Status::Ok();
      });
  if (!read.ok()) return read.WithContext("metadata body of " + doc.summary.number);
  auto body = ReadDraftedText(content, name);
  if (!body.ok()) return body.status().WithContext("metadata body of " + doc.summary.number);
  Array::Ptr blocks = new Array();
  for (const auto& b : body->blocks) {
    Object::Ptr o = new Object();
    if (b.kind == TextBlock::Kind::kTable) {
      o->set("kind", "table");
      Array::Ptr rows = new Array();
      for (const auto& row : b.rows) {
        Array::Ptr cells = new Array();
        for (const auto& cell : row) cells->add(cell);
        rows->add(cells);
      }
      o->set("rows", rows);
    } else {
      o->set("kind", b.kind == TextBlock::Kind::kHeading ? "heading" : "paragraph");
      o->set("level", b.level);
      o->set("align", b.align);
      o->set("text", b.text);
    }
    blocks->add(o);
  }
  return blocks;
}

Result<DataModel> DocumentModel(const Repository& repo, const Actor& actor,
                                const std::string& ref) {
  auto doc = repo.Get(actor, ref);
  if (!doc.ok()) return doc.status();
  auto life = repo.Lifecycle(actor, ref);
  if (!life.ok()) return life.status();
  auto metadata = ParseMetadata(doc->current.metadata_json, doc->summary.number);
  if (!metadata.ok()) return metadata.status();
  Object::Ptr data = new Object();
  data->set("document", DocumentJson(repo, *doc, *life));
  data->set("metadata", *metadata);
  data->set("steps", StepsJson(life->steps));
  if (auto reviewers = ReviewedBy(life->steps); !reviewers.empty())
    data->set("reviewed_by", reviewers);
  Object::Ptr derived = Derived(*metadata);
  derived->set("title", doc->summary.title);
  if (auto m = metadata->type() == typeid(Object::Ptr) ? metadata->extract<Object::Ptr>() : nullptr;
      m && m->has("body")) {
    auto body = BodyJson(repo, actor, *doc, m->getValue<std::string>("body"));
    if (!body.ok()) return body.status();
    // The title as drafted heads the PDF in place of the registered one.
    if ((*body)->size() > 0) {
      auto first = (*body)->getObject(0);
      if (first->getValue<std::string>("kind") == "heading" && first->getValue<int>("level") == 0) {
        derived->set("title", first->getValue<std::string>("text"));
        (*body)->remove(0);
      }
    }
    data->set("body", *body);
  }
  data->set("derived", derived);
  data->set("files", FilesJson(doc->current));
  if (doc->summary.status == "archived") {
    auto archive = ArchiveJson(repo, actor, *doc);
    if (!archive.ok()) return archive.status();
    data->set("archive", *archive);
  }
  // A document that belongs to a contract (the approval form) sees it too.
  if (metadata->type() == typeid(Object::Ptr)) {
    auto m = metadata->extract<Object::Ptr>();
    std::string contract_number = m->optValue<std::string>("contract_number", "");
    if (!contract_number.empty()) {
      auto contract = repo.Get(actor, contract_number);
      auto contract_life = repo.Lifecycle(actor, contract_number);
      if (contract.ok() && contract_life.ok()) {
        auto cm = ParseMetadata(contract->current.metadata_json, contract->summary.number);
        if (!cm.ok()) return cm.status();
        Object::Ptr c = new Object();
        c->set("document", DocumentJson(repo, *contract, *contract_life));
        c->set("metadata", *cm);
        c->set("steps", StepsJson(contract_life->steps));
        c->set("derived", Derived(*cm));
        data->set("contract", c);
      }
    }
  }
  // Where the trail stood when this was printed (the archive catalogue says so).
  auto head = repo.CurrentAuditHead(actor);
  if (!head.ok()) return head.status();
  Object::Ptr audit = new Object();
  audit->set("seq", head->seq);
  audit->set("head", head->hash);
  data->set("audit", audit);
  DataModel model;
  model.data = data;
  model.type = doc->summary.type;
  model.marking = std::string(ConfidentialityName(doc->summary.confidentiality));
  model.confidential = doc->summary.confidentiality >= Confidentiality::kSecret;
  model.file_stem = doc->summary.number;
  model.stamp = Stamp(repo, *doc, *life);
  model.info.title = doc->summary.title;
  model.info.author = doc->summary.dept.empty() ? doc->summary.created_by : doc->summary.dept;
  model.info.subject = doc->summary.number;
  model.info.identifier = doc->summary.number;
  model.info.date = StableDate(*doc);
  return model;
}

Result<DataModel> LedgerModel(const Repository& repo, const Actor& actor,
                              const LedgerQuery& query) {
  auto ledger = repo.ContractLedger(actor, query);
  if (!ledger.ok()) return ledger.status();
  Object::Ptr l = new Object();
  l->set("as_of", ledger->as_of);
  l->set("from", query.from.value_or(""));
  l->set("to", query.to.value_or(""));
  l->set("by", NameOfCode(LedgerGroupingNames(), std::string(LedgerGroupingCode(query.by)), "zh"));
  Array::Ptr rows = new Array();
  for (const auto& r : ledger->rows) {
    Object::Ptr x = new Object();
    x->set("number", r.document.number);
    x->set("title", r.document.title);
    x->set("counterparty", r.document.counterparty);
    x->set("amount", LedgerAmountText(r, "zh"));
    x->set("signing_date", r.signing_date.empty() ? "-" : r.signing_date);
    x->set("term", LedgerTermText(r));
    x->set("status", LedgerStateTextZh(r));
    x->set("dept", r.document.dept);
    x->set("owner", r.owner);
    x->set("amendments", LedgerAmendmentsText(r, "zh"));
    x->set("performance", LedgerPerformanceText(r, "zh"));
    rows->add(x);
  }
  l->set("rows", rows);
  auto group_json = [&](const LedgerGroup& g) {
    Object::Ptr x = new Object();
    x->set("key", &g == &ledger->totals ? "合计" : g.key.empty() ? "（无）" : g.key);
    x->set("all", FiguresText(g.all));
    x->set("signed", FiguresText(g.signed_));
    x->set("in_performance", FiguresText(g.in_performance));
    x->set("completed", FiguresText(g.completed));
    x->set("terminated", FiguresText(g.terminated));
    x->set("overdue", FiguresText(g.overdue));
    x->set("unsigned", FiguresText(g.unsigned_));
    return x;
  };
  Array::Ptr groups = new Array();
  for (const auto& g : ledger->groups) groups->add(group_json(g));
  groups->add(group_json(ledger->totals));
  l->set("groups", groups);
  l->set("totals", group_json(ledger->totals));
  Object::Ptr data = new Object();
  data->set("ledger", l);
  DataModel model;
  model.data = data;
  model.file_stem = "ledger-" + ledger->as_of;
  model.marking = "内部";
  model.info.title = "合同台账";
  model.info.author = actor.name;
  model.info.subject = "合同台账 " + ledger->as_of;
  model.info.identifier = "ledger-" + ledger->as_of;
  model.info.date = ledger->as_of;
  return model;
}

}  // namespace dossier::pdf
