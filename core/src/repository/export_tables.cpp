#include "repository/export_tables.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "dossier/clock.h"

namespace dossier {

namespace {

const std::pair<TableKind, std::string_view> kTableKinds[] = {
    {TableKind::kList, "list"},
    {TableKind::kLedger, "ledger"},
    {TableKind::kLoans, "loans"},
    {TableKind::kSeals, "seals"},
    {TableKind::kCatalogue, "catalogue"},
    {TableKind::kDue, "due"},
    {TableKind::kDestruction, "destruction"}};

TableColumn Text(const char* key, const char* zh, const char* en) {
  return {key, zh, en, CellKind::kText, "", ""};
}
TableColumn Of(CellKind kind, const char* key, const char* zh, const char* en) {
  return {key, zh, en, kind, "", ""};
}
// A column of codes, written by their names.
TableColumn Named(const char* key, const char* zh, const char* en, std::vector<NamedCode> names) {
  TableColumn c = Text(key, zh, en);
  c.names = std::move(names);
  return c;
}
TableColumn YesNo(const char* key, const char* zh, const char* en) {
  return Named(key, zh, en, YesNoNames());
}
TableColumn Money(const char* key, const char* zh, const char* en, const char* currency_column) {
  return {key, zh, en, CellKind::kAmount, "", currency_column};
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string Percent(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", value);
  return buf;
}

}  // namespace

std::string_view TableKindCode(TableKind kind) {
  for (const auto& [k, c] : kTableKinds) {
    if (k == kind) return c;
  }
  return "list";
}

std::optional<TableKind> ParseTableKind(std::string_view code) {
  for (const auto& [k, c] : kTableKinds) {
    if (c == code) return k;
  }
  return std::nullopt;
}

const std::vector<TableKind>& AllTableKinds() {
  static const std::vector<TableKind> kAll = {
      TableKind::kList,      TableKind::kLedger, TableKind::kLoans,      TableKind::kSeals,
      TableKind::kCatalogue, TableKind::kDue,    TableKind::kDestruction};
  return kAll;
}

Table ListTable(const std::vector<DocumentSummary>& documents,
                const std::vector<std::optional<ArchiveRecord>>& archives) {
  Table t;
  t.name = "list";
  t.title = "文件清单";
  t.columns = {Text("number", "编号", "Number"),
               Text("type", "类型", "Type"),
               Text("title", "题名", "Title"),
               Text("confidentiality", "密级", "Confidentiality"),
               Named("status", "状态", "Status", CoreStatusNames()),
               Of(CellKind::kDate, "doc_date", "日期", "Date"),
               Text("dept", "部门", "Department"),
               Text("counterparty", "相对方", "Counterparty"),
               Of(CellKind::kInteger, "version", "版本", "Version"),
               Text("archive_code", "档号", "Archival code"),
               Text("retention", "保管期限", "Retention"),
               Of(CellKind::kDateTime, "created_at", "登记时间", "Registered at"),
               Text("created_by", "登记人", "Registered by"),
               Text("id", "标识", "Id")};
  for (size_t i = 0; i < documents.size(); ++i) {
    const auto& d = documents[i];
    const auto& a = i < archives.size() ? archives[i] : std::nullopt;
    t.rows.push_back(
        {d.number, d.type, d.title, std::string(ConfidentialityName(d.confidentiality)), d.status,
         d.doc_date, d.dept, d.counterparty, std::to_string(d.current_version),
         a ? a->archive_code : "", a ? a->retention : "", d.created_at, d.created_by, d.id});
  }
  return t;
}

Table ArchiveCatalogue(std::vector<std::pair<DocumentSummary, ArchiveRecord>> archived) {
  std::sort(archived.begin(), archived.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.archive_code, a.second.piece) <
           std::tie(b.second.archive_code, b.second.piece);
  });
  Table t;
  t.name = "catalogue";
  t.title = "归档文件目录";
  t.columns = {Text("archive_code", "档号", "Archival code"),
               Of(CellKind::kInteger, "piece", "件号", "Piece"),
               Text("number", "文号", "Number"),
               Text("responsible", "责任者", "Responsible"),
               Text("title", "题名", "Title"),
               Of(CellKind::kDate, "date", "日期", "Date"),
               Text("confidentiality", "密级", "Confidentiality"),
               Text("retention", "保管期限", "Retention"),
               Text("note", "备注", "Note")};
  for (const auto& [d, a] : archived) {
    t.rows.push_back({a.archive_code, std::to_string(a.piece), d.number,
                      d.dept.empty() ? d.created_by : d.dept, d.title, d.doc_date,
                      std::string(ConfidentialityName(d.confidentiality)), a.retention,
                      a.retention_reason});
  }
  return t;
}

Table DueTable(const DueReport& report) {
  Table t;
  t.name = "due";
  t.title = "到期档案清单（截至 " + report.until + "）";
  t.columns = {Named("action", "处置方式", "Action", RetentionActionNames()),
               Text("number", "编号", "Number"),
               Text("archive_code", "档号", "Archival code"),
               Text("title", "题名", "Title"),
               Text("type", "类型", "Type"),
               Of(CellKind::kDate, "doc_date", "日期", "Date"),
               Text("retention", "保管期限", "Retention"),
               Of(CellKind::kDate, "disposition_date", "到期日", "Due on"),
               Text("holds", "冻结", "Holds"),
               Text("confidentiality", "密级", "Confidentiality")};
  for (const auto& item : report.items) {
    const auto& r = item.retention;
    std::vector<std::string> holds;
    for (const auto& h : r.holds) holds.push_back(std::to_string(h.id) + " " + h.reason);
    t.rows.push_back({std::string(RetentionActionCode(r.cls.action)), item.document.number,
                      r.record.archive_code, item.document.title, item.document.type,
                      item.document.doc_date, r.cls.name_zh, r.disposition_date, Join(holds, "; "),
                      std::string(ConfidentialityName(item.document.confidentiality))});
  }
  return t;
}

Table DestructionTable(const DisposalList& list) {
  Table t;
  t.name = "destruction";
  t.title = "档案销毁清册 " + list.number;
  t.columns = {Of(CellKind::kInteger, "line", "序号", "Line"),
               Text("number", "编号", "Number"),
               Text("archive_code", "档号", "Archival code"),
               Text("title", "题名", "Title"),
               Text("year", "年度", "Year"),
               Text("retention", "保管期限", "Retention"),
               Of(CellKind::kInteger, "years_kept", "已保管年限", "Years kept"),
               Of(CellKind::kDate, "disposition_date", "到期日", "Due on"),
               Named("state", "状态", "State", DisposalLineStateNames()),
               Text("note", "备注", "Note")};
  for (const auto& l : list.lines) {
    t.rows.push_back({std::to_string(l.line), l.number, l.archive_code, l.title, l.year,
                      l.retention_name, std::to_string(l.years_kept), l.disposition_date, l.state,
                      l.note});
  }
  return t;
}

Result<std::string> TableLabelsOption(const std::map<std::string, std::string>& options) {
  auto it = options.find("labels");
  if (it == options.end()) return std::string("zh");
  if (it->second != "zh" && it->second != "en") {
    return Status::InvalidArgument("labels '" + it->second + "': expected zh or en");
  }
  return it->second;
}

const std::string& ColumnLabel(const TableColumn& column, std::string_view labels) {
  return labels == "en" ? column.label_en : column.label_zh;
}

std::string CellText(const TableColumn& column, const std::string& cell, std::string_view labels) {
  if (cell.empty()) return cell;
  if (!column.names.empty()) return NameOfCode(column.names, cell, labels);
  if (column.kind == CellKind::kDateTime) return FormatLocalTime(cell, true);
  return cell;
}

void NameTypesAndStates(std::vector<Table>& tables, const std::vector<DocumentTypeInfo>& types) {
  std::vector<NamedCode> type_names, contract_states = CoreStatusNames();
  for (const auto& t : types) {
    type_names.push_back({t.code, t.name_zh, t.name_en});
    // The ledger is of contracts: its states are the contract workflow's.
    if (t.code == "contract")
      contract_states.insert(contract_states.begin(), t.states.begin(), t.states.end());
  }
  for (auto& table : tables) {
    const bool ledger = table.name.rfind("ledger", 0) == 0;
    for (auto& column : table.columns) {
      if (column.key == "type") column.names = type_names;
      if (ledger &&
          (column.key == "state" || (table.name == "ledger-by-status" && column.key == "group"))) {
        column.names = contract_states;
      }
    }
  }
}

namespace {

bool IsNumeric(CellKind kind) {
  return kind == CellKind::kInteger || kind == CellKind::kAmount || kind == CellKind::kPercent;
}

// "-12", "1234.50", "72.5": what the core writes in numeric columns.
bool IsPlainNumber(std::string_view cell) {
  size_t i = cell.empty() || cell[0] != '-' ? 0 : 1;
  bool digits = false, dot = false;
  for (; i < cell.size(); ++i) {
    char c = cell[i];
    if (c >= '0' && c <= '9')
      digits = true;
    else if (c == '.' && !dot)
      dot = true;
    else
      return false;
  }
  return digits;
}

}  // namespace

bool LooksLikeFormula(std::string_view cell) {
  if (cell.empty()) return false;
  switch (cell[0]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

std::string NeutraliseFormula(std::string_view cell, CellKind kind) {
  const bool neutralise = LooksLikeFormula(cell) && !(IsNumeric(kind) && IsPlainNumber(cell));
  return (neutralise ? "'" : "") + std::string(cell);
}

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    out += i == 0 ? "\"" : ",\"";
    for (char c : fields[i]) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out + "\r\n";
}

Table LedgerRowsTable(const Ledger& ledger) {
  Table t;
  t.name = "ledger";
  t.title = "合同台账";
  t.columns = {
      Text("number", "合同编号", "Contract number"),
      Text("title", "合同名称", "Title"),
      Text("counterparty", "相对方", "Counterparty"),
      Text("dept", "承办部门", "Department"),
      Text("owner", "经办人", "Owner"),
      Text("state", "状态", "State"),
      Named("stage", "阶段", "Stage", LedgerStageNames()),
      Of(CellKind::kDate, "date", "台账日期", "Ledger date"),
      Of(CellKind::kDate, "signing_date", "签订日期", "Signed on"),
      Of(CellKind::kDate, "term_start", "履行起始", "Term start"),
      Of(CellKind::kDate, "term_end", "履行终止", "Term end"),
      Text("currency", "币种", "Currency"),
      Money("amount", "签订金额", "Amount signed", "currency"),
      Money("current_amount", "现行金额", "Current amount", "currency"),
      Money("paid", "已付金额", "Paid", "currency"),
      Of(CellKind::kPercent, "progress", "履行进度(%)", "Progress (%)"),
      Of(CellKind::kDate, "progress_date", "进度日期", "Progress date"),
      Text("amendments", "补充协议", "Amendments"),
      Of(CellKind::kInteger, "amendments_approved", "已批准补充协议", "Amendments approved"),
      Text("termination", "终止协议", "Termination"),
      Of(CellKind::kInteger, "performance_records", "履行记录", "Performance records"),
      YesNo("overdue", "逾期", "Overdue"),
      YesNo("archived", "已归档", "Archived"),
      Text("notes", "备注", "Notes")};
  for (const auto& r : ledger.rows) {
    std::vector<std::string> notes = r.notes;
    std::string paid;
    for (const auto& [currency, minor] : r.paid) {
      if (currency == r.currency)
        paid = FormatMinorUnits(minor);
      else
        notes.push_back("paid " + currency + " " + FormatAmount(minor));
    }
    t.rows.push_back({r.document.number,
                      r.document.title,
                      r.document.counterparty,
                      r.document.dept,
                      r.owner,
                      r.state,
                      std::string(LedgerStageCode(r.stage)),
                      r.date,
                      r.signing_date,
                      r.term_start,
                      r.term_end,
                      r.currency,
                      FormatMinorUnits(r.amount),
                      FormatMinorUnits(r.current_amount),
                      paid,
                      r.progress_percent ? Percent(*r.progress_percent) : "",
                      r.progress_date,
                      Join(r.amendments, ", "),
                      std::to_string(r.amendments_approved),
                      r.termination,
                      std::to_string(r.performance_records),
                      r.overdue ? "yes" : "no",
                      r.archived ? "yes" : "no",
                      Join(notes, "; ")});
  }
  return t;
}

Table LedgerStatisticsTable(const Ledger& grouped, LedgerGrouping by) {
  struct Stage {
    const char* key;
    const char* zh;
    const char* en;
    const LedgerFigures LedgerGroup::*figures;
  };
  static const Stage kStages[] = {
      {"all", "全部", "All", &LedgerGroup::all},
      {"unsigned", "未签订", "Unsigned", &LedgerGroup::unsigned_},
      {"signed", "已签订", "Signed", &LedgerGroup::signed_},
      {"in_performance", "履行中", "In performance", &LedgerGroup::in_performance},
      {"completed", "履行完毕", "Completed", &LedgerGroup::completed},
      {"terminated", "已解除", "Terminated", &LedgerGroup::terminated},
      {"overdue", "逾期", "Overdue", &LedgerGroup::overdue},
  };
  struct Grouping {
    LedgerGrouping by;
    const char* name;
    const char* title;
    const char* zh;
    const char* en;
  };
  static const Grouping kGroupings[] = {
      {LedgerGrouping::kNone, "ledger-totals", "合计", "范围", "Scope"},
      {LedgerGrouping::kMonth, "ledger-by-month", "按月统计", "月份", "Month"},
      {LedgerGrouping::kQuarter, "ledger-by-quarter", "按季度统计", "季度", "Quarter"},
      {LedgerGrouping::kYear, "ledger-by-year", "按年度统计", "年度", "Year"},
      {LedgerGrouping::kDepartment, "ledger-by-dept", "按部门统计", "部门", "Department"},
      {LedgerGrouping::kCounterparty, "ledger-by-counterparty", "按相对方统计", "相对方",
       "Counterparty"},
      {LedgerGrouping::kStatus, "ledger-by-status", "按状态统计", "状态", "Status"},
  };
  const Grouping* g = &kGroupings[0];
  for (const auto& candidate : kGroupings) {
    if (candidate.by == by) g = &candidate;
  }
  // One amount column per currency that occurs, so that no sum mixes two.
  std::set<std::string> currencies;
  for (const auto& [currency, minor] : grouped.totals.all.amount) currencies.insert(currency);
  Table t;
  t.name = g->name;
  t.title = std::string("合同台账 ") + g->title;
  t.columns.push_back(Text("group", g->zh, g->en));
  for (const auto& s : kStages) {
    t.columns.push_back({std::string(s.key) + "_count", std::string(s.zh) + "份数",
                         std::string(s.en) + " (count)", CellKind::kInteger, "", "", true});
    for (const auto& c : currencies) {
      t.columns.push_back({std::string(s.key) + "_amount_" + c,
                           std::string(s.zh) + "金额(" + c + ")",
                           std::string(s.en) + " (" + c + ")", CellKind::kAmount, c, ""});
    }
  }
  auto add_row = [&](const std::string& key, const LedgerGroup& group) {
    std::vector<std::string> row = {key};
    for (const auto& s : kStages) {
      const LedgerFigures& f = group.*(s.figures);
      row.push_back(std::to_string(f.count));
      for (const auto& c : currencies) {
        auto it = f.amount.find(c);
        row.push_back(FormatMinorUnits(it == f.amount.end() ? 0 : it->second));
      }
    }
    t.rows.push_back(std::move(row));
  };
  if (by == LedgerGrouping::kNone) {
    add_row("合计", grouped.totals);
  } else {
    for (const auto& group : grouped.groups) add_row(group.key, group);
  }
  return t;
}

Table LoansTable(const std::vector<Loan>& loans) {
  Table t;
  t.name = "loans";
  t.title = "借阅登记";
  t.columns = {Of(CellKind::kInteger, "id", "序号", "No."),
               Text("number", "编号", "Number"),
               Text("title", "题名", "Title"),
               Text("borrower", "借阅人", "Borrower"),
               YesNo("original", "借出原件", "Paper original"),
               Of(CellKind::kDateTime, "lent_at", "借出时间", "Lent at"),
               Text("lent_by", "经办人", "Lent by"),
               Of(CellKind::kDate, "due", "应还日期", "Due"),
               Of(CellKind::kDateTime, "returned_at", "归还时间", "Returned at"),
               Text("returned_by", "接收人", "Returned to"),
               YesNo("overdue", "逾期", "Overdue"),
               Text("note", "备注", "Note")};
  for (const auto& l : loans) {
    t.rows.push_back({std::to_string(l.id), l.document_number, l.document_title, l.borrower,
                      l.original ? "yes" : "no", l.lent_at, l.lent_by, l.due, l.returned_at,
                      l.returned_by, l.overdue ? "yes" : "no", l.note});
  }
  return t;
}

Table SealsTable(const std::vector<SealUse>& uses) {
  Table t;
  t.name = "seals";
  t.title = "用印登记";
  t.columns = {Of(CellKind::kInteger, "id", "序号", "No."),
               Text("number", "文件编号", "Document number"),
               Text("seal", "印章", "Seal"),
               Text("purpose", "用途", "Purpose"),
               Named("status", "状态", "Status", SealStatusNames()),
               Text("requested_by", "申请人", "Requested by"),
               Of(CellKind::kDateTime, "requested_at", "申请时间", "Requested at"),
               Text("decided_by", "审批人", "Decided by"),
               Of(CellKind::kDateTime, "decided_at", "审批时间", "Decided at"),
               Text("comment", "审批意见", "Comment"),
               Of(CellKind::kDateTime, "used_at", "用印时间", "Used at"),
               Of(CellKind::kDateTime, "returned_at", "归还时间", "Returned at")};
  for (const auto& u : uses) {
    t.rows.push_back({std::to_string(u.id), u.document_number, u.seal, u.purpose, u.status,
                      u.requested_by, u.requested_at, u.decided_by, u.decided_at, u.comment,
                      u.used_at, u.returned_at});
  }
  return t;
}

}  // namespace dossier
