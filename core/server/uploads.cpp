#include "server/uploads.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <fcntl.h>
#include <unistd.h>

namespace dossier::server {

namespace {

// Thrown from inside Poco's form reader to stop it at once.
struct PartTooLarge {
  std::string message;
};

}  // namespace

class UploadPartHandler : public Poco::Net::PartHandler {
 public:
  UploadPartHandler(Upload& upload, uint64_t max_file) : upload_(upload), max_file_(max_file) {}

  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition, name;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              params);
    name = params.get("filename", "");
    auto path = upload_.folder_.path() / ("part-" + std::to_string(upload_.files_.size()));
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw Poco::IOException("cannot create a temporary file for an upload");
    uint64_t total = 0;
    std::string buf(256 * 1024, '\0');
    while (stream) {
      stream.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      auto n = static_cast<size_t>(stream.gcount());
      total += n;
      if (total > max_file_) {
        ::close(fd);
        throw PartTooLarge{"the file '" + name + "' is larger than " + std::to_string(max_file_) +
                           " bytes"};
      }
      for (size_t done = 0; done < n;) {
        ssize_t w = ::write(fd, buf.data() + done, n - done);
        if (w < 0) {
          ::close(fd);
          throw Poco::IOException("cannot write an upload to a temporary file");
        }
        done += static_cast<size_t>(w);
      }
    }
    ::close(fd);
    upload_.files_.push_back(FileInput{path, name});
  }

 private:
  Upload& upload_;
  uint64_t max_file_;
};

Result<std::unique_ptr<Upload>> Upload::Read(Exchange& ex) {
  auto& request = ex.request();
  if (request.getContentType().rfind("multipart/form-data", 0) != 0) {
    return Status::InvalidArgument(
        "the body must be multipart/form-data: a metadata part and file parts");
  }
  auto folder = TempFolder::Create("dossier-upload");
  if (!folder.ok()) return folder.status();
  std::unique_ptr<Upload> upload(new Upload(std::move(*folder)));
  UploadPartHandler handler(*upload, ex.config().max_upload_bytes);
  Poco::Net::HTMLForm form;
  form.setFieldLimit(1000);
  form.setValueLengthLimit(
      static_cast<int>(std::min<uint64_t>(ex.config().max_body_bytes, 1 << 30)));
  try {
    form.load(request, request.stream(), handler);
  } catch (const PartTooLarge& e) {
    ex.set_body_too_large();
    ex.response().setKeepAlive(false);  // the rest of the body is not read
    return Status::InvalidArgument(e.message);
  } catch (const Poco::Exception& e) {
    ex.response().setKeepAlive(false);
    if (e.displayText().find("limit") != std::string::npos) {
      ex.set_body_too_large();
      return Status::InvalidArgument("a form field is larger than " +
                                     std::to_string(ex.config().max_body_bytes) + " bytes");
    }
    return Status::InvalidArgument("the multipart body could not be read: " + e.displayText());
  }
  for (const auto& [key, value] : form) upload->fields_[key] = value;
  return upload;
}

std::optional<std::string> Upload::field(const std::string& name) const {
  auto it = fields_.find(name);
  if (it == fields_.end()) return std::nullopt;
  return it->second;
}

}  // namespace dossier::server
