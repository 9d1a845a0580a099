// Document types as the core hands them out. Types are data: JSON files under
// the repository's config/types/ (copied from schemas/types/ at init), each
// with a JSON Schema for its metadata, a numbering template, a default
// retention class and names in Chinese and English.
#ifndef DOSSIER_TYPES_H_
#define DOSSIER_TYPES_H_

#include <string>

namespace dossier {

struct DocumentTypeInfo {
  std::string code;        // "contract"
  std::string name_zh;     // "合同"
  std::string name_en;     // "Contract"
  std::string numbering;   // "HT-{year}-{dept}-{seq:4}"
  std::string retention;   // default retention class code, e.g. "D30"
  std::string description;
  std::string schema_json; // the JSON Schema of the metadata
};

}  // namespace dossier

#endif  // DOSSIER_TYPES_H_
