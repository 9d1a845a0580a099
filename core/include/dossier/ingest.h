// Bulk registration of a folder tree: one document per file.
//
// A JSON sidecar NAME.json beside a file gives its type, title, confidentiality
// and metadata: {"type": "contract", "title": "...", "confidentiality": "内部",
// "metadata": {...}}. Without one, the file becomes a document of the default
// type, titled by its file name. A bad file is reported with its path and the
// rest go in.
#ifndef DOSSIER_INGEST_H_
#define DOSSIER_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dossier {

struct IngestProgress {
  int64_t files_done = 0;
  int64_t files_total = 0;
  int64_t bytes_done = 0;
};

struct IngestOptions {
  std::string default_type;   // for files without a sidecar; empty: such files are errors
  int threads = 0;            // 0: one per core
  size_t batch_files = 1000;  // documents per transaction
  /// A file whose content a document the actor may see already holds is
  /// skipped (reported in `duplicates`) instead of registered again.
  bool skip_duplicates = false;
  std::function<void(const IngestProgress&)> progress;  // called from the calling thread
};

struct IngestItem {
  std::string path;  // as found below the folder
  std::string id;
  std::string number;
};

struct IngestFailure {
  std::string path;
  std::string message;
};

struct IngestReport {
  std::vector<IngestItem> registered;
  std::vector<IngestFailure> failed;
  /// Files an earlier ingest registered from the same path with the same
  /// content (a rerun): skipped, with the number they were given.
  std::vector<IngestItem> already;
  /// Files whose content a document already held (`number`: that document):
  /// skipped with skip_duplicates, else registered and named here as a warning.
  std::vector<IngestItem> duplicates;
  int64_t bytes = 0;
};

}  // namespace dossier

#endif  // DOSSIER_INGEST_H_
