// Reads a bag made by Dossier (folder, zip or tar.gz) and hands its
// documents to the core's Repository::Import. The whole package is checked
// first: its structure (bagit.txt, bag-info.txt, manifests), Payload-Oxum,
// every line of every manifest and of the tag manifest, no payload file
// missing or extra, every record readable and every file it names present.
// Nothing is written unless all of it holds.
#ifndef DOSSIER_PLUGINS_BAGIT_BAG_IMPORTER_H_
#define DOSSIER_PLUGINS_BAGIT_BAG_IMPORTER_H_

#include "dossier/import.h"
#include "package_reader.h"

namespace dossier::bagit {

/// Checks a bag read from a package: structure, Payload-Oxum, manifests.
Status ValidateBag(const ReadPackage& bag);

class BagImporter : public Importer {
 public:
  std::string Format() const override { return "bagit"; }
  std::string Description() const override {
    return "BagIt packages made by 'dossier export bagit' (folder, zip or tar.gz), validated whole "
           "before anything is written";
  }
  std::vector<ExportOptionInfo> Options() const override;
  bool Recognises(const std::filesystem::path& package) const override;
  Result<ImportReport> Import(Repository& repo, const Actor& actor,
                              const ImportRequest& request) const override;
};

}  // namespace dossier::bagit

#endif  // DOSSIER_PLUGINS_BAGIT_BAG_IMPORTER_H_
