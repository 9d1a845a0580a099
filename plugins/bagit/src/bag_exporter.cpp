#include "bag_exporter.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <set>

#include "bag_layout.h"
#include "digests.h"
#include "dossier/render.h"
#include "dossier/repository.h"
#include "package_writer.h"

namespace dossier::bagit {

using packaging::Digest;
using packaging::PackageWriter;
using packaging::Sha256Hex;
using packaging::Sha512Hex;

namespace {

constexpr const char* kSoftware = "Dossier bagit plugin 0.1.0";

// Source-Organization: the option, else config/archive.json's organization,
// else its fonds (全宗号).
std::string Organization(const Repository& repo, const ExportRequest& request) {
  if (auto it = request.options.find("organization"); it != request.options.end()) return it->second;
  auto text = repo.ConfigText("archive.json");
  if (!text.ok()) return "";
  try {
    Poco::JSON::Parser parser;
    auto o = parser.parse(*text).extract<Poco::JSON::Object::Ptr>();
    if (o->has("organization")) return o->getValue<std::string>("organization");
    if (o->has("fonds")) return "全宗 " + o->getValue<std::string>("fonds");
  } catch (const Poco::Exception&) {
  }
  return "";
}

// "2026-11-23T14:05:09Z" -> "2026-11-23 14:05 UTC", as renditions' watermarks read.
std::string WatermarkTime(const std::string& iso) {
  if (iso.size() < 16) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

// The manifests and Payload-Oxum of the payload written so far.
struct Payload {
  std::vector<ManifestLine> sha256;
  std::vector<ManifestLine> sha512;
  uint64_t bytes = 0;
  uint64_t files = 0;
  std::set<std::string> paths;

  Status Claim(const std::string& path) {
    if (!paths.insert(path).second) {
      return Status::InvalidArgument("two documents would share " + path + " in the bag (numbers that differ only by '/')");
    }
    return Status::Ok();
  }
  void Record(const std::string& path, const std::string& sha256_hex, const std::string& sha512_hex, uint64_t size) {
    sha256.push_back({path, sha256_hex});
    sha512.push_back({path, sha512_hex});
    bytes += size;
    ++files;
  }
};

Status AddBytes(PackageWriter& writer, Payload& payload, const std::string& path, const std::string& bytes) {
  DOSSIER_RETURN_IF_ERROR(payload.Claim(path));
  DOSSIER_RETURN_IF_ERROR(writer.AddBytes(path, bytes));
  payload.Record(path, Sha256Hex(bytes), Sha512Hex(bytes), bytes.size());
  return Status::Ok();
}

}  // namespace

std::vector<ExportOptionInfo> BagExporter::Options() const {
  return {{"organization", "NAME", "Source-Organization (default: config/archive.json's organization, else its fonds)"},
          {"rendition", "yes|no", "include each document's PDF rendition when the PDF plugin is present (default yes)"}};
}

Result<ExportReport> BagExporter::Export(const Repository& repo, const Actor& actor, const ExportRequest& request) const {
  bool rendition = request.renderer != nullptr;
  if (auto it = request.options.find("rendition"); it != request.options.end()) {
    if (it->second != "yes" && it->second != "no") {
      return Status::InvalidArgument("rendition '" + it->second + "': expected yes or no");
    }
    if (it->second == "yes" && !request.renderer) {
      return Status::InvalidArgument("rendition=yes needs the PDF plugin, which is not installed");
    }
    rendition = it->second == "yes";
  }
  // The types the renderer has a template for: others go without a rendition.
  std::set<std::string> renderable;
  if (rendition) {
    auto templates = request.renderer->Templates(repo);
    if (!templates.ok()) return templates.status();
    for (const auto& t : *templates) renderable.insert(t.types.begin(), t.types.end());
  }
  auto writer = PackageWriter::Create(request.output);
  if (!writer.ok()) return writer.status();
  PackageWriter& w = **writer;
  Payload payload;
  std::set<std::string> units;
  Digest sha512("sha512");

  auto visited = repo.ExportDocuments(
      actor, request.selection, {Format(), request.output.string()},
      [&](const ExportDocument& d, const ExportContent& content) -> Status {
        const std::string& number = d.summary.number;
        DOSSIER_RETURN_IF_ERROR(AddBytes(w, payload, MetadataPath(number), ExportDocumentJson(d, true)));
        for (const auto& v : d.versions) {
          for (const auto& f : v.files) {
            std::string path = VersionFilePath(number, v.number, f.name);
            DOSSIER_RETURN_IF_ERROR(payload.Claim(path));
            // The store checks SHA-256 as the bytes pass (Corruption if they
            // differ), so the manifest takes it from the record; SHA-512 is
            // computed here.
            DOSSIER_RETURN_IF_ERROR(w.Add(path, f.size, [&](const ContentSink& sink) {
              return content.Read(f, [&](const char* data, size_t n) {
                sha512.Update(data, n);
                return sink(data, n);
              });
            }));
            payload.Record(path, f.sha256, sha512.Hex(), f.size);
          }
        }
        if (rendition && renderable.count(d.summary.type)) {
          RenderRequest r;
          r.ref = d.summary.id;
          r.exported_by = request.exported_by;
          r.exported_at = WatermarkTime(request.exported_at);
          auto pdf = request.renderer->Render(repo, actor, r);
          if (!pdf.ok()) return pdf.status().WithContext("rendition (export with -O rendition=no to leave it out)");
          DOSSIER_RETURN_IF_ERROR(AddBytes(w, payload, RenditionPath(number), pdf->content));
        }
        if (d.archive) units.insert(d.archive->archive_code);
        return Status::Ok();
      });
  if (!visited.ok()) return visited.status();

  BagInfo info;
  info.source_organization = Organization(repo, request);
  info.bagging_date = request.exported_at.substr(0, 10);
  info.payload_bytes = payload.bytes;
  info.payload_files = payload.files;
  info.external_identifiers.assign(units.begin(), units.end());
  info.description = std::to_string(*visited) + " document(s) exported from Dossier by " + request.exported_by;
  info.software = kSoftware;
  std::vector<std::pair<std::string, std::string>> tags = {
      {"bagit.txt", BagitTxt()},
      {"bag-info.txt", BagInfoTxt(info)},
      {"manifest-sha256.txt", ManifestText(payload.sha256)},
      {"manifest-sha512.txt", ManifestText(payload.sha512)},
  };
  std::vector<ManifestLine> tag_lines;
  for (const auto& [path, text] : tags) {
    DOSSIER_RETURN_IF_ERROR(w.AddBytes(path, text));
    tag_lines.push_back({path, Sha256Hex(text)});
  }
  DOSSIER_RETURN_IF_ERROR(w.AddBytes("tagmanifest-sha256.txt", ManifestText(tag_lines)));
  DOSSIER_RETURN_IF_ERROR(w.Commit());
  ExportReport report;
  report.documents = *visited;
  report.files = static_cast<int64_t>(payload.files);
  report.bytes = w.bytes_written();
  report.outputs.push_back(request.output);
  return report;
}

}  // namespace dossier::bagit
