// Documents, their versions and the relations between them: what every other concept refers to
// (repository/documents.cpp and the readers of documents).
//
// An interface: the SQLite implementation is SqliteCatalog (catalog/sqlite/),
// a test may give a double of its own. Reached through a Catalog, inside
// its transactions; one thread at a time, as its Catalog.
#ifndef DOSSIER_CATALOG_DOCUMENT_STORE_H_
#define DOSSIER_CATALOG_DOCUMENT_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/rows.h"
#include "dossier/archive.h"
#include "dossier/audit.h"
#include "dossier/disposal.h"
#include "dossier/document.h"
#include "dossier/identity.h"
#include "dossier/lifecycle.h"
#include "dossier/retention.h"
#include "dossier/status.h"
#include "dossier/user.h"
#include "store/blob_store.h"

namespace dossier {

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;

  virtual Status InsertDocument(const DocumentRow& row) = 0;
  virtual Status UpdateDocumentHead(const std::string& id, const std::string& title,
                                    int current_version, const std::string& dept,
                                    const std::string& counterparty,
                                    const std::string& doc_date) = 0;
  virtual Status SetDocumentStatus(const std::string& id, const std::string& status) = 0;
  virtual Status SetDocumentState(const std::string& id, const std::string& status, int round) = 0;
  virtual Status SetDocumentConfidentiality(const std::string& id, int level) = 0;
  virtual Result<std::optional<DocumentRow>> FindDocumentById(const std::string& id) = 0;
  virtual Result<std::optional<DocumentRow>> FindDocumentByNumber(const std::string& number) = 0;
  /// Ids starting with `prefix` (at most `limit`).
  virtual Result<std::vector<std::string>> FindIdsByPrefix(const std::string& prefix,
                                                           int limit) = 0;
  /// Documents matching the filter at or below `max_confidentiality`.
  virtual Result<std::vector<DocumentRow>> ListDocuments(const ListFilter& filter,
                                                         int max_confidentiality) = 0;
  /// How many documents match the filter (its limit and offset ignored).
  virtual Result<int64_t> CountDocuments(const ListFilter& filter, int max_confidentiality) = 0;
  virtual Status ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) = 0;
  /// Documents of `type`, void ones left out, at or below `max_confidentiality`.
  virtual Result<std::vector<DocumentWithMetadata>> ListWithMetadata(const std::string& type,
                                                                     int max_confidentiality) = 0;
  /// Documents of `source_type` (void ones left out, at or below
  /// `max_confidentiality`) related by `kind` to a document of `target_type`.
  virtual Result<std::vector<RelatedDocument>> ListRelatedWithMetadata(
      const std::string& kind, const std::string& source_type, const std::string& target_type,
      int max_confidentiality) = 0;
  virtual Status InsertVersion(const std::string& doc_id, const Version& version) = 0;
  virtual Result<std::optional<Version>> GetVersion(const std::string& doc_id, int number) = 0;
  virtual Result<std::vector<Version>> ListVersions(const std::string& doc_id) = 0;
  virtual Status ForEachVersion(
      const std::function<Status(const std::string& doc_id, const Version&)>& fn) = 0;
  virtual Status InsertRelation(const RelationRow& row) = 0;
  virtual Result<bool> RelationExists(const std::string& from_id, const std::string& kind,
                                      const std::string& to_id) = 0;
  virtual Result<std::vector<RelationRow>> RelationsOf(const std::string& doc_id) = 0;
  virtual Result<std::vector<RelationRow>> ListRelations() = 0;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_DOCUMENT_STORE_H_
