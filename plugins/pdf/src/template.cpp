#include "template.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <set>

#include "capital_amount.h"
#include "dossier/clock.h"
#include "dossier/json_input.h"
#include "dossier/ledger.h"
#include "line_breaker.h"
#include "word_glue.h"

namespace dossier::pdf {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const std::set<std::string> kKinds = {"heading", "paragraph",  "clauses", "table",     "keyvalue",
                                      "list",    "signatures", "spacer",  "pagebreak", "body"};

// A table or list row being filled: its item and 1-based position.
struct Row {
  const Var* item = nullptr;
  int index = 0;
};

bool IsObject(const Var& v) { return v.type() == typeid(Object::Ptr); }
bool IsArray(const Var& v) { return v.type() == typeid(Array::Ptr); }

std::optional<Var> Lookup(const Var& root, const std::string& path) {
  Var cur = root;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string seg =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (IsObject(cur)) {
      auto obj = cur.extract<Object::Ptr>();
      if (!obj || !obj->has(seg)) return std::nullopt;
      cur = obj->get(seg);
    } else if (IsArray(cur) && !seg.empty() &&
               seg.find_first_not_of("0123456789") == std::string::npos) {
      auto arr = cur.extract<Array::Ptr>();
      size_t i = std::stoul(seg);
      if (!arr || i >= arr->size()) return std::nullopt;
      cur = arr->get(static_cast<unsigned>(i));
    } else {
      return std::nullopt;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (cur.isEmpty()) return std::nullopt;
  return cur;
}

std::string NumberText(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
  } else {
    std::snprintf(buf, sizeof buf, "%.10g", v);
  }
  return buf;
}

std::string Text(const Var& v) {
  if (v.isString()) return v.extract<std::string>();
  if (v.isBoolean()) return v.convert<bool>() ? "是" : "否";
  if (v.isNumeric()) return NumberText(v.convert<double>());
  return v.toString();
}

std::string KindOf(const Var& v) {
  if (v.isString()) return "text";
  if (v.isNumeric()) return "a number";
  if (v.isBoolean()) return "true/false";
  if (IsArray(v)) return "a list";
  if (IsObject(v)) return "an object";
  return "a value";
}

// The error Expand gives for a field the data does not have (not a filter's
// or a template's mistake, which must still be reported).
constexpr const char* kMissingField = ": missing (mark it {";
bool IsMissingField(const Status& s) {
  return s.message().find(kMissingField) != std::string::npos;
}

// Text that ends with a sentence's own punctuation (。；！？ or its ASCII form).
bool EndsSentence(const std::string& text) {
  for (const char* end : {"。", "；", "！", "？", ".", ";", "!", "?"}) {
    size_t n = std::strlen(end);
    if (text.size() >= n && text.compare(text.size() - n, n, end) == 0) return true;
  }
  return false;
}

Result<std::string> ApplyFilter(const std::string& filter, const Var& v, const std::string& where) {
  auto need_number = [&]() -> Status {
    if (!v.isNumeric())
      return Status::InvalidArgument(where + ": |" + filter + " needs a number, the field holds " +
                                     KindOf(v));
    return Status::Ok();
  };
  if (filter == "money") {
    DOSSIER_RETURN_IF_ERROR(need_number());
    return FormatAmount(std::llround(v.convert<double>() * 100));
  }
  if (filter == "capital") {
    DOSSIER_RETURN_IF_ERROR(need_number());
    return CapitalAmount(std::llround(v.convert<double>() * 100));
  }
  if (filter == "date" || filter == "datetime") {
    if (!v.isString())
      return Status::InvalidArgument(where + ": |" + filter + " needs a date, the field holds " +
                                     KindOf(v));
    std::string s = v.extract<std::string>();
    if (s.size() < 10 || s[4] != '-' || s[7] != '-')
      return Status::InvalidArgument(where + ": '" + s + "' is not a date (YYYY-MM-DD)");
    // A time of the trail, in the zone the front end shows times in, its
    // offset written: each opinion when it was given, not when printed.
    if (filter == "datetime") return s.size() >= 16 ? FormatLocalTime(s) : s.substr(0, 10);
    return std::to_string(std::stoi(s.substr(0, 4))) + "年" +
           std::to_string(std::stoi(s.substr(5, 2))) + "月" +
           std::to_string(std::stoi(s.substr(8, 2))) + "日";
  }
  // Never broken across lines (an amount in capitals), or only between words
  // (a company's name), unless wider than a line.
  if (filter == "nobreak") return GlueAll(v.isString() ? v.extract<std::string>() : Text(v));
  if (filter == "words") return GlueWithinWords(v.isString() ? v.extract<std::string>() : Text(v));
  if (filter == "join") {
    if (!IsArray(v))
      return Status::InvalidArgument(where + ": |join needs a list, the field holds " + KindOf(v));
    std::string out;
    auto arr = v.extract<Array::Ptr>();
    for (size_t i = 0; i < arr->size(); ++i)
      out += (i ? "、" : "") + Text(arr->get(static_cast<unsigned>(i)));
    return out;
  }
  return Status::InvalidArgument(where + ": unknown filter |" + filter +
                                 " (known: money, capital, date, datetime, join, nobreak, words)");
}

Result<std::string> Expand(const std::string& expr, const Var& model, const Row* row,
                           const std::string& where) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t bar = expr.find('|', start);
    parts.push_back(expr.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  std::string path = parts[0];
  bool optional = !path.empty() && path.back() == '?';
  if (optional) path.pop_back();
  std::string field_where = where + ", field " + path;
  std::optional<Var> value;
  if (row != nullptr && path == "#") {
    value = Var(row->index);
  } else if (row != nullptr && path == ".") {
    value = *row->item;
  } else {
    if (row != nullptr && IsObject(*row->item)) value = Lookup(*row->item, path);
    if (!value) value = Lookup(model, path);
  }
  if (!value) {
    if (optional) return std::string();
    return Status::InvalidArgument(field_where + kMissingField + path + "?} if it may be absent)");
  }
  if (parts.size() == 1 && (IsObject(*value) || IsArray(*value))) {
    return Status::InvalidArgument(field_where + ": holds " + KindOf(*value) +
                                   ", not text (use a filter such as |join)");
  }
  std::string text = Text(*value);
  for (size_t i = 1; i < parts.size(); ++i) {
    auto filtered = ApplyFilter(parts[i], i == 1 ? *value : Var(text), field_where);
    if (!filtered.ok()) return filtered.status();
    text = *filtered;
  }
  return text;
}

Result<std::string> InterpolateRow(const std::string& text, const Var& model, const Row* row,
                                   const std::string& where) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string::npos) {
      out += text.substr(i);
      break;
    }
    out += text.substr(i, open - i);
    size_t close = text.find('}', open);
    if (close == std::string::npos)
      return Status::InvalidArgument(where + ": '{' without '}' in \"" + text + "\"");
    auto value = Expand(text.substr(open + 1, close - open - 1), model, row, where);
    if (!value.ok()) return value.status();
    i = close + 1;
    // A value that ends its own sentence inside the template's: its full stop
    // goes where the template continues ("就{subject}事宜", "{subject}。"
    // never "。。"), and the template's full stop after a ？ or ！ too.
    std::string v = *value;
    const std::string stop = "。";
    if (i < text.size() && v.size() >= stop.size() &&
        v.compare(v.size() - stop.size(), stop.size(), stop) == 0) {
      v.erase(v.size() - stop.size());
    } else if (EndsSentence(v) && text.compare(i, stop.size(), stop) == 0) {
      i += stop.size();
    }
    out += v;
  }
  return out;
}

// Reading the template's own JSON.
std::string Str(const Object::Ptr& o, const char* key, const std::string& fallback = "") {
  return o->has(key) && o->get(key).isString() ? o->getValue<std::string>(key) : fallback;
}
double Num(const Object::Ptr& o, const char* key, double fallback) {
  return o->has(key) && o->get(key).isNumeric() ? o->getValue<double>(key) : fallback;
}
bool Flag(const Object::Ptr& o, const char* key, bool fallback) {
  return o->has(key) && o->get(key).isBoolean() ? o->getValue<bool>(key) : fallback;
}
Align AlignOf(const Object::Ptr& o, Align fallback) {
  std::string a = Str(o, "align");
  if (a == "center") return Align::kCenter;
  if (a == "right") return Align::kRight;
  if (a == "left") return Align::kLeft;
  return fallback;
}

Face FaceOf(const Object::Ptr& o, Face fallback) {
  std::string f = Str(o, "face");
  if (f == "heading") return Face::kHeading;
  if (f == "body") return Face::kBody;
  return fallback;
}

// A company's round seal is 38 to 42 mm across: templates of sealed
// documents leave "seal_room": 42 under a party's first line; signature
// blocks without seals leave none.
constexpr double kPointsPerMm = 72 / 25.4;

class Builder {
 public:
  Builder(const Template& t, const Var& model) : t_(t), model_(model) {}

  Result<LayoutDocument> Build() {
    LayoutDocument doc;
    const auto& spec = t_.spec;
    if (auto page = spec->getObject("page")) {
      if (auto m = page->getArray("margins"); m && m->size() == 4) {
        doc.setup.margin_top = m->getElement<double>(0);
        doc.setup.margin_right = m->getElement<double>(1);
        doc.setup.margin_bottom = m->getElement<double>(2);
        doc.setup.margin_left = m->getElement<double>(3);
      }
      if (Str(page, "orientation") == "landscape") std::swap(doc.setup.width, doc.setup.height);
    }
    if (auto header = spec->getObject("header")) {
      auto left = InterpolateRow(Str(header, "left"), model_, nullptr, Where("header"));
      if (!left.ok()) return left.status();
      auto right = InterpolateRow(Str(header, "right"), model_, nullptr, Where("header"));
      if (!right.ok()) return right.status();
      doc.header_left = ToUtf32(*left);
      doc.header_right = ToUtf32(*right);
    }
    if (spec->has("footer")) doc.footer = ToUtf32(Str(spec, "footer"));
    auto blocks = spec->getArray("blocks");
    for (size_t i = 0; i < blocks->size(); ++i) {
      auto b = blocks->getObject(static_cast<unsigned>(i));
      std::string label =
          "block " + std::to_string(i + 1) + " (" + Str(b, "name", Str(b, "kind")) + ")";
      DOSSIER_RETURN_IF_ERROR(AddBlock(b, Where(label), doc));
    }
    return doc;
  }

 private:
  std::string Where(const std::string& what) const { return "template " + t_.name + ", " + what; }

  Result<std::u32string> Fill(const std::string& text, const std::string& where,
                              const Row* row = nullptr) {
    auto s = InterpolateRow(text, model_, row, where);
    if (!s.ok()) return s.status();
    return ToUtf32(*s);
  }

  Status AddBlock(const Object::Ptr& b, const std::string& where, LayoutDocument& doc) {
    std::string kind = Str(b, "kind");
    // "when": the block appears only when that field holds something;
    // "unless": only when it holds nothing.
    auto holds_something = [this](const std::string& field) {
      auto v = Lookup(model_, field);
      return !(!v || (IsArray(*v) && v->extract<Array::Ptr>()->size() == 0) ||
               (v->isString() && v->toString().empty()));
    };
    if (b->has("when") && !holds_something(Str(b, "when"))) return Status::Ok();
    if (b->has("unless") && holds_something(Str(b, "unless"))) return Status::Ok();
    // A block marked optional disappears when a field it needs is missing.
    if (Flag(b, "optional", false)) {
      LayoutDocument trial;
      trial.setup = doc.setup;
      if (!AddBlockNow(kind, b, where, trial).ok()) return Status::Ok();
    }
    return AddBlockNow(kind, b, where, doc);
  }

  Status AddBlockNow(const std::string& kind, const Object::Ptr& b, const std::string& where,
                     LayoutDocument& doc) {
    if (kind == "pagebreak") {
      doc.blocks.push_back(PageBreak{});
      return Status::Ok();
    }
    if (kind == "spacer") {
      Paragraph p;
      p.size = Num(b, "height", 12);
      p.line_height = 1;
      p.space_after = 0;
      doc.blocks.push_back(p);
      return Status::Ok();
    }
    if (kind == "heading" || kind == "paragraph") {
      auto text = Fill(Str(b, "text"), where);
      if (!text.ok()) return text.status();
      Paragraph p;
      p.text = *text;
      p.source = where;
      bool heading = kind == "heading";
      p.size = Num(b, "size", heading ? 16 : 11);
      p.align = AlignOf(b, heading ? Align::kCenter : Align::kLeft);
      p.first_indent_em = Num(b, "indent", heading ? 0 : 2);
      p.space_before = Num(b, "space_before", heading ? 6 : 0);
      p.space_after = Num(b, "space_after", heading ? 8 : 4);
      p.keep_with_next = heading;
      p.face = FaceOf(b, heading ? Face::kHeading : Face::kBody);
      doc.blocks.push_back(p);
      return Status::Ok();
    }
    if (kind == "clauses") return AddClauses(b, where, doc);
    if (kind == "list") return AddList(b, where, doc);
    if (kind == "keyvalue") return AddKeyValue(b, where, doc);
    if (kind == "signatures") return AddSignatures(b, where, doc);
    if (kind == "body") return AddBody(b, where, doc);
    return AddTable(b, where, doc);
  }

  Status AddClauses(const Object::Ptr& b, const std::string& where, LayoutDocument& doc) {
    auto items = b->getArray("items");
    int n = 0;
    std::string numbering = Str(b, "numbering", "第{n}条");
    for (size_t i = 0; i < items->size(); ++i) {
      auto item = items->getObject(static_cast<unsigned>(i));
      std::string title = Str(item, "title");
      std::string item_where = where + ", clause '" + title + "'";
      auto text = Fill(Str(item, "text"), item_where);
      // A clause whose data is missing: shown as missing ("missing": its
      // words), left out ("optional"), or an error naming the field.
      if (!text.ok() && item->has("missing") && IsMissingField(text.status()))
        text = ToUtf32(Str(item, "missing"));
      if (!text.ok()) {
        if (Flag(item, "optional", false)) continue;
        return text.status();
      }
      std::string number = numbering;
      number.replace(number.find("{n}"), 3, ChineseNumber(++n));
      Paragraph heading{ToUtf32(number + " " + title), Num(b, "size", 11) + 1};
      heading.keep_with_next = true;
      heading.space_before = 4;
      heading.space_after = 2;
      heading.first_indent_em = 0;
      heading.face = Face::kHeading;
      heading.source = item_where;
      doc.blocks.push_back(heading);
      Paragraph body{*text, Num(b, "size", 11)};
      body.first_indent_em = 2;
      body.source = item_where;
      doc.blocks.push_back(body);
    }
    return Status::Ok();
  }

  Result<Array::Ptr> ArrayAt(const Object::Ptr& b, const char* key, const std::string& where) {
    std::string path = Str(b, key);
    auto v = Lookup(model_, path);
    if (!v) return Status::InvalidArgument(where + ", field " + path + ": missing");
    if (!IsArray(*v))
      return Status::InvalidArgument(where + ", field " + path + ": holds " + KindOf(*v) +
                                     ", not a list");
    return v->extract<Array::Ptr>();
  }

  Status AddList(const Object::Ptr& b, const std::string& where, LayoutDocument& doc) {
    auto items = ArrayAt(b, "items", where);
    if (!items.ok()) return items.status();
    for (size_t i = 0; i < (*items)->size(); ++i) {
      Var item = (*items)->get(static_cast<unsigned>(i));
      Row row{&item, static_cast<int>(i + 1)};
      auto text = Fill(Str(b, "text", "{#}. {.}"), where, &row);
      if (!text.ok()) return text.status();
      Paragraph p{*text, Num(b, "size", 11)};
      p.first_indent_em = 0;
      p.left_indent = Num(b, "indent", 22);
      p.space_after = 2;
      p.source = where;
      doc.blocks.push_back(p);
    }
    return Status::Ok();
  }

  Status AddKeyValue(const Object::Ptr& b, const std::string& where, LayoutDocument& doc) {
    Table t;
    t.header = false;
    t.size = Num(b, "size", 10.5);
    t.source = where;
    auto weights = b->getArray("weights");
    t.columns = {{U"", weights ? weights->getElement<double>(0) : 1.0, Align::kLeft},
                 {U"", weights ? weights->getElement<double>(1) : 3.0, Align::kLeft}};
    auto rows = b->getArray("rows");
    for (size_t i = 0; i < rows->size(); ++i) {
      auto r = rows->getObject(static_cast<unsigned>(i));
      std::string label = Str(r, "label");
      auto value = Fill(Str(r, "value"), where + ", row '" + label + "'");
      if (!value.ok()) {
        if (Flag(r, "optional", false)) continue;
        return value.status();
      }
      t.rows.push_back({ToUtf32(label), *value});
    }
    doc.blocks.push_back(t);
    return Status::Ok();
  }

  // The drafted text of the document (the model's "body", see
  // dossier/drafted_text.h): its title and headings in the heading face,
  // articles kept with their text, paragraphs indented two characters,
  // tables with their first row as the header repeated on every page.
  // The text is the drafters' own: printed as written, never interpolated.
  Status AddBody(const Object::Ptr& b, const std::string& where, LayoutDocument& doc) {
    auto blocks = ArrayAt(b, "field", where);
    if (!blocks.ok()) return blocks.status();
    const double size = Num(b, "size", 11);
    for (size_t i = 0; i < (*blocks)->size(); ++i) {
      auto block = (*blocks)->getObject(static_cast<unsigned>(i));
      if (!block)
        return Status::InvalidArgument(where + ": body block " + std::to_string(i + 1) +
                                       " is not an object");
      std::string kind = Str(block, "kind");
      std::string source = where + ", body block " + std::to_string(i + 1);
      if (kind == "table") {
        DOSSIER_RETURN_IF_ERROR(AddBodyTable(block, size, source, doc));
        continue;
      }
      Paragraph p;
      p.text = ToUtf32(Str(block, "text"));
      p.source = source;
      p.align = AlignOf(block, Align::kLeft);
      if (kind == "heading") {
        int level = static_cast<int>(Num(block, "level", 1));
        p.face = Face::kHeading;
        p.keep_with_next = true;
        p.size = level <= 0 ? size + 7 : level == 1 ? size + 3 : level == 2 ? size + 1 : size;
        if (level <= 0) p.align = AlignOf(block, Align::kCenter);
        p.space_before = level <= 1 ? 8 : 4;
        p.space_after = level <= 1 ? 6 : 2;
      } else {
        p.size = size;
        p.first_indent_em = p.align == Align::kLeft ? 2 : 0;
      }
      doc.blocks.push_back(p);
    }
    return Status::Ok();
  }

  // A table of the body: columns as wide as their longest cell asks (within
  // limits), numbers right-aligned.
  Status AddBodyTable(const Object::Ptr& block, double size, const std::string& source,
                      LayoutDocument& doc) {
    auto rows = block->getArray("rows");
    if (!rows || rows->size() == 0) return Status::Ok();
    std::vector<std::vector<std::u32string>> cells;
    size_t columns = 0;
    for (size_t r = 0; r < rows->size(); ++r) {
      auto row = rows->getArray(static_cast<unsigned>(r));
      cells.emplace_back();
      for (size_t c = 0; row && c < row->size(); ++c)
        cells.back().push_back(ToUtf32(row->getElement<std::string>(static_cast<unsigned>(c))));
      columns = std::max(columns, cells.back().size());
    }
    Table t;
    t.size = std::max(8.0, size - 1);
    t.source = source;
    for (size_t c = 0; c < columns; ++c) {
      double widest = 1;
      bool numeric = cells.size() > 1;
      for (size_t r = 0; r < cells.size(); ++r) {
        const std::u32string text = c < cells[r].size() ? cells[r][c] : U"";
        double w = 0;
        for (char32_t ch : text) w += IsCjk(ch) ? 1 : 0.55;
        widest = std::max(widest, w);
        if (r > 0 && !text.empty() &&
            text.find_first_not_of(U"0123456789.,-+%¥ ") != std::u32string::npos)
          numeric = false;
      }
      t.columns.push_back({c < cells[0].size() ? cells[0][c] : U"", std::clamp(widest, 2.0, 16.0),
                           numeric ? Align::kRight : Align::kLeft});
    }
    for (size_t r = 1; r < cells.size(); ++r) {
      cells[r].resize(columns);
      t.rows.push_back(std::move(cells[r]));
    }
    doc.blocks.push_back(t);
    return Status::Ok();
  }

  // Each party's lines side by side, with room for its seal under its
  // first line (甲方（盖章）：…): "seal_room" millimetres, none by default. The
  // block is one row, so it is never split between pages.
  Status AddSignatures(const Object::Ptr& b, const std::string& where, LayoutDocument& doc) {
    Table t;
    t.header = false;
    t.borders = false;
    t.size = Num(b, "size", 11);
    t.line_height = 2.2;
    t.space_before = Num(b, "space_before", 24);
    t.source = where;
    const double line = t.size * t.line_height;
    const auto blank_lines =
        static_cast<size_t>(std::ceil(Num(b, "seal_room", 0) * kPointsPerMm / line - 1e-9));
    auto parties = b->getArray("parties");
    std::vector<std::u32string> cells;
    for (size_t i = 0; i < parties->size(); ++i) {
      auto lines = parties->getObject(static_cast<unsigned>(i))->getArray("lines");
      std::string cell;
      for (size_t k = 0; k < lines->size(); ++k) {
        auto text = InterpolateRow(lines->getElement<std::string>(static_cast<unsigned>(k)), model_,
                                   nullptr, where);
        if (!text.ok()) return text.status();
        cell += (k ? "\n" : "") + *text;
        if (k == 0) cell += std::string(blank_lines, '\n');  // empty lines keep their height
      }
      t.columns.push_back({U"", 1, Align::kLeft});
      cells.push_back(ToUtf32(cell));
    }
    t.rows.push_back(cells);
    doc.blocks.push_back(t);
    return Status::Ok();
  }

  Status AddTable(const Object::Ptr& b, const std::string& where, LayoutDocument& doc) {
    Table t;
    t.header = Flag(b, "header", true);
    t.borders = Flag(b, "borders", true);
    t.size = Num(b, "size", 10);
    t.source = where;
    auto columns = b->getArray("columns");
    std::vector<std::string> cell_texts;
    for (size_t c = 0; c < columns->size(); ++c) {
      auto col = columns->getObject(static_cast<unsigned>(c));
      t.columns.push_back(
          {ToUtf32(Str(col, "title")), Num(col, "weight", 1), AlignOf(col, Align::kLeft)});
      cell_texts.push_back(Str(col, "text"));
    }
    // A table that says what to print when empty prints it also when the
    // list is absent (minutes that resolved nothing have no resolutions).
    Result<Array::Ptr> rows = b->has("empty") && !Lookup(model_, Str(b, "rows"))
                                  ? Array::Ptr(new Array())
                                  : ArrayAt(b, "rows", where);
    if (!rows.ok()) return rows.status();
    for (size_t i = 0; i < (*rows)->size(); ++i) {
      Var item = (*rows)->get(static_cast<unsigned>(i));
      Row row{&item, static_cast<int>(i + 1)};
      std::vector<std::u32string> cells;
      for (const auto& text : cell_texts) {
        auto cell = Fill(text, where + ", row " + std::to_string(i + 1), &row);
        if (!cell.ok()) return cell.status();
        cells.push_back(*cell);
      }
      t.rows.push_back(std::move(cells));
    }
    if ((*rows)->size() == 0 && b->has("empty")) {
      std::vector<std::u32string> cells(t.columns.size());
      cells[0] = ToUtf32(Str(b, "empty"));
      t.rows.push_back(cells);
    }
    if (auto totals = b->getArray("totals")) {
      for (size_t i = 0; i < totals->size(); ++i) {
        auto cells_spec = totals->getArray(static_cast<unsigned>(i));
        std::vector<std::u32string> cells;
        for (size_t c = 0; c < cells_spec->size(); ++c) {
          auto cell = Fill(cells_spec->getElement<std::string>(static_cast<unsigned>(c)),
                           where + ", totals");
          if (!cell.ok()) return cell.status();
          cells.push_back(*cell);
        }
        t.footer_rows.push_back(std::move(cells));
      }
    }
    doc.blocks.push_back(t);
    return Status::Ok();
  }

  const Template& t_;
  const Var& model_;
};

Status CheckArrayOfObjects(const Object::Ptr& o, const char* key, const std::string& where) {
  if (!o->has(key)) return Status::InvalidArgument(where + ": '" + key + "' is required");
  auto arr = o->getArray(key);
  if (!arr) return Status::InvalidArgument(where + ": '" + key + "' must be a list");
  for (size_t i = 0; i < arr->size(); ++i) {
    if (!arr->getObject(static_cast<unsigned>(i))) {
      return Status::InvalidArgument(where + ": '" + key + "' item " + std::to_string(i + 1) +
                                     " must be an object");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ChineseNumber(int n) {
  static const char* const kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0) return kDigits[0];
  if (n < 10) return kDigits[n];
  if (n < 20) return std::string("十") + (n % 10 ? kDigits[n % 10] : "");
  if (n < 100) return std::string(kDigits[n / 10]) + "十" + (n % 10 ? kDigits[n % 10] : "");
  std::string rest =
      n % 100 == 0 ? ""
                   : (n % 100 < 10 ? std::string("零") + kDigits[n % 100] : ChineseNumber(n % 100));
  if (n % 100 >= 10 && n % 100 < 20) rest = std::string("一") + rest;
  return std::string(kDigits[(n / 100) % 10]) + "百" + rest;
}

Result<std::string> Interpolate(const std::string& text, const Var& model, const Var* row,
                                const std::string& where) {
  if (row == nullptr) return InterpolateRow(text, model, nullptr, where);
  Row r{row, 1};
  return InterpolateRow(text, model, &r, where);
}

Result<Template> ParseTemplate(const std::string& name, const std::string& json) {
  std::string where = "template " + name;
  auto parsed = ParseJsonObject(json, where);  // strict: a key written twice is refused
  if (!parsed.ok()) return parsed.status();
  Object::Ptr spec = *parsed;
  Template t;
  t.name = name;
  t.spec = spec;
  t.title = Str(spec, "title", name);
  if (auto types = spec->getArray("types")) {
    for (size_t i = 0; i < types->size(); ++i)
      t.types.push_back(types->getElement<std::string>(static_cast<unsigned>(i)));
  }
  DOSSIER_RETURN_IF_ERROR(CheckArrayOfObjects(spec, "blocks", where));
  auto blocks = spec->getArray("blocks");
  for (size_t i = 0; i < blocks->size(); ++i) {
    auto b = blocks->getObject(static_cast<unsigned>(i));
    std::string bw = where + ", block " + std::to_string(i + 1);
    std::string kind = Str(b, "kind");
    if (!kKinds.count(kind)) {
      std::string known;
      for (const auto& k : kKinds) known += (known.empty() ? "" : ", ") + k;
      return Status::InvalidArgument(bw + ": unknown kind '" + kind + "' (kinds: " + known + ")");
    }
    if (kind == "table" && (Str(b, "rows").empty() || !b->getArray("columns"))) {
      return Status::InvalidArgument(bw +
                                     ": a table needs 'rows' (the field of a list) and 'columns'");
    }
    if (kind == "table") DOSSIER_RETURN_IF_ERROR(CheckArrayOfObjects(b, "columns", bw));
    if (kind == "clauses") DOSSIER_RETURN_IF_ERROR(CheckArrayOfObjects(b, "items", bw));
    if (kind == "keyvalue") DOSSIER_RETURN_IF_ERROR(CheckArrayOfObjects(b, "rows", bw));
    if (kind == "signatures") DOSSIER_RETURN_IF_ERROR(CheckArrayOfObjects(b, "parties", bw));
    if (kind == "list" && Str(b, "items").empty())
      return Status::InvalidArgument(bw + ": a list needs 'items' (the field of a list)");
    if (kind == "body" && Str(b, "field").empty())
      return Status::InvalidArgument(
          bw + ": a body needs 'field' (where the model holds the drafted text: \"body\")");
    if ((kind == "heading" || kind == "paragraph") && !b->has("text"))
      return Status::InvalidArgument(bw + ": 'text' is required");
    if (b->has("face") && Str(b, "face") != "body" && Str(b, "face") != "heading") {
      return Status::InvalidArgument(bw + ": 'face' is \"body\" or \"heading\", not '" +
                                     Str(b, "face") + "'");
    }
    if (b->has("seal_room") && (!b->get("seal_room").isNumeric() || Num(b, "seal_room", 0) < 0 ||
                                Num(b, "seal_room", 0) > 100)) {
      return Status::InvalidArgument(bw +
                                     ": 'seal_room' is the millimetres left for a seal, 0 to 100");
    }
  }
  return t;
}

Result<LayoutDocument> BuildLayout(const Template& tmpl, const Var& model) {
  try {
    return Builder(tmpl, model).Build();
  } catch (const Poco::Exception& e) {
    return Status::InvalidArgument("template " + tmpl.name + ": " + e.displayText());
  } catch (const std::exception& e) {
    return Status::InvalidArgument("template " + tmpl.name + ": " + e.what());
  }
}

}  // namespace dossier::pdf
