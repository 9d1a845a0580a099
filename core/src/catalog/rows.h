// The rows the catalog's stores read and write, as the core sees them
// whatever database holds them. Private to core/src.
#ifndef DOSSIER_CATALOG_ROWS_H_
#define DOSSIER_CATALOG_ROWS_H_

#include <cstdint>
#include <string>

#include "dossier/document.h"

namespace dossier {

/// A documents row: the summary plus how its number was made.
struct DocumentRow {
  DocumentSummary summary;
  std::string number_scope;
  int64_t number_seq = 0;
  int round = 1;  // lifecycle round (see steps)
};

struct BlobRow {
  std::string sha256;
  uint64_t size = 0;
  uint64_t stored_size = 0;
  std::string encoding;
  std::string pack;  // '' for a loose file
  uint64_t pack_offset = 0;
};

struct RelationRow {
  std::string from_id;
  std::string kind;
  std::string to_id;
  std::string created_at;
  std::string created_by;
};

/// A document with the metadata of its newest version.
struct DocumentWithMetadata {
  DocumentRow row;
  std::string metadata_json;
};

/// A document related to `target_id` by some kind, with its metadata.
struct RelatedDocument {
  std::string target_id;
  DocumentWithMetadata source;
};

struct ScopeRow {
  std::string scope;
  std::string type;
  int64_t last = 0;
  bool recorded = true;  // false: documents are numbered in it but its sequence row is gone
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_ROWS_H_
