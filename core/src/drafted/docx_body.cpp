// Word bodies: word/document.xml read with a SAX parser (no external
// entities), heading styles from word/styles.xml.
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>

#include "dossier/utf8.h"
#include "drafted/bodies.h"
#include "util/safe_sax.h"
#include "util/zip_reader.h"

namespace dossier::drafted {

namespace {

// A body larger than this is not a contract's text (a novel is 1 MB).
constexpr uint64_t kMaxPartBytes = uint64_t{32} << 20;

std::string ValOf(const Poco::XML::Attributes& attributes) {
  for (int i = 0; i < attributes.getLength(); ++i) {
    if (attributes.getLocalName(i) == "val") return attributes.getValue(i);
  }
  return "";
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct Style {
  int level = -1;     // a heading's level, -1 for body text
  std::string align;  // "center", "right" or ""
};

std::string AlignOf(const std::string& jc) {
  if (jc == "center") return "center";
  if (jc == "right" || jc == "end") return "right";
  return "";
}

// Paragraph styles: "Title" is the title, "heading N" (what Word writes
// whatever the interface language) or an outline level is a heading.
class StylesHandler : public Poco::XML::DefaultHandler {
 public:
  explicit StylesHandler(std::map<std::string, Style>& styles) : styles_(styles) {}
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes& attributes) override {
    if (local == "style") {
      id_.clear();
      for (int i = 0; i < attributes.getLength(); ++i) {
        if (attributes.getLocalName(i) == "styleId") id_ = attributes.getValue(i);
      }
      return;
    }
    if (id_.empty()) return;
    Style& style = styles_[id_];
    if (local == "name") {
      std::string name = Lower(ValOf(attributes));
      if (name == "title")
        style.level = 0;
      else if (name.rfind("heading ", 0) == 0)
        style.level = std::max(1, std::atoi(name.c_str() + 8));
    } else if (local == "outlineLvl" && style.level < 0) {
      style.level = std::atoi(ValOf(attributes).c_str()) + 1;
    } else if (local == "jc") {
      style.align = AlignOf(ValOf(attributes));
    }
  }
  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                  const Poco::XML::XMLString&) override {
    if (local == "style") id_.clear();
  }

 private:
  std::map<std::string, Style>& styles_;
  std::string id_;
};

class DocumentHandler : public Poco::XML::DefaultHandler {
 public:
  DocumentHandler(const std::map<std::string, Style>& styles, DraftedText& out)
      : styles_(styles), out_(out) {}

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes& attributes) override {
    if (local == "tbl") {
      // A table inside a table cell is read as that cell's text.
      if (table_depth_++ == 0) table_ = TextBlock{TextBlock::Kind::kTable, 0, "", "", {}};
    } else if (local == "tr" && table_depth_ == 1) {
      table_.rows.emplace_back();
    } else if (local == "tc" && table_depth_ == 1) {
      cell_.clear();
    } else if (local == "p") {
      paragraph_ = Paragraph{};
      in_paragraph_ = true;
    } else if (!in_paragraph_) {
      return;
    } else if (local == "pPr") {
      in_properties_ = true;
    } else if (local == "pStyle" && in_properties_) {
      paragraph_.style = ValOf(attributes);
    } else if (local == "jc" && in_properties_) {
      paragraph_.align = AlignOf(ValOf(attributes));
      paragraph_.aligned = true;
    } else if (local == "outlineLvl" && in_properties_) {
      paragraph_.outline = std::atoi(ValOf(attributes).c_str());
    } else if (local == "t") {
      in_text_ = true;
    } else if (local == "tab") {
      paragraph_.text += ' ';
    } else if (local == "br" || local == "cr") {
      paragraph_.text += '\n';
    }
  }

  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                  const Poco::XML::XMLString&) override {
    if (local == "t") {
      in_text_ = false;
    } else if (local == "pPr") {
      in_properties_ = false;
    } else if (local == "p") {
      in_paragraph_ = false;
      EndParagraph();
    } else if (local == "tc" && table_depth_ == 1) {
      if (!table_.rows.empty()) table_.rows.back().push_back(cell_);
    } else if (local == "tbl" && --table_depth_ == 0) {
      if (!table_.rows.empty()) out_.blocks.push_back(std::move(table_));
    }
  }

  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (in_text_) paragraph_.text.append(ch + start, static_cast<size_t>(length));
  }

 private:
  struct Paragraph {
    std::string text;
    std::string style;
    std::string align;
    bool aligned = false;
    int outline = -1;
  };

  void EndParagraph() {
    std::string text = Trim(paragraph_.text);
    if (table_depth_ > 0) {
      if (!text.empty()) cell_ += (cell_.empty() ? "" : "\n") + text;
      return;
    }
    if (text.empty()) return;
    Style style;
    if (auto it = styles_.find(paragraph_.style); it != styles_.end()) style = it->second;
    if (paragraph_.outline >= 0 && paragraph_.outline < 9) style.level = paragraph_.outline + 1;
    TextBlock block;
    block.kind = style.level >= 0 ? TextBlock::Kind::kHeading : TextBlock::Kind::kParagraph;
    block.level = std::max(0, style.level);
    block.align = paragraph_.aligned ? paragraph_.align : style.align;
    block.text = std::move(text);
    out_.blocks.push_back(std::move(block));
  }

  const std::map<std::string, Style>& styles_;
  DraftedText& out_;
  Paragraph paragraph_;
  bool in_paragraph_ = false, in_properties_ = false, in_text_ = false;
  int table_depth_ = 0;
  TextBlock table_;
  std::string cell_;
};

}  // namespace

DraftedText ReadDocx(std::string_view content) {
  ZipReader zip(content, kMaxPartBytes);
  std::string xml;
  std::map<std::string, Style> styles;
  if (zip.Read("word/styles.xml", xml)) {
    StylesHandler handler(styles);
    ParseUntrustedXml(xml, handler);
  }
  if (!zip.Read("word/document.xml", xml))
    throw std::runtime_error("no word/document.xml in the file");
  DraftedText out;
  DocumentHandler handler(styles, out);
  ParseUntrustedXml(xml, handler);
  for (const auto& block : out.blocks) {
    if (!IsValidUtf8(block.text)) throw std::runtime_error("its text is not valid UTF-8");
  }
  return out;
}

}  // namespace dossier::drafted
