// Signatures: Ed25519 through OpenSSL checked against RFC 8032, the records
// a package carries signed and checked, and the key init makes outside the
// repository.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "dossier/files.h"
#include "dossier/repository.h"
#include "integrity/ed25519.h"
#include "integrity/record_signature.h"
#include "support/sample_record.h"
#include "support/temp_dir.h"
#include "util/sha256.h"

namespace dossier {
namespace {

using testing::SampleRecord;
using testing::TempDir;

std::string FromHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// RFC 8032 §7.1, test 1: the key as PKCS#8 PEM, as OpenSSL writes it.
SigningKey Rfc8032Key() {
  std::string der = FromHex("302e020100300506032b657004220420") +
                    FromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  auto key = SigningKey::FromPem("-----BEGIN PRIVATE KEY-----\n" + Base64Encode(der) +
                                 "\n-----END PRIVATE KEY-----\n");
  EXPECT_TRUE(key.ok()) << key.status().message();
  return *key;
}

TEST(Ed25519Test, SignsAsRfc8032Says) {
  SigningKey key = Rfc8032Key();
  EXPECT_EQ(ToHex(reinterpret_cast<const unsigned char*>(key.PublicKey().data()), 32),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  auto signature = key.Sign("");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(ToHex(reinterpret_cast<const unsigned char*>(signature->data()), 64),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39"
            "701cf9b46bd25bf5f"
            "0595bbe24655141438e7a100b");
  EXPECT_TRUE(VerifyEd25519(key.PublicKey(), "", *signature));
}

TEST(Ed25519Test, AChangedMessageSignatureOrKeyFails) {
  auto key = SigningKey::Generate();
  auto other = SigningKey::Generate();
  ASSERT_TRUE(key.ok() && other.ok());
  auto signature = key->Sign("合同金额 1,250,000");
  ASSERT_TRUE(signature.ok());
  EXPECT_TRUE(VerifyEd25519(key->PublicKey(), "合同金额 1,250,000", *signature));
  EXPECT_FALSE(VerifyEd25519(key->PublicKey(), "合同金额 125", *signature));
  EXPECT_FALSE(VerifyEd25519(other->PublicKey(), "合同金额 1,250,000", *signature));
  std::string flipped = *signature;
  flipped[10] ^= 1;
  EXPECT_FALSE(VerifyEd25519(key->PublicKey(), "合同金额 1,250,000", flipped));
  EXPECT_FALSE(VerifyEd25519(key->PublicKey(), "合同金额 1,250,000", signature->substr(0, 63)));
}

TEST(Ed25519Test, KeysTravelAsPemAndAreNamedByTheirHash) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  auto again = SigningKey::FromPem(key->PrivatePem());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->PublicKey(), key->PublicKey());
  std::string pem = PublicKeyPem(key->PublicKey());
  EXPECT_EQ(pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u) << pem;
  auto raw = PublicKeyFromPem(pem);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw, key->PublicKey());
  EXPECT_FALSE(PublicKeyFromPem("not a key").ok());
  EXPECT_FALSE(PublicKeyFromPem(key->PrivatePem()).ok());  // the private half is no public key
  EXPECT_FALSE(SigningKey::FromPem(pem).ok());
  std::string id = KeyId(key->PublicKey());
  EXPECT_EQ(id.size(), 19u);
  EXPECT_EQ(id.substr(0, 4) + id.substr(5, 4), Sha256Hex(key->PublicKey()).substr(0, 8));
}

TEST(Ed25519Test, Base64IsCanonicalOnly) {
  for (std::string s : {"", "a", "ab", "abc", "签名"}) {
    auto back = Base64Decode(Base64Encode(s));
    ASSERT_TRUE(back.ok()) << s;
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(Base64Encode("ab"), "YWI=");
  EXPECT_FALSE(Base64Decode("YWI").ok());   // no padding
  EXPECT_FALSE(Base64Decode("YWJ=").ok());  // stray bits: another text for the same bytes
  EXPECT_FALSE(Base64Decode("YW I=").ok());
}

TEST(RecordSignatureTest, ASignedRecordChecksAndAnyChangeIsCaught) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  ExportDocument d = SampleRecord();
  ASSERT_TRUE(SignRecord(*key, d).ok());
  // Through its JSON and back, as an import reads it.
  auto parsed = ParseExportDocumentJson(ExportDocumentJson(d, true));
  ASSERT_TRUE(parsed.ok());
  auto signer = CheckRecordSignature(*parsed);
  ASSERT_TRUE(signer.ok()) << signer.status().message();
  ASSERT_TRUE(signer->has_value());
  EXPECT_EQ(**signer, key->PublicKey());

  using Edit = void (*)(ExportDocument&);
  const std::pair<const char*, Edit> edits[] = {
      {"marking", [](ExportDocument& r) { r.summary.confidentiality = Confidentiality::kPublic; }},
      {"status", [](ExportDocument& r) { r.summary.status = "draft"; }},
      {"retention", [](ExportDocument& r) { r.archive->retention = "D10"; }},
      {"step actor", [](ExportDocument& r) { r.steps[1].actor = "王律师"; }},
      {"distribution", [](ExportDocument& r) { r.distributions.clear(); }},
      {"round", [](ExportDocument& r) { r.round = 1; }},
      {"provenance", [](ExportDocument& r) { r.audit[0].actor = "陈总"; }},
      {"file hash",
       [](ExportDocument& r) { r.versions[0].files[0].sha256 = std::string(64, 'f'); }},
  };
  for (const auto& [what, edit] : edits) {
    ExportDocument altered = *parsed;
    edit(altered);
    auto checked = CheckRecordSignature(altered);
    ASSERT_FALSE(checked.ok()) << what;
    EXPECT_EQ(checked.status().code(), StatusCode::kCorruption) << what;
    EXPECT_NE(checked.status().message().find("altered after key " + KeyId(key->PublicKey())),
              std::string::npos)
        << what << ": " << checked.status().message();
  }
  // Another key's signature over the altered record passes the check; whether
  // that key is trusted is the import's question.
  ExportDocument resigned = *parsed;
  resigned.summary.confidentiality = Confidentiality::kPublic;
  auto forger = SigningKey::Generate();
  ASSERT_TRUE(SignRecord(*forger, resigned).ok());
  auto forged = CheckRecordSignature(resigned);
  ASSERT_TRUE(forged.ok());
  EXPECT_NE(**forged, key->PublicKey());

  ExportDocument stripped = *parsed;
  stripped.signature.reset();
  auto none = CheckRecordSignature(stripped);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  stripped.signature = RecordSignature{"RSA", d.signature->key, d.signature->value};
  EXPECT_FALSE(CheckRecordSignature(stripped).ok());
}

TEST(SigningKeyFileTest, InitMakesTheKeyBesideTheRepositoryForItsOwnerAlone) {
  TempDir dir;
  auto made = Repository::Init(dir / "repo");
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ(made->signing_key_file, dir / "repo.signing-key");
  struct stat st {};
  ASSERT_EQ(::stat(made->signing_key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto config = ReadFileToString(dir / "repo" / "config" / "signing.json");
  ASSERT_TRUE(config.ok());
  EXPECT_NE(config->find((dir / "repo.signing-key").string()), std::string::npos) << *config;
  auto repo = Repository::Open(dir / "repo");
  ASSERT_TRUE(repo.ok());
  auto keys = (*repo)->ListKeys(Actor{"admin", Role::kAdmin, Confidentiality::kClassified});
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_TRUE((*keys)[0].own && (*keys)[0].current);
  EXPECT_EQ((*keys)[0].key_id, made->signing_key_id);

  // A file already holding a key is used as it is; one inside the
  // repository or readable by others is refused.
  auto reused = Repository::Init(dir / "second", {}, "", "admin", made->signing_key_file);
  ASSERT_TRUE(reused.ok()) << reused.status().message();
  EXPECT_EQ(reused->signing_key_id, made->signing_key_id);
  auto inside = Repository::Init(dir / "third", {}, "", "admin", dir / "third" / "key");
  ASSERT_FALSE(inside.ok());
  EXPECT_NE(inside.status().message().find("inside the repository"), std::string::npos)
      << inside.status().message();
  ASSERT_EQ(::chmod(made->signing_key_file.c_str(), 0644), 0);
  auto exposed = Repository::Init(dir / "fourth", {}, "", "admin", made->signing_key_file);
  ASSERT_FALSE(exposed.ok());
  EXPECT_NE(exposed.status().message().find("may be read by others; chmod 600 it"),
            std::string::npos)
      << exposed.status().message();
  EXPECT_FALSE(std::filesystem::exists(dir / "fourth" / "catalog.db"));
}

}  // namespace
}  // namespace dossier
