// A multipart/form-data request read as a route needs it: its fields in
// memory (each at most max_body_bytes) and each file part streamed to a
// temporary file (each at most max_upload_bytes), never held in memory.
// The temporary files go when the Upload does, whatever happened.
#ifndef DOSSIER_SERVER_UPLOADS_H_
#define DOSSIER_SERVER_UPLOADS_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "dossier/document.h"
#include "dossier/files.h"
#include "server/exchange.h"

namespace dossier::server {

class Upload {
 public:
  /// Reads the whole request body. InvalidArgument for a body that is not
  /// multipart/form-data or is cut short; a part over its limit sets the
  /// exchange's body_too_large (413) and nothing is kept.
  static Result<std::unique_ptr<Upload>> Read(Exchange& ex);
  Upload(const Upload&) = delete;
  Upload& operator=(const Upload&) = delete;

  /// A form field (a part without a file name), or nullopt.
  std::optional<std::string> field(const std::string& name) const;
  /// The file parts, in the order sent, named as the client named them.
  const std::vector<FileInput>& files() const { return files_; }

 private:
  explicit Upload(TempFolder folder) : folder_(std::move(folder)) {}
  TempFolder folder_;  // the file parts' files, removed with it
  std::map<std::string, std::string> fields_;
  std::vector<FileInput> files_;
  friend class UploadPartHandler;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_UPLOADS_H_
