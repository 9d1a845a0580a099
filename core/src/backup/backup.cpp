// dossier backup and restore (dossier/backup.h).
//
// Both build their result in a hidden sibling folder (.NAME.partial-PID) and
// give it its name only once it is complete, synced and verified, with
// renameat2(RENAME_NOREPLACE): an interrupted run leaves that folder (not a
// backup: it has no backup.json), never a backup or repository that looks
// whole and is not, and never replaces anything.
#include "dossier/backup.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "audit/audit_chain.h"
#include "dossier/files.h"
#include "dossier/repository.h"
#include "repository/repository_impl.h"
#include "store/fs_blob_store.h"
#include "util/file_util.h"
#include "util/json_util.h"

namespace dossier {

namespace {

namespace fs = std::filesystem;

constexpr int kBackupFormat = 1;

// What backup.json says: enough to find the previous backup of the same
// repository beside a new one, and to tell a person what the folder holds.
struct Manifest {
  std::string origin;  // the hash of the repository's first audit entry: names the repository
  std::string finished_at;
  AuditHead head;
  int64_t documents = 0;
};

// The repository's name for backups: its first audit entry (init) covers the
// moment it was made and its first administrator, so no two share it.
Result<std::string> OriginOf(Catalog& catalog) {
  auto first = catalog.FindAudit(1);
  if (!first.ok()) return first.status();
  if (!*first) return Status::Corruption("the catalog has no first audit entry (init)");
  return (*first)->hash;
}

std::optional<Manifest> ReadManifest(const fs::path& dir) {
  std::ifstream in(dir / kBackupManifest);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    auto o = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    if (!o || o->optValue<int>("format", 0) != kBackupFormat) return std::nullopt;
    Manifest m;
    m.origin = o->optValue<std::string>("origin", "");
    m.finished_at = o->optValue<std::string>("finished_at", "");
    m.head.seq = o->optValue<int64_t>("audit_seq", 0);
    m.head.hash = o->optValue<std::string>("audit_hash", "");
    m.documents = o->optValue<int64_t>("documents", 0);
    if (m.origin.empty()) return std::nullopt;
    return m;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

std::string ManifestText(const Manifest& m, const std::string& repository,
                         const BackupReport& report) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
  o->set("format", kBackupFormat);
  o->set("origin", m.origin);
  o->set("repository", repository);
  o->set("finished_at", m.finished_at);
  o->set("audit_seq", m.head.seq);
  o->set("audit_hash", m.head.hash);
  o->set("documents", m.documents);
  o->set("previous", report.previous.empty() ? std::string() : report.previous.filename().string());
  o->set("files_copied", report.files_copied);
  o->set("bytes_copied", static_cast<Poco::UInt64>(report.bytes_copied));
  o->set("files_linked", report.files_linked);
  o->set("bytes_linked", static_cast<Poco::UInt64>(report.bytes_linked));
  return CanonicalJson(Poco::Dynamic::Var(o)) + "\n";
}

// The newest backup of the repository `origin` in `folder`, or empty.
fs::path NewestBackupIn(const fs::path& folder, const std::string& origin) {
  fs::path newest;
  std::string newest_at;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (!entry.is_directory(ec)) continue;
    auto m = ReadManifest(entry.path());
    if (!m || m->origin != origin) continue;
    if (newest.empty() || m->finished_at > newest_at) {
      newest = entry.path();
      newest_at = m->finished_at;
    }
  }
  return newest;
}

// A hidden sibling of `target` to build it in.
fs::path PartialFolderFor(const fs::path& target) {
  return target.parent_path() /
         ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()));
}

// Refuses a target that exists (a folder that is empty excepted, when
// `empty_folder_ok`), naming it; makes its parent folder.
Status PrepareTarget(const fs::path& target, bool empty_folder_ok, const std::string& what) {
  if (target.filename().empty())
    return Status::InvalidArgument("name the " + what + "'s folder, not '" + target.string() + "'");
  std::error_code ec;
  if (fs::exists(target, ec)) {
    if (!(empty_folder_ok && fs::is_directory(target, ec) && fs::is_empty(target, ec))) {
      return Status::AlreadyExists(target.string() + " exists; a " + what +
                                   " is made in a new folder, never over anything");
    }
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    return Status::IoError("cannot create " + target.parent_path().string() + ": " + ec.message());
  return Status::Ok();
}

// Gives the finished folder its name, never replacing anything there.
Status Publish(const fs::path& partial, const fs::path& target) {
  std::error_code ec;
  if (fs::is_directory(target, ec) && fs::is_empty(target, ec)) fs::remove(target, ec);
  if (::renameat2(AT_FDCWD, partial.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST)
      return Status::AlreadyExists(target.string() +
                                   " appeared while it was being made; nothing was replaced");
    return ErrnoStatus("cannot rename into place", target);
  }
  return SyncDirectory(target.parent_path());
}

// Removes a partial folder on the way out unless it was published.
class PartialFolder {
 public:
  explicit PartialFolder(fs::path path) : path_(std::move(path)) {}
  ~PartialFolder() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  PartialFolder(const PartialFolder&) = delete;
  PartialFolder& operator=(const PartialFolder&) = delete;
  Status Create() {
    std::error_code ec;
    fs::remove_all(path_, ec);  // left by a run of ours (this pid) that died
    fs::create_directory(path_, ec);
    if (ec) return Status::IoError("cannot create " + path_.string() + ": " + ec.message());
    fs::permissions(path_, fs::perms::owner_all, ec);
    return Status::Ok();
  }
  const fs::path& path() const { return path_; }
  void Release() { path_.clear(); }

 private:
  fs::path path_;
};

// The catalog's files, which are copied through SQLite, never as files.
std::set<std::string> CatalogFileNames() {
  const std::string catalog = kCatalogFileName;
  return {catalog, catalog + "-wal", catalog + "-shm"};
}

// Copies the regular files and folders below `from` into `to` (which may
// exist), leaving out the top-level names in `skip`; counts what it copied.
Status CopyTree(const fs::path& from, const fs::path& to, const std::set<std::string>& skip,
                int64_t& files, uint64_t& bytes) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    auto rel = it->path().lexically_relative(from);
    if (it.depth() == 0 && skip.count(rel.string())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    auto target = to / rel;
    if (it->is_directory(ec)) {
      fs::create_directories(target, ec);
      if (ec) return Status::IoError("cannot create " + target.string() + ": " + ec.message());
    } else if (it->is_regular_file(ec)) {
      fs::copy_file(it->path(), target, fs::copy_options::none, ec);
      if (ec)
        return Status::IoError("cannot copy " + it->path().string() + " to " + target.string() +
                               ": " + ec.message());
      ++files;
      bytes += it->file_size(ec);
    }
  }
  if (ec) return Status::IoError("cannot read " + from.string() + ": " + ec.message());
  return Status::Ok();
}

// A store file into the backup: a hard link to the previous backup's copy
// when it has the same file (a pack or loose blob never changes once written,
// and the size rules out a half-copied one), a copy otherwise.
Status PlaceStoreFile(const StoreFile& file, const fs::path& root, const fs::path& into,
                      const fs::path& previous, BackupReport& report) {
  auto rel = file.path.lexically_relative(root);
  auto target = into / rel;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    return Status::IoError("cannot create " + target.parent_path().string() + ": " + ec.message());
  if (!previous.empty()) {
    auto earlier = previous / rel;
    if (fs::is_regular_file(earlier, ec) && fs::file_size(earlier, ec) == file.size) {
      fs::create_hard_link(earlier, target, ec);
      if (!ec) {
        ++report.files_linked;
        report.bytes_linked += file.size;
        return Status::Ok();
      }
      ec.clear();  // another file system, or too many links: copy it
    }
  }
  fs::copy_file(file.path, target, fs::copy_options::none, ec);
  if (ec)
    return Status::IoError("cannot copy " + file.path.string() + " to " + target.string() + ": " +
                           ec.message());
  ++report.files_copied;
  report.bytes_copied += file.size;
  return Status::Ok();
}

// The copy's verify report, or an error naming its first problems.
Status RequireClean(const VerifyReport& report, const std::string& what) {
  if (report.clean()) return Status::Ok();
  std::string first;
  for (size_t i = 0; i < report.problems.size() && i < 3; ++i) {
    first += (i ? "; " : "") + report.problems[i].object + ": " + report.problems[i].message;
  }
  return Status::Corruption(what + " does not verify (" + std::to_string(report.problems.size()) +
                            " problem(s): " + first + "); nothing was kept");
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<BackupReport> Repository::Backup(const Actor& actor, const fs::path& dest_in,
                                        const BackupOptions& options) const {
  DOSSIER_RETURN_IF_ERROR(
      Impl::RequireRole(actor, {Role::kArchivist, Role::kAdmin}, "back up the repository"));
  const auto start = std::chrono::steady_clock::now();
  const fs::path dest = fs::absolute(dest_in).lexically_normal();
  if (dest == impl_->root || (dest.string() + "/").rfind(impl_->root.string() + "/", 0) == 0) {
    return Status::InvalidArgument("a backup goes outside the repository, not into " +
                                   dest.string());
  }
  DOSSIER_RETURN_IF_ERROR(PrepareTarget(dest, false, "backup"));
  BackupReport report;
  report.dest = dest;
  PartialFolder partial(PartialFolderFor(dest));
  DOSSIER_RETURN_IF_ERROR(partial.Create());
  Manifest manifest;
  {
    // Held shared, as writers hold it: gc and destruction, which remove store
    // files, wait until every file the snapshot names has been copied.
    auto lock = impl_->store->LockForWriting();
    if (!lock.ok()) return lock.status();
    {
      auto catalog = impl_->pool->Acquire();
      if (!catalog.ok()) return catalog.status();
      DOSSIER_RETURN_IF_ERROR((*catalog)->CopyTo(partial.path() / kCatalogFileName));
    }
    DOSSIER_ASSIGN_OR_RETURN(auto copied,
                             Catalog::OpenFile(partial.path(), partial.path() / kCatalogFileName,
                                               /*read_only=*/true, impl_->Now()));
    Catalog& copy = *copied;
    auto origin = OriginOf(copy);
    if (!origin.ok()) return origin.status();
    manifest.origin = *origin;
    auto last = copy.LastAudit();
    if (!last.ok()) return last.status();
    if (*last) manifest.head = AuditHead{(*last)->seq, (*last)->hash};
    // Every document, void and destroyed ones included: no filter, every level.
    auto documents =
        copy.CountDocuments(ListFilter{}, static_cast<int>(Confidentiality::kClassified));
    if (!documents.ok()) return documents.status();
    manifest.documents = *documents;
    auto blobs = copy.ListBlobs();
    if (!blobs.ok()) return blobs.status();

    if (!options.full) {
      report.previous = options.previous.empty()
                            ? NewestBackupIn(dest.parent_path(), manifest.origin)
                            : fs::absolute(options.previous).lexically_normal();
      if (!report.previous.empty()) {
        auto m = ReadManifest(report.previous);
        if (!m)
          return Status::InvalidArgument(report.previous.string() +
                                         " is not a Dossier backup (no readable " +
                                         kBackupManifest + ")");
        if (m->origin != manifest.origin) {
          return Status::InvalidArgument(report.previous.string() +
                                         " is a backup of another repository");
        }
      }
    }

    // The store files the snapshot names: each pack once, each loose blob.
    auto files = impl_->store->ListFiles();
    if (!files.ok()) return files.status();
    std::map<std::string, const StoreFile*> packs, loose;
    for (const auto& f : *files) {
      if (!f.pack.empty())
        packs[f.pack] = &f;
      else if (!f.sha256.empty())
        loose[f.sha256] = &f;
    }
    DOSSIER_RETURN_IF_ERROR(CreateFsBlobStore(partial.path() / kStoreDirName));
    std::set<const StoreFile*> placed;
    for (const auto& b : *blobs) {
      const auto& index = b.pack.empty() ? loose : packs;
      auto it = index.find(b.pack.empty() ? b.sha256 : b.pack);
      if (it == index.end()) {
        return Status::Corruption("blob " + b.sha256 + " is in the catalog but not in the store" +
                                  (b.pack.empty() ? "" : " (pack " + b.pack + ")") +
                                  "; run dossier verify");
      }
      if (!placed.insert(it->second).second) continue;
      DOSSIER_RETURN_IF_ERROR(
          PlaceStoreFile(*it->second, impl_->root, partial.path(), report.previous, report));
    }
  }
  // The configuration (types, workflows, archive rules, ...): small, copied whole.
  int64_t config_files = 0;
  uint64_t config_bytes = 0;
  auto skip = CatalogFileNames();
  skip.insert(kStoreDirName);
  DOSSIER_RETURN_IF_ERROR(CopyTree(impl_->root, partial.path(), skip, config_files, config_bytes));
  std::error_code ec;
  report.catalog_bytes = fs::file_size(partial.path() / kCatalogFileName, ec);
  report.head = manifest.head;
  report.documents = manifest.documents;

  {  // The copy as a repository of its own, verified before it is a backup.
    auto copy = Repository::Open(partial.path(), impl_->options);
    if (!copy.ok()) return copy.status().WithContext("the backup's copy");
    auto as = (*copy)->ActorFor(actor.name);
    if (!as.ok()) return as.status().WithContext("the backup's copy");
    VerifyOptions checks;
    checks.search_index_integrity =
        false;  // the live catalog's own verify checks it (VerifyOptions)
    auto verified = (*copy)->Verify(*as, checks);
    if (!verified.ok()) return verified.status().WithContext("verifying the backup's copy");
    report.verify = std::move(*verified);
    report.verify.abandoned.clear();  // TMPDIR's, not the backup's
    DOSSIER_RETURN_IF_ERROR(RequireClean(report.verify, "the backup's copy"));
  }
  manifest.finished_at = impl_->Now();
  DOSSIER_RETURN_IF_ERROR(WriteFileAtomic(partial.path() / kBackupManifest,
                                          ManifestText(manifest, impl_->root.string(), report),
                                          Sync::kLater));
  DOSSIER_RETURN_IF_ERROR(RestrictTreeToOwner(partial.path()));
  DOSSIER_RETURN_IF_ERROR(SyncFileSystem(partial.path()));
  DOSSIER_RETURN_IF_ERROR(Publish(partial.path(), dest));
  partial.Release();

  if (!impl_->read_only) {
    Poco::JSON::Object::Ptr details = new Poco::JSON::Object();
    details->set("dest", dest.string());
    details->set("audit_seq", manifest.head.seq);
    details->set("documents", manifest.documents);
    details->set("files_copied", report.files_copied);
    details->set("files_linked", report.files_linked);
    DOSSIER_RETURN_IF_ERROR(impl_
                                ->WriteTransaction([&](Catalog& c) {
                                  return AppendAudit(c, impl_->Now(), actor.name, "backup",
                                                     "repository",
                                                     CanonicalJson(Poco::Dynamic::Var(details)));
                                })
                                .WithContext("the backup " + dest.string() + " is complete, but"));
  }
  report.seconds = SecondsSince(start);
  return report;
}

Result<RestoreReport> Repository::Restore(const fs::path& backup_in, const fs::path& dir_in,
                                          std::string_view user_name, const OpenOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path backup = fs::absolute(backup_in).lexically_normal();
  const fs::path dir = fs::absolute(dir_in).lexically_normal();
  auto manifest = ReadManifest(backup);
  std::error_code ec;
  if (!manifest || !fs::is_regular_file(backup / kCatalogFileName, ec)) {
    return Status::InvalidArgument(backup.string() + " is not a Dossier backup (no readable " +
                                   kBackupManifest + " and " + kCatalogFileName + ")");
  }
  DOSSIER_RETURN_IF_ERROR(PrepareTarget(dir, true, "restored repository"));
  RestoreReport report;
  report.dir = dir;
  PartialFolder partial(PartialFolderFor(dir));
  DOSSIER_RETURN_IF_ERROR(partial.Create());
  {  // Through SQLite, so that a backup someone opened (and left a WAL in) copies whole.
    DOSSIER_RETURN_IF_ERROR(
        Catalog::CopyFile(backup / kCatalogFileName, partial.path() / kCatalogFileName));
  }
  auto skip = CatalogFileNames();  // copied through SQLite above
  skip.insert(kBackupManifest);
  DOSSIER_RETURN_IF_ERROR(CopyTree(backup, partial.path(), skip, report.files, report.bytes));
  report.bytes += fs::file_size(partial.path() / kCatalogFileName, ec);
  ++report.files;
  {
    auto restored = Repository::Open(partial.path(), options);
    if (!restored.ok()) return restored.status().WithContext("the restored copy");
    auto actor = (*restored)->ActorFor(user_name);
    if (!actor.ok()) return actor.status().WithContext("the backup's users");
    auto verified = (*restored)->Verify(*actor);
    if (!verified.ok()) return verified.status();
    report.verify = std::move(*verified);
    report.verify.abandoned.clear();
    DOSSIER_RETURN_IF_ERROR(RequireClean(report.verify, "the restored copy of " + backup.string()));
    report.head = manifest->head;
    report.documents = manifest->documents;
    Poco::JSON::Object::Ptr details = new Poco::JSON::Object();
    details->set("from", backup.string());
    details->set("backup_finished_at", manifest->finished_at);
    details->set("audit_seq", manifest->head.seq);
    auto& impl = *(*restored)->impl_;
    DOSSIER_RETURN_IF_ERROR(impl.WriteTransaction([&](Catalog& c) {
      return AppendAudit(c, impl.Now(), actor->name, "restore", "repository",
                         CanonicalJson(Poco::Dynamic::Var(details)));
    }));
  }
  DOSSIER_RETURN_IF_ERROR(RestrictTreeToOwner(partial.path()));
  DOSSIER_RETURN_IF_ERROR(SyncFileSystem(partial.path()));
  DOSSIER_RETURN_IF_ERROR(Publish(partial.path(), dir));
  partial.Release();
  report.seconds = SecondsSince(start);
  return report;
}

}  // namespace dossier
