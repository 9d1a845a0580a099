// Writes documents as a BagIt bag (RFC 8493): every version's files, the
// document record with its audit entries, and its rendition when the PDF
// plugin is present; Payload-Oxum, SHA-256 and SHA-512 manifests and the tag
// manifest. The container (folder, zip, tar.gz) follows the output's name.
#ifndef DOSSIER_PLUGINS_BAGIT_BAG_EXPORTER_H_
#define DOSSIER_PLUGINS_BAGIT_BAG_EXPORTER_H_

#include <memory>
#include <set>

#include "dossier/export.h"
#include "package_writer.h"

namespace dossier::bagit {

class BagExporter : public Exporter {
 public:
  std::string Format() const override { return "bagit"; }
  std::vector<std::string> Extensions() const override { return {"/", ".zip", ".tar.gz"}; }
  std::string Description() const override {
    return "BagIt archival package (RFC 8493): files of every version, metadata, relations, audit; "
           "folder, zip or tar.gz";
  }
  std::vector<ExportOptionInfo> Options() const override;
  bool Tabular() const override { return false; }
  Result<ExportReport> Export(const Repository& repo, const Actor& actor,
                              const ExportRequest& request) const override;

 private:
  // One bag, written but not yet published.
  struct Part {
    std::unique_ptr<packaging::PackageWriter> writer;
    ExportReport report;
  };
  Result<Part> WriteBag(const Repository& repo, const Actor& actor, const ExportRequest& request,
                        const ExportSelection& selection, const std::filesystem::path& output,
                        const std::string& bag_count,
                        const std::set<std::string>* renderable) const;
};

}  // namespace dossier::bagit

#endif  // DOSSIER_PLUGINS_BAGIT_BAG_EXPORTER_H_
