#include "cli/show_text.h"

#include "cli/local_time.h"
#include "cli/metadata_text.h"
#include "cli/output.h"

namespace dossier::cli {

namespace {

// `schema_json`: the type's metadata schema, whose titles label the fields.
void PrintDocumentHead(std::ostream& out, const Document& d, const std::vector<FileTextInfo>& texts,
                       const std::string& schema_json, const Names& names) {
  const auto& s = d.summary;
  auto by = [&](const std::string& at, const std::string& who) {
    return names.Say(at + "，" + who, at + " by " + who);
  };
  out << s.number << "  " << s.title << "\n";
  std::vector<std::pair<std::string, std::string>> rows = {
      {names.Field("标识", "id"), s.id},
      {names.Field("类型", "type"), names.Type(s.type)},
      {names.Field("状态", "status"), names.State(s.type, s.status)},
      {names.Field("密级", "confidentiality"), names.Level(s.confidentiality)},
      {names.Field("版本", "version"), std::to_string(s.current_version) + names.Say("（", " (") +
                                           by(LocalTime(d.current.created_at), d.current.author) +
                                           names.Say("）", ")")},
  };
  if (!s.dept.empty()) rows.push_back({names.Field("承办部门", "department"), s.dept});
  if (!s.counterparty.empty())
    rows.push_back({names.Field("相对方", "counterparty"), s.counterparty});
  if (!s.doc_date.empty()) rows.push_back({names.Field("日期", "date"), s.doc_date});
  rows.push_back({names.Field("登记", "registered"), by(LocalTime(s.created_at), s.created_by)});
  for (const auto& [label, value] : rows) out << "  " << label << value << "\n";
  out << "  " << names.Say("文件：", "files:") << "\n";
  if (d.current.files.empty()) out << "    " << names.Say("（无）", "(none)") << "\n";
  for (const auto& f : d.current.files) {
    out << "    " << f.name << "  " << HumanBytes(f.size) << "  sha256:" << f.sha256.substr(0, 16);
    for (const auto& t : texts) {
      if (t.name != f.name) continue;
      if (t.note.empty())
        out << names.Say("  可检索文本：", "  text: ") << t.kind << ", " << HumanBytes(t.size);
      else
        out << names.Say("  无可检索文本：", "  no text: ") << t.note;
    }
    out << "\n";
  }
  if (!d.relations.empty()) {
    out << "  " << names.Say("关系：", "relations:") << "\n";
    for (const auto& r : d.relations) {
      out << "    " << (r.outgoing ? "" : "<- ")
          << names.Relation(std::string(RelationCode(r.kind))) << " " << r.other_number << "  "
          << r.other_title << "\n";
    }
  }
  out << "  " << names.Say("元数据：", "metadata:") << "\n";
  PrintMetadataText(out, d.current.metadata_json, schema_json, "    ");
}

}  // namespace

void PrintDocumentDetail(std::ostream& out, const json::DocumentDetail& detail, const Names& names,
                         const std::string& schema_json) {
  const auto& [d, life, copies, archived, texts, transfer, retention, destruction] = detail;
  PrintDocumentHead(out, d, texts, schema_json, names);
  PrintLifecycle(out, life, names, d.summary.type);
  auto field = [&](const std::string& zh, const std::string& en) {
    return "  " + names.Field(zh, en);
  };
  if (!copies.empty()) {
    out << "  " << names.Say("副本分发：", "distributed to:") << "\n";
    for (const auto& c : copies) {
      out << "    " << c.recipient << "  "
          << names.Say(LocalTime(c.at) + "，" + c.by, LocalTime(c.at) + " by " + c.by) << "\n";
    }
  }
  if (archived) {
    const auto& a = *archived;
    out << field("归档", "archived") << "档号 " << a.archive_code
        << names.Say(
               "，第 " + std::to_string(a.piece) + " 件，保管期限 " + a.retention + "（" +
                   a.retention_reason + "），" + LocalTime(a.archived_at) + "，" + a.archived_by,
               ", piece " + std::to_string(a.piece) + ", retention " + a.retention + " (" +
                   a.retention_reason + "), " + LocalTime(a.archived_at) + " by " + a.archived_by)
        << "\n";
    if (retention->ok()) {
      out << field("处置", "disposition") << DescribeDisposition(**retention) << "\n";
      for (const auto& h : (*retention)->holds) {
        out << field("冻结", "held") << names.Say("冻结 ", "hold ") << h.id << names.Say("，", ", ")
            << h.reason << names.Say("（", " (") << h.authority << names.Say("）", ")") << "\n";
      }
    } else {
      out << field("处置", "disposition") << names.Say("未知：", "unknown: ")
          << retention->status().message() << "\n";
    }
  }
  if (destruction) {
    const auto& x = *destruction;
    out << field("已销毁", "destroyed")
        << names.Say(
               LocalTime(x.destroyed_at) + "，" + x.destroyed_by + "，销毁清册 " + x.list_number +
                   (x.certificate_number.empty() ? "" : "，销毁证明 " + x.certificate_number) +
                   "；仅存此记录",
               LocalTime(x.destroyed_at) + " by " + x.destroyed_by + " under " + x.list_number +
                   (x.certificate_number.empty() ? "" : ", certificate " + x.certificate_number) +
                   "; only this record remains")
        << "\n";
  }
  if (transfer) {
    out << field("已移交", "transferred")
        << names.Say("移交 " + transfer->recipient + "，" + LocalTime(transfer->at) + "，" +
                         transfer->by + "（第 " + std::to_string(transfer->seq) + " 次移交）",
                     "to " + transfer->recipient + ", " + LocalTime(transfer->at) + " by " +
                         transfer->by + " (transfer " + std::to_string(transfer->seq) + ")")
        << "\n";
  }
}

}  // namespace dossier::cli
