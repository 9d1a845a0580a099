// What an imported package carries (BagIt, EEP): the record of each
// document (ParseExportDocumentJson, the one reader every importer uses),
// the manifests and the tag files. A record read back and written again
// must read back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bag_layout.h"
#include "dossier/export.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto record = dossier::ParseExportDocumentJson(input); record.ok()) {
    const std::string written = dossier::ExportDocumentJson(*record, true);
    auto again = dossier::ParseExportDocumentJson(written);
    if (!again.ok() || dossier::ExportDocumentJson(*again, true) != written) __builtin_trap();
  }
  std::string error;
  for (size_t digest : {64u, 128u}) {
    if (auto lines = dossier::bagit::ParseManifest(input, digest, &error)) {
      auto again =
          dossier::bagit::ParseManifest(dossier::bagit::ManifestText(*lines), digest, &error);
      if (!again || again->size() != lines->size()) __builtin_trap();
    }
  }
  (void)dossier::bagit::ParseTags(input, &error);
  return 0;
}
