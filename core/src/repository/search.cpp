// Repository: full-text search, the index kept in step with the catalog,
// rebuilding it, and what was read of each file.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>
#include <optional>
#include <thread>

#include "audit/audit_chain.h"
#include "repository/repository_impl.h"
#include "search/query.h"
#include "search/search_service.h"
#include "search/term_lists.h"
#include "util/json_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// Every value of the metadata, one a line: party names, subject, clauses,
// resolutions... Keys are not indexed (they are the same in every document
// of a type and would match everything).
void AppendValues(const Var& value, std::string& out) {
  if (value.isEmpty()) return;
  if (value.type() == typeid(Object::Ptr)) {
    auto object = value.extract<Object::Ptr>();
    for (const auto& [key, member] : *object) AppendValues(member, out);
  } else if (value.type() == typeid(Array::Ptr)) {
    auto array = value.extract<Array::Ptr>();
    for (size_t i = 0; i < array->size(); ++i)
      AppendValues(array->get(static_cast<unsigned>(i)), out);
  } else if (value.isString() || value.isNumeric()) {
    std::string text = value.convert<std::string>();
    if (!text.empty()) out += text + "\n";
  }
}

}  // namespace

Status Repository::Impl::IndexVersion(Catalog& c, const std::string& doc_id, int version,
                                      const Var& metadata, const StagedFiles* files) const {
  std::string meta;
  AppendValues(metadata, meta);
  if (files == nullptr) return c.search().IndexVersion(doc_id, version, meta);
  // The same text dossier_version_text reads back: the files' texts in
  // name order, the empty ones left out, one line break between.
  std::vector<const StagedFile*> sorted;
  for (const auto& f : *files) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->entry.name < b->entry.name; });
  std::string body;
  for (const auto* f : sorted) {
    if (f->text.text.empty()) continue;
    if (!body.empty()) body += '\n';
    body += f->text.text;
  }
  return c.search().IndexVersion(doc_id, version, meta, &body);
}

Result<SearchResult> Repository::Search(const Actor& actor, const SearchRequest& asked) const {
  auto dept = Impl::OwnDepartment(actor, asked.dept);
  if (!dept.ok()) return dept.status();
  SearchRequest request = asked;
  request.dept = *dept;
  DOSSIER_RETURN_IF_ERROR(impl_->CheckTypeFilter(request.type));
  return impl_->ReadSnapshot<SearchResult>(
      [&](Catalog& c) { return RunSearch(c.search(), actor, request); });
}

Result<std::vector<FileTextInfo>> Repository::FileTexts(const Actor& actor, std::string_view ref,
                                                        int version) const {
  return impl_->ReadSnapshot<std::vector<FileTextInfo>>(
      [&](Catalog& c) -> Result<std::vector<FileTextInfo>> {
        auto row = impl_->Resolve(c, actor, ref);
        if (!row.ok()) return row.status();
        int v = version == 0 ? row->summary.current_version : version;
        if (v < 1 || v > row->summary.current_version) {
          return Status::NotFound(row->summary.number + " has no version " +
                                  std::to_string(version));
        }
        return c.search().FileTexts(row->summary.id, v);
      });
}

Status Repository::Reindex(const Actor& actor, const ProgressFn& progress) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "rebuild the search index"));
  // 1. Files never read for text (stored before search existed), recorded
  // first: the term lists are built from the committed text (below). Text
  // recorded without the index changing is harmless: it is a cache.
  int64_t files_read = 0;
  DOSSIER_RETURN_IF_ERROR(impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto unread = c.search().BlobsWithoutText();
    if (!unread.ok()) return unread.status();
    files_read = static_cast<int64_t>(unread->size());
    int64_t done = 0;
    for (const auto& blob : *unread) {
      if (progress) progress("reading text", done, files_read);
      ++done;
      DOSSIER_ASSIGN_OR_RETURN(const std::string name, c.search().FileNameOf(blob.sha256));
      FileText text;
      if (blob.size > kMaxExtractBytes) {
        text = FileText{
            "none",
            "not read for text: larger than " + std::to_string(kMaxExtractBytes >> 20) + " MiB",
            ""};
      } else {
        auto content = impl_->store->Read(LocationOf(blob));
        if (!content.ok()) return content.status().WithContext("reading blob " + blob.sha256);
        text = ExtractTextFromBytes(*content, name);
      }
      CompressText(text);
      if (auto inserted = c.search().InsertBlobText(blob.sha256, text.kind, text.note,
                                                    text.text.size(), text.compressed);
          !inserted.ok()) {
        return inserted.status();
      }
    }
    return Status::Ok();
  }));
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    // 2. A row for every version, then the indexes built from the rows in
    // one pass each (faster than indexing the rows one by one).
    DOSSIER_RETURN_IF_ERROR(c.search().ClearSearchIndex());
    std::vector<std::pair<std::string, Version>> versions;
    std::map<std::string, int> newest;
    auto destroyed = c.ListDestroyed();  // they left the index with their content
    if (!destroyed.ok()) return destroyed.status();
    DOSSIER_RETURN_IF_ERROR(c.ForEachVersion([&](const std::string& doc_id, const Version& v) {
      if (destroyed->count(doc_id)) return Status::Ok();
      Version light;
      light.number = v.number;
      light.metadata_json = v.metadata_json;
      int& n = newest[doc_id];
      n = std::max(n, v.number);
      versions.emplace_back(doc_id, std::move(light));
      return Status::Ok();
    }));
    struct CurrentRow {
      int64_t id;
      std::string doc_id;
      int version;
      std::string meta;
    };
    std::vector<CurrentRow> current;  // the rows of search_index, for the term lists
    int64_t done = 0;
    for (const auto& [doc_id, v] : versions) {
      if (progress && done % 1024 == 0)
        progress("listing versions", done, static_cast<int64_t>(versions.size()));
      ++done;
      auto metadata = ParseJson(v.metadata_json, "metadata");
      if (!metadata.ok()) return metadata.status();
      std::string meta;
      AppendValues(*metadata, meta);
      const bool is_current = v.number == newest[doc_id];
      DOSSIER_ASSIGN_OR_RETURN(const int64_t row,
                               c.search().InsertSearchRow(doc_id, v.number, is_current, meta));
      if (is_current) current.push_back(CurrentRow{row, doc_id, v.number, std::move(meta)});
    }
    // 3. The term lists are built on a second connection, from the committed
    // catalog (the same text), while this one builds the indexes: on one
    // core after the indexes they were a quarter of the time.
    if (progress) progress("building the index and the term lists", 0, 0);
    std::optional<Result<BuiltTermLists>> lists;
    std::thread lists_builder([&] {
      lists = impl_->ReadSnapshot<BuiltTermLists>([&](Catalog& reader) {
        return BuildTermListsFromRows(
            impl_->options.search, [&](const IndexRowVisitor& visit) -> Status {
              for (const auto& row : current) {
                auto columns =
                    reader.search().VersionIndexColumns(row.doc_id, row.version, row.meta);
                if (!columns.ok()) return columns.status();
                if (!*columns)
                  return Status::Internal("version " + std::to_string(row.version) + " of " +
                                          row.doc_id + " vanished");
                const std::string* pointers[kIndexColumnCount] = {&(**columns)[0], &(**columns)[1],
                                                                  &(**columns)[2], &(**columns)[3]};
                visit(row.id, pointers);
              }
              return Status::Ok();
            });
      });
    });
    const Status indexed = c.search().RebuildSearchIndexes();
    lists_builder.join();
    DOSSIER_RETURN_IF_ERROR(indexed);
    if (!lists->ok()) return lists->status();
    DOSSIER_RETURN_IF_ERROR(c.search().StoreTermLists(**lists));
    Object::Ptr details = new Object();
    details->set("versions", static_cast<Poco::Int64>(versions.size()));
    details->set("files_read", static_cast<Poco::Int64>(files_read));
    return AppendAudit(c, impl_->Now(), actor.name, "reindex", "search",
                       CanonicalJson(Var(details)));
  });
}

}  // namespace dossier
