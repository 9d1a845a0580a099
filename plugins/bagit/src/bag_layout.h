// The layout and tag files of a BagIt bag (RFC 8493) as Dossier writes them:
//
//   bagit.txt, bag-info.txt, manifest-sha256.txt, manifest-sha512.txt,
//   tagmanifest-sha256.txt
//   data/<number>/metadata.json        the document record with its audit entries
//   data/<number>/v<N>/<file name>     the files of each version
//   data/<number>/<number>.pdf         the rendition, when the PDF plugin is present
//
// Pure functions, shared by the exporter and the importer.
#ifndef DOSSIER_PLUGINS_BAGIT_BAG_LAYOUT_H_
#define DOSSIER_PLUGINS_BAGIT_BAG_LAYOUT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::bagit {

/// A folder name for a document number: '/', '\' and control characters
/// (possible in a company's number template) become '_'.
std::string DocumentFolder(std::string_view number);
std::string MetadataPath(std::string_view number);  // data/HT-1/metadata.json
std::string VersionFilePath(std::string_view number, int version,
                            std::string_view name);  // data/HT-1/v2/a.txt
std::string RenditionPath(std::string_view number);  // data/HT-1/HT-1.pdf

/// A path as a manifest line carries it: %, CR and LF percent-encoded.
std::string EncodeManifestPath(std::string_view path);
/// The reverse; nullopt for a malformed escape.
std::optional<std::string> DecodeManifestPath(std::string_view path);

struct ManifestLine {
  std::string path;
  std::string digest;  // lowercase hex
};
/// "<digest>  <encoded path>\n" for each line, sorted by path.
std::string ManifestText(std::vector<ManifestLine> lines);
/// Parses a manifest; InvalidArgument-style message in `error` for a bad line.
std::optional<std::vector<ManifestLine>> ParseManifest(std::string_view text,
                                                       size_t digest_hex_length,
                                                       std::string* error);

/// "BagIt-Version: 1.0" and the encoding.
std::string BagitTxt();

struct BagInfo {
  std::string source_organization;
  std::string bagging_date;  // YYYY-MM-DD
  uint64_t payload_bytes = 0;
  uint64_t payload_files = 0;
  std::vector<std::string> external_identifiers;  // 档号 of the units in the bag
  std::string bag_count;                          // "1 of 3" when split; "" otherwise
  std::string description;
  std::string software;
};
std::string BagInfoTxt(const BagInfo& info);
/// Tag lines as label -> values (labels may repeat); lines continued with
/// leading whitespace are joined. Empty on a malformed line, with `error`.
std::optional<std::multimap<std::string, std::string>> ParseTags(std::string_view text,
                                                                 std::string* error);

}  // namespace dossier::bagit

#endif  // DOSSIER_PLUGINS_BAGIT_BAG_LAYOUT_H_
