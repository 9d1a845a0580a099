#include "eep_exporter.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <map>

#include "dossier/repository.h"
#include "package_writer.h"
#include "xml_text.h"

namespace dossier::eep {

namespace {

// One part of a document's XML: text, or the base64 of a stored file.
struct Piece {
  std::string text;
  const FileEntry* content = nullptr;
};

class Xml {
 public:
  void Open(const std::string& name, const std::string& attributes = "") {
    Indent();
    text_ += "<" + name + attributes + ">\n";
    ++depth_;
  }
  void Close(const std::string& name) {
    --depth_;
    Indent();
    text_ += "</" + name + ">\n";
  }
  void Leaf(const std::string& name, const std::string& value, const std::string& attributes = "") {
    Indent();
    text_ += "<" + name + attributes + ">" + XmlEscape(value) + "</" + name + ">\n";
  }
  // The base64 of a file, streamed when the XML is written.
  void Content(const std::string& name, const FileEntry* file) {
    Indent();
    text_ += "<" + name + ">";
    pieces_.push_back({std::move(text_), nullptr});
    pieces_.push_back({"", file});
    text_ = "</" + name + ">\n";
  }
  std::vector<Piece> Done() {
    pieces_.push_back({std::move(text_), nullptr});
    return std::move(pieces_);
  }

 private:
  void Indent() { text_.append(static_cast<size_t>(depth_) * 2, ' '); }
  std::string text_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  std::vector<Piece> pieces_;
  int depth_ = 0;
};

std::string Attribute(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + XmlEscape(value) + "\"";
}

// DA/T 46's wording of a retention class.
std::string RetentionName(const std::string& code) {
  if (code == "Y") return "永久";
  if (code.size() > 1 && code[0] == 'D') return "定期" + code.substr(1) + "年";
  return code;
}

struct Source {
  std::string organization;
  std::string fonds;
};

Source SourceOf(const Repository& repo, const ExportRequest& request) {
  Source s;
  auto text = repo.ConfigText("archive.json");
  if (text.ok()) {
    try {
      Poco::JSON::Parser parser;
      auto o = parser.parse(*text).extract<Poco::JSON::Object::Ptr>();
      s.fonds = o->optValue<std::string>("fonds", "");
      s.organization = o->optValue<std::string>("organization", "");
    } catch (const Poco::Exception&) {
    }
  }
  if (auto it = request.options.find("organization"); it != request.options.end())
    s.organization = it->second;
  if (s.organization.empty()) s.organization = s.fonds.empty() ? "未设置" : "全宗 " + s.fonds;
  return s;
}

std::vector<Piece> DocumentXml(const ExportDocument& d, const std::string& type_name,
                               const Source& source, const ExportRequest& request) {
  const auto& s = d.summary;
  Xml x;
  x.Open("电子文件封装包");
  x.Leaf("封装包格式描述",
         "本封装包参照 DA/T 48-2009《基于XML的电子文件封装规范》生成，元数据元素参照 DA/T 46-2009；"
         "文件数据以 Base64 编码，每一文档附 SHA-256 摘要");
  x.Leaf("版本", "2009");
  x.Open("被签名对象");
  x.Leaf("封装包类型", d.versions.size() > 1 ? "修改型" : "原始型");
  x.Leaf("封装包类型描述", d.versions.size() > 1
                               ? "本封装包包含电子文件的各个版本及其元数据，版本链完整"
                               : "本封装包包含电子文件数据及其元数据，原始封装");
  x.Leaf("封装包创建时间", request.exported_at);
  x.Leaf("封装包创建单位", source.organization);
  x.Leaf("封装包创建者", request.exported_by);
  x.Open("封装内容");
  x.Open("文件实体块");
  x.Open("文件实体");
  x.Leaf("聚合层次", "文件");
  x.Open("来源");
  x.Leaf("立档单位名称", source.organization);
  x.Leaf("全宗号", source.fonds);
  x.Close("来源");
  x.Leaf("电子文件号", s.id);
  if (d.archive) {
    x.Leaf("档号", d.archive->archive_code);
    x.Leaf("件号", std::to_string(d.archive->piece));
  }
  x.Open("内容描述");
  x.Leaf("题名", s.title);
  x.Leaf("文号", s.number);
  x.Leaf("责任者", s.dept.empty() ? s.created_by : s.dept);
  x.Leaf("日期", s.doc_date.empty() ? s.created_at.substr(0, 10) : s.doc_date);
  x.Leaf("文种", type_name);
  x.Leaf("密级", std::string(ConfidentialityName(s.confidentiality)));
  if (d.archive) x.Leaf("保管期限", RetentionName(d.archive->retention));
  if (!s.counterparty.empty()) x.Leaf("相对方", s.counterparty);
  x.Close("内容描述");

  std::map<std::string, std::string> content_ids;  // sha256 -> "D1": each distinct content once
  std::vector<const FileEntry*> contents;
  for (const auto& v : d.versions) {
    for (const auto& f : v.files) {
      if (content_ids.emplace(f.sha256, "D" + std::to_string(content_ids.size() + 1)).second)
        contents.push_back(&f);
    }
  }
  x.Open("形式特征");
  x.Leaf("件数", std::to_string(d.versions.back().files.size()));
  x.Leaf("版本数", std::to_string(d.versions.size()));
  x.Close("形式特征");
  x.Leaf("业务状态", s.status);
  x.Open("登记");
  x.Leaf("登记人", s.created_by);
  x.Leaf("登记时间", s.created_at);
  x.Close("登记");
  if (!d.relations.empty()) {
    x.Open("关联");
    for (const auto& r : d.relations) {
      x.Leaf(
          "关联文件", r.to_number,
          Attribute("关系", std::string(RelationCode(r.kind))) + Attribute("电子文件号", r.to_id));
    }
    x.Close("关联");
  }
  x.Open("版本链");
  for (const auto& v : d.versions) {
    x.Open("版本", Attribute("版本号", std::to_string(v.number)) +
                       Attribute("父版本", std::to_string(v.parent)));
    x.Leaf("题名", v.title);
    x.Leaf("责任者", v.author);
    x.Leaf("时间", v.created_at);
    x.Leaf("说明", v.comment);
    x.Leaf("摘要", v.digest, Attribute("算法", "SHA-256"));
    x.Leaf("元数据", v.metadata_json, Attribute("格式", "application/json"));
    for (const auto& f : v.files) {
      x.Open("文档", Attribute("编码ID", content_ids[f.sha256]));
      x.Leaf("计算机文件名", f.name);
      x.Leaf("计算机文件大小", std::to_string(f.size));
      x.Leaf("摘要", f.sha256, Attribute("算法", "SHA-256"));
      x.Close("文档");
    }
    x.Close("版本");
  }
  x.Close("版本链");
  if (!contents.empty()) {
    x.Open("文件数据");
    for (const auto* f : contents) {
      x.Open("编码", Attribute("编码ID", content_ids[f->sha256]));
      x.Leaf("反编码关键字", "base64");
      x.Leaf("摘要", f->sha256, Attribute("算法", "SHA-256"));
      x.Leaf("计算机文件大小", std::to_string(f->size));
      x.Content("编码数据", f);
      x.Close("编码");
    }
    x.Close("文件数据");
  }
  if (!d.steps.empty()) {
    x.Open("业务实体块");
    for (const auto& t : d.steps) {
      x.Open("业务行为");
      x.Leaf("行为", t.action);
      x.Leaf("行为者", t.actor);
      x.Leaf("角色", t.role);
      x.Leaf("行为时间", t.at);
      x.Leaf("状态变化", t.from_state + " → " + t.to_state);
      x.Leaf("行为描述", t.comment);
      x.Close("业务行为");
    }
    x.Close("业务实体块");
  }
  x.Close("文件实体");
  x.Close("文件实体块");
  x.Close("封装内容");
  x.Close("被签名对象");
  x.Close("电子文件封装包");
  return x.Done();
}

}  // namespace

std::vector<ExportOptionInfo> EepExporter::Options() const {
  return {{"organization", "NAME",
           "封装包创建单位 and 立档单位名称 (default: config/archive.json's organization, else its "
           "fonds)"}};
}

Result<ExportReport> EepExporter::Export(const Repository& repo, const Actor& actor,
                                         const ExportRequest& request) const {
  std::map<std::string, std::string> type_names;
  for (const auto& t : repo.Types()) type_names[t.code] = t.name_zh.empty() ? t.code : t.name_zh;
  Source source = SourceOf(repo, request);
  auto writer = packaging::PackageWriter::Create(request.output);
  if (!writer.ok()) return writer.status();
  ExportReport report;
  std::map<std::string, int> names;
  auto visited = repo.ExportDocuments(
      actor, request.selection, {Format(), request.output.string()},
      [&](const ExportDocument& d, const ExportContent& content) -> Status {
        auto pieces = DocumentXml(d, type_names[d.summary.type], source, request);
        uint64_t size = 0;
        for (const auto& p : pieces)
          size += p.content ? Base64Length(p.content->size) : p.text.size();
        std::string name = packaging::SafeEntryName(d.summary.number);
        if (names[name]++ > 0) name += "-" + std::to_string(names[name]);
        DOSSIER_RETURN_IF_ERROR(
            (*writer)->Add(name + ".xml", size, [&](const ContentSink& sink) -> Status {
              for (const auto& p : pieces) {
                if (!p.content) {
                  DOSSIER_RETURN_IF_ERROR(sink(p.text.data(), p.text.size()));
                  continue;
                }
                Base64Stream base64;
                DOSSIER_RETURN_IF_ERROR(content.Read(*p.content, [&](const char* data, size_t n) {
                  std::string encoded = base64.Encode(std::string_view(data, n));
                  return sink(encoded.data(), encoded.size());
                }));
                std::string tail = base64.Finish();
                DOSSIER_RETURN_IF_ERROR(sink(tail.data(), tail.size()));
                ++report.files;
              }
              return Status::Ok();
            }));
        report.outputs.push_back(request.output / (name + ".xml"));
        return Status::Ok();
      });
  if (!visited.ok()) return visited.status();
  DOSSIER_RETURN_IF_ERROR((*writer)->Commit());
  report.documents = *visited;
  report.bytes = (*writer)->bytes_written();
  if (report.outputs.size() > 20 ||
      packaging::PackageKindOf(request.output) != packaging::PackageKind::kFolder) {
    report.outputs = {request.output};
  }
  return report;
}

}  // namespace dossier::eep
