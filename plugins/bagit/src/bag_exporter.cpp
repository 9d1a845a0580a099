#include "bag_exporter.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <set>

#include "bag_layout.h"
#include "digests.h"
#include "dossier/clock.h"
#include "dossier/render.h"
#include "dossier/repository.h"
#include "dossier/version.h"
#include "package_writer.h"

namespace dossier::bagit {

using packaging::Digest;
using packaging::PackageWriter;
using packaging::Sha256Hex;
using packaging::Sha512Hex;

namespace {

constexpr const char* kSoftware = "Dossier bagit plugin " DOSSIER_VERSION;

// Source-Organization: the option, else config/archive.json's organization,
// else its fonds (全宗号).
std::string Organization(const Repository& repo, const ExportRequest& request) {
  if (auto it = request.options.find("organization"); it != request.options.end())
    return it->second;
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

// "2026-11-23T14:05:09Z" -> "2026-11-23 22:05 +08:00", as renditions' watermarks read.
std::string WatermarkTime(const std::string& iso) { return FormatLocalTime(iso); }

// The manifests and Payload-Oxum of the payload written so far.
struct Payload {
  std::vector<ManifestLine> sha256;
  std::vector<ManifestLine> sha512;
  uint64_t bytes = 0;
  uint64_t files = 0;
  std::set<std::string> paths;

  Status Claim(const std::string& path) {
    if (!paths.insert(path).second) {
      return Status::InvalidArgument("two documents would share " + path +
                                     " in the bag (numbers that differ only by '/')");
    }
    return Status::Ok();
  }
  void Record(const std::string& path, const std::string& sha256_hex, const std::string& sha512_hex,
              uint64_t size) {
    sha256.push_back({path, sha256_hex});
    sha512.push_back({path, sha512_hex});
    bytes += size;
    ++files;
  }
};

Status AddBytes(PackageWriter& writer, Payload& payload, const std::string& path,
                const std::string& bytes) {
  DOSSIER_RETURN_IF_ERROR(payload.Claim(path));
  DOSSIER_RETURN_IF_ERROR(writer.AddBytes(path, bytes));
  payload.Record(path, Sha256Hex(bytes), Sha512Hex(bytes), bytes.size());
  return Status::Ok();
}

}  // namespace

std::vector<ExportOptionInfo> BagExporter::Options() const {
  return {{"organization", "NAME",
           "Source-Organization (default: config/archive.json's organization, else its fonds)"},
          {"rendition", "yes|no",
           "include each document's PDF rendition when the PDF plugin is present (default yes)"},
          {"max-size", "BYTES",
           "split into several bags of at most this much content (K, M, G); Bag-Count says N of T"},
          {"catalogue", "no|yes",
           "add 归档文件目录.csv, the archive file catalogue of the bag's archived documents, as a "
           "tag file"}};
}

namespace {

// "out.tar.gz" -> "out-2.tar.gz", "out.zip" -> "out-2.zip", "out" -> "out-2".
std::filesystem::path PartName(const std::filesystem::path& output, int n) {
  std::string name = output.filename().string();
  for (const char* ext : {".tar.gz", ".tgz", ".zip"}) {
    std::string e = ext;
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
      return output.parent_path() /
             (name.substr(0, name.size() - e.size()) + "-" + std::to_string(n) + e);
    }
  }
  return output.parent_path() / (name + "-" + std::to_string(n));
}

}  // namespace

Result<ExportReport> BagExporter::Export(const Repository& repo, const Actor& actor,
                                         const ExportRequest& request) const {
  if (auto it = request.options.find("catalogue");
      it != request.options.end() && it->second != "yes" && it->second != "no") {
    return Status::InvalidArgument("catalogue '" + it->second + "': expected yes or no");
  }
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
  uint64_t max_size = 0;
  if (auto it = request.options.find("max-size"); it != request.options.end()) {
    auto size = packaging::ParseByteSize("max-size", it->second);
    if (!size.ok()) return size.status();
    max_size = *size;
  }
  // The types the renderer has a template for: others go without a rendition.
  std::set<std::string> renderable;
  if (rendition) {
    auto templates = request.renderer->Templates(repo);
    if (!templates.ok()) return templates.status();
    for (const auto& t : *templates) renderable.insert(t.types.begin(), t.types.end());
  }
  // Without max-size, one bag. With it, documents are grouped (a document is
  // never split) so that each bag's content stays under the size, and every
  // bag is written before any is published.
  std::vector<ExportSelection> groups = {request.selection};
  if (max_size > 0) {
    auto chosen = repo.ExportSelectionOf(actor, request.selection);
    if (!chosen.ok()) return chosen.status();
    groups.clear();
    uint64_t current = 0;
    for (const auto& d : *chosen) {
      auto history = repo.History(actor, d.id);
      if (!history.ok()) return history.status();
      uint64_t size = 0;
      for (const auto& v : *history) {
        for (const auto& f : v.files) size += f.size;
      }
      if (groups.empty() || (current > 0 && current + size > max_size)) {
        groups.push_back(ExportSelection{});
        groups.back().whole_units =
            false;  // `chosen` holds the units already; each part takes its share
        current = 0;
      }
      groups.back().refs.push_back(d.id);
      current += size;
    }
    if (groups.empty()) groups.push_back(request.selection);
  }
  std::vector<Part> parts;
  for (size_t i = 0; i < groups.size(); ++i) {
    std::string count =
        groups.size() > 1 ? std::to_string(i + 1) + " of " + std::to_string(groups.size()) : "";
    auto output =
        groups.size() > 1 ? PartName(request.output, static_cast<int>(i + 1)) : request.output;
    auto part =
        WriteBag(repo, actor, request, groups[i], output, count, rendition ? &renderable : nullptr);
    if (!part.ok()) return part.status();
    parts.push_back(std::move(*part));
  }
  ExportReport report;
  for (auto& p : parts) {
    DOSSIER_RETURN_IF_ERROR(p.writer->Commit());
    report.documents += p.report.documents;
    report.files += p.report.files;
    report.bytes += p.writer->bytes_written();
    report.outputs.insert(report.outputs.end(), p.report.outputs.begin(), p.report.outputs.end());
  }
  return report;
}

Result<BagExporter::Part> BagExporter::WriteBag(const Repository& repo, const Actor& actor,
                                                const ExportRequest& request,
                                                const ExportSelection& selection,
                                                const std::filesystem::path& output,
                                                const std::string& bag_count,
                                                const std::set<std::string>* renderable) const {
  auto writer = PackageWriter::Create(output);
  if (!writer.ok()) return writer.status();
  PackageWriter& w = **writer;
  Payload payload;
  std::set<std::string> units;
  std::vector<std::pair<DocumentSummary, ArchiveRecord>> archived;  // for the catalogue
  Digest sha512("sha512");

  auto visited = repo.ExportDocuments(
      actor, selection, {Format(), request.output.string()},
      [&](const ExportDocument& d, const ExportContent& content) -> Status {
        const std::string& number = d.summary.number;
        DOSSIER_RETURN_IF_ERROR(
            AddBytes(w, payload, MetadataPath(number), ExportDocumentJson(d, true)));
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
        if (renderable && renderable->count(d.summary.type)) {
          RenderRequest r;
          r.ref = d.summary.id;
          r.exported_by = request.exported_by;
          r.exported_at = WatermarkTime(request.exported_at);
          auto pdf = request.renderer->Render(repo, actor, r);
          if (!pdf.ok())
            return pdf.status().WithContext(
                "rendition (export with -O rendition=no to leave it out)");
          DOSSIER_RETURN_IF_ERROR(AddBytes(w, payload, RenditionPath(number), pdf->content));
        }
        if (d.archive) {
          units.insert(d.archive->archive_code);
          archived.emplace_back(d.summary, *d.archive);
        }
        return Status::Ok();
      });
  if (!visited.ok()) return visited.status();

  BagInfo info;
  info.source_organization = Organization(repo, request);
  info.bagging_date = request.exported_at.substr(0, 10);
  info.payload_bytes = payload.bytes;
  info.payload_files = payload.files;
  info.external_identifiers.assign(units.begin(), units.end());
  info.bag_count = bag_count;
  info.description =
      std::to_string(*visited) + " document(s) exported from Dossier by " + request.exported_by;
  info.software = kSoftware;
  std::vector<std::pair<std::string, std::string>> tags = {
      {"bagit.txt", BagitTxt()},
      {"bag-info.txt", BagInfoTxt(info)},
      {"manifest-sha256.txt", ManifestText(payload.sha256)},
      {"manifest-sha512.txt", ManifestText(payload.sha512)},
  };
  if (auto it = request.options.find("catalogue");
      it != request.options.end() && it->second == "yes") {
    // A tag file, not payload: the catalogue describes the bag, it is no document of it.
    Table catalogue = ArchiveCatalogue(std::move(archived));
    std::vector<std::string> header;
    for (const auto& c : catalogue.columns) header.push_back(c.label_zh);
    std::string text = "\xEF\xBB\xBF" + CsvRecord(header);
    for (auto row : catalogue.rows) {
      // Opened in a spreadsheet by the receiving archive: a title is never run as a formula.
      for (size_t i = 0; i < row.size() && i < catalogue.columns.size(); ++i) {
        row[i] = NeutraliseFormula(row[i], catalogue.columns[i].kind);
      }
      text += CsvRecord(row);
    }
    tags.emplace_back("归档文件目录.csv", text);
  }
  std::vector<ManifestLine> tag_lines;
  for (const auto& [path, text] : tags) {
    DOSSIER_RETURN_IF_ERROR(w.AddBytes(path, text));
    tag_lines.push_back({path, Sha256Hex(text)});
  }
  DOSSIER_RETURN_IF_ERROR(w.AddBytes("tagmanifest-sha256.txt", ManifestText(tag_lines)));
  Part part;
  part.report.documents = *visited;
  part.report.files = static_cast<int64_t>(payload.files);
  part.report.outputs.push_back(output);
  part.writer = std::move(*writer);
  return part;
}

}  // namespace dossier::bagit
