// The interchange form of a document record: what json, jsonl and the
// packages carry, read back exactly.
#include <gtest/gtest.h>

#include "dossier/export.h"

namespace dossier {
namespace {

ExportDocument SampleRecord() {
  ExportDocument d;
  d.summary.id = std::string(32, 'a');
  d.summary.number = "HT-2026-SW-0001";
  d.summary.type = "contract";
  d.summary.title = "服务器采购合同";
  d.summary.confidentiality = Confidentiality::kSecret;
  d.summary.status = "archived";
  d.summary.dept = "商务部";
  d.summary.counterparty = "北京华信科技有限公司";
  d.summary.doc_date = "2026-02-20";
  d.summary.created_at = "2026-02-01T08:00:00.000Z";
  d.summary.created_by = "张三";
  d.summary.current_version = 2;
  for (int n = 1; n <= 2; ++n) {
    Version v;
    v.number = n;
    v.parent = n - 1;
    v.title = "服务器采购合同";
    v.metadata_json = R"({"amount":{"currency":"CNY","value":1250000},"quantity":"20台"})";
    v.author = "张三";
    v.created_at = "2026-02-0" + std::to_string(n) + "T08:00:00.000Z";
    v.comment = n == 1 ? "起草" : "谈判后调价";
    v.digest = std::string(64, static_cast<char>('0' + n));
    v.files.push_back({"合同正文.txt", std::string(64, 'b'), 685});
    d.versions.push_back(v);
  }
  d.relations.push_back({RelationKind::kAmends, std::string(32, 'c'), "HT-2025-SW-0009", "2026-02-03T00:00:00Z", "张三"});
  d.archive = ArchiveRecord{d.summary.id, d.summary.number, "Z001-WS·2026-Y-SW-0001", 1, "Y", "重大合同永久保存",
                            "2026-10-01T00:00:00Z", "档案员"};
  d.number_scope = "HT-2026-SW";
  d.number_seq = 1;
  d.round = 2;
  d.steps.push_back({0, 1, "submit", "draft", "review", "张三", "clerk", "2026-02-02T00:00:00Z", "", false});
  d.steps.push_back({0, 2, "approve", "review", "approved", "李经理", "manager", "2026-02-03T00:00:00Z", "条款齐全", true});
  d.distributions.push_back({"财务部", "2026-02-21T00:00:00Z", "张三", "纸质副本"});
  Resolution r;
  r.item = 1;
  r.text = "三月底前完成到货验收";
  r.owner = "张三";
  r.due = "2026-03-31";
  r.status = "done";
  r.done_at = "2026-03-30T00:00:00Z";
  r.done_by = "张三";
  d.resolutions.push_back(r);
  d.archive_unit_id = d.summary.id;
  d.archive_code_scope = "Z001-WS·2026-Y-SW";
  d.archive_code_item = 1;
  d.audit.push_back({1, "2026-02-01T08:00:00.000Z", "张三", "register", d.summary.id,
                     R"({"number":"HT-2026-SW-0001","version":1})", std::string(64, '0'), std::string(64, 'e')});
  return d;
}

TEST(ExportJson, ARecordReadsBackToTheSameBytes) {
  auto d = SampleRecord();
  std::string json = ExportDocumentJson(d, true);
  auto parsed = ParseExportDocumentJson(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(ExportDocumentJson(*parsed, true), json);
  EXPECT_EQ(parsed->summary.confidentiality, Confidentiality::kSecret);
  ASSERT_EQ(parsed->versions.size(), 2u);
  EXPECT_EQ(parsed->versions[1].metadata_json, d.versions[1].metadata_json);
  EXPECT_EQ(parsed->versions[1].files[0].name, "合同正文.txt");
  EXPECT_EQ(parsed->relations[0].kind, RelationKind::kAmends);
  ASSERT_TRUE(parsed->archive);
  EXPECT_EQ(parsed->archive->archive_code, "Z001-WS·2026-Y-SW-0001");
  EXPECT_EQ(parsed->number_scope, "HT-2026-SW");
  EXPECT_EQ(parsed->round, 2);
  ASSERT_EQ(parsed->steps.size(), 2u);
  EXPECT_TRUE(parsed->steps[1].review);
  EXPECT_EQ(parsed->steps[1].comment, "条款齐全");
  EXPECT_EQ(parsed->distributions[0].recipient, "财务部");
  EXPECT_EQ(parsed->resolutions[0].status, "done");
  EXPECT_EQ(parsed->archive_code_item, 1);
  // The audit details are carried as the exact text that was chained.
  EXPECT_EQ(parsed->audit[0].details_json, d.audit[0].details_json);
}

TEST(ExportJson, WithoutAuditTheRecordHasNoAuditField) {
  std::string json = ExportDocumentJson(SampleRecord(), false);
  EXPECT_EQ(json.find("\"audit\""), std::string::npos);
  auto parsed = ParseExportDocumentJson(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->audit.empty());
}

TEST(ExportJson, ABrokenRecordNamesTheField) {
  std::string json = ExportDocumentJson(SampleRecord(), false);
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string copy = json;
    copy.replace(copy.find(from), from.size(), to);
    return ParseExportDocumentJson(copy);
  };
  auto r = replace("\"size\":685", "\"size\":\"685\"");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("versions[0].files[0].size is not an integer"), std::string::npos)
      << r.status().message();
  r = replace("\"confidentiality\":\"秘密\"", "\"confidentiality\":\"绝密\"");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("confidentiality '绝密'"), std::string::npos) << r.status().message();
  r = replace("\"kind\":\"amends\"", "\"kind\":\"replaces\"");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("relations[0].kind"), std::string::npos) << r.status().message();
  r = replace("\"number\":\"HT-2026-SW-0001\",", "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("number is missing"), std::string::npos) << r.status().message();
  EXPECT_FALSE(ParseExportDocumentJson("[1,2]").ok());
  EXPECT_FALSE(ParseExportDocumentJson("{not json").ok());
}

}  // namespace
}  // namespace dossier
