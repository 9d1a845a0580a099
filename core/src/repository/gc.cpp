// dossier gc: the store's leftovers removed beside running writers.
//
// A writer publishes its blobs (durable, but named by no catalog row yet)
// and then commits the rows that name them; between the two it holds the
// store's writing lock (PublishFiles). gc takes the store's maintenance lock,
// which waits for every writing lock, and only then reads which blobs the
// catalog names: anything else in the store was left by a write that will
// never commit. Temporary files are written before publishing, outside the
// lock, so only those older than a grace period go. Work folders in TMPDIR go
// once no living process holds their lock (TempFolder).
#include <Poco/JSON/Object.h>

#include "audit/audit_chain.h"
#include "dossier/repository.h"
#include "repository/leftovers.h"
#include "repository/repository_impl.h"
#include "util/json_util.h"

namespace dossier {

Result<GcReport> Repository::CollectGarbage(const Actor& actor, const GcOptions& options) {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "collect the store's leftovers"));
  DOSSIER_RETURN_IF_ERROR(impl_->RequireWritable());
  // A destruction's removals first: they are recorded, and finished by their own rules.
  if (!options.dry_run) DOSSIER_RETURN_IF_ERROR(impl_->SweepRemovedContent());
  GcReport report;
  {
    auto lock = impl_->store->LockMaintenance();
    if (!lock.ok()) return lock.status();
    auto blobs =
        impl_->ReadSnapshot<std::vector<BlobRow>>([](Catalog& c) { return c.ListBlobs(); });
    if (!blobs.ok()) return blobs.status();
    auto files = impl_->store->ListFiles();
    if (!files.ok()) return files.status();
    const auto young_after = std::filesystem::file_time_type::clock::now() - options.keep_temporary;
    for (const auto& l : FindLeftovers(*blobs, *files)) {
      LeftoverFile item{l.file.path.lexically_relative(impl_->root).string(), l.file.size, l.what};
      if (l.temporary() && l.file.modified > young_after) {
        report.kept.push_back(std::move(item));
        continue;
      }
      uint64_t freed = l.file.size;
      if (!options.dry_run) {
        auto removed = l.temporary()          ? impl_->store->RemoveTemporary(l.file.path)
                       : !l.file.pack.empty() ? impl_->store->RemovePack(l.file.pack)
                                              : impl_->store->RemoveLoose(l.file.sha256);
        if (!removed.ok())
          return removed.status().WithContext(
              "gc removed " + std::to_string(report.removed.size()) + " file(s), then");
        freed = *removed;
      }
      report.bytes += freed;
      item.bytes = freed;
      report.removed.push_back(std::move(item));
    }
  }
  // Work folders killed imports, exports and uploads left in TMPDIR: no living process holds them.
  auto abandoned = AbandonedWorkFolders();
  if (!abandoned.ok()) return abandoned.status();
  for (auto& folder : *abandoned) {
    if (!options.dry_run) {
      std::error_code ec;
      std::filesystem::remove_all(folder.path, ec);
      if (ec) return Status::IoError("cannot remove " + folder.path + ": " + ec.message());
    }
    report.bytes += folder.bytes;
    report.removed.push_back(std::move(folder));
  }
  if (options.dry_run || report.removed.empty()) return report;
  Poco::JSON::Object::Ptr details = new Poco::JSON::Object();
  details->set("files", static_cast<int64_t>(report.removed.size()));
  details->set("bytes", static_cast<Poco::UInt64>(report.bytes));
  DOSSIER_RETURN_IF_ERROR(impl_->WriteTransaction([&](Catalog& c) {
    return AppendAudit(c, impl_->Now(), actor.name, "gc", "store",
                       CanonicalJson(Poco::Dynamic::Var(details)));
  }));
  return report;
}

}  // namespace dossier
