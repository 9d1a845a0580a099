// Text extraction: what of a stored file the search index can read.
//
//   .txt .md .markdown .csv .json .xml .html .htm  text, UTF-8 or GB18030
//   .pdf                                           poppler, in a module loaded on first use
//   .docx                                          word/document.xml (Poco Zip + SAX)
//   .xlsx                                          shared and inline strings (idem)
//
// Anything else, or a file that cannot be read as its kind says, is still
// stored and registered; its FileText says why there is no text, and `show`
// tells the user. Extraction never fails a registration.
//
// Thread-safe: extraction of different files may run on many threads.
#ifndef DOSSIER_SEARCH_EXTRACT_H_
#define DOSSIER_SEARCH_EXTRACT_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace dossier {

struct FileText {
  std::string kind;        // "text", "pdf", "docx", "xlsx", or "none"
  std::string note;        // why there is no text (empty when there is)
  std::string text;        // UTF-8
  std::string compressed;  // `text` as the catalog keeps it (see CompressText)
};

/// Fills `compressed` (zlib). Done where the text is extracted, so that
/// bulk ingest compresses on its worker threads, not in the transaction.
void CompressText(FileText& text);

/// Files above this size are not read for text (their note says so).
inline constexpr uint64_t kMaxExtractBytes = uint64_t{64} << 20;

/// Extracts the text of the file at `path`, whose stored name is `name`
/// (the extension decides the kind).
FileText ExtractText(const std::filesystem::path& path, std::string_view name);

/// Text from bytes already in memory (tests, reindex from the store).
FileText ExtractTextFromBytes(std::string_view content, std::string_view name);

}  // namespace dossier

#endif  // DOSSIER_SEARCH_EXTRACT_H_
