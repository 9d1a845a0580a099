// dossier import through the real binary: bags exported by one repository
// registered in another, exactly; and a hostile-package suite, each refused
// with the repository unchanged and verify clean. The hostile packages are
// made by tests/e2e/scripts/make_hostile.py with Python's own zipfile and
// tarfile, independently of the code that reads them.
#include <gtest/gtest.h>

#include <Poco/JSON/Stringifier.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "e2e/run_dossier.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string ReadText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

class ImportCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_dir_ = new testing::TempDir();
    std::string walk = std::string("DOSSIER_BIN=") + DOSSIER_BINARY + " bash " + DOSSIER_SOURCE_DIR +
                       "/docs/examples/walkthrough.sh '" + Source().string() + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(walk.c_str()), 0);
  }
  static void TearDownTestSuite() {
    delete suite_dir_;
    suite_dir_ = nullptr;
  }
  static std::filesystem::path Source() { return *suite_dir_ / "source"; }

  testing::Outcome RunIn(const std::filesystem::path& repo, const std::string& user, std::vector<std::string> args,
                         const std::string& env = "") {
    args.insert(args.begin(), {"--repo", repo.string(), "--as", user});
    return testing::RunDossier(args, dir_.path(), env);
  }
  // A fresh repository with an archivist, as the target of an import.
  std::filesystem::path FreshRepository(const std::string& name) {
    auto repo = dir_ / name;
    EXPECT_EQ(testing::RunDossier({"init", repo.string()}, dir_.path()).exit_code, 0);
    EXPECT_EQ(RunIn(repo, "admin", {"user", "add", "档案员", "--role", "archivist"}).exit_code, 0);
    EXPECT_EQ(RunIn(repo, "admin", {"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
    return repo;
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

  static testing::TempDir* suite_dir_;
  testing::TempDir dir_;
};

testing::TempDir* ImportCli::suite_dir_ = nullptr;

TEST_F(ImportCli, EveryContainerRoundTripsToIdenticalManifests) {
  // A Chinese file name, through every container and back.
  auto file = dir_.Write("验收报告（签字版）.txt", "验收合格。\n");
  ASSERT_EQ(RunIn(Source(), "李经理", {"add", "generic", "--title", "验收报告", file.string()}).exit_code, 0);
  auto original = ExportFrom(Source(), "original");
  int round = 0;
  for (std::string container : {"bag", "bag.zip", "bag.tar.gz"}) {
    auto package = container == "bag" ? original : ExportFrom(Source(), container);
    auto target = FreshRepository("target-" + container);
    auto o = RunIn(target, "档案员", {"import", package.string(), "--json"});
    ASSERT_EQ(o.exit_code, 0) << container << ": " << o.err;
    EXPECT_EQ(o.Json().extract<Object::Ptr>()->getValue<int>("documents"), 7) << o.out;
    ExpectVerifyClean(target);
    // Export again from the new repository: the same bag, file for file.
    auto again = ExportFrom(target, "again-" + std::to_string(++round));
    for (const char* manifest : {"manifest-sha256.txt", "manifest-sha512.txt"}) {
      EXPECT_EQ(ReadText(again / manifest), ReadText(original / manifest)) << container << " " << manifest;
    }
  }
}

TEST_F(ImportCli, TheCatalogComesThroughExactly) {
  auto target = FreshRepository("target");
  ASSERT_EQ(RunIn(target, "档案员", {"import", ExportFrom(Source(), "all.zip").string()}).exit_code, 0);
  // Documents: numbers, ids, titles, states, marks, registration times and people.
  EXPECT_EQ(ListJson(target), ListJson(Source()));
  auto history = [&](const std::filesystem::path& repo) { return RunIn(repo, "admin", {"history", "HT-2026-SW-0001", "--json"}).out; };
  EXPECT_EQ(history(target), history(Source()));
  // The workflow trail, distribution, archive record and relations.
  auto show = [&](const std::filesystem::path& repo, const std::string& ref) {
    auto j = RunIn(repo, "admin", {"show", ref, "--json"}).Json().extract<Object::Ptr>();
    std::ostringstream s;
    for (const char* key : {"state", "steps", "distribution", "archive", "relations", "digest", "files"}) {
      if (j->has(key)) Poco::JSON::Stringifier::stringify(j->get(key), s);
      s << "\n";
    }
    // Steps are numbered in each repository's own sequence; their order is what counts.
    return std::regex_replace(s.str(), std::regex("\"seq\":[0-9]+,"), "");
  };
  for (const char* ref : {"HT-2026-SW-0001", "BC-2026-SW-0001", "HY-2026-0001"}) EXPECT_EQ(show(target, ref), show(Source(), ref)) << ref;
  // The content, byte for byte.
  ASSERT_EQ(RunIn(target, "admin", {"get", "HT-2026-SW-0001", "--version", "1", "-o", (dir_ / "t").string()}).exit_code, 0);
  ASSERT_EQ(RunIn(Source(), "admin", {"get", "HT-2026-SW-0001", "--version", "1", "-o", (dir_ / "s").string()}).exit_code, 0);
  EXPECT_EQ(ReadText(dir_ / "t" / "contract-server-purchase.txt"), ReadText(dir_ / "s" / "contract-server-purchase.txt"));
  // Resolutions of the minutes, the ledger, and search over the imported text.
  EXPECT_EQ(RunIn(target, "admin", {"resolutions", "--json"}).out, RunIn(Source(), "admin", {"resolutions", "--json"}).out);
  EXPECT_EQ(RunIn(target, "admin", {"ledger", "--json", "--as-of", "2026-11-01"}).out,
            RunIn(Source(), "admin", {"ledger", "--json", "--as-of", "2026-11-01"}).out);
  auto found = RunIn(target, "admin", {"search", "违约金", "--json"});
  EXPECT_NE(found.out.find("HT-2026-SW-0001"), std::string::npos) << found.out;
  // The import is in the new repository's trail, by whom and from where.
  auto trail = RunIn(target, "admin", {"audit", "HT-2026-SW-0001", "--json"}).Json().extract<Array::Ptr>();
  auto last = trail->getObject(static_cast<unsigned>(trail->size() - 1));
  EXPECT_EQ(last->getValue<std::string>("action"), "import");
  EXPECT_EQ(last->getValue<std::string>("actor"), "档案员");
}

TEST_F(ImportCli, HostilePackagesAreRefusedAndTheRepositoryStaysAsItWas) {
  auto bag = ExportFrom(Source(), "one", {"HT-2026-SW-0001", "-O", "rendition=no"});
  auto hostile = dir_ / "hostile";
  std::filesystem::create_directories(hostile);
  std::string cmd = std::string("/usr/bin/python3 ") + DOSSIER_SOURCE_DIR + "/tests/e2e/scripts/make_hostile.py '" +
                    bag.string() + "' '" + hostile.string() + "' >/dev/null";
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
      {"altered-record.zip", "does not match its digest"},
      {"altered-provenance.zip", "provenance was altered"},
      {"not-a-bag.zip", "no bagit.txt"},
      {"truncated.tar.gz", "Truncated"},
  };
  auto target = FreshRepository("target");
  auto scratch = dir_ / "tmp";
  std::filesystem::create_directories(scratch);
  size_t audit_before = AuditCount(target);
  std::string list_before = ListJson(target);
  for (const auto& [file, expected] : cases) {
    auto o = RunIn(target, "档案员", {"import", (hostile / file).string()}, "TMPDIR=" + scratch.string());
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
  auto o = RunIn(target, "档案员", {"import", (hostile / "bomb.zip").string(), "-O", "max-ratio=5000"});
  EXPECT_NE(o.err.find("data/zeros.bin is in the payload but not in manifest-sha256.txt"), std::string::npos) << o.err;
  o = RunIn(target, "档案员", {"import", (hostile / "bomb.zip").string(), "-O", "max-total=1M", "-O", "max-ratio=5000"});
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
  auto lone = ExportFrom(Source(), "lone.zip", {"BC-2026-SW-0001"});
  auto other = FreshRepository("other");
  o = RunIn(other, "档案员", {"import", lone.string()});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.err.find("amends HT-2026-SW-0001, which is neither in the package nor in this repository"),
            std::string::npos)
      << o.err;
  EXPECT_EQ(ListJson(other), "[\n\n]\n");
}

TEST_F(ImportCli, NumbersAPackageSkippedAreHeldElsewhereAndNeverReused) {
  auto source = FreshRepository("numbered");
  std::vector<std::string> registered;  // WJ-<this year>-00001 ...
  for (int i = 0; i < 3; ++i) {
    auto o = RunIn(source, "张三", {"add", "generic", "--title", "第" + std::to_string(i + 1) + "份文件", "--json"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    registered.push_back(o.Json().extract<Object::Ptr>()->getValue<std::string>("number"));
  }
  auto package = ExportFrom(source, "third", {registered[2]});
  auto target = FreshRepository("target");
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
      for (size_t k = 0; k < e->size(); ++k) seqs.push_back(e->getElement<int>(static_cast<unsigned>(k)));
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
  ASSERT_EQ(RunIn(target, "档案员", {"import", ExportFrom(source, "first", {registered[0], registered[1]}).string()})
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
  auto o = RunIn(Source(), "admin", {"export", "bagit", "-O", "max-size=1K", "-O", "rendition=no", "-o", out.string(), "--json"});
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
    std::string info_cmd = "tar xzf '" + bag + "' -O bag-info.txt | grep -q 'Bag-Count: " + std::to_string(i + 1) +
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
  auto bad = RunIn(Source(), "admin", {"export", "bagit", "-O", "max-size=lots", "-o", (dir_ / "x.zip").string()});
  EXPECT_NE(bad.err.find("max-size 'lots'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST_F(ImportCli, ATransferHandsOverArchivedDocumentsOnceWithTheirCatalogue) {
  std::string year = RunIn(Source(), "admin", {"show", "HT-2026-SW-0001", "--json"})
                         .Json()
                         .extract<Object::Ptr>()
                         ->getObject("archive")
                         ->getValue<std::string>("archived_at")
                         .substr(0, 4);
  auto out = dir_ / "移交.tar.gz";
  // Only the archivist transfers; nothing is written when refused.
  auto o = RunIn(Source(), "张三", {"transfer", "--archived-in", year, "--to", "市档案馆", "-o", out.string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("archivist"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  // A document not archived is refused by name.
  o = RunIn(Source(), "档案员", {"transfer", "WJ-2026-00001", "--to", "市档案馆", "-o", out.string()});
  EXPECT_NE(o.err.find("WJ-2026-00001 is not archived"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(out));

  o = RunIn(Source(), "档案员", {"transfer", "--archived-in", year, "--to", "市档案馆", "--note", "年度移交", "-o",
                                out.string(), "--json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto j = o.Json().extract<Object::Ptr>();
  EXPECT_EQ(j->getArray("numbers")->size(), 5u);  // the archived ones only
  // The package: a valid bag with the archive file catalogue as a tag file.
  std::string check = std::string(DOSSIER_SOURCE_DIR) + "/tests/e2e/scripts/check_bag.py";
  EXPECT_EQ(std::system(("/usr/bin/python3 '" + check + "' '" + out.string() + "' >/dev/null").c_str()), 0);
  std::string catalogue_cmd = "tar xzf '" + out.string() + "' -O 归档文件目录.csv | grep -q 'Z001-WS·" + year +
                              "-Y-SW-0001\",\"1\",\"HT-2026-SW-0001\"'";
  EXPECT_EQ(std::system(catalogue_cmd.c_str()), 0);
  // Recorded, shown, audited; and never transferred twice.
  auto show = RunIn(Source(), "张三", {"show", "HT-2026-SW-0001", "--json"}).Json().extract<Object::Ptr>();
  ASSERT_TRUE(show->has("transferred"));
  EXPECT_EQ(show->getObject("transferred")->getValue<std::string>("recipient"), "市档案馆");
  auto trail = RunIn(Source(), "admin", {"audit", "HT-2026-SW-0001", "--json"}).Json().extract<Array::Ptr>();
  EXPECT_EQ(trail->getObject(static_cast<unsigned>(trail->size() - 1))->getValue<std::string>("action"), "transfer");
  o = RunIn(Source(), "档案员", {"transfer", "HT-2026-SW-0001", "--to", "省档案馆", "-o", (dir_ / "again.zip").string()});
  EXPECT_NE(o.err.find("already transferred to 市档案馆"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "again.zip"));
  ExpectVerifyClean(Source());
  // The receiving archive imports the package.
  auto target = FreshRepository("市档案馆");
  ASSERT_EQ(RunIn(target, "档案员", {"import", out.string()}).exit_code, 0);
  ExpectVerifyClean(target);
}

}  // namespace
}  // namespace dossier
