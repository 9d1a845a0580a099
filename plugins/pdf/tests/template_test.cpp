#include "template.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "line_breaker.h"

namespace dossier::pdf {
namespace {

Poco::Dynamic::Var Model() {
  return Poco::JSON::Parser().parse(R"({
    "document": {"number": "HT-2026-SW-0001", "title": "采购合同"},
    "metadata": {"subject": "服务器", "amount": {"value": 123456.78, "currency": "CNY"}, "owner": 7,
                 "attendees": ["李经理", "张三"], "signing_date": "2026-03-01", "items": [{"name": "甲"}, {"name": "乙"}]}
  })");
}

std::string Fill(const std::string& text) {
  auto r = Interpolate(text, Model(), nullptr, "template t, block 1 (x)");
  return r.ok() ? *r : "ERROR: " + r.status().message();
}

TEST(Template, FieldsAndFilters) {
  EXPECT_EQ(Fill("{document.number}：{metadata.subject}"), "HT-2026-SW-0001：服务器");
  EXPECT_EQ(Fill("{metadata.amount.value|money}"), "123,456.78");
  EXPECT_EQ(Fill("{metadata.amount.value|capital}"), "壹拾贰万叁仟肆佰伍拾陆元柒角捌分");
  EXPECT_EQ(Fill("{metadata.signing_date|date}"), "2026年3月1日");
  EXPECT_EQ(Fill("{metadata.attendees|join}"), "李经理、张三");
  EXPECT_EQ(Fill("{metadata.items.1.name}"), "乙");
  EXPECT_EQ(Fill("[{metadata.quantity?}]"), "[]");
  EXPECT_EQ(Fill("{metadata.owner}"), "7");
}

TEST(Template, AMissingOrMistypedFieldNamesTemplateBlockAndField) {
  EXPECT_EQ(Fill("{metadata.quantity}"),
            "ERROR: template t, block 1 (x), field metadata.quantity: missing (mark it "
            "{metadata.quantity?} if it may be absent)");
  EXPECT_EQ(Fill("{metadata.subject|money}"),
            "ERROR: template t, block 1 (x), field metadata.subject: |money needs a number, the "
            "field holds text");
  EXPECT_EQ(Fill("{metadata.subject|upper}"),
            "ERROR: template t, block 1 (x), field metadata.subject: unknown filter |upper (known: "
            "money, capital, date, datetime, join, nobreak, words)");
  EXPECT_EQ(Fill("{metadata.attendees}"),
            "ERROR: template t, block 1 (x), field metadata.attendees: holds a list, not text (use "
            "a filter such as |join)");
  EXPECT_EQ(Fill("{metadata.subject"),
            "ERROR: template t, block 1 (x): '{' without '}' in \"{metadata.subject\"");
}

TEST(Template, ParsingRefusesUnknownKindsAndIncompleteBlocks) {
  auto kind = ParseTemplate(
      "t",
      R"({"types": ["contract"], "blocks": [{"kind": "heading", "text": "x"}, {"kind": "tabel"}]})");
  ASSERT_FALSE(kind.ok());
  EXPECT_NE(kind.status().message().find("template t, block 2: unknown kind 'tabel'"),
            std::string::npos)
      << kind.status().message();
  auto table = ParseTemplate("t", R"({"blocks": [{"kind": "table", "columns": []}]})");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("needs 'rows'"), std::string::npos);
  EXPECT_FALSE(ParseTemplate("t", "[1, 2]").ok());
  EXPECT_FALSE(ParseTemplate("t", R"({"title": "no blocks"})").ok());
  // A key written twice is refused, not silently the last one.
  auto twice = ParseTemplate(
      "t", R"({"title": "合同", "title": "伪造", "blocks": [{"kind": "heading", "text": "x"}]})");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("the key \"title\" appears twice"), std::string::npos)
      << twice.status().message();
}

TEST(Template, ClausesAreNumberedInChineseSkippingOptionalOnesThatAreAbsent) {
  auto t = ParseTemplate("t", R"({"types": ["contract"], "blocks": [
    {"kind": "clauses", "items": [
      {"title": "标的", "text": "{metadata.subject}"},
      {"title": "数量", "text": "{metadata.quantity}", "optional": true},
      {"title": "价款", "text": "{metadata.amount.value|capital}"}]},
    {"kind": "paragraph", "text": "never", "when": "metadata.nothing"},
    {"kind": "table", "rows": "metadata.items", "columns": [{"title": "名称", "text": "{#}. {name}"}]}]})");
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto layout = BuildLayout(*t, Model());
  ASSERT_TRUE(layout.ok()) << layout.status().message();
  std::vector<std::string> texts;
  for (const auto& b : layout->blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) texts.push_back(ToUtf8(p->text));
  }
  ASSERT_EQ(texts.size(), 4u);
  EXPECT_EQ(texts[0], "第一条 标的");
  EXPECT_EQ(texts[2], "第二条 价款");  // 数量 is absent: no gap in the numbering
  const auto& table = std::get<Table>(layout->blocks.back());
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(ToUtf8(table.rows[1][0]), "2. 乙");
}

TEST(Template, AClauseWithoutItsDataIsShownAsMissingNotDropped) {
  auto t = ParseTemplate("t", R"({"types": ["contract"], "blocks": [
    {"kind": "clauses", "items": [
      {"title": "标的", "text": "{metadata.subject}"},
      {"title": "数量", "text": "{metadata.quantity}", "missing": "（本合同未约定）"},
      {"title": "价款", "text": "{metadata.subject|money}", "missing": "（本合同未约定）"}]}]})");
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto layout = BuildLayout(*t, Model());
  // A field that is there but does not fit its filter is the template's
  // mistake: reported, never shown as "not agreed".
  ASSERT_FALSE(layout.ok());
  EXPECT_NE(layout.status().message().find("|money needs a number"), std::string::npos)
      << layout.status().message();
  auto fixed = ParseTemplate("t", R"({"types": ["contract"], "blocks": [
    {"kind": "clauses", "items": [
      {"title": "标的", "text": "{metadata.subject}"},
      {"title": "数量", "text": "{metadata.quantity}", "missing": "（本合同未约定）"}]}]})");
  layout = BuildLayout(*fixed, Model());
  ASSERT_TRUE(layout.ok()) << layout.status().message();
  std::vector<std::string> texts;
  for (const auto& b : layout->blocks) texts.push_back(ToUtf8(std::get<Paragraph>(b).text));
  ASSERT_EQ(texts.size(), 4u);
  EXPECT_EQ(texts[2], "第二条 数量");
  EXPECT_EQ(texts[3], "（本合同未约定）");
}

TEST(Template, ASentenceEndingInItsOwnFullStopGetsNoSecond) {
  auto model = Poco::JSON::Parser().parse(
      R"({"m": {"done": "交付服务器。", "open": "交付服务器", "ask": "是否交付？"}})");
  auto fill = [&](const std::string& text) { return *Interpolate(text, model, nullptr, "t"); };
  EXPECT_EQ(fill("{m.done}。"), "交付服务器。");
  EXPECT_EQ(fill("{m.open}。"), "交付服务器。");
  EXPECT_EQ(fill("{m.ask}。"), "是否交付？");
  EXPECT_EQ(fill("就{m.done}事宜"), "就交付服务器事宜");  // mid-sentence, its stop goes
  EXPECT_EQ(fill("{m.done}"), "交付服务器。");            // ending the text, it stays
}

TEST(Template, NobreakBindsEveryCharacter) {
  auto model = Poco::JSON::Parser().parse(R"({"name": "华信公司"})");
  std::u32string glued = ToUtf32(*Interpolate("{name|nobreak}", model, nullptr, "t"));
  EXPECT_EQ(glued, std::u32string(U"华") + kWordJoiner + U"信" + kWordJoiner + U"公" + kWordJoiner +
                       U"司");
}

TEST(Template, WordsBindsTheCharactersOfEachWordOnly) {
  auto model =
      Poco::JSON::Parser().parse(R"({"name": "东方电子信息产业集团华东数据中心运营有限公司"})");
  std::u32string glued = ToUtf32(*Interpolate("{name|words}", model, nullptr, "t"));
  std::u32string wj(1, kWordJoiner);
  // Within a word: bound; some breaks remain, between words.
  EXPECT_NE(glued.find(U"有" + wj + U"限"), std::u32string::npos) << ToUtf8(glued);
  EXPECT_NE(glued.find(U"公" + wj + U"司"), std::u32string::npos) << ToUtf8(glued);
  std::u32string bare;
  size_t breaks = 0;
  for (size_t i = 0; i < glued.size(); ++i) {
    if (glued[i] != kWordJoiner) bare += glued[i];
    if (i > 0 && glued[i] != kWordJoiner && glued[i - 1] != kWordJoiner) ++breaks;
  }
  EXPECT_EQ(ToUtf8(bare), "东方电子信息产业集团华东数据中心运营有限公司");
  EXPECT_GE(breaks, 3u) << ToUtf8(glued);
}

TEST(Template, HeadingsAndClauseTitlesAreSetInTheHeadingFaceBodyTextInTheBodys) {
  auto t = ParseTemplate("t", R"({"types": ["contract"], "blocks": [
    {"kind": "heading", "text": "{document.title}"},
    {"kind": "paragraph", "text": "前言"},
    {"kind": "paragraph", "text": "附件", "face": "heading"},
    {"kind": "clauses", "items": [{"title": "标的", "text": "{metadata.subject}"}]}]})");
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto layout = BuildLayout(*t, Model());
  ASSERT_TRUE(layout.ok()) << layout.status().message();
  std::vector<std::pair<std::string, Face>> faces;
  for (const auto& b : layout->blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) faces.emplace_back(ToUtf8(p->text), p->face);
  }
  ASSERT_EQ(faces.size(), 5u);
  EXPECT_EQ(faces[0], std::make_pair(std::string("采购合同"), Face::kHeading));
  EXPECT_EQ(faces[1], std::make_pair(std::string("前言"), Face::kBody));
  EXPECT_EQ(faces[2], std::make_pair(std::string("附件"), Face::kHeading));
  EXPECT_EQ(faces[3], std::make_pair(std::string("第一条 标的"), Face::kHeading));
  EXPECT_EQ(faces[4], std::make_pair(std::string("服务器"), Face::kBody));
  auto wrong =
      ParseTemplate("t", R"({"blocks": [{"kind": "heading", "text": "x", "face": "bold"}]})");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("'face' is \"body\" or \"heading\", not 'bold'"),
            std::string::npos)
      << wrong.status().message();
}

TEST(Template, EachPartyHasRoomForItsSealUnderItsFirstLine) {
  auto t = ParseTemplate(
      "t", R"({"blocks": [{"kind": "signatures", "size": 10, "seal_room": 40, "parties": [
    {"lines": ["甲方（盖章）：{document.title}", "日期：{metadata.signing_date}"]},
    {"lines": ["乙方（盖章）：张三", "日期："]}]}]})");
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto layout = BuildLayout(*t, Model());
  ASSERT_TRUE(layout.ok()) << layout.status().message();
  const auto& table = std::get<Table>(layout->blocks.at(0));
  ASSERT_EQ(table.rows.size(), 1u);
  ASSERT_EQ(table.rows[0].size(), 2u);
  // 40 mm is 113.4 pt: five lines of 10 pt at 2.2 (110 pt) are not enough, six are.
  EXPECT_EQ(ToUtf8(table.rows[0][0]), "甲方（盖章）：采购合同\n\n\n\n\n\n\n日期：2026-03-01");
  EXPECT_EQ(ToUtf8(table.rows[0][1]), "乙方（盖章）：张三\n\n\n\n\n\n\n日期：");
  auto none = ParseTemplate(
      "t",
      R"({"blocks": [{"kind": "signatures", "seal_room": 0, "parties": [{"lines": ["甲方", "日期"]}]}]})");
  ASSERT_TRUE(none.ok());
  auto tight = BuildLayout(*none, Model());
  ASSERT_TRUE(tight.ok());
  EXPECT_EQ(ToUtf8(std::get<Table>(tight->blocks.at(0)).rows[0][0]), "甲方\n日期");
  auto wrong = ParseTemplate(
      "t", R"({"blocks": [{"kind": "signatures", "seal_room": "big", "parties": []}]})");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("'seal_room' is the millimetres left for a seal"),
            std::string::npos);
}

TEST(Template, ADraftedBodyReplacesTheClausesAndIsSetAsWritten) {
  auto t = ParseTemplate("t", R"({"types": ["contract"], "blocks": [
    {"kind": "body", "field": "body", "when": "body"},
    {"kind": "clauses", "unless": "body", "items": [{"title": "标的", "text": "{metadata.subject}"}]}]})");
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto with_body = Poco::JSON::Parser().parse(R"({"metadata": {"subject": "服务器"}, "body": [
    {"kind": "heading", "level": 2, "align": "", "text": "第一条 标的"},
    {"kind": "paragraph", "level": 0, "align": "", "text": "甲方向乙方采购{不是字段}服务器。"},
    {"kind": "paragraph", "level": 0, "align": "right", "text": "（以下无正文）"},
    {"kind": "table", "rows": [["品名", "数量"], ["服务器", "2"], ["交换机", "10"]]}]})");
  auto layout = BuildLayout(*t, with_body);
  ASSERT_TRUE(layout.ok()) << layout.status().message();
  ASSERT_EQ(layout->blocks.size(), 4u);  // the clauses are not printed beside a body
  const auto& article = std::get<Paragraph>(layout->blocks[0]);
  EXPECT_EQ(ToUtf8(article.text), "第一条 标的");
  EXPECT_EQ(article.face, Face::kHeading);
  EXPECT_TRUE(article.keep_with_next);
  const auto& text = std::get<Paragraph>(layout->blocks[1]);
  EXPECT_EQ(ToUtf8(text.text),
            "甲方向乙方采购{不是字段}服务器。");  // the drafters' braces are text
  EXPECT_EQ(text.face, Face::kBody);
  EXPECT_EQ(text.first_indent_em, 2);
  const auto& right = std::get<Paragraph>(layout->blocks[2]);
  EXPECT_EQ(right.align, Align::kRight);
  EXPECT_EQ(right.first_indent_em, 0);
  const auto& table = std::get<Table>(layout->blocks[3]);
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(ToUtf8(table.columns[0].title), "品名");
  EXPECT_EQ(table.columns[0].align, Align::kLeft);
  EXPECT_EQ(table.columns[1].align, Align::kRight);  // only numbers below the header
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(ToUtf8(table.rows[1][0]), "交换机");
  // Without a body the clauses are printed, and nothing of a body.
  auto without = BuildLayout(*t, Model());
  ASSERT_TRUE(without.ok()) << without.status().message();
  ASSERT_EQ(without->blocks.size(), 2u);
  EXPECT_EQ(ToUtf8(std::get<Paragraph>(without->blocks[0]).text), "第一条 标的");
  EXPECT_EQ(ToUtf8(std::get<Paragraph>(without->blocks[1]).text), "服务器");
  auto no_field = ParseTemplate("t", R"({"blocks": [{"kind": "body"}]})");
  ASSERT_FALSE(no_field.ok());
  EXPECT_NE(no_field.status().message().find("a body needs 'field'"), std::string::npos);
}

TEST(Template, ChineseNumbers) {
  EXPECT_EQ(ChineseNumber(1), "一");
  EXPECT_EQ(ChineseNumber(10), "十");
  EXPECT_EQ(ChineseNumber(11), "十一");
  EXPECT_EQ(ChineseNumber(20), "二十");
  EXPECT_EQ(ChineseNumber(99), "九十九");
  EXPECT_EQ(ChineseNumber(100), "一百");
  EXPECT_EQ(ChineseNumber(105), "一百零五");
  EXPECT_EQ(ChineseNumber(110), "一百一十");
}

}  // namespace
}  // namespace dossier::pdf
