#include "dossier/drafted_text.h"

#include <algorithm>
#include <exception>

#include "drafted/bodies.h"
#include "search/extract.h"

namespace dossier {

namespace {

std::string ExtensionOf(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool IsMarkdown(const std::string& ext) { return ext == "md" || ext == "markdown"; }
bool IsPlain(const std::string& ext) { return ext == "txt" || ext == "text"; }

std::string WithoutCarriageReturns(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

}  // namespace

namespace drafted {

std::string Trim(std::string_view s) {
  auto is_space = [](std::string_view rest) -> size_t {
    if (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t')) return 1;
    if (rest.substr(0, 3) == "\xE3\x80\x80") return 3;  // U+3000 ideographic space
    return 0;
  };
  while (size_t n = is_space(s)) s.remove_prefix(n);
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
      s.remove_suffix(1);
    else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80")
      s.remove_suffix(3);
    else
      break;
  }
  return std::string(s);
}

void AppendLine(std::string& paragraph, std::string_view line) {
  if (line.empty()) return;
  bool latin_end = !paragraph.empty() && static_cast<unsigned char>(paragraph.back()) < 0x80;
  bool latin_start = static_cast<unsigned char>(line.front()) < 0x80;
  if (latin_end && latin_start) paragraph += ' ';
  paragraph += line;
}

}  // namespace drafted

bool IsDraftedTextName(std::string_view name) {
  std::string ext = ExtensionOf(name);
  return ext == "docx" || IsMarkdown(ext) || IsPlain(ext);
}

Result<DraftedText> ReadDraftedText(std::string_view content, std::string_view name) {
  std::string ext = ExtensionOf(name);
  std::string file(name);
  if (!IsDraftedTextName(name)) {
    return Status::InvalidArgument(
        "'" + file +
        "' is not a drafted text: a body is a Word (.docx), Markdown (.md) or text (.txt) file");
  }
  DraftedText body;
  if (ext == "docx") {
    try {
      body = drafted::ReadDocx(content);
    } catch (const std::exception& e) {
      return Status::InvalidArgument("'" + file + "' is not a readable Word file (" + e.what() +
                                     ")");
    }
  } else {
    // The same decoding as the search index's: UTF-8 (a BOM dropped) or GB18030.
    FileText text = ExtractTextFromBytes(content, "body.txt");
    if (!text.note.empty())
      return Status::InvalidArgument("'" + file + "' cannot be read: " + text.note);
    std::string lines = WithoutCarriageReturns(std::move(text.text));
    body = IsMarkdown(ext) ? drafted::ReadMarkdown(lines) : drafted::ReadPlain(lines);
  }
  if (body.blocks.empty()) return Status::InvalidArgument("'" + file + "' has no text");
  return body;
}

}  // namespace dossier
