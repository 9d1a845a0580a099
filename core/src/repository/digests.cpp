#include "repository/digests.h"

#include <algorithm>

#include "util/sha256.h"

namespace dossier {

std::string VersionDigest(const std::string& doc_id, const Version& v) {
  Sha256 sha;
  auto field = [&](const std::string& value) {
    sha.Update(std::to_string(value.size()) + ":");
    sha.Update(value);
  };
  field(doc_id);
  field(std::to_string(v.number));
  field(std::to_string(v.parent));
  field(v.title);
  field(v.metadata_json);
  field(v.author);
  field(v.created_at);
  field(v.comment);
  auto files = v.files;
  std::sort(files.begin(), files.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.name < b.name; });
  for (const auto& f : files) {
    field(f.name);
    field(f.sha256);
    field(std::to_string(f.size));
  }
  return sha.HexDigest();
}

}  // namespace dossier
