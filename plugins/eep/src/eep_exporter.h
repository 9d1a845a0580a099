// Electronic records encapsulation in the style of DA/T 48-2009 (基于XML的
// 电子文件封装规范): one XML per document with its descriptive metadata under
// DA/T 46 element names (题名, 文号, 责任者, 日期, 密级, 保管期限, 档号…), the
// version chain, the workflow trail as business actions, and every distinct
// content Base64-encoded with its SHA-256. Follows schemas/export/eep.xsd.
// Written as a folder, zip or tar.gz (plugins/packaging), streaming.
#ifndef DOSSIER_PLUGINS_EEP_EEP_EXPORTER_H_
#define DOSSIER_PLUGINS_EEP_EEP_EXPORTER_H_

#include "dossier/export.h"

namespace dossier::eep {

class EepExporter : public Exporter {
 public:
  std::string Format() const override { return "eep"; }
  std::vector<std::string> Extensions() const override { return {"/", ".zip", ".tar.gz"}; }
  std::string Description() const override {
    return "DA/T 48-2009 style XML encapsulation (封装包): one XML per document, content in Base64 "
           "with its digest";
  }
  std::vector<ExportOptionInfo> Options() const override;
  bool Tabular() const override { return false; }
  Result<ExportReport> Export(const Repository& repo, const Actor& actor,
                              const ExportRequest& request) const override;
};

}  // namespace dossier::eep

#endif  // DOSSIER_PLUGINS_EEP_EEP_EXPORTER_H_
