// Documents, versions, files and relations as the core hands them out.
//
// A document has an immutable id, a type, a number, a title, metadata, a
// confidentiality level and a chain of versions. Nothing is overwritten: a
// change of metadata or content makes a new version.
//
// Plain values; thread-safe to copy and share.
#ifndef DOSSIER_DOCUMENT_H_
#define DOSSIER_DOCUMENT_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/access.h"

namespace dossier {

/// A file held by a version: its name inside the document and its content hash.
struct FileEntry {
  std::string name;
  std::string sha256;  // lowercase hex
  uint64_t size = 0;   // bytes, uncompressed
};

/// Another document holding a file of the same content (the same SHA-256).
struct SameContent {
  std::string file_name;     // the file of the document asked about
  std::string other_number;  // the document that already holds that content
  std::string other_title;
  std::string other_file_name;  // its name there
};

/// A file to store. `name` is the name it gets inside the document; empty
/// means the last component of `path`.
struct FileInput {
  std::filesystem::path path;
  std::string name;
};

/// One change to metadata: `path` is dotted ("parties.0.name"); the value is
/// a string unless `raw_json` says it is JSON (CLI: key=value vs key:=json).
struct MetadataAssignment {
  std::string path;
  std::string value;
  bool raw_json = false;
};

struct Version {
  int number = 0;
  int parent = 0;  // 0 for the first version
  std::string title;
  std::string metadata_json;  // canonical JSON (sorted keys)
  std::string author;
  std::string created_at;  // ISO 8601, UTC
  std::string comment;
  std::vector<FileEntry> files;
  std::string digest;  // SHA-256 over the version's content; see docs/architecture.md
};

/// Relation kinds are stored by code; never rename a code.
enum class RelationKind {
  kAmends,        // a supplementary/amendment agreement amends a contract
  kTerminates,    // a termination agreement terminates a contract
  kAttachmentOf,  // approval form, correspondence, performance record -> contract
  kMinutesOf,     // minutes of a meeting/negotiation -> the matter (contract, project)
  kSupersedes,    // a document replaces another
};
std::string_view RelationCode(RelationKind kind);  // "amends", ...
std::optional<RelationKind> ParseRelationKind(std::string_view code);
const std::vector<RelationKind>& AllRelationKinds();

struct Relation {
  RelationKind kind = RelationKind::kAmends;
  bool outgoing = true;  // true: this document -> other; false: other -> this
  std::string other_id;
  std::string other_number;
  std::string other_title;
  std::string other_type;
};

struct DocumentSummary {
  std::string id;
  std::string type;
  std::string number;
  std::string title;
  Confidentiality confidentiality = Confidentiality::kInternal;
  std::string status;
  int current_version = 0;
  std::string dept;          // from metadata, per the type's facets
  std::string counterparty;  // idem
  std::string doc_date;      // idem (YYYY-MM-DD)
  std::string created_at;
  std::string created_by;
};

struct Document {
  DocumentSummary summary;
  Version current;                  // the newest version
  std::vector<Relation> relations;  // only those whose other end the actor may see
};

/// The largest metadata a version may have, as JSON text: the 12 built-in
/// types need a few kilobytes; 50 MB took 9 s and 440 MB of memory to take in.
inline constexpr size_t kMaxMetadataBytes = size_t{1} << 20;

struct NewDocument {
  std::string type;
  std::string title;
  std::string metadata_json = "{}";
  std::vector<MetadataAssignment> set;  // applied on top of metadata_json
  Confidentiality confidentiality = Confidentiality::kInternal;
  std::vector<FileInput> files;
  std::string comment;
};

struct VersionChange {
  std::optional<std::string> title;
  std::optional<std::string> metadata_json;  // replaces the metadata whole
  std::vector<MetadataAssignment> set;       // then these apply
  std::vector<FileInput> add_files;          // added, or replacing a file of the same name
  std::vector<std::string> remove_files;
  std::string comment;
};

/// The order a list comes in: a fixed set, so no column name ever comes from input.
enum class ListOrder { kRegistered, kNewestFirst, kNumber, kDateNewest, kDateOldest, kTitle };

/// "registered", "newest", "number", "date", "date-asc", "title"; nullopt for another word.
std::optional<ListOrder> ParseListOrder(std::string_view code);

struct ListFilter {
  std::optional<std::string> type;
  std::optional<std::string> status;
  std::optional<std::string> dept;
  std::optional<std::string> counterparty;  // substring match
  std::optional<std::string> from;          // doc_date >= from (YYYY-MM-DD)
  std::optional<std::string> to;            // doc_date <= to
  int limit = 0;                            // 0: no limit
  int64_t offset = 0;                       // with a limit: rows skipped first (paging)
  ListOrder order = ListOrder::kRegistered;
};

struct VersionDiff {
  struct FieldChange {
    std::string path;                   // JSON pointer of the leaf
    std::optional<std::string> before;  // JSON text; nullopt when absent
    std::optional<std::string> after;
  };
  int from = 0;
  int to = 0;
  std::optional<std::pair<std::string, std::string>> title;  // before, after
  std::vector<FieldChange> fields;
  std::vector<std::string> files_added;
  std::vector<std::string> files_removed;
  std::vector<std::string> files_changed;
};

}  // namespace dossier

#endif  // DOSSIER_DOCUMENT_H_
