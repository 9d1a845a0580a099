#include "search/extract.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/ContentHandler.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/XML/XMLString.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "search/pdf_text.h"
#include "search/text_fold.h"
#include "search/tokenizer.h"
#include "util/compress.h"
#include "util/encoding.h"
#include "util/file_util.h"
#include "util/safe_sax.h"
#include "util/zip_reader.h"

namespace dossier {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string ExtensionOf(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  return Lower(name.substr(dot + 1));
}

FileText NoText(std::string kind, std::string note) {
  return FileText{std::move(kind), std::move(note), {}};
}

FileText PlainText(std::string_view content) {
  if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  if (IsValidUtf8(content)) return FileText{"text", "", std::string(content)};
  std::string converted;
  if (Gb18030ToUtf8(content, converted)) return FileText{"text", "", std::move(converted)};
  return NoText("text", "not UTF-8 or GB18030 text");
}

bool IsHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

// A PDF's text comes back a line at a time; a Chinese sentence broken
// across two lines is one sentence, so the break between two Han
// characters goes (else no phrase could match across it).
std::string JoinBrokenChineseLines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  char32_t previous = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t c;
    if (!DecodeUtf8(text, &pos, &c)) return text;
    if (c == '\n' && IsHan(previous)) {
      size_t next = pos;
      char32_t following = 0;
      if (DecodeUtf8(text, &next, &following) && IsHan(following)) continue;
    }
    out.append(text, start, pos - start);
    previous = c;
  }
  return out;
}

FileText PdfText(std::string_view content) {
  PdfPages pages = ReadPdfPages(content);
  if (!pages.ok) return NoText("pdf", pages.error);
  const std::string& text = pages.text;
  if (!IsValidUtf8(text)) return NoText("pdf", "the PDF's text is not valid Unicode");
  if (text.find_first_not_of(" \t\r\n\f") == std::string::npos)
    return NoText("pdf", "the PDF has no text layer (scanned pages?)");
  return FileText{"pdf", "", JoinBrokenChineseLines(text)};
}

// Collects the character data of elements named `text_element` (local
// name), with a line break after each `break_element`.
class XmlTextHandler : public Poco::XML::DefaultHandler {
 public:
  XmlTextHandler(std::string text_element, std::string break_element, std::string& out)
      : text_element_(std::move(text_element)),
        break_element_(std::move(break_element)),
        out_(out) {}

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes&) override {
    if (local == text_element_) ++depth_;
    if (local == "tab") out_ += '\t';
  }
  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                  const Poco::XML::XMLString&) override {
    if (local == text_element_ && depth_ > 0) --depth_;
    if (local == break_element_) out_ += '\n';
  }
  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (depth_ > 0) out_.append(ch + start, static_cast<size_t>(length));
  }

 private:
  std::string text_element_;
  std::string break_element_;
  std::string& out_;
  int depth_ = 0;
};

void ParseXmlText(const std::string& xml, const std::string& text_element,
                  const std::string& break_element, std::string& out) {
  XmlTextHandler handler(text_element, break_element, out);
  ParseUntrustedXml(xml, handler);
}

FileText OfficeText(std::string_view content, const std::string& kind) {
  std::string text;
  try {
    std::string xml;
    ZipReader zip(content, kMaxExtractBytes);
    if (kind == "docx") {
      if (!zip.Read("word/document.xml", xml))
        return NoText(kind, "no word/document.xml in the file");
      ParseXmlText(xml, "t", "p", text);
    } else {
      // Cell text lives in the shared strings; inline strings in the sheets
      // are rare in files made by spreadsheet programs.
      if (zip.Read("xl/sharedStrings.xml", xml)) ParseXmlText(xml, "t", "si", text);
      for (int sheet = 1; sheet <= 256; ++sheet) {
        if (!zip.Read("xl/worksheets/sheet" + std::to_string(sheet) + ".xml", xml)) break;
        ParseXmlText(xml, "t", "is", text);
      }
    }
  } catch (const std::exception& e) {
    return NoText(kind, std::string("not a readable ") + (kind == "docx" ? "Word" : "Excel") +
                            " file (" + e.what() + ")");
  }
  if (!IsValidUtf8(text)) return NoText(kind, "the file's text is not valid UTF-8");
  return FileText{kind, "", std::move(text)};
}

}  // namespace

void CompressText(FileText& text) {
  text.compressed = text.text.empty() ? std::string() : Compress(text.text);
}

FileText ExtractTextFromBytes(std::string_view content, std::string_view name) {
  std::string ext = ExtensionOf(name);
  static const char* const kTextExtensions[] = {"txt", "md",   "markdown", "csv", "json",
                                                "xml", "html", "htm",      "text"};
  if (std::find(std::begin(kTextExtensions), std::end(kTextExtensions), ext) !=
      std::end(kTextExtensions)) {
    return PlainText(content);
  }
  if (ext == "pdf") return PdfText(content);
  if (ext == "docx" || ext == "xlsx") return OfficeText(content, ext);
  return NoText("none", ext.empty() ? "no text extractor for files without an extension"
                                    : "no text extractor for ." + ext + " files");
}

FileText ExtractText(const std::filesystem::path& path, std::string_view name) {
  // Opened without waiting (a path turned into a FIFO since it was staged
  // would block) and read only if it is still a regular file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return NoText("none", std::string("cannot read the file: ") + std::strerror(errno));
  struct stat st {};
  std::string content;
  const char* problem = nullptr;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    problem = "cannot read the file: not a regular file";
  } else if (static_cast<uint64_t>(st.st_size) > kMaxExtractBytes) {
    ::close(fd);
    return NoText("none", "not read for text: larger than " +
                              std::to_string(kMaxExtractBytes >> 20) + " MiB");
  } else {
    content.resize(static_cast<size_t>(st.st_size));
    auto got = ReadUpTo(fd, content.data(), content.size(), -1, path);
    if (!got.ok() || *got != content.size()) problem = "cannot read the file";
  }
  ::close(fd);
  if (problem != nullptr) return NoText("none", problem);
  return ExtractTextFromBytes(content, name);
}

}  // namespace dossier
