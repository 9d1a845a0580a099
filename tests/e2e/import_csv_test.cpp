// dossier import-csv through the real binary: a legacy ledger exported from
// a spreadsheet (GB18030 or UTF-8 with BOM) registered as contracts, every
// row checked against the type's schema, all or nothing unless --partial.
#include <gtest/gtest.h>

#include <fstream>

#include "e2e/run_dossier.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// Three good rows and two bad ones (an amount that is not a number, no title),
// with a quoted comma, doubled quotes and a line break inside a field.
const std::string kLedger =
    "合同名称,甲方,乙方,标的,金额,部门\r\n"
    "旧合同一,本公司,华信科技,服务器,120000,商务部\r\n"
    "\"旧合同二，含逗号\",本公司,\"远东\"\"物流\"\"\",运输服务,abc,商务部\r\n"
    "旧合同三,本公司,东方,\"维保\n（两年）\",5000.5,商务部\r\n"
    ",本公司,缺名称,维保,5000,商务部\r\n"
    "旧合同五,本公司,南方,咨询,800,商务部\r\n";

class ImportCsvCli : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_ / "repo";
    ASSERT_EQ(testing::RunDossier({"init", repo_.string()}, dir_.path()).exit_code, 0);
    ASSERT_EQ(Run({"user", "add", "张三", "--role", "clerk"}).exit_code, 0);
  }
  testing::Outcome Run(std::vector<std::string> args, const std::string& user = "admin") {
    args.insert(args.begin(), {"--repo", repo_.string(), "--as", user});
    return testing::RunDossier(args, dir_.path());
  }
  std::vector<std::string> Args(const std::filesystem::path& file,
                                std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "import-csv",          "contract", file.string(),         "--map",
        "合同名称=title",      "--map",    "甲方=parties.0.name", "--map",
        "乙方=parties.1.name", "--map",    "标的=subject",        "--map",
        "金额:=amount.value",  "--map",    "部门=department",     "--set",
        "parties.0.role=甲方", "--set",    "parties.1.role=乙方", "--set",
        "amount.currency=CNY", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  std::filesystem::path Gb18030File() {
    auto utf8 = dir_.Write("ledger-utf8.csv", kLedger);
    auto gbk = dir_ / "台账.csv";
    std::string cmd = "iconv -f UTF-8 -t GB18030 '" + utf8.string() + "' > '" + gbk.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return gbk;
  }
  size_t Documents() { return Run({"list", "--json"}).Json().extract<Array::Ptr>()->size(); }

  testing::TempDir dir_;
  std::filesystem::path repo_;
};

TEST_F(ImportCsvCli, ADryRunReportsEveryBadRowWithItsLineAndRegistersNothing) {
  auto o = Run(Args(Gb18030File(), {"--dry-run"}));
  EXPECT_EQ(o.exit_code, 1);
  auto j = o.Json().extract<Object::Ptr>();
  EXPECT_EQ(j->getValue<std::string>("encoding"), "gb18030");
  EXPECT_EQ(j->getValue<int>("rows"), 5);
  EXPECT_EQ(j->getValue<int>("valid"), 3);
  EXPECT_FALSE(j->getValue<bool>("written"));
  auto rejected = j->getArray("rejected");
  ASSERT_EQ(rejected->size(), 2u);
  EXPECT_EQ(rejected->getObject(0)->getValue<int>("line"), 3);
  EXPECT_NE(rejected->getObject(0)->getValue<std::string>("reason").find("column 金额: 'abc'"),
            std::string::npos);
  // The quoted line break makes the fourth record start on line 4 and the next on line 6.
  EXPECT_EQ(rejected->getObject(1)->getValue<int>("line"), 6);
  EXPECT_NE(rejected->getObject(1)->getValue<std::string>("reason").find("title is empty"),
            std::string::npos);
  EXPECT_EQ(Documents(), 0u);
}

TEST_F(ImportCsvCli, WithBadRowsAndWithoutPartialNothingIsRegistered) {
  auto o = Run(Args(Gb18030File()));
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_FALSE(o.Json().extract<Object::Ptr>()->getValue<bool>("written"));
  EXPECT_EQ(Documents(), 0u);
  auto text = Run({"import-csv", "contract", Gb18030File().string(), "--map", "合同名称=title"});
  EXPECT_NE(text.out.find("nothing registered"), std::string::npos) << text.out;
}

TEST_F(ImportCsvCli, PartialRegistersTheValidRowsAndWritesTheOthersWithTheirReason) {
  auto file = Gb18030File();
  auto o = Run(Args(file, {"--partial"}));
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto j = o.Json().extract<Object::Ptr>();
  EXPECT_TRUE(j->getValue<bool>("written"));
  auto numbers = j->getArray("numbers");
  ASSERT_EQ(numbers->size(), 3u);
  EXPECT_EQ(Documents(), 3u);
  // Typed as the schema wants: the amount is a number; the field with a line break kept it.
  auto show =
      Run({"show", numbers->getElement<std::string>(1), "--json"}).Json().extract<Object::Ptr>();
  EXPECT_EQ(show->getValue<std::string>("title"), "旧合同三");
  auto metadata = show->getObject("metadata");
  EXPECT_DOUBLE_EQ(metadata->getObject("amount")->getValue<double>("value"), 5000.5);
  EXPECT_EQ(metadata->getValue<std::string>("subject"), "维保\n（两年）");
  EXPECT_EQ(metadata->getArray("parties")->getObject(1)->getValue<std::string>("role"), "乙方");
  // The rejects, for correcting and importing again: original fields and the reason.
  std::string rejects = j->getValue<std::string>("rejects_file");
  std::string script = dir_.Write("read.py", R"(
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
print(rows[0][-1], len(rows) - 1)
for r in rows[1:]: print(r[0] or '-', r[2], r[-1])
)")
                           .string();
  FILE* p = ::popen(("/usr/bin/python3 '" + script + "' '" + rejects + "'").c_str(), "r");
  char buf[4096];
  std::string out(buf, std::fread(buf, 1, sizeof buf, p));
  ::pclose(p);
  EXPECT_NE(out.find("原因 2"), std::string::npos) << out;
  EXPECT_NE(out.find("旧合同二，含逗号 远东\"物流\" line 3: column 金额"), std::string::npos)
      << out;
  EXPECT_NE(out.find("- 缺名称 line 6: title is empty"), std::string::npos) << out;
  auto verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

// The dry run checks what the real run checks: a department with no code for
// the contract number is caught before anything is written, and --partial
// then registers the other rows instead of failing half-way.
TEST_F(ImportCsvCli, TheDryRunFindsTheRowsTheRealRunWouldRefuse) {
  std::string ledger =
      "合同名称,甲方,乙方,标的,金额,部门\n"
      "甲合同,本公司,华信,服务器,1,商务部\n"
      "乙合同,本公司,远东,运输,2,不存在的部门\n"
      "丙合同,本公司,东方,维保,3,商务部\n";
  auto file = dir_.Write("depts.csv", ledger);
  auto dry = Run(Args(file, {"--dry-run"}));
  EXPECT_EQ(dry.exit_code, 1) << dry.out;
  auto j = dry.Json().extract<Object::Ptr>();
  EXPECT_EQ(j->getValue<int>("valid"), 2) << dry.out;
  auto rejected = j->getArray("rejected");
  ASSERT_EQ(rejected->size(), 1u) << dry.out;
  EXPECT_EQ(rejected->getObject(0)->getValue<int>("line"), 3);
  EXPECT_NE(rejected->getObject(0)->getValue<std::string>("reason").find("不存在的部门"),
            std::string::npos)
      << dry.out;

  auto partial = Run(Args(file, {"--partial"}));
  ASSERT_EQ(partial.exit_code, 0) << partial.out << partial.err;
  auto p = partial.Json().extract<Object::Ptr>();
  EXPECT_EQ(p->getArray("numbers")->size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(p->getValue<std::string>("rejects_file")));
  EXPECT_EQ(Documents(), 2u);
}

// The rejects file is opened in a spreadsheet to be corrected: a cell that
// would run as a formula is neutralised, as in every export.
TEST_F(ImportCsvCli, TheRejectsFileNeutralisesFormulas) {
  std::string ledger =
      "合同名称,甲方,乙方,标的,金额,部门\n"
      "甲合同,本公司,华信,服务器,1,商务部\n"
      "乙合同,本公司,\"=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\",运输,abc,商务部\n";
  auto file = dir_.Write("formula.csv", ledger);
  auto o = Run(Args(file, {"--partial"}));
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  std::ifstream in(o.Json().extract<Object::Ptr>()->getValue<std::string>("rejects_file"),
                   std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"'=HYPERLINK("), std::string::npos) << text;
  EXPECT_EQ(text.find("\"=HYPERLINK("), std::string::npos) << text;
}

TEST_F(ImportCsvCli, AllValidRowsAreRegisteredInOneGoFromUtf8WithBom) {
  std::string good =
      "\xEF\xBB\xBF合同名称,甲方,乙方,标的,金额,部门\n甲合同,本公司,华信,服务器,1,商务部\n乙合同,"
      "本公司,远东,运输,2,商务部\n";
  auto o = Run(Args(dir_.Write("good.csv", good)));
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto j = o.Json().extract<Object::Ptr>();
  EXPECT_EQ(j->getValue<std::string>("encoding"), "utf-8");
  EXPECT_EQ(j->getArray("numbers")->size(), 2u);
  auto trail = Run({"audit", j->getArray("numbers")->getElement<std::string>(0), "--json"});
  EXPECT_NE(trail.out.find("\"register\""), std::string::npos) << trail.out;
  auto history = Run({"history", j->getArray("numbers")->getElement<std::string>(0)});
  EXPECT_NE(history.out.find("import-csv good.csv line 2"), std::string::npos) << history.out;
}

TEST_F(ImportCsvCli, MistakesInTheCommandOrTheFileAreNamed) {
  auto file = dir_.Write("x.csv", "合同名称,金额\n甲,1\n");
  auto o = Run({"import-csv", "contract", file.string(), "--map", "名称=title"});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("no column '名称' (its columns: 合同名称, 金额)"), std::string::npos)
      << o.err;
  o = Run({"import-csv", "contract", file.string(), "--map", "金额:=amount.value"});
  EXPECT_NE(o.err.find("map a column to the title"), std::string::npos) << o.err;
  o = Run({"import-csv", "nosuchtype", file.string(), "--map", "合同名称=title"});
  EXPECT_NE(o.err.find("unknown document type 'nosuchtype'"), std::string::npos) << o.err;
  auto open_quote = dir_.Write("q.csv", "合同名称\n\"甲\n乙\n");
  o = Run({"import-csv", "contract", open_quote.string(), "--map", "合同名称=title"});
  EXPECT_NE(o.err.find("line 2: a quoted field is never closed"), std::string::npos) << o.err;
  auto binary = dir_.Write("b.csv", std::string("\xff\xfe\x00\x01\x80", 5));
  o = Run({"import-csv", "contract", binary.string(), "--map", "a=title"});
  EXPECT_NE(o.err.find("neither UTF-8 nor GB18030"), std::string::npos) << o.err;
  EXPECT_EQ(Documents(), 0u);
}

}  // namespace
}  // namespace dossier
