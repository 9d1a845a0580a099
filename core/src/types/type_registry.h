// The document types of a repository, loaded from config/types/*.json and
// config/departments.json. Each type file is itself checked against
// schemas/type.schema.json at load, so a malformed type is refused naming the
// file and the field.
//
// Immutable after Load; thread-safe.
#ifndef DOSSIER_TYPES_TYPE_REGISTRY_H_
#define DOSSIER_TYPES_TYPE_REGISTRY_H_

#include <Poco/Dynamic/Var.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dossier/types.h"
#include "numbering/number_template.h"
#include "types/json_schema.h"

namespace dossier {

/// Where a number field or a facet takes its value from in the metadata.
struct ValueSource {
  std::string pointer;       // JSON pointer into the metadata
  std::string each;          // for arrays of objects: the member to collect
  std::string unless;        // skip array elements whose member of this name is true
  bool departments = false;  // map through config/departments.json
};

struct DocumentType {
  DocumentTypeInfo info;
  std::shared_ptr<const JsonSchema> schema;
  NumberTemplate numbering;
  std::map<std::string, ValueSource> number_fields;  // beyond the built-ins year and type
  std::map<std::string, ValueSource> facets;         // "dept", "counterparty", "date"
};

/// Facet values of a document, derived from its metadata.
struct Facets {
  std::string dept;
  std::string counterparty;
  std::string date;
};

class TypeRegistry {
 public:
  static Result<std::unique_ptr<TypeRegistry>> Load(const std::filesystem::path& config_dir);

  const DocumentType* Find(const std::string& code) const;
  std::vector<const DocumentType*> All() const;

  /// The values of the type's number fields for this metadata; `year` is the
  /// registration year unless the type binds it to a field.
  Result<std::map<std::string, std::string>> NumberValues(const DocumentType& type,
                                                          const Poco::Dynamic::Var& metadata,
                                                          int registration_year) const;
  Facets FacetsOf(const DocumentType& type, const Poco::Dynamic::Var& metadata) const;
  /// The code of a department name (商务部 -> SW); the name itself when unmapped.
  std::string DepartmentCode(const std::string& name) const;
  /// The department names config/departments.json lists, in its order of names.
  std::vector<std::string> DepartmentNames() const;

 private:
  std::string Resolve(const ValueSource& source, const Poco::Dynamic::Var& metadata) const;

  std::map<std::string, DocumentType> types_;
  std::map<std::string, std::string> departments_;  // name -> code
};

/// Writes the embedded default definitions (schemas/types, departments) into
/// a new repository's config folder.
Status WriteDefaultConfig(const std::filesystem::path& config_dir);

}  // namespace dossier

#endif  // DOSSIER_TYPES_TYPE_REGISTRY_H_
