// Repository: full-text search, the index kept in step with the catalog,
// rebuilding it, and what was read of each file.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "audit/audit_chain.h"
#include "repository/repository_impl.h"
#include "search/query.h"
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
  if (files == nullptr) return c.IndexVersion(doc_id, version, meta);
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
  return c.IndexVersion(doc_id, version, meta, &body);
}

Result<SearchResult> Repository::Search(const Actor& actor, const SearchRequest& asked) const {
  auto dept = Impl::OwnDepartment(actor, asked.dept);
  if (!dept.ok()) return dept.status();
  SearchRequest request = asked;
  request.dept = *dept;
  if (request.limit <= 0) return Status::InvalidArgument("the limit must be at least 1");
  DOSSIER_RETURN_IF_ERROR(impl_->CheckTypeFilter(request.type));
  auto fts = ToFtsQuery(request.query);
  if (!fts.ok()) return fts.status();
  auto too_expensive = [&request] {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g",
                  static_cast<double>(request.time_limit.count()) / 1000);
    return Status::InvalidArgument(
        std::string("the search ran past its limit of ") + seconds +
        " s and was stopped as too expensive: narrow it (more specific terms, a type, a "
        "department or dates)");
  };
  return impl_->ReadSnapshot<SearchResult>([&](Catalog& c) -> Result<SearchResult> {
    Deadline deadline(c.db(), request.time_limit);
    auto result = impl_->SearchIn(c, actor, request, *fts, deadline);
    if (!result.ok() && deadline.Passed()) return too_expensive();
    return result;
  });
}

Result<SearchResult> Repository::Impl::SearchIn(Catalog& c, const Actor& actor,
                                                const SearchRequest& request,
                                                const std::string& fts,
                                                const Deadline& deadline) const {
  const int clearance = static_cast<int>(actor.clearance);
  SearchResult result;
  std::set<std::string> seen;
  // A number or archival code typed as the query comes first.
  std::string exact(request.query);
  exact.erase(0, exact.find_first_not_of(" \t"));
  exact.erase(exact.find_last_not_of(" \t") + 1);
  if (!exact.empty()) {
    auto rows = c.FindByNumberOrCode(exact, clearance);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) {
      SearchHit hit{row.summary, row.summary.current_version, 0, ""};
      seen.insert(row.summary.id);
      result.hits.push_back(std::move(hit));
    }
  }
  std::optional<int64_t> counted;
  int64_t matches = -1;
  auto rows = c.Search(fts, request, clearance, &matches);
  if (matches >= 0) counted = matches;
  if (!rows.ok()) return rows.status();
  for (const auto& r : *rows) {
    if (static_cast<int>(result.hits.size()) >= request.limit) break;
    // Snippets are made here, between statements: the deadline is asked.
    if (deadline.Passed()) return Status::Internal("the search's deadline passed");
    if (!request.all_versions && seen.count(r.row.summary.id)) continue;
    seen.insert(r.row.summary.id);
    SearchHit hit{r.row.summary, r.version, r.score, ""};
    if (!fts.empty()) {
      auto snippet = c.Snippet(fts, r.index_row, r.history);
      if (!snippet.ok()) return snippet.status();
      hit.snippet = *snippet;
    }
    result.hits.push_back(std::move(hit));
  }
  auto total = counted ? Result<int64_t>(*counted) : c.CountSearch(fts, request, clearance);
  if (!total.ok()) return total.status();
  // A document found by its number alone counts too (a document, not
  // each of its versions found with --all-versions).
  result.total = std::max<int64_t>(*total, static_cast<int64_t>(seen.size()));
  return result;
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
        return c.FileTexts(row->summary.id, v);
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
    auto unread = c.BlobsWithoutText();
    if (!unread.ok()) return unread.status();
    files_read = static_cast<int64_t>(unread->size());
    int64_t done = 0;
    for (const auto& blob : *unread) {
      if (progress) progress("reading text", done, files_read);
      ++done;
      std::string name;
      {
        auto name_stmt = c.db().Prepare("SELECT name FROM version_files WHERE sha256 = ? LIMIT 1");
        if (!name_stmt.ok()) return name_stmt.status();
        name_stmt->Bind(1, blob.sha256);
        auto row = name_stmt->Step();
        if (!row.ok()) return row.status();
        if (*row) name = name_stmt->Text(0);
      }
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
      if (auto inserted = c.InsertBlobText(blob.sha256, text.kind, text.note, text.text.size(),
                                           text.compressed);
          !inserted.ok()) {
        return inserted.status();
      }
    }
    return Status::Ok();
  }));
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    // 2. A row for every version, then the indexes built from the rows in
    // one pass each (faster than indexing the rows one by one).
    DOSSIER_RETURN_IF_ERROR(c.ClearSearchIndex());
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
      DOSSIER_RETURN_IF_ERROR(c.InsertSearchRow(doc_id, v.number, is_current, meta));
      if (is_current)
        current.push_back(CurrentRow{c.db().LastInsertRowId(), doc_id, v.number, std::move(meta)});
    }
    // 3. The term lists are built on a second connection, from the committed
    // catalog (the same text), while this one builds the indexes: on one
    // core after the indexes they were a quarter of the time.
    if (progress) progress("building the index and the term lists", 0, 0);
    std::optional<Result<Catalog::BuiltTermLists>> lists;
    std::thread lists_builder([&] {
      lists = impl_->ReadSnapshot<Catalog::BuiltTermLists>([&](Catalog& reader) {
        return Catalog::BuildTermListsFromRows(
            impl_->options.search, [&](const Catalog::RowVisitor& visit) -> Status {
              for (const auto& row : current) {
                auto columns = reader.VersionIndexColumns(row.doc_id, row.version, row.meta);
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
    const Status indexed = c.RebuildSearchIndexes();
    lists_builder.join();
    DOSSIER_RETURN_IF_ERROR(indexed);
    if (!lists->ok()) return lists->status();
    DOSSIER_RETURN_IF_ERROR(c.StoreTermLists(**lists));
    Object::Ptr details = new Object();
    details->set("versions", static_cast<Poco::Int64>(versions.size()));
    details->set("files_read", static_cast<Poco::Int64>(files_read));
    return AppendAudit(c, impl_->Now(), actor.name, "reindex", "search",
                       CanonicalJson(Var(details)));
  });
}

}  // namespace dossier
