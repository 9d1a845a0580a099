// Bulk registration of a folder tree (see dossier/ingest.h).
//
// Worker threads (one per core) read sidecars, validate metadata, and hash
// and compress files into staged blobs. The calling thread takes the
// prepared files in order, publishes a batch's blobs with one sync, and
// registers the batch in one transaction, a savepoint per document, so that
// one bad document is reported and the others still go in. Each file is
// registered once: a rerun skips what an earlier run registered (by path and
// content), so an interrupted ingest is finished by running it again.
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "util/file_util.h"
#include "util/json_util.h"

namespace dossier {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

namespace {

struct Candidate {
  std::filesystem::path path;     // absolute
  std::string relative;           // as reported
  std::filesystem::path sidecar;  // empty when none
};

struct Prepared {
  const DocumentType* type = nullptr;
  std::string title;
  Var metadata;
  Confidentiality level = Confidentiality::kInternal;
  StagedFiles files;
  Status status;  // not ok: this file failed
};

Result<std::vector<Candidate>> FindCandidates(const std::filesystem::path& dir,
                                              std::vector<IngestFailure>& failures) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Status::InvalidArgument(dir.string() + " is not a folder");
  std::vector<std::filesystem::path> files;
  std::filesystem::recursive_directory_iterator it(dir, std::filesystem::directory_options::none,
                                                   ec),
      end;
  if (ec) return Status::IoError("cannot read " + dir.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IoError("cannot read below " + dir.string() + ": " + ec.message());
    const auto& entry = *it;
    if (entry.is_symlink()) {
      failures.push_back(
          {entry.path().lexically_relative(dir).string(), "is a symbolic link; not followed"});
      if (entry.is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Candidate> out;
  for (const auto& f : files) {
    // NAME.json beside NAME is NAME's sidecar, not a document of its own.
    if (f.extension() == ".json") {
      auto target = f;
      target.replace_extension();
      if (std::binary_search(files.begin(), files.end(), target)) continue;
    }
    Candidate c;
    c.path = f;
    c.relative = f.lexically_relative(dir).string();  // not relative(): it resolves every link
    auto sidecar = f;
    sidecar += ".json";
    if (std::binary_search(files.begin(), files.end(), sidecar)) c.sidecar = sidecar;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<IngestReport> Repository::Ingest(const Actor& actor, const std::filesystem::path& dir,
                                        const IngestOptions& options) {
  DOSSIER_RETURN_IF_ERROR(RejectParentReferences(dir));
  IngestReport report;
  auto candidates = FindCandidates(dir, report.failed);
  if (!candidates.ok()) return candidates.status();
  const DocumentType* default_type = nullptr;
  if (!options.default_type.empty()) {
    default_type = impl_->types->Find(options.default_type);
    if (default_type == nullptr)
      return Status::InvalidArgument("unknown document type '" + options.default_type + "'");
  }
  const size_t n = candidates->size();
  const size_t batch = std::max<size_t>(1, options.batch_files);

  // Prepares one file: everything that needs no catalog.
  auto prepare = [&](const Candidate& cand) {
    Prepared p;
    const DocumentType* type = default_type;
    std::string metadata_json = "{}";
    p.title = cand.path.filename().string();
    if (!cand.sidecar.empty()) {
      auto text = ReadFileToString(cand.sidecar);
      if (!text.ok()) {
        p.status = text.status();
        return p;
      }
      auto side = ParseJsonObject(*text, "sidecar " + cand.sidecar.filename().string());
      if (!side.ok()) {
        p.status = side.status();
        return p;
      }
      const auto& o = *side;
      if (o->has("type")) {
        std::string code = o->optValue<std::string>("type", "");
        type = impl_->types->Find(code);
        if (type == nullptr) {
          p.status = Status::InvalidArgument("unknown document type '" + code + "' in its sidecar");
          return p;
        }
      }
      if (o->has("title")) p.title = o->optValue<std::string>("title", "");
      if (o->has("confidentiality")) {
        auto level = ParseConfidentiality(o->optValue<std::string>("confidentiality", ""));
        if (!level) {
          p.status =
              Status::InvalidArgument("sidecar confidentiality must be 公开, 内部, 秘密 or 机密");
          return p;
        }
        p.level = *level;
      }
      if (o->has("metadata")) {
        if (o->get("metadata").type() != typeid(Object::Ptr)) {
          p.status = Status::InvalidArgument("sidecar 'metadata' must be an object");
          return p;
        }
        metadata_json = CanonicalJson(o->get("metadata"));
      }
    }
    if (type == nullptr) {
      p.status = Status::InvalidArgument("has no sidecar naming its type, and no --type was given");
      return p;
    }
    p.type = type;
    if (p.status = ValidateLine(p.title, "title", true); !p.status.ok()) return p;
    if (!actor.CanSee(p.level)) {
      p.status = Status::PermissionDenied("marked " + std::string(ConfidentialityName(p.level)) +
                                          ", above " + actor.name + "'s clearance");
      return p;
    }
    auto metadata = impl_->BuildMetadata(*type, metadata_json, {});
    if (!metadata.ok()) {
      p.status = metadata.status();
      return p;
    }
    p.metadata = *metadata;
    if (auto scope = impl_->NumberingScope(*type, p.metadata); !scope.ok()) {
      p.status = scope.status();
      return p;
    }
    auto staged = impl_->StageFiles({FileInput{cand.path, ""}});
    if (!staged.ok()) {
      p.status = staged.status();
      return p;
    }
    p.files = std::move(*staged);
    return p;
  };

  // Workers fill `slots` in any order; this thread consumes them in order.
  std::vector<std::optional<Prepared>> slots(n);
  std::mutex mutex;
  std::condition_variable ready, room;
  std::atomic<size_t> next{0};
  size_t consumed = 0;
  bool stop = false;
  const size_t window = 4 * batch;  // how far workers may run ahead (temp files on disk)
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      while (true) {
        size_t i = next++;
        if (i >= n) return;
        {
          std::unique_lock<std::mutex> lock(mutex);
          room.wait(lock, [&] { return stop || i < consumed + window; });
          if (stop) return;
        }
        Prepared p = prepare((*candidates)[i]);
        std::lock_guard<std::mutex> lock(mutex);
        slots[i] = std::move(p);
        ready.notify_all();
      }
    });
  }
  auto finish_workers = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    room.notify_all();
    for (auto& w : workers) w.join();
  };

  Status fatal;
  IngestProgress progress;
  progress.files_total = static_cast<int64_t>(n);
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) fatal = catalog.status();
  for (size_t start = 0; start < n && fatal.ok(); start += batch) {
    size_t stop_at = std::min(n, start + batch);
    std::vector<Prepared> items;
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] {
        return slots[stop_at - 1].has_value() &&
               std::all_of(slots.begin() + start, slots.begin() + stop_at,
                           [](const auto& s) { return s.has_value(); });
      });
      for (size_t i = start; i < stop_at; ++i) {
        items.push_back(std::move(*slots[i]));
        slots[i].reset();
      }
    }
    auto& c = **catalog;
    std::vector<StagedFiles*> sets;
    for (auto& p : items) sets.push_back(&p.files);
    auto hold = impl_->PublishFiles(c, sets);
    if (!hold.ok()) {
      fatal = hold.status();
      break;
    }
    auto tx = c.BeginWrite();
    if (!tx.ok()) {
      fatal = tx.status();
      break;
    }
    std::vector<IngestItem> done;
    for (size_t k = 0; k < items.size() && fatal.ok(); ++k) {
      auto& p = items[k];
      const auto& cand = (*candidates)[start + k];
      if (!p.status.ok()) {
        report.failed.push_back({cand.relative, p.status.message()});
        continue;
      }
      // An earlier run registered this very file: once is enough.
      const std::string& sha256 = p.files.front().entry.sha256;
      auto earlier = c.FindIngested(cand.relative, sha256);
      if (!earlier.ok()) {
        fatal = earlier.status();
        break;
      }
      if (*earlier) {
        report.already.push_back({cand.relative, "", **earlier});
        continue;
      }
      // The same content under another name or path: a scan filed twice.
      auto holders = c.DocumentsHoldingContent(sha256);
      if (!holders.ok()) {
        fatal = holders.status();
        break;
      }
      auto seen =
          std::find_if(holders->begin(), holders->end(), [&](const Catalog::ContentHolder& h) {
            return actor.CanSee(static_cast<Confidentiality>(h.confidentiality));
          });
      if (seen != holders->end()) {
        report.duplicates.push_back({cand.relative, "", seen->number});
        if (options.skip_duplicates) continue;
      }
      auto savepoint = c.BeginSavepoint();
      if (!savepoint.ok()) {
        fatal = savepoint.status();
        break;
      }
      auto doc = impl_->InsertNewDocument(c, actor, *p.type, p.title, p.metadata, p.level, p.files,
                                          "ingest");
      if (!doc.ok()) {
        if (Status s = savepoint->RollBack(); !s.ok()) {
          fatal = s;
          break;
        }
        if (doc.status().ExitCode() != 1) {
          fatal = doc.status();
          break;
        }
        report.failed.push_back({cand.relative, doc.status().message()});
        continue;
      }
      if (Status s =
              c.InsertIngested(cand.relative, sha256, doc->summary.id, doc->summary.created_at);
          !s.ok()) {
        fatal = s;
        break;
      }
      if (Status s = savepoint->Release(); !s.ok()) {
        fatal = s;
        break;
      }
      done.push_back({cand.relative, doc->summary.id, doc->summary.number});
      for (const auto& f : p.files) progress.bytes_done += static_cast<int64_t>(f.entry.size);
    }
    if (!fatal.ok()) break;
    if (Status s = tx->Commit(); !s.ok()) {
      fatal = s;
      break;
    }
    report.registered.insert(report.registered.end(), done.begin(), done.end());
    {
      std::lock_guard<std::mutex> lock(mutex);
      consumed = stop_at;
    }
    room.notify_all();
    progress.files_done = static_cast<int64_t>(stop_at);
    if (options.progress) options.progress(progress);
  }
  finish_workers();
  // Whatever was staged and not published is removed.
  for (auto& slot : slots) {
    if (slot) impl_->DiscardFiles(slot->files);
  }
  if (!fatal.ok())
    return fatal.WithContext("ingest stopped after " + std::to_string(report.registered.size()) +
                             " documents");
  report.bytes = progress.bytes_done;
  return report;
}

}  // namespace dossier
