// Backups of a running repository, and restoring one.
//
// A backup is a folder that is itself a repository (open it with --repo to
// list, search or verify it), plus backup.json saying what it holds. It is
// made while writers go on: the catalog is copied by SQLite's online backup
// (one consistent snapshot), then the store's files that snapshot refers to —
// hard-linked from the previous backup beside it when that one has them (a
// pack or a loose blob never changes once written), copied otherwise — and
// the copy is verified before it gets its name. So a backup holds every
// document committed before it started, and nothing half-written.
#ifndef DOSSIER_BACKUP_H_
#define DOSSIER_BACKUP_H_

#include <cstdint>
#include <filesystem>
#include <string>

#include "dossier/verify.h"

namespace dossier {

struct BackupOptions {
  /// The backup to take unchanged store files from. Empty: the newest backup
  /// of this repository in the destination's folder, if there is one.
  std::filesystem::path previous;
  /// Take every file anew even when a previous backup has it.
  bool full = false;
};

/// What a backup made. Sizes in bytes.
struct BackupReport {
  std::filesystem::path dest;
  std::filesystem::path previous;  // empty: a full copy
  AuditHead head;                  // where the trail stood in the copy
  int64_t documents = 0;
  uint64_t catalog_bytes = 0;
  int64_t files_copied = 0;  // store files copied (new since the previous backup)
  uint64_t bytes_copied = 0;
  int64_t files_linked = 0;  // store files hard-linked from the previous backup
  uint64_t bytes_linked = 0;
  VerifyReport verify;  // of the copy, before it got its name
  double seconds = 0;
};

/// What restoring made.
struct RestoreReport {
  std::filesystem::path dir;
  AuditHead head;
  int64_t documents = 0;
  int64_t files = 0;
  uint64_t bytes = 0;
  VerifyReport verify;  // of the restored repository
  double seconds = 0;
};

/// The name of a backup's own description, in its folder.
inline constexpr const char* kBackupManifest = "backup.json";

}  // namespace dossier

#endif  // DOSSIER_BACKUP_H_
