// The interchange form of a document record: what json, jsonl and the
// packages carry, read back exactly.
#include <gtest/gtest.h>

#include "dossier/export.h"
#include "support/sample_record.h"

namespace dossier {
namespace {

using testing::SampleRecord;

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
  EXPECT_NE(r.status().message().find("versions[0].files[0].size is not an integer"),
            std::string::npos)
      << r.status().message();
  r = replace("\"confidentiality\":\"秘密\"", "\"confidentiality\":\"绝密\"");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("confidentiality '绝密'"), std::string::npos)
      << r.status().message();
  r = replace("\"kind\":\"amends\"", "\"kind\":\"replaces\"");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("relations[0].kind"), std::string::npos)
      << r.status().message();
  r = replace("\"number\":\"HT-2026-SW-0001\",", "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("number is missing"), std::string::npos)
      << r.status().message();
  EXPECT_FALSE(ParseExportDocumentJson("[1,2]").ok());
  EXPECT_FALSE(ParseExportDocumentJson("{not json").ok());
}

}  // namespace
}  // namespace dossier
