// End to end: `dossier render` with the PDF plugin, every shipped template,
// checked the way a user would: qpdf, pdffonts, pdftotext, pdfinfo, xmllint,
// and OCR of the rendered page (text extraction alone proves nothing about
// glyphs being drawn).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>

#include "e2e/run_dossier.h"
#include "e2e/walkthrough_copy.h"
#include "support/temp_dir.h"
#include "support/this_year.h"
#include "support/zip_bytes.h"

namespace dossier {
namespace {

using Poco::JSON::Object;

struct Shell {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command of Debian's PDF tools; stderr goes to stdout.
Shell Sh(const std::string& command) {
  Shell r;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string Q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Chinese characters of a text, with their counts.
std::map<std::u32string, int> Hanzi(const std::string& utf8) {
  std::map<std::u32string, int> out;
  for (size_t i = 0; i + 2 < utf8.size(); ++i) {
    auto b = static_cast<unsigned char>(utf8[i]);
    if ((b >> 4) != 0xE) continue;
    char32_t c = ((b & 0x0F) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3F) << 6) |
                 (static_cast<unsigned char>(utf8[i + 2]) & 0x3F);
    if (c >= 0x4E00 && c <= 0x9FFF) ++out[std::u32string(1, c)];
    i += 2;
  }
  return out;
}

// The share of page 1's Chinese characters that OCR reads back. Page
// segmentation 4 (one column of lines of varying size) reads forms and
// registers, whose cells are boxed by rules, as they are laid out: with the
// default, the Ming body face of a 9 pt register read back 80%, with 4 96%.
double OcrScore(const std::filesystem::path& pdf, const std::filesystem::path& scratch) {
  auto png = scratch / "ocr";
  if (Sh("pdftoppm -r 150 -png -f 1 -l 1 -singlefile " + Q(pdf) + " " + Q(png)).exit_code != 0)
    return 0;
  auto ocr = Sh("OMP_THREAD_LIMIT=1 tesseract " + Q(png.string() + ".png") +
                " - -l chi_sim --psm 4 2>/dev/null");
  auto text = Sh("pdftotext -f 1 -l 1 " + Q(pdf) + " -");
  auto want = Hanzi(text.out), got = Hanzi(ocr.out);
  int total = 0, hit = 0;
  for (const auto& [c, n] : want) {
    total += n;
    hit += std::min(n, got.count(c) ? got.at(c) : 0);
  }
  return total == 0 ? 0 : static_cast<double>(hit) / total;
}

std::string Flat(std::string s) {
  s.erase(
      std::remove_if(s.begin(), s.end(), [](char c) { return c == '\n' || c == ' ' || c == '\f'; }),
      s.end());
  return s;
}

class RenderCli : public ::testing::Test {
 protected:
  void SetUp() override {
    // The user guide's walk-through makes the fixture: a contract taken from
    // draft to archived with its file, minutes, an approval form.
    repo_ = dir_ / "demo";
    testing::CopyOfWalkthrough(repo_);
  }
  testing::Outcome Run(const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"--repo", repo_.string(), "--as", user});
    return testing::RunDossierIn(dir_.path(), args);  // default output names land in dir_
  }
  // Renders and returns the file, checking what every rendition must satisfy.
  std::filesystem::path Render(const std::vector<std::string>& what, const std::string& name,
                               int* pages = nullptr) {
    auto out = dir_ / (name + ".pdf");
    std::vector<std::string> args = {"render"};
    args.insert(args.end(), what.begin(), what.end());
    args.insert(args.end(), {"-o", out.string(), "--json"});
    auto o = Run("陈总", args);
    EXPECT_EQ(o.exit_code, 0) << name << ": " << o.err;
    if (o.exit_code != 0) return out;
    int n = o.Json().extract<Object::Ptr>()->getValue<int>("pages");
    if (pages) *pages = n;
    auto check = Sh("qpdf --check " + Q(out));
    EXPECT_EQ(check.exit_code, 0) << name << ": " << check.out;
    auto fonts = Sh("pdffonts " + Q(out));
    std::istringstream lines(fonts.out);
    std::string line;
    int font_lines = 0;
    while (std::getline(lines, line)) {
      if (line.find("TrueType") == std::string::npos && line.find("Type") == std::string::npos)
        continue;
      if (line.rfind("name", 0) == 0) continue;
      ++font_lines;
      EXPECT_NE(line.find(" yes yes yes "), std::string::npos)
          << name << ": not embedded as a subset with ToUnicode: " << line;
    }
    EXPECT_GE(font_lines, 1) << fonts.out;
    EXPECT_EQ(fonts.out.find("Syntax"), std::string::npos)
        << fonts.out;  // poppler warns about nothing
    auto info = Sh("pdfinfo " + Q(out));
    EXPECT_NE(info.out.find("Pages:           " + std::to_string(n)), std::string::npos)
        << info.out;
    EXPECT_NE(info.out.find("PDF version:     1.4"), std::string::npos) << info.out;
    // Archival: XMP that parses and declares PDF/A-1b, an output intent, no encryption.
    std::string bytes = Slurp(out);
    std::smatch xmp;
    std::string packet;
    if (std::regex_search(bytes, xmp,
                          std::regex("<\\?xpacket begin[\\s\\S]*?<\\?xpacket end='w'\\?>")))
      packet = xmp.str();
    EXPECT_NE(packet.find("<pdfaid:part>1</pdfaid:part>"), std::string::npos) << name;
    auto xml = dir_ / (name + ".xmp");
    std::ofstream(xml) << packet;
    EXPECT_EQ(Sh("xmllint --noout " + Q(xml)).exit_code, 0) << packet;
    EXPECT_NE(bytes.find("/OutputIntents"), std::string::npos);
    EXPECT_NE(bytes.find("/GTS_PDFA1"), std::string::npos);
    EXPECT_EQ(bytes.find("/Encrypt"), std::string::npos);
    return out;
  }

  testing::TempDir dir_;
  std::filesystem::path repo_;
};

TEST_F(RenderCli, TheContractRendersAsArchivalPdfWhoseTextAndGlyphsAreAllThere) {
  int pages = 0;
  auto pdf = Render({testing::ThisYear("HT-2026-SW-0001")}, "contract", &pages);
  EXPECT_EQ(pages, 3);  // the signature page: both parties' particulars and room for their seals
  auto text = Sh("pdftotext " + Q(pdf) + " -").out;
  EXPECT_NE(text.find("服务器采购合同"), std::string::npos) << text;
  EXPECT_NE(text.find("壹佰贰拾伍万元整"), std::string::npos) << text;  // 大写金额 of 1,250,000
  EXPECT_NE(Flat(text).find("第3页共3页"), std::string::npos);
  EXPECT_NE(Flat(text).find("（以下无正文）"), std::string::npos) << text;
  // A clause chosen at random comes back exactly.
  std::string meta =
      Slurp(std::string(DOSSIER_SOURCE_DIR) + "/docs/examples/contract-server-purchase.json");
  auto m = Poco::JSON::Parser().parse(meta).extract<Object::Ptr>();
  std::vector<std::string> clauses = {
      m->getValue<std::string>("breach_liability"), m->getValue<std::string>("dispute_resolution"),
      m->getValue<std::string>("subject"), m->getValue<std::string>("method")};
  std::mt19937 rng(std::random_device{}());
  const std::string& clause = clauses[rng() % clauses.size()];
  EXPECT_NE(Flat(text).find(Flat(clause)), std::string::npos)
      << "clause not found: " << clause << "\n"
      << text;
  // The clauses review asks for are in the text, the payment plan as a table,
  // the copies as the metadata says (4: two for each party) and in capitals.
  EXPECT_NE(Flat(text).find(Flat(m->getValue<std::string>("acceptance_criteria"))),
            std::string::npos)
      << text;
  EXPECT_NE(Flat(text).find("付款方式银行转账。"), std::string::npos) << text;
  EXPECT_NE(Flat(text).find("附：付款计划"), std::string::npos) << text;
  EXPECT_NE(Flat(text).find("全部货物验收合格后十个工作日内"), std::string::npos) << text;
  EXPECT_NE(Flat(text).find("本合同一式肆份，甲乙双方各执贰份"), std::string::npos) << text;
  EXPECT_NE(Flat(text).find("本合同自甲乙双方签字并盖章之日起生效"), std::string::npos) << text;
  // The signature block: each party's particulars and the signatory recorded at signing.
  auto layout = Flat(Sh("pdftotext -layout " + Q(pdf) + " -").out);
  for (const char* line :
       {"甲方（盖章）：华东数据服务有限公司", "法定代表人或授权代表（签字）：陈明",
        "法定代表人或授权代表（签字）：刘强", "开户银行：中国工商银行上海张江支行",
        "纳税人识别号：91110108MA0ABCDE3F", "地址：北京市海淀区中关村大街8号"}) {
    EXPECT_NE(layout.find(Flat(line)), std::string::npos) << line << "\n" << layout;
  }
  // The fonts are real subsets: small (three of them: the Ming body, its
  // Latin serif, the sans headings), and every character drawn (OCR).
  EXPECT_LT(std::filesystem::file_size(pdf), 100u * 1024);
  EXPECT_GE(OcrScore(pdf, dir_.path()), 0.9);
  // Deterministic: the same document renders to the same bytes.
  auto again = Render({testing::ThisYear("HT-2026-SW-0001")}, "contract-again");
  EXPECT_EQ(Slurp(pdf), Slurp(again));
}

// A draft voided: every page says so; what the draft does not yet say is
// shown as not agreed rather than left out; a clause ending in its own full
// stop gets no second; the amount in capitals and a long company name are
// never broken across lines.
TEST_F(RenderCli, AVoidContractIsMarkedOnEveryPageAndItsClausesReadRight) {
  const std::string name =
      "东方电子信息产业集团华东数据中心运营有限公司";  // 22 characters: fits the party line, not
                                                       // after 乙方：
  std::string parties =
      R"([{"role":"甲方","name":"华东数据服务有限公司","self":true},{"role":"乙方","name":")" +
      name + R"("}])";
  std::string long_text;
  for (int i = 0; i < 40; ++i)
    long_text += "乙方应当按照国家标准及行业规范提供服务并承担相应的违约责任，";
  long_text += "以上各项均应以书面形式确认。";
  auto added = Run("张三", {"add", "contract", "--title", "数据中心运维服务合同", "--json", "--set",
                            "parties:=" + parties, "--set", "subject=数据中心运维服务。", "--set",
                            "department=商务部", "--set", "amount.value:=98765432.1", "--set",
                            "amount.currency=CNY", "--set", "breach_liability=" + long_text});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string number = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  ASSERT_EQ(Run("李经理", {"void", number, "--reason", "重复登记"}).exit_code, 0);
  int pages = 0;
  auto pdf = Render({number}, "void", &pages);
  ASSERT_GE(pages, 2) << "the long clause makes it run over a page";
  for (int p = 1; p <= pages; ++p) {
    auto page =
        Sh("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + Q(pdf) + " -")
            .out;
    EXPECT_NE(page.find("已作废"), std::string::npos) << "page " << p << "\n" << page;
  }
  std::string text = Flat(Sh("pdftotext " + Q(pdf) + " -").out);
  EXPECT_NE(text.find("第二条数量（本合同未约定）"), std::string::npos) << text;
  EXPECT_NE(text.find("验收标准（本合同未约定）"), std::string::npos) << text;
  EXPECT_NE(text.find("第一条标的数据中心运维服务。第二条"), std::string::npos) << text;
  EXPECT_NE(text.find("就数据中心运维服务事宜"), std::string::npos) << text;
  EXPECT_EQ(text.find("。。"), std::string::npos) << text;
  // Line by line: the capitals and the name each stay on one line.
  std::string layout = Sh("pdftotext -layout " + Q(pdf) + " -").out;
  std::istringstream lines(layout);
  std::string line;
  bool capital_whole = false, name_whole = false;
  while (std::getline(lines, line)) {
    std::string flat = Flat(line);
    capital_whole =
        capital_whole || flat.find("玖仟捌佰柒拾陆万伍仟肆佰叁拾贰元壹角整") != std::string::npos;
    name_whole = name_whole || flat.find(name) != std::string::npos;
    EXPECT_NE(flat.rfind("整", 0), 0u) << "a line starts with 整: " << line;
  }
  EXPECT_TRUE(capital_whole) << layout;
  EXPECT_TRUE(name_whole) << layout;
}

// The baseline (from the top of page `page`) of the first word whose text
// starts with `prefix`, from pdftotext -bbox; -1 when there is none.
double TopOf(const std::string& bbox, int page, const std::string& prefix) {
  std::regex word(
      "<word xMin=\"[0-9.]+\" yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"[0-9.]+\">([^<]*)</word>");
  size_t at = 0;
  for (int p = 0; p < page; ++p) {
    at = bbox.find("<page ", at);
    if (at == std::string::npos) return -1;
    ++at;
  }
  size_t end = bbox.find("</page>", at);
  std::string text = bbox.substr(at, end == std::string::npos ? std::string::npos : end - at);
  for (std::sregex_iterator it(text.begin(), text.end(), word), last; it != last; ++it) {
    if ((*it)[2].str().rfind(prefix, 0) == 0) return std::stod((*it)[1].str());
  }
  return -1;
}

// A contract registered with its drafted text (Word, or Markdown) is printed
// from that text: its title, articles and table, between the metadata's
// party block and signature block, in a serif body with sans headings, and
// with room for both seals.
TEST_F(RenderCli, AContractWithADraftedBodyIsTypesetFromItsTextWithRoomForTheSeals) {
  const char* w = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
  auto p = [](const std::string& text, const std::string& props = "") {
    return "<w:p>" + (props.empty() ? "" : "<w:pPr>" + props + "</w:pPr>") + "<w:r><w:t>" + text +
           "</w:t></w:r></w:p>";
  };
  auto row = [&](std::vector<std::string> cells) {
    std::string r = "<w:tr>";
    for (const auto& c : cells) r += "<w:tc>" + p(c) + "</w:tc>";
    return r + "</w:tr>";
  };
  std::string document =
      std::string("<?xml version=\"1.0\"?><w:document ") + w + "><w:body>" +
      p("机房设备采购合同", R"(<w:pStyle w:val="a3"/>)") +
      p("第一条 采购标的", R"(<w:pStyle w:val="2"/>)") +
      p("甲方向乙方采购机房设备一批，明细如下表。") + "<w:tbl>" +
      row({"品名", "数量", "单价（元）"}) + row({"精密空调", "2", "86000"}) +
      row({"不间断电源", "4", "32500"}) + "</w:tbl>" +
      p("第二条 交付与验收", R"(<w:pStyle w:val="2"/>)") +
      p("乙方于合同生效后三十日内在甲方机房完成安装调试，经甲方验收合格后交付使用。") +
      "</w:body></w:document>";
  std::string styles =
      std::string("<?xml version=\"1.0\"?><w:styles ") + w + ">" +
      R"(<w:style w:styleId="a3"><w:name w:val="Title"/></w:style><w:style w:styleId="2"><w:name w:val="heading 2"/></w:style>)" +
      "</w:styles>";
  std::ofstream(dir_ / "机房设备采购合同.docx", std::ios::binary)
      << testing::ZipBytes({{"word/document.xml", document}, {"word/styles.xml", styles}});
  std::string parties =
      R"([{"role":"甲方","name":"华东数据服务有限公司","self":true,"signatory":"陈明"},{"role":"乙方","name":"恒温机电设备有限公司","signatory":"刘强"}])";
  auto add = [&](const std::string& body, const std::string& file) {
    return Run("张三", {"add", "contract", "--title", "机房设备", "--json", "--set",
                        "parties:=" + parties, "--set", "subject=机房设备", "--set",
                        "department=商务部", "--set", "amount.value:=302000", "--set",
                        "amount.currency=CNY", "--set", "body=" + body, (dir_ / file).string()});
  };
  // The body must be one of the contract's own files, and a drafted text.
  auto absent = add("正文.docx", "机房设备采购合同.docx");
  EXPECT_NE(absent.exit_code, 0);
  EXPECT_NE(absent.err.find("metadata /body: '正文.docx' is not a file of this document (its "
                            "files: 机房设备采购合同.docx)"),
            std::string::npos)
      << absent.err;
  std::ofstream(dir_ / "scan.pdf") << "%PDF-1.4 scanned";
  auto scan = add("scan.pdf", "scan.pdf");
  EXPECT_NE(scan.exit_code, 0);
  EXPECT_NE(scan.err.find("'scan.pdf' is not a drafted text"), std::string::npos) << scan.err;
  auto added = add("机房设备采购合同.docx", "机房设备采购合同.docx");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string number = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  int pages = 0;
  auto pdf = Render({number}, "drafted", &pages);
  std::string text = Flat(Sh("pdftotext " + Q(pdf) + " -").out);
  // The drafted title heads it (once), then the party block, the articles as written, the table.
  EXPECT_EQ(text.find("机房设备采购合同"), text.rfind("机房设备采购合同")) << text;
  EXPECT_NE(text.find("机房设备采购合同合同编号：" + number), std::string::npos) << text;
  EXPECT_NE(text.find("甲方：华东数据服务有限公司"), std::string::npos) << text;
  EXPECT_NE(text.find("第一条采购标的甲方向乙方采购机房设备一批，明细如下表。"), std::string::npos)
      << text;
  EXPECT_NE(text.find("精密空调286000"), std::string::npos) << text;
  EXPECT_NE(text.find("第二条交付与验收乙方于合同生效后三十日内"), std::string::npos) << text;
  // Not the clauses built from metadata: the drafted text is the contract.
  EXPECT_EQ(text.find("本合同未约定"), std::string::npos) << text;
  EXPECT_EQ(text.find("根据《中华人民共和国民法典》"), std::string::npos) << text;
  EXPECT_NE(text.find("法定代表人或授权代表（签字）：陈明"), std::string::npos) << text;
  // Two faces embedded: the serif body, the sans headings.
  auto fonts = Sh("pdffonts " + Q(pdf)).out;
  EXPECT_NE(fonts.find("UMingCN"), std::string::npos) << fonts;  // AR PL UMing CN
  EXPECT_NE(fonts.find("WenQuanYi"), std::string::npos) << fonts;
  // Room for a seal of 42 mm (119 pt) between a party's name and its signatory.
  auto bbox = Sh("pdftotext -bbox " + Q(pdf) + " -").out;
  double seal_line = TopOf(bbox, pages, "甲方（盖章）"),
         signatory = TopOf(bbox, pages, "法定代表人或授权代表");
  ASSERT_GT(seal_line, 0) << bbox;
  ASSERT_GT(signatory, 0) << bbox;
  EXPECT_GE(signatory - seal_line, 42 * 72 / 25.4) << "no room for the seal";
  EXPECT_GE(OcrScore(pdf, dir_.path()), 0.9);

  // The same text as Markdown, changed in a new version, prints the same way.
  std::ofstream(dir_ / "body.md")
      << "# 机房设备采购合同\n\n## 第一条 采购标的\n\n甲方向乙方采购机房设备一批。\n\n"
         "| 品名 | 数量 |\n|---|---:|\n| 精密空调 | 2 |\n";
  auto changed =
      Run("张三", {"version", number, (dir_ / "body.md").string(), "--set", "body=body.md"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err << changed.out;
  auto md = Render({number}, "drafted-md");
  std::string md_text = Flat(Sh("pdftotext " + Q(md) + " -").out);
  EXPECT_NE(md_text.find("第一条采购标的甲方向乙方采购机房设备一批。品名数量精密空调2"),
            std::string::npos)
      << md_text;
}

// Negotiation minutes under the company's name: those absent, the reviewer,
// and lines for both sides to sign.
TEST_F(RenderCli, NegotiationMinutesCarryTheCompanyTheReviewerTheAbsentAndBothSidesSignatures) {
  auto config = repo_ / "config" / "pdf.json";
  auto pdf_json = Poco::JSON::Parser().parse(Slurp(config)).extract<Object::Ptr>();
  pdf_json->set("organization", "华东数据服务有限公司");
  std::ostringstream written;
  pdf_json->stringify(written);
  std::ofstream(config) << written.str();
  auto added =
      Run("张三",
          {"add", "negotiation-minutes", "--title", "运维服务价格谈判纪要", "--json", "--set",
           "counterparty=北京华信科技有限公司", "--set", "date=2026-05-06", "--set", "chair=李经理",
           "--set", "attendees:=[\"李经理\",\"张三\"]", "--set", "absent:=[\"赵会计\"]", "--set",
           "distribution:=[\"商务部\"]", "--set", "discussion=双方就年度服务价格达成一致。"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string number = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto draft = Flat(Sh("pdftotext -layout " + Q(Render({number}, "negotiation-draft")) + " -").out);
  EXPECT_EQ(draft.find("审核人"), std::string::npos) << "not reviewed yet: " << draft;
  ASSERT_EQ(Run("李经理", {"transition", number, "approve", "--comment", "同意"}).exit_code, 0);
  auto text = Flat(Sh("pdftotext -layout " + Q(Render({number}, "negotiation")) + " -").out);
  for (const char* s :
       {"华东数据服务有限公司运维服务价格谈判纪要", "缺席人员赵会计", "审核人李经理",
        "谈判对方北京华信科技有限公司", "我方：华东数据服务有限公司", "对方：北京华信科技有限公司",
        "代表（签字）："}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }
  // The signature lines are the last thing on the page, after the minutes.
  EXPECT_GT(text.rfind("代表（签字）："), text.find("分送：")) << text;
  EXPECT_NE(text.find("代表（签字）：", text.find("代表（签字）：") + 1), std::string::npos)
      << "one for each side: " << text;
}

// The approval form gives each opinion when it was given, in the repository's
// zone (Asia/Shanghai here) with the offset — not the render time, not UTC.
TEST_F(RenderCli, TheApprovalFormDatesEachOpinionInTheRepositorysZone) {
  auto form = dir_ / "form-local.pdf";
  auto o = testing::RunDossier({"--repo", repo_.string(), "--as", "陈总", "render",
                                testing::ThisYear("SP-2026-0001"), "-o", form.string()},
                               dir_.path(), "TZ=");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto shown = Run("陈总", {"show", testing::ThisYear("HT-2026-SW-0001"), "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto steps = shown.Json().extract<Object::Ptr>()->getArray("steps");
  ASSERT_GE(steps->size(), 4u);
  // Compared without spaces and line ends: a table cell may wrap.
  std::string text = Sh("pdftotext " + Q(form) + " - | tr -d '\\n '").out;
  for (size_t i = 0; i < steps->size(); ++i) {
    std::string at = steps->getObject(static_cast<unsigned>(i))->getValue<std::string>("at");
    // Converted by Python's zoneinfo, independently of the program.
    std::string local =
        Sh("/usr/bin/python3 -c \"import datetime, zoneinfo; "
           "print(datetime.datetime.fromisoformat('" +
           at.substr(0, 19) +
           "+00:00').astimezone(zoneinfo.ZoneInfo('Asia/Shanghai')).strftime('%Y-%m-%d %H:%M'))\"")
            .out;
    local = local.substr(0, local.find('\n'));
    ASSERT_EQ(local.size(), 16u) << local;
    local.erase(local.find(' '), 1);
    EXPECT_NE(text.find(local + "+08:00"), std::string::npos) << at << " as " << local << " in\n"
                                                              << text;
  }
  EXPECT_EQ(text.find("UTC"), std::string::npos) << text;
}

TEST_F(RenderCli, MinutesApprovalFormLedgerCatalogueAndCoverSheet) {
  auto minutes = Render({testing::ThisYear("HY-2026-0001")}, "minutes");
  auto mt = Sh("pdftotext " + Q(minutes) + " -").out;
  for (const char* s :
       {"服务器采购项目四月例会纪要", "议定事项", "与乙方协商交付期变更，起草补充协议",
        "2026年4月15日", "分送：商务部、法务部、财务部"}) {
    EXPECT_NE(mt.find(s), std::string::npos) << s << "\n" << mt;
  }
  EXPECT_GE(OcrScore(minutes, dir_.path()), 0.9);

  auto form = Render({testing::ThisYear("SP-2026-0001")}, "approval-form");
  auto ft = Sh("pdftotext " + Q(form) + " -").out;
  for (const std::string& s :
       std::vector<std::string>{"合同审批表", testing::ThisYear("HT-2026-SW-0001"), "违约条款合规",
                                "王律师", "赵会计", "壹佰贰拾伍万元整"}) {
    EXPECT_NE(ft.find(s), std::string::npos) << s << "\n" << ft;
  }
  EXPECT_GE(OcrScore(form, dir_.path()), 0.9);

  auto ledger = Render({"--template", "ledger", "--by", "quarter"}, "ledger");
  auto lt = Sh("pdftotext -layout " + Q(ledger) + " -").out;
  EXPECT_NE(lt.find("合同台账"), std::string::npos);
  EXPECT_NE(lt.find("2026-Q1"), std::string::npos) << lt;
  EXPECT_NE(lt.find(testing::ThisYear("HT-2026-SW-0001")), std::string::npos) << lt;
  EXPECT_NE(lt.find("已归档（履行完"), std::string::npos)
      << lt;  // states in Chinese, as the workflow names them (the cell wraps)
  // Nothing of the ledger in English codes: the grouping, the totals, amendments, payments.
  const std::string flat_ledger = Flat(lt);
  for (const char* s : {"分组：按季度", "合计", "1份（已批", "已付", "履行完毕"}) {
    EXPECT_NE(flat_ledger.find(s), std::string::npos) << s << "\n" << lt;
  }
  for (const char* s : {"quarter", "total", "approved", "paid"})
    EXPECT_EQ(lt.find(s), std::string::npos) << s << "\n" << lt;

  auto catalogue = Render({testing::ThisYear("HT-2026-SW-0001"), "--template", "archive-catalogue"},
                          "catalogue");
  auto ct = Sh("pdftotext " + Q(catalogue) + " -").out;
  for (const std::string& s : std::vector<std::string>{
           "归档文件目录", "Z001-WS·2026-Y-SW-0001", testing::ThisYear("BC-2026-SW-0001"),
           testing::ThisYear("SP-2026-0001"), "共 4 件"}) {
    EXPECT_NE(ct.find(s), std::string::npos) << s << "\n" << ct;
  }
  // Where the audit trail stood when it was printed: the head's hash (the
  // render's own audit entries come after it).
  auto trail = Run("档案员", {"audit", "--json"}).Json().extract<Poco::JSON::Array::Ptr>();
  bool head_printed = false;
  for (size_t i = 0; i < trail->size(); ++i) {
    const auto hash = trail->getObject(static_cast<unsigned>(i))->getValue<std::string>("hash");
    head_printed = head_printed || ct.find(hash.substr(0, 16)) != std::string::npos;
  }
  EXPECT_TRUE(head_printed) << ct;
  EXPECT_NE(ct.find("本目录制作时审计链位于第"), std::string::npos) << ct;
  auto cover = Render({testing::ThisYear("HT-2026-SW-0001"), "--template", "cover-sheet"}, "cover");
  EXPECT_NE(Sh("pdftotext " + Q(cover) + " -").out.find("Z001-WS·2026-Y-SW-0001"),
            std::string::npos);
}

// The records of destruction: the minutes (D30, due for review) are put back
// thirty years, named on a list after their appraisal, signed and destroyed.
TEST_F(RenderCli, TheDestructionListAndCertificate) {
  ASSERT_EQ(Sh("sqlite3 " + Q(repo_ / "catalog.db") +
               " \"UPDATE archives SET clock_start = '1990-06-01' WHERE retention = 'D30'\"")
                .exit_code,
            0);
  ASSERT_EQ(Run("admin", {"user", "add", "档案员二", "--role", "archivist"}).exit_code, 0);
  auto proposed = Run("档案员", {"disposal", "propose", testing::ThisYear("HY-2026-0001"), "--note",
                                 "鉴定：无继续保存价值", "--json"});
  ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
  std::string list = proposed.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto printed = Render({list}, "destruction-list");
  auto lt = Sh("pdftotext " + Q(printed) + " -").out;
  for (const char* s : {"档案销毁清册", "Z001-WS·2026-D30-SW-0001", "服务器采购项目四月例会纪要",
                        "定期30年", "鉴定与审批", "法务"}) {
    EXPECT_NE(lt.find(s), std::string::npos) << s << "\n" << lt;
  }
  EXPECT_GE(OcrScore(printed, dir_.path()), 0.9);
  for (const char* who : {"李经理", "王律师", "档案员二", "陈总"})
    ASSERT_EQ(Run(who, {"disposal", "approve", list}).exit_code, 0);
  auto executed = Run("档案员", {"disposal", "execute", list, "--json"});
  ASSERT_EQ(executed.exit_code, 0) << executed.err;
  std::string certificate =
      executed.Json().extract<Object::Ptr>()->getValue<std::string>("certificate");
  auto cert = Render({certificate}, "destruction-certificate");
  auto ct = Sh("pdftotext " + Q(cert) + " -").out;
  for (const std::string& s : std::vector<std::string>{"档案销毁证明", "已销毁",
                                                       testing::ThisYear("HY-2026-0001"), "陈总"})
    EXPECT_NE(ct.find(s), std::string::npos) << s << "\n" << ct;
  EXPECT_NE(ct.find(list), std::string::npos) << ct;
  EXPECT_GE(OcrScore(cert, dir_.path()), 0.9);
  EXPECT_EQ(Slurp(cert),
            Slurp(Render({certificate}, "destruction-certificate-again")));  // deterministic
}

TEST_F(RenderCli, RenderingReadsOnlyAndRefusesWhatDoesNotFit) {
  auto before = Run("陈总", {"history", testing::ThisYear("HT-2026-SW-0001"), "--json"}).out;
  Render({testing::ThisYear("HT-2026-SW-0001")}, "contract");
  EXPECT_EQ(Run("陈总", {"history", testing::ThisYear("HT-2026-SW-0001"), "--json"}).out, before);

  auto list = Run("陈总", {"render", "--list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  for (const char* t : {"contract", "agreement", "approval-form", "minutes", "report", "ledger",
                        "archive-catalogue", "cover-sheet"}) {
    EXPECT_NE(list.out.find(t), std::string::npos) << t;
  }
  auto wrong = Run("陈总", {"render", testing::ThisYear("HY-2026-0001"), "--template", "contract",
                            "-o", (dir_ / "x.pdf").string()});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("does not render documents of type meeting-minutes"), std::string::npos)
      << wrong.err;
  auto unknown =
      Run("陈总", {"render", testing::ThisYear("HT-2026-SW-0001"), "--template", "contrat"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no template 'contrat'"), std::string::npos) << unknown.err;
  auto no_template = Run("陈总", {"render", testing::ThisYear("WJ-2026-00001")});
  EXPECT_EQ(no_template.exit_code, 1);
  EXPECT_NE(no_template.err.find("no template renders documents of type generic"),
            std::string::npos)
      << no_template.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.pdf"));

  // A character beyond the Basic Multilingual Plane (libharu 2.3.0 would
  // print a space for it) is refused, naming it and the field it is in.
  auto added =
      Run("张三", {"add", "contract", "--title", "测试合同", "--meta",
                   std::string(DOSSIER_SOURCE_DIR) + "/docs/examples/contract-server-purchase.json",
                   "--set", "parties.1.representative=吉𠮷", "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string number = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto rare = Run("陈总", {"render", number, "-o", (dir_ / "rare.pdf").string()});
  EXPECT_EQ(rare.exit_code, 1);
  EXPECT_NE(rare.err.find("'𠮷' (U+20BB7)"), std::string::npos) << rare.err;
  EXPECT_NE(rare.err.find("in field metadata.parties.1.representative"), std::string::npos)
      << rare.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "rare.pdf"));
}

TEST_F(RenderCli, DefaultFileNamesNameTheTemplateAndNeverReplaceAFile) {
  auto contract = Run("陈总", {"render", testing::ThisYear("HT-2026-SW-0001")});
  ASSERT_EQ(contract.exit_code, 0) << contract.err;
  auto catalogue = Run(
      "陈总", {"render", testing::ThisYear("HT-2026-SW-0001"), "--template", "archive-catalogue"});
  ASSERT_EQ(catalogue.exit_code, 0) << catalogue.err;
  EXPECT_NE(catalogue.out.find(testing::ThisYear("已写入 HT-2026-SW-0001-archive-catalogue.pdf（")),
            std::string::npos)
      << catalogue.out;
  auto contract_text =
      Sh("pdftotext " + Q(dir_ / testing::ThisYear("HT-2026-SW-0001.pdf")) + " -").out;
  EXPECT_EQ(contract_text.find("归档文件目录"), std::string::npos)
      << "the contract is still the contract";
  EXPECT_NE(
      Sh("pdftotext " + Q(dir_ / testing::ThisYear("HT-2026-SW-0001-archive-catalogue.pdf")) + " -")
          .out.find("归档文件目录"),
      std::string::npos);
  // Again, to a default name that is taken: refused, the file as it was.
  std::string before = Slurp(dir_ / testing::ThisYear("HT-2026-SW-0001.pdf"));
  auto again = Run("陈总", {"render", testing::ThisYear("HT-2026-SW-0001")});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find(testing::ThisYear(
                "HT-2026-SW-0001.pdf already exists here; name the output with -o FILE")),
            std::string::npos)
      << again.err;
  EXPECT_EQ(Slurp(dir_ / testing::ThisYear("HT-2026-SW-0001.pdf")), before);
  // A name the user gives is theirs to replace.
  EXPECT_EQ(Run("陈总", {"render", testing::ThisYear("HT-2026-SW-0001"), "-o",
                         testing::ThisYear("HT-2026-SW-0001.pdf")})
                .exit_code,
            0);
}

TEST_F(RenderCli, BatchRenderingWritesEachDocumentAndNamesWhatFailed) {
  auto dir = dir_ / "batch";
  auto o = Run("陈总",
               {"render", testing::ThisYear("HT-2026-SW-0001"), testing::ThisYear("HY-2026-0001"),
                testing::ThisYear("BC-2026-SW-0001"), "-o", dir.string(), "--jobs", "2", "--json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.Json().extract<Object::Ptr>()->getValue<int>("rendered"), 3);
  for (const std::string& n : std::vector<std::string>{testing::ThisYear("HT-2026-SW-0001"),
                                                       testing::ThisYear("HY-2026-0001"),
                                                       testing::ThisYear("BC-2026-SW-0001")}) {
    EXPECT_EQ(Sh("qpdf --check " + Q(dir / (std::string(n) + ".pdf"))).exit_code, 0) << n;
  }
  // The same bytes as one at a time.
  auto single = Render({testing::ThisYear("HT-2026-SW-0001")}, "single");
  EXPECT_EQ(Slurp(single), Slurp(dir / testing::ThisYear("HT-2026-SW-0001.pdf")));

  auto query =
      Run("陈总", {"render", "--query", "--type", "contract", "-o", (dir_ / "contracts").string()});
  ASSERT_EQ(query.exit_code, 0) << query.err;
  EXPECT_NE(query.out.find("已生成 1 份文件，存于 "), std::string::npos) << query.out;

  auto all = Run("陈总", {"render", "--query", "-o", (dir_ / "all").string()});
  EXPECT_EQ(all.exit_code, 1);  // no template for the generic document and the performance record
  EXPECT_NE(all.out.find(
                testing::ThisYear("WJ-2026-00001: no template renders documents of type generic")),
            std::string::npos)
      << all.out;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "all" / testing::ThisYear("SP-2026-0001.pdf")));
  auto no_dir = Run("陈总", {"render", "--query"});
  EXPECT_EQ(no_dir.exit_code, 1);
  EXPECT_NE(no_dir.err.find("needs -o DIR"), std::string::npos);
}

TEST_F(RenderCli, AMissingFieldNamesTheTemplateBlockAndField) {
  // The company edits its template and binds a field the documents lack.
  auto path = repo_ / "config" / "templates" / "minutes.json";
  std::string t = Slurp(path);
  auto at = t.find("{metadata.chair}");
  ASSERT_NE(at, std::string::npos);
  t.replace(at, std::string("{metadata.chair}").size(), "{metadata.chairman}");
  std::ofstream(path) << t;
  auto o =
      Run("陈总", {"render", testing::ThisYear("HY-2026-0001"), "-o", (dir_ / "m.pdf").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(
      o.err.find(
          "template minutes, block 3 (meeting), row '主持人', field metadata.chairman: missing"),
      std::string::npos)
      << o.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "m.pdf"));
}

TEST_F(RenderCli, ASecretDocumentCarriesItsMarkingAndAWatermarkNamingTheExporter) {
  ASSERT_EQ(
      Run("档案员", {"classify", testing::ThisYear("HY-2026-0001"), "秘密", "--reason", "涉及报价"})
          .exit_code,
      0);
  auto pdf = Render({testing::ThisYear("HY-2026-0001")}, "secret");
  auto text = Sh("pdftotext " + Q(pdf) + " -").out;
  EXPECT_NE(text.find("秘密"), std::string::npos);
  // The watermark is drawn across the page and said in the footer.
  EXPECT_NE(Flat(text).find("秘密·陈总导出于"), std::string::npos) << text;
  // The watermark names who exported it: another reader gets another file.
  auto other = dir_ / "secret-by-manager.pdf";
  ASSERT_EQ(
      Run("李经理", {"render", testing::ThisYear("HY-2026-0001"), "-o", other.string()}).exit_code,
      0);
  EXPECT_NE(Slurp(pdf), Slurp(other));
  // A clerk (clearance 内部) cannot render it at all.
  auto clerk = Run(
      "张三", {"render", testing::ThisYear("HY-2026-0001"), "-o", (dir_ / "clerk.pdf").string()});
  EXPECT_EQ(clerk.exit_code, 1);
  EXPECT_NE(clerk.err.find("no document"), std::string::npos) << clerk.err;
  // Rendering a secret document is a view, in the audit trail.
  auto audit = Run("陈总", {"audit", testing::ThisYear("HY-2026-0001")}).out;
  EXPECT_NE(audit.find("查看"), std::string::npos) << audit;
}

TEST_F(RenderCli, AttachStoresTheRenditionAsANewVersion) {
  auto meta = dir_.Write("c.json", Slurp(std::string(DOSSIER_SOURCE_DIR) +
                                         "/docs/examples/contract-server-purchase.json"));
  auto added =
      Run("张三", {"add", "contract", "--title", "第二份合同", "--meta", meta.string(), "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string n = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto attached = Run("张三", {"render", n, "--attach", "--json"});
  ASSERT_EQ(attached.exit_code, 0) << attached.err;
  EXPECT_EQ(attached.Json().extract<Object::Ptr>()->getValue<int>("version"), 2);
  auto out = dir_ / "files";
  ASSERT_EQ(Run("张三", {"get", n, "-o", out.string()}).exit_code, 0);
  auto stored = out / (n + ".pdf");
  ASSERT_TRUE(std::filesystem::exists(stored));
  EXPECT_EQ(Sh("qpdf --check " + Q(stored)).exit_code, 0);
  // A signed contract is frozen: its rendition can no longer be attached.
  auto frozen = Run("张三", {"render", testing::ThisYear("HT-2026-SW-0001"), "--attach"});
  EXPECT_EQ(frozen.exit_code, 1);
}

}  // namespace
}  // namespace dossier
