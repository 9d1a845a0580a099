// dossier import through the real binary: bags exported by one repository
// registered in another, exactly; and a hostile-package suite, each refused
// with the repository unchanged and verify clean. The hostile packages are
// made by tests/e2e/scripts/make_hostile.py with Python's own zipfile and
// tarfile, independently of the code that reads them.
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "e2e/run_dossier.h"
#include "e2e/walkthrough_copy.h"
#include "support/edit_catalog.h"
#include "support/temp_dir.h"
#include "support/this_year.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string ReadText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// A manifest without the lines of the records (metadata.json), whose
// signatures differ from one repository to the next.
std::string WithoutRecords(const std::string& manifest) {
  std::istringstream in(manifest);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.find("/metadata.json") == std::string::npos) out += line + "\n";
  }
  return out;
}
// A record's JSON without its signature, and the key that signed it.
std::string Unsigned(const std::string& record) {
  return std::regex_replace(record, std::regex(R"re(,"signature":\{[^}]*\})re"), "");
}
std::string SignatureKey(const std::string& record) {
  std::smatch m;
  return std::regex_search(record, m,
                           std::regex(R"re("signature":\{"algorithm":"Ed25519","key":"([^"]+)")re"))
             ? m[1].str()
             : "";
}

class ImportCli : public ::testing::Test {
 protected:
  // Each test exports from (and may change) its own copy of the walk-through.
  void SetUp() override { testing::CopyOfWalkthrough(Source()); }
  std::filesystem::path Source() const { return dir_ / "source"; }

  testing::Outcome RunIn(const std::filesystem::path& repo, const std::string& user,
                         std::vector<std::string> args, const std::string& env = "") {
    args.insert(args.begin(), {"--repo", repo.string(), "--as", user});
    return testing::RunDossier(args, dir_.path(), env);
  }
  // A fresh repository with an archivist, as the target of an import,
  // trusting what the suite's source repository signs.
  std::filesystem::path FreshRepository(const std::string& name) {
    auto repo = dir_ / name;
    EXPECT_EQ(testing::RunDossier({"init", repo.string()}, dir_.path()).exit_code, 0);
    EXPECT_EQ(RunIn(repo, "admin", {"user", "add", "档案员", "--role", "archivist"}).exit_code, 0);
    EXPECT_EQ(RunIn(repo, "admin", {"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
    Trust(repo, Source());
    return repo;
  }
  // `repo` trusts the records `exporter` signs.
  void Trust(const std::filesystem::path& repo, const std::filesystem::path& exporter) {
    auto key = dir_ / (exporter.filename().string() + "-for-" + repo.filename().string() + ".pub");
    auto o = RunIn(exporter, "admin", {"keys", "export", "-o", key.string()});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    o = RunIn(repo, "admin",
              {"trust", "add", key.string(), "--label", exporter.filename().string()});
    EXPECT_EQ(o.exit_code, 0) << o.err;
  }
  std::filesystem::path ExportFrom(const std::filesystem::path& repo, const std::string& name,
                                   std::vector<std::string> extra = {}) {
    auto out = dir_ / name;
    std::vector<std::string> args = {"export", "bagit", "-o", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto o = RunIn(repo, "admin", args);
    EXPECT_EQ(o.exit_code, 0) << o.err;
    return out;
  }
  std::string ListJson(const std::filesystem::path& repo) {
    auto o = RunIn(repo, "admin", {"list", "--json"});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    return o.out;
  }
  size_t AuditCount(const std::filesystem::path& repo) {
    auto o = RunIn(repo, "admin", {"audit", "--json"});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    return o.Json().extract<Array::Ptr>()->size();
  }
  void ExpectVerifyClean(const std::filesystem::path& repo) {
    auto o = RunIn(repo, "admin", {"verify"});
    EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
    EXPECT_NE(o.out.find("OK: no problems found"), std::string::npos) << o.out;
  }

  testing::TempDir dir_;
};

TEST_F(ImportCli, EveryContainerRoundTripsToIdenticalManifests) {
  // A Chinese file name, through every container and back.
  auto file = dir_.Write("验收报告（签字版）.txt", "验收合格。\n");
  ASSERT_EQ(
      RunIn(Source(), "李经理", {"add", "generic", "--title", "验收报告", file.string()}).exit_code,
      0);
  auto original = ExportFrom(Source(), "original");
  int round = 0;
  for (std::string container : {"bag", "bag.zip", "bag.tar.gz"}) {
    auto package = container == "bag" ? original : ExportFrom(Source(), container);
    auto target = FreshRepository("target-" + container);
    auto o = RunIn(target, "档案员", {"import", package.string(), "--json"});
    ASSERT_EQ(o.exit_code, 0) << container << ": " << o.err;
    EXPECT_EQ(o.Json().extract<Object::Ptr>()->getValue<int>("documents"), 7) << o.out;
    ExpectVerifyClean(target);
    // Export again from the new repository: the same bag, file for file,
    // but for the records' signatures, which are now the new repository's.
    auto again = ExportFrom(target, "again-" + std::to_string(++round));
    for (const char* manifest : {"manifest-sha256.txt", "manifest-sha512.txt"}) {
      EXPECT_EQ(WithoutRecords(ReadText(again / manifest)),
                WithoutRecords(ReadText(original / manifest)))
          << container << " " << manifest;
    }
    for (const auto& entry : std::filesystem::directory_iterator(original / "data")) {
      auto record = std::filesystem::path("data") / entry.path().filename() / "metadata.json";
      std::string before = ReadText(original / record), after = ReadText(again / record);
      EXPECT_NE(SignatureKey(after), SignatureKey(before)) << record;
      EXPECT_EQ(Unsigned(after), Unsigned(before)) << container << " " << record;
    }
  }
}

TEST_F(ImportCli, TheCatalogComesThroughExactly) {
  auto target = FreshRepository("target");
  ASSERT_EQ(RunIn(target, "档案员", {"import", ExportFrom(Source(), "all.zip").string()}).exit_code,
            0);
  // Documents: numbers, ids, titles, states, marks, registration times and people.
  EXPECT_EQ(ListJson(target), ListJson(Source()));
  auto history = [&](const std::filesystem::path& repo) {
    return RunIn(repo, "admin", {"history", testing::ThisYear("HT-2026-SW-0001"), "--json"}).out;
  };
  EXPECT_EQ(history(target), history(Source()));
  // The workflow trail, distribution, archive record and relations.
  auto show = [&](const std::filesystem::path& repo, const std::string& ref) {
    auto j = RunIn(repo, "admin", {"show", ref, "--json"}).Json().extract<Object::Ptr>();
    std::ostringstream s;
    for (const char* key :
         {"state", "steps", "distribution", "archive", "relations", "digest", "files"}) {
      if (j->has(key)) Poco::JSON::Stringifier::stringify(j->get(key), s);
      s << "\n";
    }
    // Steps are numbered in each repository's own sequence; their order is what counts.
    return std::regex_replace(s.str(), std::regex("\"seq\":[0-9]+,"), "");
  };
  for (const std::string& ref : std::vector<std::string>{testing::ThisYear("HT-2026-SW-0001"),
                                                         testing::ThisYear("BC-2026-SW-0001"),
                                                         testing::ThisYear("HY-2026-0001")})
    EXPECT_EQ(show(target, ref), show(Source(), ref)) << ref;
  // The content, byte for byte.
  ASSERT_EQ(RunIn(target, "admin",
                  {"get", testing::ThisYear("HT-2026-SW-0001"), "--version", "1", "-o",
                   (dir_ / "t").string()})
                .exit_code,
            0);
  ASSERT_EQ(RunIn(Source(), "admin",
                  {"get", testing::ThisYear("HT-2026-SW-0001"), "--version", "1", "-o",
                   (dir_ / "s").string()})
                .exit_code,
            0);
  EXPECT_EQ(ReadText(dir_ / "t" / "contract-server-purchase.txt"),
            ReadText(dir_ / "s" / "contract-server-purchase.txt"));
  // Resolutions of the minutes, the ledger, and search over the imported text.
  EXPECT_EQ(RunIn(target, "admin", {"resolutions", "--json"}).out,
            RunIn(Source(), "admin", {"resolutions", "--json"}).out);
  EXPECT_EQ(RunIn(target, "admin", {"ledger", "--json", "--as-of", "2026-11-01"}).out,
            RunIn(Source(), "admin", {"ledger", "--json", "--as-of", "2026-11-01"}).out);
  auto found = RunIn(target, "admin", {"search", "违约金", "--json"});
  EXPECT_NE(found.out.find(testing::ThisYear("HT-2026-SW-0001")), std::string::npos) << found.out;
  // The import is in the new repository's trail, by whom and from where.
  auto trail = RunIn(target, "admin", {"audit", testing::ThisYear("HT-2026-SW-0001"), "--json"})
                   .Json()
                   .extract<Array::Ptr>();
  auto last = trail->getObject(static_cast<unsigned>(trail->size() - 1));
  EXPECT_EQ(last->getValue<std::string>("action"), "import");
  EXPECT_EQ(last->getValue<std::string>("actor"), "档案员");
}

// The steps, copies and resolutions a document came with are vouched for by
// its import entry: edited afterwards in the catalog, verify names them.
TEST_F(ImportCli, WhatAnImportBroughtIsHeldToItsImportEntry) {
  auto target = FreshRepository("target");
  ASSERT_EQ(RunIn(target, "档案员", {"import", ExportFrom(Source(), "all.zip").string()}).exit_code,
            0);
  ExpectVerifyClean(target);
  testing::EditCatalog(
      target,
      "UPDATE steps SET actor = '档案员' WHERE action = 'approve'; DELETE FROM distributions; "
      "UPDATE resolutions SET owner = '档案员'");
  auto verify = RunIn(target, "admin", {"verify"});
  EXPECT_EQ(verify.exit_code, 2) << verify.out;
  EXPECT_NE(verify.out.find(testing::ThisYear("HT-2026-SW-0001: the step approve")),
            std::string::npos)
      << verify.out;
  EXPECT_NE(verify.out.find("by 档案员"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("is in the audit trail but missing or different"), std::string::npos)
      << verify.out;
  EXPECT_NE(verify.out.find(testing::ThisYear("HY-2026-0001: resolution 1: its owner is '档案员'")),
            std::string::npos)
      << verify.out;
}

TEST_F(ImportCli, HostilePackagesAreRefusedAndTheRepositoryStaysAsItWas) {
  auto bag =
      ExportFrom(Source(), "one", {testing::ThisYear("HT-2026-SW-0001"), "-O", "rendition=no"});
  auto hostile = dir_ / "hostile";
  std::filesystem::create_directories(hostile);
  std::string cmd = std::string("/usr/bin/python3 ") + DOSSIER_SOURCE_DIR +
                    "/tests/e2e/scripts/make_hostile.py '" + bag.string() + "' '" +
                    hostile.string() + "' >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"dotdot.tar.gz", "climbs out of the package"},
      {"absolute.tar.gz", "absolute path"},
      {"symlink.tar.gz", "symbolic link"},
      {"device.tar.gz", "not a regular file"},
      {"badname.tar.gz", "not valid UTF-8"},
      {"duplicate.zip", "in the package twice"},
      {"manifest-mismatch.zip", "does not match its sha256"},
      {"oxum-lies.zip", "Payload-Oxum"},
      {"bomb.zip", "zip bomb"},
      {"missing.zip", "not in the payload"},
      {"extra.zip", "not in manifest-sha256.txt"},
      {"corrupt.zip", "does not match its sha256"},
      {"altered-record.zip", "the record was altered after key"},      // its signature
      {"altered-provenance.zip", "the record was altered after key"},  // the audit is signed too
      {"not-a-bag.zip", "no bagit.txt"},
      {"truncated.tar.gz", "Truncated"},
  };
  auto target = FreshRepository("target");
  auto scratch = dir_ / "tmp";
  std::filesystem::create_directories(scratch);
  size_t audit_before = AuditCount(target);
  std::string list_before = ListJson(target);
  for (const auto& [file, expected] : cases) {
    auto o = RunIn(target, "档案员", {"import", (hostile / file).string()},
                   "TMPDIR=" + scratch.string());
    EXPECT_NE(o.exit_code, 0) << file;
    EXPECT_NE(o.err.find(expected), std::string::npos) << file << ": " << o.err;
    EXPECT_NE(o.err.find("nothing was written"), std::string::npos) << file << ": " << o.err;
  }
  EXPECT_EQ(ListJson(target), list_before);
  EXPECT_EQ(AuditCount(target), audit_before);
  ExpectVerifyClean(target);
  // Nothing extracted was left behind, and nothing escaped the scratch folder.
  EXPECT_TRUE(std::filesystem::is_empty(scratch));
  EXPECT_FALSE(std::filesystem::exists("/tmp/dossier-evil.txt"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "evil.txt"));
  // A larger limit lets the small bomb through the reader (then its stray
  // payload file is refused as missing from the manifests).
  auto o =
      RunIn(target, "档案员", {"import", (hostile / "bomb.zip").string(), "-O", "max-ratio=5000"});
  EXPECT_NE(o.err.find("data/zeros.bin is in the payload but not in manifest-sha256.txt"),
            std::string::npos)
      << o.err;
  o = RunIn(
      target, "档案员",
      {"import", (hostile / "bomb.zip").string(), "-O", "max-total=1M", "-O", "max-ratio=5000"});
  EXPECT_NE(o.err.find("max-total"), std::string::npos) << o.err;
}

TEST_F(ImportCli, ConflictsPermissionsAndMissingReferencesAreRefusedWholly) {
  auto package = ExportFrom(Source(), "all.tar.gz");
  auto target = FreshRepository("target");
  // A clerk may not import.
  auto o = RunIn(target, "张三", {"import", package.string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("import packages"), std::string::npos) << o.err;
  // A dry run checks everything and writes nothing.
  size_t audit_before = AuditCount(target);
  o = RunIn(target, "档案员", {"import", package.string(), "--dry-run"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.out.find("would import 6 document(s)"), std::string::npos) << o.out;
  EXPECT_EQ(AuditCount(target), audit_before);
  ASSERT_EQ(RunIn(target, "档案员", {"import", package.string()}).exit_code, 0);
  size_t audit_after = AuditCount(target);
  // The same package again: already here, nothing written.
  o = RunIn(target, "档案员", {"import", package.string()});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.err.find("already in this repository"), std::string::npos) << o.err;
  EXPECT_EQ(AuditCount(target), audit_after);

  // An amendment without the contract it amends has nothing to point at.
  // (Archived, it would leave with its whole 档号 unit: this one is a draft.)
  auto drafts = FreshRepository("drafts");
  std::string meta =
      std::string(DOSSIER_SOURCE_DIR) + "/docs/examples/contract-server-purchase.json";
  auto contract = RunIn(drafts, "张三",
                        {"add", "contract", "--title", "服务器采购合同", "--meta", meta, "--json"});
  ASSERT_EQ(contract.exit_code, 0) << contract.err;
  std::string contract_number =
      contract.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto amendment = RunIn(
      drafts, "张三",
      {"add", "amendment", "--title", "补充协议", "--set", "contract_number=" + contract_number,
       "--set", "department=商务部", "--set", "content=交付期延后", "--json"});
  ASSERT_EQ(amendment.exit_code, 0) << amendment.err;
  std::string amendment_number =
      amendment.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  ASSERT_EQ(
      RunIn(drafts, "张三", {"link", amendment_number, "--amends", contract_number}).exit_code, 0);
  auto lone = ExportFrom(drafts, "lone.zip", {amendment_number});
  auto other = FreshRepository("other");
  Trust(other, drafts);
  o = RunIn(other, "档案员", {"import", lone.string()});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.err.find("amends " + contract_number +
                       ", which is neither in the package nor in this repository"),
            std::string::npos)
      << o.err;
  EXPECT_EQ(ListJson(other), "[\n\n]\n");
}

// An attacker edits a record and makes the bag valid again, every manifest
// and Payload-Oxum recomputed: the record's signature still gives it away.
TEST_F(ImportCli, AnEditedRecordIsRefusedEvenWithEveryManifestRecomputed) {
  auto target = FreshRepository("target");
  std::string edit =
      std::string("/usr/bin/python3 ") + DOSSIER_SOURCE_DIR + "/tests/e2e/scripts/edit_bag.py ";
  const char* edits[] = {"confidentiality=公开", "status=draft", "created_by=陈总",
                         "counterparty=某公司"};
  int n = 0;
  for (const char* field : edits) {
    auto bag = ExportFrom(Source(), "edited-" + std::to_string(++n),
                          {testing::ThisYear("HT-2026-SW-0001"), "-O", "rendition=no"});
    ASSERT_EQ(std::system((edit + "'" + bag.string() +
                           testing::ThisYear("' HT-2026-SW-0001 --set '") + field + "'")
                              .c_str()),
              0);
    for (bool accept : {false, true}) {
      std::vector<std::string> args = {"import", bag.string()};
      if (accept) args.push_back("--accept-unsigned");
      auto o = RunIn(target, "档案员", args);
      EXPECT_EQ(o.exit_code, 2) << field << ": " << o.err;  // corruption
      EXPECT_NE(
          o.err.find("its signature does not match its content: the record was altered after key"),
          std::string::npos)
          << field << ": " << o.err;
    }
  }
  EXPECT_EQ(ListJson(target), "[\n\n]\n");
  ExpectVerifyClean(target);
}

// Without a signature (stripped, or made by a repository without a key) a
// record is taken only on the importer's word, and never below 秘密.
TEST_F(ImportCli, AnUnsignedRecordIsTakenOnlyWhenAcceptedAndMarkedAtLeastSecret) {
  auto target = FreshRepository("target");
  auto bag = ExportFrom(Source(), "stripped",
                        {testing::ThisYear("HT-2026-SW-0001"), "-O", "rendition=no"});
  std::string edit =
      std::string("/usr/bin/python3 ") + DOSSIER_SOURCE_DIR + "/tests/e2e/scripts/edit_bag.py ";
  ASSERT_EQ(std::system((edit + "'" + bag.string() +
                         testing::ThisYear("' HT-2026-SW-0001 --strip-signature"))
                            .c_str()),
            0);
  auto o = RunIn(target, "档案员", {"import", bag.string()});
  EXPECT_EQ(o.exit_code, 1) << o.err;
  EXPECT_NE(
      o.err.find(testing::ThisYear("HT-2026-SW-0001 of ") + bag.string() + ": it is not signed"),
      std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("--accept-unsigned takes it marked at least 秘密"), std::string::npos)
      << o.err;
  EXPECT_EQ(ListJson(target), "[\n\n]\n");

  o = RunIn(target, "档案员", {"import", bag.string(), "--accept-unsigned"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto show = RunIn(target, "admin", {"show", testing::ThisYear("HT-2026-SW-0001"), "--json"})
                  .Json()
                  .extract<Object::Ptr>();
  EXPECT_EQ(show->getValue<std::string>("confidentiality"), "秘密");  // 内部 where it came from
  // A clerk (内部 clearance) no longer sees it; the trail says how it came in.
  EXPECT_NE(RunIn(target, "张三", {"show", testing::ThisYear("HT-2026-SW-0001")}).exit_code, 0);
  auto trail = RunIn(target, "admin", {"audit", testing::ThisYear("HT-2026-SW-0001"), "--json"})
                   .Json()
                   .extract<Array::Ptr>();
  std::string details;
  for (size_t i = 0; i < trail->size(); ++i) {
    auto entry = trail->getObject(static_cast<unsigned>(i));
    if (entry->getValue<std::string>("action") == "import")
      details = entry->getValue<std::string>("details");
  }
  EXPECT_TRUE(std::regex_search(details, std::regex(R"re("accepted_unsigned":\s*true)re")))
      << details;
  EXPECT_TRUE(std::regex_search(details, std::regex(R"re("marked_in_package":\s*"内部")re")))
      << details;
  ExpectVerifyClean(target);
}

// Taken unsigned, a record is still held to the history it carries: it
// cannot claim to be less archived, less secret or kept shorter than its
// own audit trail says.
TEST_F(ImportCli, AnUnsignedRecordMustAgreeWithItsOwnTrail) {
  auto target = FreshRepository("target");
  std::string edit =
      std::string("/usr/bin/python3 ") + DOSSIER_SOURCE_DIR + "/tests/e2e/scripts/edit_bag.py ";
  const std::pair<const char*, const char*> cases[] = {
      {"status=draft",
       "its status 'draft' is not the one its own audit trail leads to ('archived')"},
      {"confidentiality=公开", "it is marked 公开, below the marking its own audit trail gave it"},
      {"archive.retention=D10",
       "its retention class 'D10' is not the one its own audit trail gave it"},
  };
  int n = 0;
  for (const auto& [field, refusal] : cases) {
    auto bag = ExportFrom(Source(), "unsigned-" + std::to_string(++n),
                          {testing::ThisYear("HT-2026-SW-0001"), "-O", "rendition=no"});
    ASSERT_EQ(
        std::system((edit + "'" + bag.string() +
                     testing::ThisYear("' HT-2026-SW-0001 --strip-signature --set '") + field + "'")
                        .c_str()),
        0);
    auto o = RunIn(target, "档案员", {"import", bag.string(), "--accept-unsigned"});
    EXPECT_EQ(o.exit_code, 2) << field << ": " << o.err;
    EXPECT_NE(o.err.find(refusal), std::string::npos) << field << ": " << o.err;
  }
  EXPECT_EQ(ListJson(target), "[\n\n]\n");
}

// A repository takes signed records only from keys its admin trusts.
TEST_F(ImportCli, ASignatureCountsOnlyFromATrustedKey) {
  auto target = dir_ / "untrusting";
  ASSERT_EQ(testing::RunDossier({"init", target.string()}, dir_.path()).exit_code, 0);
  ASSERT_EQ(RunIn(target, "admin", {"user", "add", "档案员", "--role", "archivist"}).exit_code, 0);
  auto bag = ExportFrom(Source(), "signed.zip",
                        {testing::ThisYear("HT-2026-SW-0001"), "-O", "rendition=no"});
  auto o = RunIn(target, "档案员", {"import", bag.string(), "--dry-run"});
  EXPECT_EQ(o.exit_code, 1) << o.err;
  EXPECT_NE(o.err.find("which this repository does not trust"), std::string::npos) << o.err;

  auto key = dir_ / "source.pub";
  ASSERT_EQ(RunIn(Source(), "admin", {"keys", "export", "-o", key.string()}).exit_code, 0);
  // Only an admin trusts a key; a file that is no public key is named as such.
  o = RunIn(target, "档案员", {"trust", "add", key.string(), "--label", "总部"});
  EXPECT_EQ(o.exit_code, 1) << o.err;
  EXPECT_NE(o.err.find("trust another repository's key"), std::string::npos) << o.err;
  auto junk = dir_.Write("junk.pub", "not a key\n");
  o = RunIn(target, "admin", {"trust", "add", junk.string(), "--label", "总部"});
  EXPECT_NE(o.err.find("it is not a PEM public key"), std::string::npos) << o.err;
  ASSERT_EQ(RunIn(target, "admin", {"trust", "add", key.string(), "--label", "总部"}).exit_code, 0);
  auto keys = RunIn(target, "admin", {"keys", "--json"}).Json().extract<Array::Ptr>();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ(keys->getObject(1)->getValue<std::string>("label"), "总部");
  EXPECT_EQ(RunIn(target, "档案员", {"import", bag.string(), "--dry-run"}).exit_code, 0);

  // No longer trusted: refused again; the changes are in the trail.
  std::string id = keys->getObject(1)->getValue<std::string>("key_id");
  ASSERT_EQ(RunIn(target, "admin", {"trust", "remove", id}).exit_code, 0);
  EXPECT_EQ(RunIn(target, "档案员", {"import", bag.string(), "--dry-run"}).exit_code, 1);
  auto trail = RunIn(target, "admin", {"audit", "--json"}).out;
  EXPECT_NE(trail.find("\"key.trust\""), std::string::npos);
  EXPECT_NE(trail.find("\"key.distrust\""), std::string::npos);
  // The key that signs this repository's exports cannot be distrusted.
  std::string own = keys->getObject(0)->getValue<std::string>("key_id");
  o = RunIn(target, "admin", {"trust", "remove", own});
  EXPECT_NE(o.err.find("signs this repository's exports now"), std::string::npos) << o.err;
}

TEST_F(ImportCli, NumbersAPackageSkippedAreHeldElsewhereAndNeverReused) {
  auto source = FreshRepository("numbered");
  std::vector<std::string> registered;  // WJ-<this year>-00001 ...
  for (int i = 0; i < 3; ++i) {
    auto o =
        RunIn(source, "张三",
              {"add", "generic", "--title", "第" + std::to_string(i + 1) + "份文件", "--json"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    registered.push_back(o.Json().extract<Object::Ptr>()->getValue<std::string>("number"));
  }
  auto package = ExportFrom(source, "third", {registered[2]});
  auto target = FreshRepository("target");
  Trust(target, source);
  ASSERT_EQ(RunIn(target, "档案员", {"import", package.string()}).exit_code, 0);
  ExpectVerifyClean(target);
  auto elsewhere = [&]() {
    auto numbers = RunIn(target, "admin", {"numbers", "check", "--json"});
    EXPECT_EQ(numbers.exit_code, 0) << numbers.out;
    auto scopes = numbers.Json().extract<Array::Ptr>();
    std::vector<int> seqs;
    for (size_t i = 0; i < scopes->size(); ++i) {
      auto scope = scopes->getObject(static_cast<unsigned>(i));
      EXPECT_EQ(scope->getArray("gaps")->size(), 0u);
      auto e = scope->getArray("elsewhere");
      for (size_t k = 0; k < e->size(); ++k)
        seqs.push_back(e->getElement<int>(static_cast<unsigned>(k)));
    }
    return seqs;
  };
  EXPECT_EQ(elsewhere(), (std::vector<int>{1, 2}));
  // The next registration comes after the imported number.
  auto added = RunIn(target, "张三", {"add", "generic", "--title", "新文件", "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string next = registered[2];
  next.back() = '4';
  EXPECT_EQ(added.Json().extract<Object::Ptr>()->getValue<std::string>("number"), next);
  // The first two arrive later and fill what was held elsewhere.
  ASSERT_EQ(RunIn(target, "档案员",
                  {"import", ExportFrom(source, "first", {registered[0], registered[1]}).string()})
                .exit_code,
            0);
  ExpectVerifyClean(target);
  EXPECT_EQ(elsewhere(), std::vector<int>{});
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST_F(ImportCli, ASplitExportIsSeveralValidBagsImportedTogether) {
  auto out = dir_ / "split.tar.gz";
  auto o = RunIn(
      Source(), "admin",
      {"export", "bagit", "-O", "max-size=1K", "-O", "rendition=no", "-o", out.string(), "--json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto outputs = o.Json().extract<Object::Ptr>()->getArray("outputs");
  ASSERT_GE(outputs->size(), 2u);
  std::string check = std::string(DOSSIER_SOURCE_DIR) + "/tests/e2e/scripts/check_bag.py";
  std::vector<std::string> args = {"import"};
  for (size_t i = 0; i < outputs->size(); ++i) {
    std::string bag = outputs->getElement<std::string>(static_cast<unsigned>(i));
    EXPECT_EQ(bag, (dir_ / ("split-" + std::to_string(i + 1) + ".tar.gz")).string());
    // Each bag stands alone as a valid bag and says which of how many it is.
    std::string cmd = std::string("/usr/bin/python3 '") + check + "' '" + bag + "' >/dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << bag;
    std::string info_cmd = "tar xzf '" + bag +
                           "' -O bag-info.txt | grep -q 'Bag-Count: " + std::to_string(i + 1) +
                           " of " + std::to_string(outputs->size()) + "'";
    EXPECT_EQ(std::system(info_cmd.c_str()), 0) << bag;
    args.push_back(bag);
  }
  auto target = FreshRepository("target");
  auto imported = RunIn(target, "档案员", args);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported 6 document(s)"), std::string::npos) << imported.out;
  ExpectVerifyClean(target);
  EXPECT_EQ(ListJson(target), ListJson(Source()));
  auto bad = RunIn(Source(), "admin",
                   {"export", "bagit", "-O", "max-size=lots", "-o", (dir_ / "x.zip").string()});
  EXPECT_NE(bad.err.find("max-size 'lots'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST_F(ImportCli, ATransferHandsOverArchivedDocumentsOnceWithTheirCatalogue) {
  std::string year =
      RunIn(Source(), "admin", {"show", testing::ThisYear("HT-2026-SW-0001"), "--json"})
          .Json()
          .extract<Object::Ptr>()
          ->getObject("archive")
          ->getValue<std::string>("archived_at")
          .substr(0, 4);
  auto out = dir_ / "移交.tar.gz";
  // Only the archivist transfers; nothing is written when refused.
  auto o = RunIn(Source(), "张三",
                 {"transfer", "--archived-in", year, "--to", "市档案馆", "-o", out.string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("archivist"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  // A document not archived is refused by name.
  o = RunIn(
      Source(), "档案员",
      {"transfer", testing::ThisYear("WJ-2026-00001"), "--to", "市档案馆", "-o", out.string()});
  EXPECT_NE(o.err.find(testing::ThisYear("WJ-2026-00001 is not archived")), std::string::npos)
      << o.err;
  EXPECT_FALSE(std::filesystem::exists(out));

  o = RunIn(Source(), "档案员",
            {"transfer", "--archived-in", year, "--to", "市档案馆", "--note", "年度移交", "-o",
             out.string(), "--json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto j = o.Json().extract<Object::Ptr>();
  EXPECT_EQ(j->getArray("numbers")->size(), 5u);  // the archived ones only
  // The package: a valid bag with the archive file catalogue as a tag file.
  std::string check = std::string(DOSSIER_SOURCE_DIR) + "/tests/e2e/scripts/check_bag.py";
  EXPECT_EQ(
      std::system(("/usr/bin/python3 '" + check + "' '" + out.string() + "' >/dev/null").c_str()),
      0);
  std::string catalogue_cmd = "tar xzf '" + out.string() +
                              "' -O 归档文件目录.csv | grep -q 'Z001-WS·" + year +
                              testing::ThisYear("-Y-SW-0001\",\"1\",\"HT-2026-SW-0001\"'");
  EXPECT_EQ(std::system(catalogue_cmd.c_str()), 0);
  // Recorded, shown, audited; and never transferred twice.
  auto show = RunIn(Source(), "张三", {"show", testing::ThisYear("HT-2026-SW-0001"), "--json"})
                  .Json()
                  .extract<Object::Ptr>();
  ASSERT_TRUE(show->has("transferred"));
  EXPECT_EQ(show->getObject("transferred")->getValue<std::string>("recipient"), "市档案馆");
  auto trail = RunIn(Source(), "admin", {"audit", testing::ThisYear("HT-2026-SW-0001"), "--json"})
                   .Json()
                   .extract<Array::Ptr>();
  EXPECT_EQ(
      trail->getObject(static_cast<unsigned>(trail->size() - 1))->getValue<std::string>("action"),
      "transfer");
  o = RunIn(Source(), "档案员",
            {"transfer", testing::ThisYear("HT-2026-SW-0001"), "--to", "省档案馆", "-o",
             (dir_ / "again.zip").string()});
  EXPECT_NE(o.err.find("already transferred to 市档案馆"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "again.zip"));
  ExpectVerifyClean(Source());
  // The receiving archive imports the package.
  auto target = FreshRepository("市档案馆");
  ASSERT_EQ(RunIn(target, "档案员", {"import", out.string()}).exit_code, 0);
  ExpectVerifyClean(target);
}

// A title a spreadsheet would run is written into the transfer's catalogue
// as text, as every CSV export writes it.
TEST_F(ImportCli, ATransferCatalogueNeverCarriesAFormula) {
  auto repo = FreshRepository("formula");
  auto added = RunIn(repo, "张三",
                     {"add", "generic", "--title", "=HYPERLINK(\"http://x.example/\",\"点此\")",
                      "--set", "date=2026-01-01", "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string number = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  ASSERT_EQ(RunIn(repo, "档案员", {"archive", number}).exit_code, 0);
  auto out = dir_ / "移交";
  auto o = RunIn(repo, "档案员", {"transfer", number, "--to", "市档案馆", "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::string catalogue = ReadText(out / "归档文件目录.csv");
  EXPECT_NE(catalogue.find("\"'=HYPERLINK("), std::string::npos) << catalogue;
}

}  // namespace
}  // namespace dossier
