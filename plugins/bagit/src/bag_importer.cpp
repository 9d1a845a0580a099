#include "bag_importer.h"

#include <fstream>
#include <map>
#include <set>

#include "bag_layout.h"
#include "dossier/files.h"
#include "dossier/repository.h"
#include "package_writer.h"

namespace dossier::bagit {

namespace {

Status Invalid(const std::string& why) {
  return Status::InvalidArgument("not a valid bag: " + why);
}

Result<std::string> Slurp(const PackageEntry& e, uint64_t max = uint64_t{256} << 20) {
  if (e.in_memory) return e.bytes;
  if (e.size > max)
    return Status::InvalidArgument(e.file.string() + " is too large for a tag or record file");
  std::ifstream in(e.file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  if (text.size() != e.size) return Status::IoError("cannot read " + e.file.string());
  return text;
}

}  // namespace

Status ValidateBag(const ReadPackage& bag) {
  auto get = [&](const std::string& name) -> const PackageEntry* {
    auto it = bag.entries.find(name);
    return it == bag.entries.end() ? nullptr : &it->second;
  };
  const PackageEntry* bagit = get("bagit.txt");
  if (bagit == nullptr) return Invalid("it has no bagit.txt");
  auto bagit_text = Slurp(*bagit);
  if (!bagit_text.ok()) return bagit_text.status();
  std::string error;
  auto declaration = ParseTags(*bagit_text, &error);
  if (!declaration) return Invalid("bagit.txt: " + error);
  auto version = declaration->find("BagIt-Version");
  auto encoding = declaration->find("Tag-File-Character-Encoding");
  if (version == declaration->end() || (version->second != "1.0" && version->second != "0.97")) {
    return Invalid("bagit.txt declares no BagIt-Version 1.0");
  }
  if (encoding == declaration->end() || encoding->second != "UTF-8")
    return Invalid("its tag files are not UTF-8");

  std::set<std::string> payload;
  uint64_t payload_bytes = 0;
  for (const auto& [path, e] : bag.entries) {
    if (path.rfind("data/", 0) == 0) {
      payload.insert(path);
      payload_bytes += e.size;
    }
  }
  // Every manifest: each line names a payload file with the right digest,
  // and every payload file is named.
  int manifests = 0;
  for (const char* algorithm : {"sha256", "sha512"}) {
    std::string name = std::string("manifest-") + algorithm + ".txt";
    const PackageEntry* m = get(name);
    if (m == nullptr) continue;
    ++manifests;
    auto text = Slurp(*m);
    if (!text.ok()) return text.status();
    auto lines = ParseManifest(*text, algorithm == std::string("sha256") ? 64 : 128, &error);
    if (!lines) return Invalid(name + ": " + error);
    std::set<std::string> listed;
    for (const auto& l : *lines) {
      const PackageEntry* e = get(l.path);
      if (e == nullptr || l.path.rfind("data/", 0) != 0)
        return Invalid(name + " lists " + l.path + ", which is not in the payload");
      if (!listed.insert(l.path).second) return Invalid(name + " lists " + l.path + " twice");
      const std::string& actual = algorithm == std::string("sha256") ? e->sha256 : e->sha512;
      if (actual != l.digest)
        return Invalid(l.path + " does not match its " + algorithm + " in " + name);
    }
    for (const auto& p : payload) {
      if (!listed.count(p)) return Invalid(p + " is in the payload but not in " + name);
    }
  }
  if (manifests == 0) return Invalid("it has no manifest-sha256.txt or manifest-sha512.txt");
  if (const PackageEntry* tags = get("tagmanifest-sha256.txt")) {
    auto text = Slurp(*tags);
    if (!text.ok()) return text.status();
    auto lines = ParseManifest(*text, 64, &error);
    if (!lines) return Invalid("tagmanifest-sha256.txt: " + error);
    for (const auto& l : *lines) {
      const PackageEntry* e = get(l.path);
      if (e == nullptr)
        return Invalid("tagmanifest-sha256.txt lists " + l.path + ", which is not in the bag");
      if (e->sha256 != l.digest)
        return Invalid(l.path + " does not match its sha256 in tagmanifest-sha256.txt");
    }
  }
  if (const PackageEntry* info = get("bag-info.txt")) {
    auto text = Slurp(*info);
    if (!text.ok()) return text.status();
    auto tags = ParseTags(*text, &error);
    if (!tags) return Invalid("bag-info.txt: " + error);
    auto oxum = tags->find("Payload-Oxum");
    if (oxum != tags->end()) {
      std::string actual = std::to_string(payload_bytes) + "." + std::to_string(payload.size());
      if (oxum->second != actual) {
        return Invalid("its Payload-Oxum says " + oxum->second + " (bytes.files); the payload is " +
                       actual);
      }
    }
  }
  return Status::Ok();
}

std::vector<ExportOptionInfo> BagImporter::Options() const {
  return {
      {"max-total", "BYTES", "refuse a package that expands beyond this (default 64G)"},
      {"max-ratio", "N", "refuse a package that expands more than N times its size (default 200)"}};
}

bool BagImporter::Recognises(const std::filesystem::path& package) const {
  std::error_code ec;
  if (std::filesystem::is_directory(package, ec))
    return std::filesystem::exists(package / "bagit.txt", ec);
  std::ifstream in(package, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return (magic[0] == 'P' && magic[1] == 'K') || (static_cast<unsigned char>(magic[0]) == 0x1f &&
                                                  static_cast<unsigned char>(magic[1]) == 0x8b);
}

Result<ImportReport> BagImporter::Import(Repository& repo, const Actor& actor,
                                         const ImportRequest& request) const {
  ReadLimits limits;
  if (auto it = request.options.find("max-total"); it != request.options.end()) {
    auto bytes = packaging::ParseByteSize("max-total", it->second);
    if (!bytes.ok()) return bytes.status();
    limits.max_total = *bytes;
  }
  if (auto it = request.options.find("max-ratio"); it != request.options.end()) {
    auto ratio = packaging::ParseByteSize("max-ratio", it->second);
    if (!ratio.ok()) return ratio.status();
    limits.max_ratio = *ratio;
  }
  if (request.packages.empty()) return Status::InvalidArgument("no package to import");
  auto scratch = TempFolder::Create("dossier-import");
  if (!scratch.ok()) return scratch.status();
  // Every bag read and validated first; the records of all of them make one import.
  std::vector<ReadPackage> bags;
  auto name_of = [&](size_t i) {
    return i < request.names.size() ? request.names[i] : request.packages[i].string();
  };
  for (size_t i = 0; i < request.packages.size(); ++i) {
    auto folder = scratch->path() / std::to_string(i);
    std::filesystem::create_directory(folder);
    auto bag = ReadBagPackage(request.packages[i], folder, limits);
    if (!bag.ok()) return bag.status().WithContext(name_of(i));
    if (Status s = ValidateBag(*bag); !s.ok()) return s.WithContext(name_of(i));
    bags.push_back(std::move(*bag));
  }

  // The records, and every payload file accounted for by one of them.
  ImportPackage package;
  for (size_t i = 0; i < request.packages.size(); ++i)
    package.source += (i == 0 ? "" : " ") + name_of(i);
  package.format = Format();
  std::map<std::string, const ReadPackage*> bag_of;  // document number -> its bag
  for (const auto& bag : bags) {
    std::set<std::string> accounted;
    for (const auto& [path, entry] : bag.entries) {
      if (path.rfind("data/", 0) != 0 || path.size() < 14 ||
          path.compare(path.size() - 14, 14, "/metadata.json") != 0) {
        continue;
      }
      auto text = Slurp(entry);
      if (!text.ok()) return text.status();
      auto record = ParseExportDocumentJson(*text);
      if (!record.ok()) return record.status().WithContext(path);
      if (MetadataPath(record->summary.number) != path) {
        return Invalid(path + " holds the record of " + record->summary.number +
                       ", which belongs elsewhere");
      }
      accounted.insert(path);
      for (const auto& v : record->versions) {
        for (const auto& f : v.files) {
          std::string file = VersionFilePath(record->summary.number, v.number, f.name);
          if (!bag.entries.count(file))
            return Invalid(record->summary.number + " names " + file + ", which is not in the bag");
          accounted.insert(file);
        }
      }
      accounted.insert(RenditionPath(record->summary.number));
      bag_of[record->summary.number] = &bag;
      package.documents.push_back(std::move(*record));
    }
    for (const auto& [path, entry] : bag.entries) {
      if (path.rfind("data/", 0) == 0 && !accounted.count(path)) {
        return Invalid(path + " belongs to no document record (not a bag made by Dossier?)");
      }
    }
  }
  if (package.documents.empty())
    return Invalid("it holds no document records (data/<number>/metadata.json)");
  package.locate = [&bag_of](const ExportDocument& d, const Version& v,
                             const FileEntry& f) -> Result<PackageFile> {
    auto bag = bag_of.find(d.summary.number);
    if (bag == bag_of.end()) return Status::NotFound("not in the bags");
    auto it = bag->second->entries.find(VersionFilePath(d.summary.number, v.number, f.name));
    if (it == bag->second->entries.end()) return Status::NotFound("not in the bag");
    PackageFile file;
    if (it->second.in_memory)
      file.bytes = &it->second.bytes;
    else
      file.path = it->second.file;
    return file;
  };
  package.accept_unsigned = request.accept_unsigned;
  return repo.Import(actor, package, request.dry_run);
}

}  // namespace dossier::bagit
