// End to end: the real dossier binary on a real repository on disk.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "e2e/run_dossier.h"
#include "support/edit_catalog.h"
#include "support/samples.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using testing::Outcome;
using testing::RunDossier;
using testing::TempDir;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = (dir_ / "repo").string();
    auto init = RunDossier({"init", repo_}, dir_.path());
    ASSERT_EQ(init.exit_code, 0) << init.err;
    meta_ = dir_.Write("contract.json", testing::ContractMeta()).string();
    text_ =
        dir_.Write("合同正文.txt", "第一条 标的：服务器十台。\n第二条 价款：人民币壹拾贰万元整。\n")
            .string();
  }
  Outcome Dossier(std::vector<std::string> args, const std::string& user = "admin") {
    args.insert(args.begin(), {"--repo", repo_, "--as", user});
    return RunDossier(args, dir_.path());
  }
  Outcome AddContract() {
    return Dossier(
        {"add", "contract", "--title", "服务器采购合同", "--meta", meta_, text_, "--json"});
  }
  // What must not change when a command fails.
  std::string Snapshot() {
    auto list = Dossier({"list", "--json"});
    auto audit = Dossier({"audit", "--json"});
    size_t blobs = 0;
    for (auto& e : std::filesystem::recursive_directory_iterator(dir_ / "repo" / "store"))
      blobs += e.is_regular_file();
    return list.out + audit.out + std::to_string(blobs);
  }
  void ExpectVerifies() {
    auto v = Dossier({"verify"});
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  }

  TempDir dir_;
  std::string repo_, meta_, text_;
};

TEST_F(CliTest, UsersHaveADepartmentAndListsTheLedgerAndSearchNarrowToTheirOwn) {
  ASSERT_EQ(Dossier({"user", "add", "张三", "--role", "clerk", "--department", "商务部"}).exit_code,
            0);
  ASSERT_EQ(
      Dossier({"user", "add", "钱采购", "--role", "clerk", "--department", "采购部"}).exit_code, 0);
  ASSERT_EQ(Dossier({"user", "add", "孙助理", "--role", "clerk"}).exit_code, 0);
  auto unknown = Dossier({"user", "add", "李四", "--role", "clerk", "--department", "市场部"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("'市场部' is not a department of config/departments.json ("),
            std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("商务部"), std::string::npos)
      << "the departments known are named: " << unknown.err;

  auto table = Dossier({"user", "list", "--dept", "商务部"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("张三"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("商务专员"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("在用"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("钱采购"), std::string::npos) << table.out;
  auto listed = Dossier({"user", "list", "--json"}).Json().extract<Array::Ptr>();
  std::map<std::string, std::string> departments;
  for (const auto& u : *listed) {
    auto o = u.extract<Object::Ptr>();
    departments[o->getValue<std::string>("name")] = o->getValue<std::string>("department");
  }
  EXPECT_EQ(departments["钱采购"], "采购部");
  EXPECT_EQ(departments["孙助理"], "");

  // 本部门 is the acting user's own department, in lists, the ledger and search.
  auto purchase = dir_.Write("purchase.json", testing::ContractMeta("采购部"));
  ASSERT_EQ(Dossier({"add", "contract", "--title", "商务合同", "--meta", meta_}, "张三").exit_code,
            0);
  ASSERT_EQ(
      Dossier({"add", "contract", "--title", "采购合同", "--meta", purchase.string()}, "钱采购")
          .exit_code,
      0);
  auto own = Dossier({"list", "--dept", "本部门", "--json"}, "钱采购");
  ASSERT_EQ(own.exit_code, 0) << own.err;
  auto rows = own.Json().extract<Array::Ptr>();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("title"), "采购合同");
  auto ledger = Dossier({"ledger", "--dept", "本部门", "--json"}, "张三");
  ASSERT_EQ(ledger.exit_code, 0) << ledger.err;
  auto ledger_rows = ledger.Json().extract<Object::Ptr>()->getArray("rows");
  ASSERT_EQ(ledger_rows->size(), 1u);
  auto found = Dossier({"search", "合同", "--dept", "mine", "--json"}, "张三");
  ASSERT_EQ(found.exit_code, 0) << found.err;
  auto none = Dossier({"list", "--dept", "本部门"}, "孙助理");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("'本部门' is the acting user's department, and 孙助理 has none"),
            std::string::npos)
      << none.err;

  // Moved, and moved out: audited, and verify holds the table to the trail.
  ASSERT_EQ(Dossier({"user", "set", "钱采购", "--department", "商务部"}).exit_code, 0);
  ASSERT_EQ(Dossier({"user", "set", "孙助理", "--department", ""}).exit_code, 0);
  auto audit = Dossier({"audit", "--json"}).Json().extract<Array::Ptr>();
  bool moved = false;
  for (const auto& e : *audit) {
    auto o = e.extract<Object::Ptr>();
    if (o->getValue<std::string>("action") == "user.update" &&
        o->getValue<std::string>("object") == "钱采购") {
      moved = o->getObject("details")->getValue<std::string>("department") == "商务部";
    }
  }
  EXPECT_TRUE(moved);
  EXPECT_EQ(Dossier({"verify"}).exit_code, 0);
}

TEST_F(CliTest, TheAuditTrailReadsInWordsAndKeepsItsCodesInJson) {
  ASSERT_EQ(
      Dossier({"user", "add", "李经理", "--role", "manager", "--department", "商务部"}).exit_code,
      0);
  std::string number = AddContract().Json().extract<Object::Ptr>()->getValue<std::string>("number");
  ASSERT_EQ(Dossier({"classify", number, "秘密", "--reason", "含报价"}, "李经理").exit_code, 0);
  ASSERT_EQ(Dossier({"transition", number, "submit"}, "李经理").exit_code, 0);
  auto text = Dossier({"audit"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const std::string& shown : std::vector<std::string>{
           "添加用户", "李经理", "角色：商务经理", "可见密级：秘密", "部门：商务部",
           "在用：是",                                                   // user.add
           "登记", "编号：" + number, "类型：合同",                      // register
           "定密", "从：内部；原因：含报价；至：秘密",                   // classify
           "流转", "动作：提交审核", "从：起草", "至：部门经理审核"}) {  // transition
    EXPECT_NE(text.out.find(shown), std::string::npos) << shown << "\n" << text.out;
  }
  EXPECT_EQ(text.out.find("\"confidentiality\":"), std::string::npos) << "no raw JSON:\n"
                                                                      << text.out;
  EXPECT_NE(text.out.find(number), std::string::npos) << "the document by its number";
  auto english = Dossier({"--lang", "en", "audit", number});
  EXPECT_NE(english.out.find("from: internal; reason: 含报价; to: secret"), std::string::npos)
      << english.out;
  auto json = Dossier({"audit", number, "--json"}).Json().extract<Array::Ptr>();
  bool coded = false;
  for (const auto& e : *json) {
    auto o = e.extract<Object::Ptr>();
    if (o->getValue<std::string>("action") == "confidentiality")
      coded = o->getObject("details")->getValue<int>("to") == 2;
  }
  EXPECT_TRUE(coded) << "--json keeps the entries as stored";
}

TEST_F(CliTest, InitNamesTheFirstAdministratorSoThatNoWellKnownAccountExists) {
  const std::string repo = (dir_ / "named").string();
  auto init = RunDossier({"init", repo, "--admin", "王管理", "--json"}, dir_.path());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  auto made = init.Json().extract<Object::Ptr>();
  EXPECT_EQ(made->getValue<std::string>("admin"), "王管理");
  EXPECT_EQ(made->getValue<std::string>("admin_password").size(), 20u);
  auto users =
      RunDossier({"--repo", repo, "--as", "王管理", "user", "list", "--json"}, dir_.path());
  ASSERT_EQ(users.exit_code, 0) << users.err;
  std::vector<std::string> names;
  auto list = users.Json().extract<Array::Ptr>();
  for (size_t i = 0; i < list->size(); ++i)
    names.push_back(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("name"));
  EXPECT_EQ(names, std::vector<std::string>{"王管理"});
  auto as_admin = RunDossier({"--repo", repo, "--as", "admin", "user", "list"}, dir_.path());
  EXPECT_NE(as_admin.exit_code, 0);
  auto spaced = RunDossier({"init", (dir_ / "spaced").string(), "--admin", "王 管理"}, dir_.path());
  EXPECT_EQ(spaced.exit_code, 1);
  EXPECT_NE(spaced.err.find("the first administrator's name"), std::string::npos) << spaced.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "spaced"));  // refused before anything was made
}

TEST_F(CliTest, AddPrintsNumberAndIdAndShowRoundTrips) {
  auto add = AddContract();
  ASSERT_EQ(add.exit_code, 0) << add.err;
  auto obj = add.Json().extract<Object::Ptr>();
  std::string number = obj->getValue<std::string>("number");
  std::string id = obj->getValue<std::string>("id");
  EXPECT_EQ(number.substr(0, 3), "HT-");
  EXPECT_EQ(id.size(), 32u);

  for (const std::string& ref : {number, id, id.substr(0, 8)}) {
    auto show = Dossier({"show", ref, "--json"});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    auto s = show.Json().extract<Object::Ptr>();
    EXPECT_EQ(s->getValue<std::string>("title"), "服务器采购合同");
    EXPECT_EQ(s->getObject("metadata")->getObject("amount")->getValue<double>("value"), 120000);
    EXPECT_EQ(s->getArray("files")->getObject(0)->getValue<std::string>("name"), "合同正文.txt");
  }
  auto text = Dossier({"show", number});
  EXPECT_NE(text.out.find("北京华信科技有限公司"), std::string::npos);
}

TEST_F(CliTest, VersionHistoryDiffAndGet) {
  std::string number = AddContract().Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto annex = dir_.Write("附件.txt", "设备清单").string();
  auto v = Dossier({"version", number, "--set", "amount.value:=130000", "--set", "quality=优等品",
                    annex, "--comment", "价格调整"});
  ASSERT_EQ(v.exit_code, 0) << v.err;
  auto history = Dossier({"history", number, "--json"});
  ASSERT_EQ(history.exit_code, 0);
  auto versions = history.Json().extract<Array::Ptr>();
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->getObject(1)->getValue<std::string>("comment"), "价格调整");

  auto diff = Dossier({"diff", number, "1", "2"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_NE(diff.out.find("~ /amount/value: 120000 -> 130000"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("~ /quality"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("file added: 附件.txt"), std::string::npos) << diff.out;

  auto get1 = Dossier({"get", number, "--version", "1", "-o", (dir_ / "v1").string()});
  ASSERT_EQ(get1.exit_code, 0) << get1.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "v1" / "合同正文.txt"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "v1" / "附件.txt"));
  EXPECT_EQ(testing::ReadAll(dir_ / "v1" / "合同正文.txt"), testing::ReadAll(text_));
  ExpectVerifies();
}

TEST_F(CliTest, ParallelProcessesNeverDuplicateOrSkipANumber) {
  constexpr int kProcesses = 12;
  constexpr int kEach = 4;
  // Each process registers kEach contracts through a shell loop of real invocations.
  std::vector<std::unique_ptr<testing::Process>> procs;
  for (int p = 0; p < kProcesses; ++p) {
    for (int k = 0; k < kEach; ++k) {
      procs.push_back(std::make_unique<testing::Process>(
          std::vector<std::string>{"--repo", repo_, "--as", "admin", "add", "contract", "--title",
                                   "并发合同 " + std::to_string(p) + "-" + std::to_string(k),
                                   "--meta", meta_, "--json"},
          dir_.path()));
    }
  }
  std::set<std::string> numbers;
  for (auto& proc : procs) {
    auto o = proc->Wait();
    ASSERT_EQ(o.exit_code, 0) << o.err;
    numbers.insert(o.Json().extract<Object::Ptr>()->getValue<std::string>("number"));
  }
  EXPECT_EQ(numbers.size(), static_cast<size_t>(kProcesses * kEach));
  auto check = Dossier({"numbers", "check", "--json"});
  ASSERT_EQ(check.exit_code, 0) << check.out;
  auto scope = check.Json().extract<Array::Ptr>()->getObject(0);
  EXPECT_EQ(scope->getValue<int>("last"), kProcesses * kEach);
  EXPECT_EQ(scope->getArray("gaps")->size(), 0u);
  EXPECT_EQ(scope->getArray("duplicates")->size(), 0u);
  ExpectVerifies();
}

struct BadInput {
  std::string name;
  std::function<std::vector<std::string>(TempDir&, const std::string& meta)> args;
  std::string expected_message;
};

TEST_F(CliTest, BadInputIsAClearErrorAndChangesNothing) {
  ASSERT_EQ(AddContract().exit_code, 0);
  dir_.Write("broken.json", R"({"parties": [)");
  dir_.Write(
      "violates.json",
      R"({"parties":[{"role":"甲方","name":"甲"}],"subject":"x","amount":{"value":-1,"currency":"rmb"},"department":"商务部"})");
  dir_.Write("empty.txt", "");
  dir_.Write("empty.json", "\n");
  dir_.Write("twice.json",
             R"({"parties":[{"role":"甲方","name":"甲","name":"乙"}],"subject":"x"})");
  dir_.Write("large.json", R"({"subject":")" + std::string(2 << 20, 'x') + R"("})");
  // A FIFO no one writes to: opening it to read would wait for ever.
  ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0600), 0);
  {
    // A sparse file just over 4 GiB: refused before any byte is read.
    std::ofstream huge(dir_ / "huge.bin", std::ios::binary);
    huge.seekp((int64_t{4} << 30) + 10);
    huge.put('x');
  }
  std::string d = dir_.path().string();
  std::vector<BadInput> cases = {
      {"malformed JSON",
       [&](TempDir&, const std::string&) {
         return std::vector<std::string>{"add", "contract", "--title",
                                         "t",   "--meta",   d + "/broken.json"};
       },
       "malformed JSON"},
      {"schema violation",
       [&](TempDir&, const std::string&) {
         return std::vector<std::string>{"add", "contract", "--title",
                                         "t",   "--meta",   d + "/violates.json"};
       },
       "/amount/value"},
      {"unknown type",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add", "contrat", "--title", "t", "--meta", m};
       },
       "unknown document type 'contrat'"},
      {"missing file",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add",    "contract", "--title",      "t",
                                         "--meta", m,          d + "/nope.pdf"};
       },
       "no such file"},
      {"dot-dot path",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add",    "contract", "--title",           "t",
                                         "--meta", m,          d + "/../x/合同.txt"};
       },
       "contains '..'"},
      {"empty file",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add",    "contract", "--title",       "t",
                                         "--meta", m,          d + "/empty.txt"};
       },
       "is empty"},
      {"file over 4 GiB",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add",    "contract", "--title",      "t",
                                         "--meta", m,          d + "/huge.bin"};
       },
       "more than the limit"},
      {"bad --set",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add",    "contract", "--title", "t",
                                         "--meta", m,          "--set",   "amount.value:=abc"};
       },
       "amount.value"},
      {"bad confidentiality",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add",    "contract", "--title",           "t",
                                         "--meta", m,          "--confidentiality", "绝密"};
       },
       "confidentiality"},
      {"empty title",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add", "contract", "--title", "", "--meta", m};
       },
       "title is empty"},
      {"empty --meta",
       [&](TempDir&, const std::string&) {
         return std::vector<std::string>{"add", "contract", "--title",
                                         "t",   "--meta",   d + "/empty.json"};
       },
       "empty.json is empty"},
      {"a key twice",
       [&](TempDir&, const std::string&) {
         return std::vector<std::string>{"add", "contract", "--title",
                                         "t",   "--meta",   d + "/twice.json"};
       },
       "the key \"name\" appears twice"},
      {"2 MiB metadata",
       [&](TempDir&, const std::string&) {
         return std::vector<std::string>{"add", "contract", "--title",
                                         "t",   "--meta",   d + "/large.json"};
       },
       "larger than the 1 MiB metadata may be"},
      {"FIFO as --meta",
       [&](TempDir&, const std::string&) {
         return std::vector<std::string>{"add", "contract", "--title", "t", "--meta", d + "/fifo"};
       },
       "is not a regular file"},
      {"FIFO as a file",
       [&](TempDir&, const std::string& m) {
         return std::vector<std::string>{"add",    "contract", "--title",  "t",
                                         "--meta", m,          d + "/fifo"};
       },
       "is not a regular file"},
  };
  std::string before = Snapshot();
  for (const auto& c : cases) {
    auto o = Dossier(c.args(dir_, meta_));
    EXPECT_EQ(o.exit_code, 1) << c.name << ": " << o.err;
    EXPECT_NE(o.err.find(c.expected_message), std::string::npos) << c.name << ": " << o.err;
    EXPECT_EQ(o.err.rfind("dossier: ", 0), 0u) << c.name << ": " << o.err;
  }
  EXPECT_EQ(Snapshot(), before);
  // No temporary left behind (the store's lock file stays: writers share it).
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "repo" / "store" / "tmp")) {
    EXPECT_EQ(e.path().filename(), "maintenance.lock");
  }
  ExpectVerifies();
}

// Backup media and write-once copies: what can be read is read, verify
// runs, and every change is refused before anything is touched. Root
// ignores permissions, so as root the files are made immutable instead.
class ReadOnlyTree {
 public:
  explicit ReadOnlyTree(std::filesystem::path dir) : dir_(std::move(dir)) { Set(true); }
  ~ReadOnlyTree() { Set(false); }
  bool ok() const { return ok_; }

 private:
  void Set(bool on) {
    const std::string q = "'" + dir_.string() + "'";
    const std::string cmd = ::geteuid() == 0
                                ? std::string("chattr -R ") + (on ? "+i " : "-i ") + q
                                : std::string("chmod -R ") + (on ? "a-w " : "u+w ") + q;
    ok_ = std::system((cmd + " 2>/dev/null").c_str()) == 0;
  }
  std::filesystem::path dir_;
  bool ok_ = false;
};

TEST_F(CliTest, AReadOnlyRepositoryIsReadAndVerifiedAndRefusesEveryChange) {
  auto added = AddContract();
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string number = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto secret = Dossier({"add", "contract", "--title", "机密合同", "--meta", meta_,
                         "--confidentiality", "秘密", "--json"});
  ASSERT_EQ(secret.exit_code, 0) << secret.err;
  const std::string secret_number =
      secret.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  const std::string before = Snapshot();
  ReadOnlyTree read_only(dir_ / "repo");
  ASSERT_TRUE(read_only.ok()) << "could not make the repository read-only";

  for (const std::vector<std::string>& reading :
       std::vector<std::vector<std::string>>{{"list"},
                                             {"search", "服务器"},
                                             {"show", number},
                                             {"audit", number},
                                             {"ledger"},
                                             {"numbers", "check"}}) {
    auto o = Dossier(reading);
    EXPECT_EQ(o.exit_code, 0) << reading[0] << ": " << o.err;
  }
  auto files = Dossier({"get", number, "-o", (dir_ / "out").string()});
  EXPECT_EQ(files.exit_code, 0) << files.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "out" / "合同正文.txt"));
  auto verify = Dossier({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("OK: no problems found"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("not checked: the search index's own consistency"), std::string::npos)
      << verify.out;

  // Changes, and reading what every access to must be logged.
  for (const std::vector<std::string>& change : std::vector<std::vector<std::string>>{
           {"add", "contract", "--title", "新合同", "--meta", meta_, text_},
           {"version", number, "--title", "改名"},
           {"user", "add", "张三", "--role", "clerk"}}) {
    auto o = Dossier(change);
    EXPECT_NE(o.exit_code, 0) << change[0];
    EXPECT_NE(o.err.find("is read-only (its folder or catalog cannot be written)"),
              std::string::npos)
        << change[0] << ": " << o.err;
  }
  auto shown = Dossier({"show", secret_number});
  EXPECT_NE(shown.exit_code, 0);
  EXPECT_NE(shown.err.find("every access to it is written in the audit trail"), std::string::npos)
      << shown.err;
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(CliTest, TamperingIsFoundByVerifyWithExitCode2) {
  auto add = AddContract().Json().extract<Object::Ptr>();
  std::string sha = add->getArray("files")->getObject(0)->getValue<std::string>("sha256");
  // One small file was stored: it is the only record of the only pack.
  std::vector<std::filesystem::path> packs;
  for (auto& e : std::filesystem::directory_iterator(dir_ / "repo" / "store" / "packs"))
    packs.push_back(e.path());
  ASSERT_EQ(packs.size(), 1u);
  auto path = packs[0];
  std::string raw = testing::ReadAll(path);
  raw[raw.size() - 1] ^= 0x01;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << raw;
  auto v = Dossier({"verify"});
  EXPECT_EQ(v.exit_code, 2);
  EXPECT_NE(v.out.find(sha), std::string::npos) << v.out;
  // Reading the damaged file reports corruption instead of wrong bytes.
  auto get = Dossier({"get", add->getValue<std::string>("number"), "-o", (dir_ / "out").string()});
  EXPECT_EQ(get.exit_code, 2) << get.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out" / "合同正文.txt"));
}

// A scope whose sequence row was deleted is a problem numbers check names
// (exit 2), not a scope that looks fine until the next add fails.
TEST_F(CliTest, NumbersCheckNamesAScopeWithoutItsSequenceRow) {
  ASSERT_EQ(AddContract().exit_code, 0);
  ASSERT_EQ(Dossier({"numbers", "check"}).exit_code, 0);
  testing::EditCatalog(dir_ / "repo", "DELETE FROM number_sequences WHERE type = 'contract'");
  auto check = Dossier({"numbers", "check", "--json"});
  EXPECT_EQ(check.exit_code, 2) << check.out;
  auto scope = check.Json().extract<Array::Ptr>()->getObject(0);
  EXPECT_FALSE(scope->getValue<bool>("recorded"));
  auto text = Dossier({"numbers", "check"});
  EXPECT_NE(text.out.find("无序号记录"), std::string::npos) << text.out;
}

TEST_F(CliTest, ConfidentialDocumentsLeaveNoTraceForUsersWithoutClearance) {
  ASSERT_EQ(Dossier({"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
  auto secret = Dossier({"add", "contract", "--title", "机密合同", "--meta", meta_,
                         "--confidentiality", "机密", "--json"});
  ASSERT_EQ(secret.exit_code, 0) << secret.err;
  std::string number = secret.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto list = Dossier({"list", "--json"}, "张三");
  EXPECT_EQ(list.Json().extract<Array::Ptr>()->size(), 0u);
  auto show = Dossier({"show", number}, "张三");
  EXPECT_EQ(show.exit_code, 1);
  // The same words as for a number that does not exist: in Chinese, the English beneath.
  const std::string refused =
      "dossier: 没有文件“" + number + "”（或您无权查看）\n  (no document '" + number + "')\n";
  EXPECT_EQ(show.err, refused);
  auto audit = Dossier({"audit", number}, "张三");
  EXPECT_EQ(audit.err, refused);
  std::string absent = number.substr(0, number.size() - 4) + "9999";
  EXPECT_EQ(
      Dossier({"show", absent}, "张三").err,
      "dossier: 没有文件“" + absent + "”（或您无权查看）\n  (no document '" + absent + "')\n");
  // An English reader reads the core's own words only.
  EXPECT_EQ(Dossier({"show", number, "--lang", "en"}, "张三").err,
            "dossier: no document '" + number + "'\n");
}

TEST_F(CliTest, IngestRegistersAFolderWithSidecarsAndReportsBadFiles) {
  dir_.Write("in/合同A.txt", "合同A正文");
  dir_.Write("in/合同A.txt.json",
             R"({"type":"contract","title":"合同A","metadata":)" + testing::ContractMeta() + "}");
  dir_.Write("in/sub/说明.md", "# 说明\n普通文件");
  dir_.Write("in/sub/坏.txt", "坏的元数据");
  dir_.Write("in/sub/坏.txt.json", R"({"type":"contract","metadata":{"subject":"缺少甲乙方"}})");
  dir_.Write("in/sub/空.txt", "");
  auto o = Dossier({"ingest", (dir_ / "in").string(), "--type", "generic", "--json"});
  EXPECT_EQ(o.exit_code, 1) << o.err;
  auto report = o.Json().extract<Object::Ptr>();
  auto registered = report->getArray("registered");
  auto failed = report->getArray("failed");
  ASSERT_EQ(registered->size(), 2u) << o.out;
  ASSERT_EQ(failed->size(), 2u) << o.out;
  std::set<std::string> failed_paths = {failed->getObject(0)->getValue<std::string>("path"),
                                        failed->getObject(1)->getValue<std::string>("path")};
  EXPECT_TRUE(failed_paths.count("sub/坏.txt"));
  EXPECT_TRUE(failed_paths.count("sub/空.txt"));
  auto list = Dossier({"list", "--type", "contract", "--json"});
  EXPECT_EQ(list.Json().extract<Array::Ptr>()->getObject(0)->getValue<std::string>("title"),
            "合同A");
  ExpectVerifies();
}

TEST_F(CliTest, LinkShowsTheContractsFile) {
  std::string contract =
      AddContract().Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto am = Dossier({"add", "amendment", "--title", "补充协议（一）", "--set",
                     "contract_number=" + contract, "--set", "department=商务部", "--set",
                     "content=交付期延长三十日", "--json"});
  ASSERT_EQ(am.exit_code, 0) << am.err;
  std::string amendment = am.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto wrong = Dossier({"link", contract, "--amends", amendment});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("an amendment agreement amends a contract"), std::string::npos)
      << wrong.err;
  ASSERT_EQ(Dossier({"link", amendment, "--amends", contract}).exit_code, 0);
  auto show = Dossier({"show", contract});
  EXPECT_NE(show.out.find("<- 变更 " + amendment), std::string::npos) << show.out;
  // The contract's audit trail shows the link made to it.
  auto audit = Dossier({"audit", contract, "--json"});
  auto entries = audit.Json().extract<Array::Ptr>();
  ASSERT_EQ(entries->size(), 2u) << audit.out;
  EXPECT_EQ(entries->getObject(1)->getValue<std::string>("action"), "link");
  ExpectVerifies();
}

TEST_F(CliTest, AnAgreementNamesItsOwnContractAtRegistrationAndAtLink) {
  std::string first = AddContract().Json().extract<Object::Ptr>()->getValue<std::string>("number");
  std::string second = AddContract().Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto agreement = [&](const std::string& contract_number) {
    return Dossier({"add", "amendment", "--title", "补充协议（一）", "--set",
                    "contract_number=" + contract_number, "--set", "department=商务部", "--set",
                    "content=交付期延长三十日", "--json"});
  };
  // A template's placeholder left in, or a number of no contract: refused where it is.
  std::string before = Snapshot();
  auto placeholder = agreement("CONTRACT_NUMBER");
  EXPECT_EQ(placeholder.exit_code, 1);
  EXPECT_NE(placeholder.err.find(
                "/contract_number: 'CONTRACT_NUMBER' is not the number of a contract you may see"),
            std::string::npos)
      << placeholder.err;
  EXPECT_EQ(Snapshot(), before) << "nothing registered";
  auto form = Dossier({"add", "approval-form", "--title", "审批表", "--set",
                       "contract_number=" + first, "--set", "department=商务部", "--json"});
  ASSERT_EQ(form.exit_code, 0) << form.err;
  std::string form_number = form.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  EXPECT_EQ(agreement(form_number).exit_code, 1) << "an approval form is not a contract";
  // Registered for the first contract, it is not linked to the second.
  auto am = agreement(first);
  ASSERT_EQ(am.exit_code, 0) << am.err;
  std::string amendment = am.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto wrong = Dossier({"link", amendment, "--amends", second});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find(amendment + " records 合同编号 " + first + ", but " + second +
                           " belongs to contract " + second),
            std::string::npos)
      << wrong.err;
  EXPECT_NE(wrong.err.find("--set contract_number=" + second), std::string::npos)
      << "says how to correct it: " << wrong.err;
  auto misfiled = Dossier({"link", form_number, "--attaches-to", second});
  EXPECT_EQ(misfiled.exit_code, 1) << "a piece goes in its own contract's file too";
  EXPECT_EQ(Dossier({"show", second}).out.find("<- "), std::string::npos)
      << "nothing related to the second contract";
  ASSERT_EQ(Dossier({"link", amendment, "--amends", first}).exit_code, 0);
  ASSERT_EQ(Dossier({"link", form_number, "--attaches-to", first}).exit_code, 0);
  ExpectVerifies();
}

TEST_F(CliTest, ARelativeRepositoryInTheEnvironmentIsRefusedWithThePathItWouldMean) {
  // From the folder holding the repository, DOSSIER_REPO=repo would work here
  // and name another folder (or another repository) after any cd.
  auto relative =
      testing::RunDossierIn(dir_.path(), {"--as", "admin", "list"}, "DOSSIER_REPO=repo");
  EXPECT_EQ(relative.exit_code, 1);
  std::string meant = (dir_.path() / "repo").lexically_normal().string();
  EXPECT_NE(relative.err.find("DOSSIER_REPO=repo is relative"), std::string::npos) << relative.err;
  EXPECT_NE(relative.err.find("export DOSSIER_REPO=" + meant), std::string::npos) << relative.err;
  EXPECT_EQ(testing::RunDossierIn(dir_.path(), {"--as", "admin", "list"}, "DOSSIER_REPO=" + meant)
                .exit_code,
            0);
  // --repo is named on this command line: relative is the user's choice.
  EXPECT_EQ(
      testing::RunDossierIn(dir_.path(), {"--repo", "repo", "--as", "admin", "list"}).exit_code, 0);
  // Not a repository: creating one is suggested only for a folder the command named.
  auto named = testing::RunDossierIn(dir_.path(), {"--repo", "elsewhere", "--as", "admin", "list"});
  EXPECT_EQ(named.exit_code, 1);
  EXPECT_NE(named.err.find("elsewhere is not a Dossier repository"), std::string::npos)
      << named.err;
  EXPECT_NE(named.err.find("create one with 'dossier init elsewhere'"), std::string::npos)
      << named.err;
  std::string absent = (dir_.path() / "absent").string();
  auto from_env =
      testing::RunDossierIn(dir_.path(), {"--as", "admin", "list"}, "DOSSIER_REPO=" + absent);
  EXPECT_EQ(from_env.exit_code, 1);
  EXPECT_NE(from_env.err.find(absent + " is not a Dossier repository"), std::string::npos)
      << from_env.err;
  EXPECT_EQ(from_env.err.find("init"), std::string::npos)
      << "no invitation to create what was not named: " << from_env.err;
  EXPECT_FALSE(std::filesystem::exists(absent));
  // init without a folder takes DOSSIER_REPO under the same rule.
  EXPECT_EQ(testing::RunDossierIn(dir_.path(), {"init"}, "DOSSIER_REPO=fresh").exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "fresh"));
}

TEST_F(CliTest, InitCreatesTheFoldersAboveANewRepository) {
  auto init = testing::RunDossierIn(dir_.path(), {"init", "var/demo"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "var" / "demo" / "catalog.db"));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "var" / "demo.signing-key"));
}

TEST_F(CliTest, PaymentInstalmentsNeverAskForMoreThanTheWhole) {
  auto add = [&](const std::string& instalments) {
    return Dossier({"add", "contract", "--title", "分期付款合同", "--meta", meta_, "--set",
                    "payment_terms:={\"method\":\"银行转账\",\"instalments\":" + instalments + "}",
                    "--json"});
  };
  std::string before = Snapshot();
  auto percent =
      add(R"([{"trigger":"签订后","percentage":30},{"trigger":"验收后","percentage":75.5}])");
  EXPECT_EQ(percent.exit_code, 1);
  EXPECT_NE(percent.err.find("/payment_terms/instalments: the instalments add up to 105.50% of the "
                             "price; at most 100% can be paid"),
            std::string::npos)
      << percent.err;
  auto amount =
      add(R"([{"trigger":"签订后","amount":100000},{"trigger":"验收后","amount":20000.01}])");
  EXPECT_EQ(amount.exit_code, 1);
  EXPECT_NE(amount.err.find("add up to 120,000.01, more than the contract's amount of 120,000.00"),
            std::string::npos)
      << amount.err;
  auto both = add(R"([{"trigger":"签订后","amount":100,"percentage":10}])");
  EXPECT_EQ(both.exit_code, 1) << "an instalment is a percentage or an amount, not both";
  EXPECT_NE(both.err.find("「付款方式 › 付款节点」/payment_terms/instalments/0: failed to validate "
                          "against exactly one"),
            std::string::npos)
      << both.err;
  auto neither = add(R"([{"trigger":"签订后"}])");
  EXPECT_EQ(neither.exit_code, 1) << "an instalment says how much";
  EXPECT_EQ(Snapshot(), before);
  auto whole = add(R"([{"trigger":"签订后","amount":100000},{"trigger":"验收后","amount":20000}])");
  EXPECT_EQ(whole.exit_code, 0) << whole.err;
}

TEST_F(CliTest, ShowLabelsTheMetadataWithTheSchemasTitlesInItsOrder) {
  std::string contract =
      AddContract().Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto show = Dossier({"show", contract});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const std::string& text = show.out;
  for (const char* line :
       {"    当事人：\n      1. 身份 甲方；名称 本公司；地址 上海市浦东新区张江路100号；本方 是\n"
        "      2. 身份 乙方；名称 北京华信科技有限公司；地址 北京市海淀区中关村大街8号\n",
        "    标的：服务器采购\n", "    金额：数额 120000；币种 CNY\n",
        "    履行期限：起始日期 2026-03-01；终止日期 2026-12-31\n",
        "    付款方式：\n      支付方式：银行转账\n      付款节点：\n        1. 付款条件 "
        "验收合格后；比例（%） 100\n",
        "    承办部门：商务部\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  EXPECT_LT(text.find("当事人："), text.find("标的："));  // the schema's order, not the alphabet's
  EXPECT_LT(text.find("违约责任："), text.find("争议解决："));
  EXPECT_EQ(text.find("\"amount\""), std::string::npos) << "no raw JSON: " << text;
  // A field the schema does not name keeps its own name; lists of words are joined.
  auto minutes = dir_.Write("minutes.json", testing::MinutesMeta());
  auto added = Dossier({"add", "meeting-minutes", "--title", "例会纪要", "--meta", minutes.string(),
                        "--set", "remark=另行通知", "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto m =
      Dossier({"show", added.Json().extract<Object::Ptr>()->getValue<std::string>("number")}).out;
  EXPECT_NE(m.find("    出席人员：李经理、张三、王五\n"), std::string::npos) << m;
  EXPECT_NE(m.find("      1. 正文 本周内确认交付时间；"), std::string::npos) << m;
  EXPECT_NE(m.find("    remark：另行通知\n"), std::string::npos) << m;
  EXPECT_GT(m.find("    remark："), m.find("    分送范围："))
      << "fields the schema does not name come last: " << m;
  // --json keeps the metadata as JSON.
  auto json = Dossier({"show", contract, "--json"}).Json().extract<Object::Ptr>();
  EXPECT_EQ(json->getObject("metadata")->getObject("amount")->getValue<int>("value"), 120000);
}

TEST_F(CliTest, PeopleReadNamesNotCodesInChineseOrInEnglishOnRequest) {
  ASSERT_EQ(Dossier({"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
  ASSERT_EQ(Dossier({"user", "add", "李经理", "--role", "manager"}).exit_code, 0);
  auto added =
      Dossier({"add", "contract", "--title", "服务器采购合同", "--meta", meta_, "--json"}, "张三");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string contract = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  ASSERT_EQ(Dossier({"transition", contract, "submit"}, "张三").exit_code, 0);
  auto list = Dossier({"list"});
  EXPECT_NE(list.out.find("编号"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("合同"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("部门经理审核"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("in_review"), std::string::npos)
      << "no codes where people read: " << list.out;
  auto show = Dossier({"show", contract});
  EXPECT_NE(show.out.find("  类型      合同\n"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("  状态      部门经理审核\n"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("提交审核  起草 -> 部门经理审核"), std::string::npos) << show.out;
  auto pending = Dossier({"pending"}, "李经理");
  EXPECT_NE(pending.out.find("审核通过、驳回、退回修改"), std::string::npos) << pending.out;
  // English on request, by option or environment; codes stay in --json either way.
  auto english = Dossier({"--lang", "en", "show", contract});
  EXPECT_NE(english.out.find("  type             Contract\n"), std::string::npos) << english.out;
  EXPECT_NE(english.out.find("  status           In review\n"), std::string::npos) << english.out;
  auto from_env =
      RunDossier({"--repo", repo_, "--as", "admin", "list"}, dir_.path(), "DOSSIER_LANG=en");
  EXPECT_NE(from_env.out.find("In review"), std::string::npos) << from_env.out;
  auto json = Dossier({"list", "--json"}).Json().extract<Array::Ptr>()->getObject(0);
  EXPECT_EQ(json->getValue<std::string>("status"), "in_review");
  EXPECT_EQ(json->getValue<std::string>("type"), "contract");
  auto bad = Dossier({"--lang", "fr", "list"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("--lang"), std::string::npos) << bad.err;
}

// Each user keeps the language they read in: theirs by default, --lang and
// DOSSIER_LANG still choosing for one command; set by themselves or an admin.
TEST_F(CliTest, EachUserReadsInTheLanguageTheyChose) {
  ASSERT_EQ(Dossier({"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
  ASSERT_EQ(Dossier({"user", "add", "Li", "--role", "clerk"}).exit_code, 0);
  auto set = Dossier({"user", "set", "Li", "--language", "en"}, "Li");
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(Dossier({"user", "list"}, "Li").out.find("user"), std::string::npos);
  EXPECT_EQ(Dossier({"user", "list"}, "Li").out.find("用户"), std::string::npos)
      << "Li reads English";
  EXPECT_NE(Dossier({"user", "list"}, "张三").out.find("用户"), std::string::npos)
      << "张三 keeps Chinese";
  EXPECT_NE(Dossier({"--lang", "zh", "user", "list"}, "Li").out.find("用户"), std::string::npos)
      << "--lang wins";
  auto json = Dossier({"user", "list", "--json"}).Json().extract<Array::Ptr>();
  for (size_t i = 0; i < json->size(); ++i) {
    auto u = json->getObject(static_cast<unsigned>(i));
    EXPECT_EQ(u->getValue<std::string>("language"),
              u->getValue<std::string>("name") == "Li" ? "en" : "");
  }
  // Someone else's is an admin's to set; an unknown language is refused naming it; nothing changes.
  auto other = Dossier({"user", "set", "Li", "--language", "zh"}, "张三");
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("admin"), std::string::npos) << other.err;
  auto french = Dossier({"user", "set", "Li", "--language", "fr"}, "Li");
  EXPECT_EQ(french.exit_code, 1);
  EXPECT_NE(french.err.find("language 'fr'"), std::string::npos) << french.err;
  auto mixed = Dossier({"user", "set", "Li", "--language", "zh", "--role", "manager"});
  EXPECT_EQ(mixed.exit_code, 1);
  EXPECT_NE(mixed.err.find("--language goes alone"), std::string::npos) << mixed.err;
  EXPECT_EQ(Dossier({"user", "list"}, "Li").out.find("用户"), std::string::npos) << "still English";
  ASSERT_EQ(Dossier({"user", "set", "Li", "--language", "zh"}).exit_code, 0) << "an admin may";
  EXPECT_NE(Dossier({"user", "list"}, "Li").out.find("用户"), std::string::npos);
  // Audited, and the trail still verifies.
  auto audit = Dossier({"audit", "--json"}).Json().extract<Array::Ptr>();
  int changes = 0;
  for (size_t i = 0; i < audit->size(); ++i) {
    auto e = audit->getObject(static_cast<unsigned>(i));
    changes += e->getValue<std::string>("action") == "user.update" &&
               e->getValue<std::string>("object") == "Li";
  }
  EXPECT_EQ(changes, 2);
  ExpectVerifies();
}

// What a UTC time of the catalog reads as in a zone, by the C library's own
// zone data (TZ for this process, restored after).
std::string InZone(const std::string& iso_utc, const char* zone) {
  std::tm utc{};
  ::strptime(iso_utc.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
  std::time_t t = ::timegm(&utc);
  std::string before = std::getenv("TZ") ? std::getenv("TZ") : "";
  ::setenv("TZ", zone, 1);
  ::tzset();
  std::tm local{};
  ::localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  if (before.empty())
    ::unsetenv("TZ");
  else
    ::setenv("TZ", before.c_str(), 1);
  ::tzset();
  return text;
}

TEST_F(CliTest, TimesAreShownInTheRepositorysTimeZoneUnlessTheUsersTzSaysOtherwise) {
  std::string contract =
      AddContract().Json().extract<Object::Ptr>()->getValue<std::string>("number");
  std::string at = Dossier({"show", contract, "--json"})
                       .Json()
                       .extract<Object::Ptr>()
                       ->getValue<std::string>("created_at");
  auto show = [&](const std::string& tz) {
    return RunDossier({"--repo", repo_, "--as", "admin", "show", contract}, dir_.path(), tz).out;
  };
  // The default zone of a new repository: Asia/Shanghai, UTC+8, named.
  EXPECT_NE(show("TZ=").find(InZone(at, "Asia/Shanghai") + " +08:00，admin"), std::string::npos)
      << at << "\n"
      << show("TZ=");
  EXPECT_NE(show("TZ=UTC").find(InZone(at, "UTC") + " +00:00，admin"), std::string::npos)
      << show("TZ=UTC");
  auto history =
      RunDossier({"--repo", repo_, "--as", "admin", "history", contract}, dir_.path(), "TZ=");
  EXPECT_NE(history.out.find("时间（Asia/Shanghai）"), std::string::npos) << history.out;
  // A company elsewhere sets its own zone; one that does not exist is refused, naming the file.
  dir_.Write("repo/config/locale.json", R"({"time_zone": "Europe/Berlin"})");
  std::string berlin = show("TZ=");
  EXPECT_NE(berlin.find(InZone(at, "Europe/Berlin")), std::string::npos) << berlin;
  dir_.Write("repo/config/locale.json", R"({"time_zone": "Mars/Olympus"})");
  auto refused = RunDossier({"--repo", repo_, "--as", "admin", "list"}, dir_.path());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("locale.json: time_zone 'Mars/Olympus' is not a time zone"),
            std::string::npos)
      << refused.err;
  dir_.Write("repo/config/locale.json", R"({"time_zone": "../../etc/passwd"})");
  EXPECT_EQ(RunDossier({"--repo", repo_, "--as", "admin", "list"}, dir_.path()).exit_code, 1);
}

TEST_F(CliTest, ContentAlreadyInTheRepositoryIsNamedAndIngestCanSkipIt) {
  ASSERT_EQ(Dossier({"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
  auto first = Dossier({"add", "generic", "--title", "验收单", text_, "--json"}, "张三");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::string first_number = first.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  // The same bytes under another name: registered (a copy may be meant), and said.
  auto copy = dir_.Write("扫描件副本.txt",
                         "第一条 标的：服务器十台。\n第二条 价款：人民币壹拾贰万元整。\n");
  auto again = Dossier({"add", "generic", "--title", "验收单（重扫）", copy.string()}, "张三");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(
      again.err.find("扫描件副本.txt has the same content as 合同正文.txt of " + first_number),
      std::string::npos)
      << again.err;
  auto json = Dossier({"add", "generic", "--title", "第三份", copy.string(), "--json"}, "张三");
  auto same = json.Json().extract<Object::Ptr>()->getArray("same_content");
  ASSERT_EQ(same->size(), 2u) << json.out;
  // Content a 机密 document holds is never hinted at to someone not cleared for it.
  auto secret_file = dir_.Write("底价.txt", "底价：壹佰万元。\n");
  ASSERT_EQ(Dossier({"add", "generic", "--title", "底价", "--confidentiality", "机密",
                     secret_file.string()})
                .exit_code,
            0);
  auto clerk =
      Dossier({"add", "generic", "--title", "抄件", secret_file.string(), "--json"}, "张三");
  ASSERT_EQ(clerk.exit_code, 0) << clerk.err;
  EXPECT_EQ(clerk.Json().extract<Object::Ptr>()->getArray("same_content")->size(), 0u) << clerk.out;
  // A folder with a file already registered and two files alike: warned, or skipped on request.
  dir_.Write("scans/a.txt", "第一条 标的：服务器十台。\n第二条 价款：人民币壹拾贰万元整。\n");
  dir_.Write("scans/b.txt", "新的来函。\n");
  dir_.Write("scans/c.txt", "新的来函。\n");
  auto skipped = Dossier(
      {"ingest", (dir_ / "scans").string(), "--type", "generic", "--skip-duplicates", "--json"},
      "张三");
  ASSERT_EQ(skipped.exit_code, 0) << skipped.err;
  auto report = skipped.Json().extract<Object::Ptr>();
  EXPECT_EQ(report->getArray("registered")->size(), 1u)
      << skipped.out;  // b (or c): the first of the two
  EXPECT_EQ(report->getArray("duplicates")->size(), 2u)
      << skipped.out;  // a, and the other of b and c
  dir_.Write("more/d.txt", "新的来函。\n");
  auto warned = Dossier({"ingest", (dir_ / "more").string(), "--type", "generic"}, "张三");
  ASSERT_EQ(warned.exit_code, 0) << warned.err;
  EXPECT_NE(warned.out.find("已登记 1 份文件，"), std::string::npos) << warned.out;
  EXPECT_NE(warned.out.find("1 份的内容已在档案库中（仍已登记；--skip-duplicates 可跳过）"),
            std::string::npos)
      << warned.out;
  EXPECT_NE(warned.err.find("warning: d.txt has the content of "), std::string::npos) << warned.err;
  ExpectVerifies();
}

TEST_F(CliTest, EveryCommandHasHelpAndUnknownCommandsGetASuggestion) {
  // Every command the top-level help lists, so a new command cannot be missed.
  auto top = RunDossier({"--help"}, dir_.path());
  std::istringstream lines(top.out.substr(top.out.find("Subcommands:")));
  std::vector<std::string> listed;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ')
      listed.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  for (const char* known :
       {"init", "add", "show", "transition", "archive", "ledger", "seal", "verify"}) {
    EXPECT_NE(std::find(listed.begin(), listed.end(), known), listed.end())
        << known << " missing from:\n"
        << top.out;
  }
  EXPECT_GE(listed.size(), 29u);
  for (const auto& cmd : listed) {
    auto o = RunDossier({cmd, "--help"}, dir_.path());
    EXPECT_EQ(o.exit_code, 0) << cmd;
    EXPECT_NE(o.out.find("Usage"), std::string::npos) << cmd << ": " << o.out;
  }
  auto typo = RunDossier({"verfy"}, dir_.path());
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.err.find("did you mean 'verify'"), std::string::npos) << typo.err;
  auto no_user = RunDossier({"--repo", repo_, "list"}, dir_.path());
  EXPECT_EQ(no_user.exit_code, 1);
  EXPECT_NE(no_user.err.find("--as USER"), std::string::npos);
  auto env_user = RunDossier({"list"}, dir_.path(), "DOSSIER_REPO=" + repo_);
  EXPECT_EQ(env_user.exit_code, 1);  // still no user
  auto json_types = RunDossier({"--repo", repo_, "types", "--json"}, dir_.path());
  EXPECT_EQ(json_types.Json().extract<Array::Ptr>()->size(),
            13u);  // the two records of destruction among them
}

}  // namespace
}  // namespace dossier
