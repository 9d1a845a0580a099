// Where the repository's signing key lives and how it is made: a PEM file
// outside the repository folder, readable by its owner alone, named by
// config/signing.json. Private to the core (keys.cpp, repository.cpp).
#ifndef DOSSIER_REPOSITORY_SIGNING_H_
#define DOSSIER_REPOSITORY_SIGNING_H_

#include <filesystem>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "integrity/ed25519.h"

namespace dossier {

/// Where init puts the key unless told: beside the repository folder, so
/// that a copy of the folder alone never carries it ("/srv/repo" ->
/// "/srv/repo.signing-key").
std::filesystem::path DefaultKeyFile(const std::filesystem::path& repository);

/// InvalidArgument when `file` would be inside `repository`, naming it as
/// `what` ("the signing key") and saying `why` it belongs outside.
Status RequireOutside(const std::filesystem::path& file, const std::filesystem::path& repository,
                      const std::string& what, const std::string& why);
/// Why the signing key belongs outside the repository.
inline constexpr const char* kKeyOutsideReason =
    "a copy of the repository must not carry the key that vouches for it";

/// The key in `file` when it holds one (readable by its owner alone), else
/// a new key written there (0600, never over another file).
Result<SigningKey> CreateOrReuseKeyFile(const std::filesystem::path& file);

/// Names `key_file` (made absolute) in config/signing.json.
Status WriteSigningConfig(const std::filesystem::path& config_dir,
                          const std::filesystem::path& key_file);

/// The key config/signing.json names; nullopt when the repository has none
/// (made before keys existed: 'dossier keys generate'). An error names the
/// file when it is missing, readable by others, or not a key.
Result<std::optional<SigningKey>> LoadConfiguredKey(const std::filesystem::path& config_dir);
/// The file config/signing.json names; empty when none.
Result<std::filesystem::path> ConfiguredKeyFile(const std::filesystem::path& config_dir);

/// The catalog row of one of this repository's own keys.
Catalog::KeyRow OwnKeyRow(const SigningKey& key, const std::string& at, const std::string& by);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_SIGNING_H_
