// Reading a contract's drafted body: what of a Word, Markdown or text file
// the PDF typesets, and the errors for what cannot be one.
#include "dossier/drafted_text.h"

#include <gtest/gtest.h>

#include "support/zip_bytes.h"

namespace dossier {
namespace {

using Kind = TextBlock::Kind;

std::string Describe(const DraftedText& body) {
  std::string out;
  for (const auto& b : body.blocks) {
    if (b.kind == Kind::kHeading)
      out += "H" + std::to_string(b.level) + (b.align.empty() ? "" : "/" + b.align) + " " + b.text;
    if (b.kind == Kind::kParagraph)
      out += "P" + (b.align.empty() ? std::string() : "/" + b.align) + " " + b.text;
    if (b.kind == Kind::kTable) {
      out += "T";
      for (const auto& row : b.rows) {
        out += " [";
        for (size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i];
        out += "]";
      }
    }
    out += "\n";
  }
  return out;
}

const char* const kW = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string Docx(const std::string& body, const std::string& styles = "") {
  std::map<std::string, std::string> entries = {
      {"word/document.xml", std::string("<?xml version=\"1.0\"?><w:document ") + kW + "><w:body>" +
                                body + "</w:body></w:document>"}};
  if (!styles.empty())
    entries["word/styles.xml"] =
        std::string("<?xml version=\"1.0\"?><w:styles ") + kW + ">" + styles + "</w:styles>";
  return testing::ZipBytes(entries);
}

std::string P(const std::string& text, const std::string& properties = "") {
  return "<w:p>" + (properties.empty() ? "" : "<w:pPr>" + properties + "</w:pPr>") + "<w:r><w:t>" +
         text + "</w:t></w:r></w:p>";
}

TEST(DraftedText, AWordBodyKeepsItsHeadingsAlignmentTablesAndRunsJoined) {
  // Word names its styles in English whatever the interface language, with
  // ids of its own ("1" for 标题 1 in a Chinese Word).
  std::string styles =
      R"(<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/></w:style>)";
  std::string body =
      P("采购合同", R"(<w:pStyle w:val="a3"/>)") + P("合同编号：HT-1", R"(<w:jc w:val="right"/>)") +
      P("第一章 总则", R"(<w:pStyle w:val="1"/>)") +
      P("第一条 标的", R"(<w:outlineLvl w:val="1"/>)") +
      "<w:p><w:r><w:t>甲方向乙方</w:t></w:r><w:del><w:r><w:delText>删去的字</w:delText></w:r></"
      "w:del>"
      "<w:ins><w:r><w:t>采购</w:t></w:r></w:ins><w:r><w:tab/><w:t>服务器。</w:t></w:r></w:p>" +
      P("   ") + "<w:tbl><w:tr><w:tc>" + P("品名") + "</w:tc><w:tc>" + P("数量") +
      "</w:tc></w:tr>"
      "<w:tr><w:tc>" +
      P("服务器") + P("含安装") + "</w:tc><w:tc>" + P("2") + "</w:tc></w:tr></w:tbl>" +
      P("正文", R"(<w:pStyle w:val="Body"/>)");
  auto read = ReadDraftedText(Docx(body, styles), "合同.DOCX");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(Describe(*read),
            "H0/center 采购合同\n"
            "P/right 合同编号：HT-1\n"
            "H1 第一章 总则\n"
            "H2 第一条 标的\n"
            "P 甲方向乙方采购 服务器。\n"
            "T [品名|数量] [服务器\n含安装|2]\n"
            "P 正文\n");
}

TEST(DraftedText, AMarkdownBodyHasHeadingsJoinedLinesListsAndTables) {
  auto read = ReadDraftedText(
      "# 采购合同\r\n\r\n## 第一条 标的\n甲方向乙方采购\n**服务器**两台。\nThe servers\nare "
      "new.\n\n"
      "- 交货\n1. 验收\n\n| 品名 | 数量 |\n|:---|---:|\n| 服务器 | 2 |\n后文\n",
      "body.md");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(Describe(*read),
            "H0 采购合同\n"
            "H1 第一条 标的\n"
            "P 甲方向乙方采购服务器两台。The servers are new.\n"
            "P 交货\n"
            "P 1. 验收\n"
            "T [品名|数量] [服务器|2]\n"
            "P 后文\n");
}

TEST(DraftedText, APlainBodyFindsTitleChaptersArticlesAndTabbedTables) {
  auto read = ReadDraftedText(
      "\xEF\xBB\xBF技术服务合同\n第一章　总则\n第一条 服务内容\n乙方为甲方提供运维服务。\n"
      "第二条 "
      "本条文字较长，是一句完整的话，所以不是标题。\n序号\t品名\t金额\n1\t运维\t1000\n\n结尾。\n",
      "body.txt");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(Describe(*read),
            "H0 技术服务合同\n"
            "H1 第一章　总则\n"
            "H2 第一条 服务内容\n"
            "P 乙方为甲方提供运维服务。\n"
            "P 第二条 本条文字较长，是一句完整的话，所以不是标题。\n"
            "T [序号|品名|金额] [1|运维|1000]\n"
            "P 结尾。\n");
  // GB18030 text, as Windows Notepad in China saves it, reads the same.
  auto gbk = ReadDraftedText("\xBA\xCF\xCD\xAC\n", "old.txt");  // 合同
  ASSERT_TRUE(gbk.ok()) << gbk.status().message();
  EXPECT_EQ(Describe(*gbk), "H0 合同\n");
}

TEST(DraftedText, WhatCannotBeABodyIsRefusedNamingTheFile) {
  auto scan = ReadDraftedText("%PDF-1.4", "signed.pdf");
  ASSERT_FALSE(scan.ok());
  EXPECT_EQ(scan.status().message(),
            "'signed.pdf' is not a drafted text: a body is a Word (.docx), Markdown (.md) or text "
            "(.txt) file");
  EXPECT_FALSE(IsDraftedTextName("signed.pdf"));
  EXPECT_TRUE(IsDraftedTextName("a.Md"));
  auto broken = ReadDraftedText("PK not really", "draft.docx");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().message().rfind("'draft.docx' is not a readable Word file (", 0), 0u)
      << broken.status().message();
  auto no_document = ReadDraftedText(testing::ZipBytes({{"word/other.xml", "<x/>"}}), "empty.docx");
  ASSERT_FALSE(no_document.ok());
  EXPECT_NE(no_document.status().message().find("no word/document.xml"), std::string::npos);
  auto blank = ReadDraftedText("\n  \n", "blank.txt");
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.status().message(), "'blank.txt' has no text");
  auto binary = ReadDraftedText(std::string("\xFF\xFE\x00\x41", 4), "utf16.txt");
  ASSERT_FALSE(binary.ok());
  EXPECT_NE(binary.status().message().find("'utf16.txt' cannot be read: "), std::string::npos)
      << binary.status().message();
  // An external entity is never fetched: the file is refused or read as its own text only.
  auto entity = ReadDraftedText(
      testing::ZipBytes({{"word/document.xml",
                          std::string("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM "
                                      "\"file:///etc/passwd\">]><w:document ") +
                              kW + "><w:body>" + P("甲&x;乙") + "</w:body></w:document>"}}),
      "xxe.docx");
  std::string seen = entity.ok() ? Describe(*entity) : entity.status().message();
  EXPECT_EQ(seen.find("root:"), std::string::npos) << seen;
}

}  // namespace
}  // namespace dossier
