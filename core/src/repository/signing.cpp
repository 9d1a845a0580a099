#include "repository/signing.h"

#include <Poco/JSON/Object.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dossier/files.h"
#include "util/file_util.h"
#include "util/json_util.h"

namespace dossier {

namespace {

constexpr const char* kSigningConfig = "signing.json";

Status WriteNewPrivateFile(const std::filesystem::path& file, const std::string& content) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return Status::IoError("cannot create the signing key " + file.string() + ": " +
                           std::strerror(errno));
  Status s = WriteAll(fd, content, file);
  if (s.ok()) s = SyncFd(fd, file);
  ::close(fd);
  if (!s.ok()) {
    ::unlink(file.c_str());
    return s.WithContext("the signing key");
  }
  return SyncFileSystem(file.parent_path());
}

Result<SigningKey> ReadKeyFile(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    return Status::NotFound("the signing key " + file.string() +
                            " (config/signing.json) is missing: " + std::strerror(errno));
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Status::PermissionDenied("the signing key " + file.string() +
                                    " may be read by others; chmod 600 it");
  }
  auto pem = ReadFileToString(file);
  if (!pem.ok()) return pem.status();
  auto key = SigningKey::FromPem(*pem);
  if (!key.ok()) return key.status().WithContext("the signing key " + file.string());
  return key;
}

}  // namespace

std::filesystem::path DefaultKeyFile(const std::filesystem::path& repository) {
  std::filesystem::path absolute = std::filesystem::absolute(repository).lexically_normal();
  if (!absolute.has_filename()) absolute = absolute.parent_path();
  return absolute.parent_path() / (absolute.filename().string() + ".signing-key");
}

Status RequireOutside(const std::filesystem::path& file, const std::filesystem::path& repository,
                      const std::string& what, const std::string& why) {
  auto inside = std::filesystem::absolute(file).lexically_normal().lexically_relative(
      std::filesystem::absolute(repository).lexically_normal());
  if (!inside.empty() && inside.native().rfind("..", 0) != 0) {
    return Status::InvalidArgument(what + " " + file.string() +
                                   " would be inside the repository; it belongs outside it (" +
                                   why + ")");
  }
  return Status::Ok();
}

Result<SigningKey> CreateOrReuseKeyFile(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return ReadKeyFile(file);
  auto key = SigningKey::Generate();
  if (!key.ok()) return key.status();
  DOSSIER_RETURN_IF_ERROR(WriteNewPrivateFile(file, key->PrivatePem()));
  return key;
}

Status WriteSigningConfig(const std::filesystem::path& config_dir,
                          const std::filesystem::path& key_file) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
  o->set("key_file", std::filesystem::absolute(key_file).lexically_normal().string());
  return WriteFileAtomic(config_dir / kSigningConfig, CanonicalJson(Poco::Dynamic::Var(o)) + "\n");
}

Result<std::filesystem::path> ConfiguredKeyFile(const std::filesystem::path& config_dir) {
  std::error_code ec;
  std::filesystem::path config = config_dir / kSigningConfig;
  if (!std::filesystem::exists(config, ec)) return std::filesystem::path();
  auto text = ReadFileToString(config);
  if (!text.ok()) return text.status();
  auto o = ParseJsonObject(*text, "config/signing.json");
  if (!o.ok()) return o.status();
  if (!(*o)->has("key_file") || !(*o)->get("key_file").isString()) {
    return Status::InvalidArgument("config/signing.json: key_file is missing or not a string");
  }
  std::filesystem::path file = (*o)->getValue<std::string>("key_file");
  if (!file.is_absolute())
    return Status::InvalidArgument("config/signing.json: key_file '" + file.string() +
                                   "' is not an absolute path");
  return file;
}

Result<std::optional<SigningKey>> LoadConfiguredKey(const std::filesystem::path& config_dir) {
  auto file = ConfiguredKeyFile(config_dir);
  if (!file.ok()) return file.status();
  if (file->empty()) return std::optional<SigningKey>();
  auto key = ReadKeyFile(*file);
  if (!key.ok()) return key.status();
  return std::optional<SigningKey>(std::move(*key));
}

Catalog::KeyRow OwnKeyRow(const SigningKey& key, const std::string& at, const std::string& by) {
  return Catalog::KeyRow{
      KeyId(key.PublicKey()), key.PublicKey(), "this repository", true, at, by, ""};
}

}  // namespace dossier
