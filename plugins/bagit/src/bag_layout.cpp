#include "bag_layout.h"

#include <algorithm>
#include <cstdio>

#include "package_writer.h"

namespace dossier::bagit {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool IsHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string DocumentFolder(std::string_view number) { return packaging::SafeEntryName(number); }

std::string MetadataPath(std::string_view number) {
  return "data/" + DocumentFolder(number) + "/metadata.json";
}

std::string VersionFilePath(std::string_view number, int version, std::string_view name) {
  return "data/" + DocumentFolder(number) + "/v" + std::to_string(version) + "/" +
         std::string(name);
}

std::string RenditionPath(std::string_view number) {
  std::string folder = DocumentFolder(number);
  return "data/" + folder + "/" + folder + ".pdf";
}

std::string EncodeManifestPath(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::optional<std::string> DecodeManifestPath(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      out += path[i];
      continue;
    }
    if (i + 2 >= path.size()) return std::nullopt;
    std::string code(path.substr(i + 1, 2));
    if (code == "25")
      out += '%';
    else if (code == "0D" || code == "0d")
      out += '\r';
    else if (code == "0A" || code == "0a")
      out += '\n';
    else
      return std::nullopt;
    i += 2;
  }
  return out;
}

std::string ManifestText(std::vector<ManifestLine> lines) {
  std::sort(lines.begin(), lines.end(),
            [](const ManifestLine& a, const ManifestLine& b) { return a.path < b.path; });
  std::string out;
  for (const auto& l : lines) out += l.digest + "  " + EncodeManifestPath(l.path) + "\n";
  return out;
}

std::optional<std::vector<ManifestLine>> ParseManifest(std::string_view text,
                                                       size_t digest_hex_length,
                                                       std::string* error) {
  std::vector<ManifestLine> lines;
  size_t line_no = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    size_t space = line.find_first_of(" \t");
    std::string digest(line.substr(0, space));
    std::transform(digest.begin(), digest.end(), digest.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (space == std::string_view::npos || digest.size() != digest_hex_length || !IsHex(digest)) {
      *error = "line " + std::to_string(line_no) + " is not '<digest> <path>'";
      return std::nullopt;
    }
    std::string_view raw = line.substr(space);
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
    auto path = DecodeManifestPath(raw);
    if (!path || path->empty()) {
      *error = "line " + std::to_string(line_no) + " has a malformed path";
      return std::nullopt;
    }
    lines.push_back({*path, digest});
  }
  return lines;
}

std::string BagitTxt() { return "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"; }

std::string BagInfoTxt(const BagInfo& info) {
  std::string out;
  auto tag = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) out += label + ": " + value + "\n";
  };
  tag("Source-Organization", info.source_organization);
  tag("Bagging-Date", info.bagging_date);
  tag("Payload-Oxum",
      std::to_string(info.payload_bytes) + "." + std::to_string(info.payload_files));
  for (const auto& id : info.external_identifiers) tag("External-Identifier", id);
  tag("Bag-Count", info.bag_count);
  tag("External-Description", info.description);
  tag("Bag-Software-Agent", info.software);
  return out;
}

std::optional<std::multimap<std::string, std::string>> ParseTags(std::string_view text,
                                                                 std::string* error) {
  std::multimap<std::string, std::string> tags;
  std::multimap<std::string, std::string>::iterator last = tags.end();
  size_t line_no = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') {
      if (last == tags.end()) {
        *error = "line " + std::to_string(line_no) + " continues no tag";
        return std::nullopt;
      }
      last->second += " " + std::string(Trim(line));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      *error = "line " + std::to_string(line_no) + " is not 'Label: value'";
      return std::nullopt;
    }
    last = tags.emplace(std::string(Trim(line.substr(0, colon))),
                        std::string(Trim(line.substr(colon + 1))));
  }
  return tags;
}

}  // namespace dossier::bagit
