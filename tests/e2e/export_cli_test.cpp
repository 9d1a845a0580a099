// dossier export through the real binary and the real plugins, on the
// repository the user guide's walk-through makes. What was written is read
// back by independent readers, as a user's tools would: Python's csv module
// and openpyxl (Debian's python3-openpyxl).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "e2e/run_dossier.h"
#include "e2e/walkthrough_copy.h"
#include "support/temp_dir.h"
#include "support/this_year.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// Debian's Python, where python3-openpyxl is installed (not a pyenv one).
constexpr const char* kPython = "/usr/bin/python3";

class ExportCli : public ::testing::Test {
 protected:
  // Each test its own copy of the walk-through: an export is audited, a
  // transfer takes documents out, and no test may see another's.
  void SetUp() override { testing::CopyOfWalkthrough(dir_ / "demo"); }
  testing::Outcome Run(const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"--repo", (dir_ / "demo").string(), "--as", user});
    return testing::RunDossier(args, dir_.path());
  }
  // Runs a Python script with arguments; returns its standard output.
  std::string Python(const std::string& script, const std::vector<std::string>& args,
                     int* exit_code = nullptr) {
    auto file = dir_.Write("check.py", script);
    std::string cmd = std::string(kPython) + " '" + file.string() + "'";
    for (const auto& a : args) cmd += " '" + a + "'";
    cmd += " 2>&1";
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = ::pclose(p);
    if (exit_code) *exit_code = WEXITSTATUS(status);
    return out;
  }
  int ExportAuditEntries(const std::string& number) {
    auto o = Run("admin", {"audit", "--json"});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    auto entries = o.Json().extract<Array::Ptr>();
    int n = 0;
    for (size_t i = 0; i < entries->size(); ++i) {
      auto e = entries->getObject(static_cast<unsigned>(i));
      if (e->getValue<std::string>("action") == "export" &&
          e->getObject("details")->getValue<std::string>("number") == number) {
        ++n;
      }
    }
    return n;
  }

  testing::TempDir dir_;
};

// Prints each record as number|title|密级, after checking the BOM.
constexpr const char* kReadCsv = R"(
import csv, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'no BOM'
assert b'\r\n' in raw, 'not CRLF'
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
print('|'.join(rows[0][:4]))
for r in rows[1:]:
    print('|'.join([r[0], r[2], r[3]]))
)";

TEST_F(ExportCli, CsvOfTheListOpensInPythonWithChineseAndOnlyWhatTheUserMaySee) {
  auto out = dir_ / "list.csv";
  auto o = Run("李经理", {"export", "csv", "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::string read = Python(kReadCsv, {out.string()});
  EXPECT_NE(read.find("编号|类型|题名|密级"), std::string::npos) << read;
  EXPECT_NE(read.find(testing::ThisYear("HT-2026-SW-0001|服务器采购合同|内部")), std::string::npos)
      << read;
  EXPECT_NE(read.find(testing::ThisYear("WJ-2026-00001|报价底线（内部掌握）|秘密")),
            std::string::npos)
      << read;

  // A clerk's export has no trace of the 秘密 document.
  auto clerk_out = dir_ / "clerk.csv";
  ASSERT_EQ(Run("张三", {"export", "csv", "-o", clerk_out.string()}).exit_code, 0);
  std::string clerk = Python(kReadCsv, {clerk_out.string()});
  EXPECT_NE(clerk.find(testing::ThisYear("HT-2026-SW-0001")), std::string::npos) << clerk;
  EXPECT_EQ(clerk.find(testing::ThisYear("WJ-2026-00001")), std::string::npos) << clerk;
  EXPECT_EQ(clerk.find("报价底线"), std::string::npos) << clerk;
}

TEST_F(ExportCli, ExportingSecretMaterialIsAuditedWithTheActorAndFormat) {
  int before = ExportAuditEntries(testing::ThisYear("WJ-2026-00001"));
  auto out = dir_ / "secret.csv";
  ASSERT_EQ(Run("李经理", {"export", "csv", testing::ThisYear("WJ-2026-00001"), "-o", out.string()})
                .exit_code,
            0);
  EXPECT_EQ(ExportAuditEntries(testing::ThisYear("WJ-2026-00001")), before + 1);
  auto trail = Run("李经理", {"audit", testing::ThisYear("WJ-2026-00001"), "--json"});
  ASSERT_EQ(trail.exit_code, 0) << trail.err;
  auto entries = trail.Json().extract<Array::Ptr>();
  auto last = entries->getObject(static_cast<unsigned>(entries->size() - 1));
  EXPECT_EQ(last->getValue<std::string>("action"), "export");
  EXPECT_EQ(last->getValue<std::string>("actor"), "李经理");
  auto details = last->getObject("details");
  EXPECT_EQ(details->getValue<std::string>("format"), "csv");
  EXPECT_EQ(details->getValue<std::string>("destination"), out.string());
  EXPECT_EQ(details->getValue<std::string>("confidentiality"), "秘密");
  // An export of internal material only adds no such entry.
  ASSERT_EQ(Run("李经理", {"export", "csv", testing::ThisYear("HT-2026-SW-0001"), "-o",
                           (dir_ / "internal.csv").string()})
                .exit_code,
            0);
  EXPECT_EQ(ExportAuditEntries(testing::ThisYear("WJ-2026-00001")), before + 1);
  EXPECT_EQ(ExportAuditEntries(testing::ThisYear("HT-2026-SW-0001")), 0);
}

TEST_F(ExportCli, FormulaLikeTitlesAreNeutralisedInCsv) {
  auto added =
      Run("张三", {"add", "generic", "--title", "=HYPERLINK(\"http://evil\",\"点击\")", "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string n = added.Json().extract<Object::Ptr>()->getValue<std::string>("number");
  auto out = dir_ / "formula.csv";
  ASSERT_EQ(Run("张三", {"export", "csv", n, "-o", out.string()}).exit_code, 0);
  std::string read = Python(kReadCsv, {out.string()});
  EXPECT_NE(read.find(n + "|'=HYPERLINK(\"http://evil\",\"点击\")|内部"), std::string::npos)
      << read;
}

TEST_F(ExportCli, EnglishLabelsOnRequest) {
  auto out = dir_ / "en.csv";
  ASSERT_EQ(Run("张三", {"export", "csv", "--labels", "en", "-o", out.string()}).exit_code, 0);
  EXPECT_NE(Python(kReadCsv, {out.string()}).find("Number|Type|Title|Confidentiality"),
            std::string::npos);
}

// Cells read as people read them: codes by their names (in English with
// labels=en), times in the shown zone with their offset; codes stay in JSON.
TEST_F(ExportCli, CellsCarryNamesNotCodesAndTimesInTheShownZone) {
  constexpr const char* kColumns = R"(
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
head = rows[0]
for r in rows[1:]:
    print('|'.join(r[head.index(k)] for k in sys.argv[2:]))
)";
  auto list = dir_ / "named.csv";
  ASSERT_EQ(testing::RunDossier({"--repo", (dir_ / "demo").string(), "--as", "张三", "export",
                                 "csv", testing::ThisYear("HT-2026-SW-0001"), "-o", list.string()},
                                dir_.path(), "TZ=")
                .exit_code,
            0);
  std::string zh = Python(kColumns, {list.string(), "类型", "状态", "登记时间"});
  EXPECT_NE(zh.find("合同|已归档|"), std::string::npos) << zh;
  EXPECT_NE(zh.find(" +08:00"), std::string::npos)
      << "the repository's zone, Asia/Shanghai: " << zh;
  EXPECT_EQ(zh.find("contract"), std::string::npos) << zh;
  EXPECT_EQ(zh.find("Z\n"), std::string::npos) << zh;

  auto en = dir_ / "named-en.csv";
  ASSERT_EQ(Run("张三", {"export", "csv", testing::ThisYear("HT-2026-SW-0001"), "--labels", "en",
                         "-o", en.string()})
                .exit_code,
            0);
  std::string english = Python(kColumns, {en.string(), "Type", "Status", "Registered at"});
  EXPECT_NE(english.find("Contract|Archived|"), std::string::npos) << english;
  EXPECT_NE(english.find(" +00:00"), std::string::npos) << "the user's TZ=UTC: " << english;

  auto ledger = dir_ / "named-ledger.csv";
  ASSERT_EQ(Run("陈总", {"export", "csv", "--table", "ledger", "-o", ledger.string()}).exit_code,
            0);
  std::string rows =
      Python(kColumns, {ledger.string(), "合同编号", "状态", "阶段", "逾期", "已归档"});
  EXPECT_NE(rows.find(testing::ThisYear("HT-2026-SW-0001|")), std::string::npos) << rows;
  for (const char* code : {"in_performance", "signed", "unsigned", "|yes", "|no"}) {
    EXPECT_EQ(rows.find(code), std::string::npos) << code << " in\n" << rows;
  }
  EXPECT_NE(rows.find("|否"), std::string::npos) << rows;
  std::string by_status =
      Python(kColumns, {(dir_ / "named-ledger-by-status.csv").string(), "状态"});
  EXPECT_EQ(by_status.find("_"), std::string::npos) << "a state's code: " << by_status;

  // In the workbook too, with the times' offset in their column's header.
  auto xlsx = dir_ / "named.xlsx";
  ASSERT_EQ(
      Run("张三", {"export", "xlsx", testing::ThisYear("HT-2026-SW-0001"), "-o", xlsx.string()})
          .exit_code,
      0);
  std::string cells = Python(R"(
import sys, datetime, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
head = [c.value for c in ws[3]]
print('type', ws.cell(4, head.index('类型') + 1).value)
at = [h for h in head if h.startswith('登记时间')][0]
print('header', at, isinstance(ws.cell(4, head.index(at) + 1).value, datetime.datetime))
)",
                             {xlsx.string()});
  EXPECT_NE(cells.find("type 合同"), std::string::npos) << cells;
  EXPECT_NE(cells.find("header 登记时间（+00:00） True"), std::string::npos) << cells;
}

TEST_F(ExportCli, LedgerCsvComesWithOneFilePerStatistic) {
  auto out = dir_ / "ledger.csv";
  auto o = Run("陈总", {"export", "csv", "--table", "ledger", "--json", "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto outputs = o.Json().extract<Object::Ptr>()->getArray("outputs");
  EXPECT_EQ(outputs->size(), 8u);
  for (const char* name : {"ledger.csv", "ledger-by-month.csv", "ledger-by-quarter.csv",
                           "ledger-by-year.csv", "ledger-by-dept.csv", "ledger-by-counterparty.csv",
                           "ledger-by-status.csv", "ledger-totals.csv"}) {
    EXPECT_TRUE(std::filesystem::exists(dir_ / name)) << name;
  }
  std::string quarters = Python(R"(
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
print(rows[0][0], rows[0][1], rows[0][2])
for r in rows[1:]: print(r[0], r[1], r[2])
)",
                                {(dir_ / "ledger-by-quarter.csv").string()});
  EXPECT_NE(quarters.find("季度 全部份数 全部金额(CNY)"), std::string::npos) << quarters;
  EXPECT_NE(quarters.find("2026-Q1 1 1250000.00"), std::string::npos) << quarters;
}

TEST_F(ExportCli, XlsxLedgerIsAReportWithTypedCellsTotalsAndAPrintSetup) {
  auto out = dir_ / "ledger.xlsx";
  auto o = Run("陈总", {"export", "xlsx", "--table", "ledger", "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  int code = 0;
  std::string read = Python(R"(
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print('sheets', len(wb.sheetnames), wb.sheetnames[0], wb.sheetnames[1])
ws = wb['合同台账']
print('title', ws['A1'].value, ws['A1'].font.b)
print('note', ws['A2'].value.startswith('导出：'), '陈总' in ws['A2'].value)
print('freeze', ws.freeze_panes, 'filter', ws.auto_filter.ref)
head = [c.value for c in ws[3]]
row = dict(zip(head, [c for c in ws[4]]))
print('font', row['合同编号'].font.name)
print('print', ws.page_setup.orientation, ws.page_setup.paperSize, ws.print_title_rows, ws.sheet_properties.pageSetUpPr.fitToPage)
amount = row['签订金额']
assert isinstance(amount.value, (int, float)), amount.value
print('amount', amount.value, '¥' in amount.number_format)
signed = row['签订日期']
assert isinstance(signed.value, datetime.datetime), signed.value
print('signed', signed.value.date(), signed.number_format)
print('number', row['合同编号'].value, row['相对方'].value)
print('width', ws.column_dimensions['C'].width > 15)
)",
                            {out.string()}, &code);
  ASSERT_EQ(code, 0) << read;
  EXPECT_NE(read.find("sheets 8 合同台账 合同台账 按月统计"), std::string::npos) << read;
  EXPECT_NE(read.find("title 合同台账 True"), std::string::npos) << read;
  EXPECT_NE(read.find("note True True"), std::string::npos) << read;
  EXPECT_NE(read.find("freeze A4 filter A3:"), std::string::npos) << read;
  EXPECT_NE(read.find("font 宋体"), std::string::npos) << read;
  EXPECT_NE(read.find("print landscape 9 $3:$3 True"), std::string::npos) << read;
  EXPECT_NE(read.find("amount 1250000 True"), std::string::npos) << read;
  EXPECT_NE(read.find("signed 2026-02-20 yyyy-mm-dd"), std::string::npos) << read;
  EXPECT_NE(read.find(testing::ThisYear("number HT-2026-SW-0001 北京华信科技有限公司")),
            std::string::npos)
      << read;
  EXPECT_NE(read.find("width True"), std::string::npos) << read;
}

TEST_F(ExportCli, XlsxTotalsAddAmountsPerCurrencyAndNeverAcrossThem) {
  const std::string repo = (dir_ / "own").string();
  auto run = [&](const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"--repo", repo, "--as", user});
    return testing::RunDossier(args, dir_.path());
  };
  ASSERT_EQ(testing::RunDossier({"init", repo}, dir_.path()).exit_code, 0);
  ASSERT_EQ(run("admin", {"user", "add", "陈总", "--role", "director"}).exit_code, 0);
  for (const auto& [amount, currency] : std::vector<std::pair<std::string, std::string>>{
           {"120000", "CNY"}, {"50000", "USD"}, {"30000.5", "CNY"}}) {
    ASSERT_EQ(run("陈总", {"add", "contract", "--title", "合同" + currency, "--set",
                           "parties:=[{\"role\":\"甲方\",\"name\":\"本公司\","
                           "\"self\":true},{\"role\":\"乙方\",\"name\":\"华信\"}]",
                           "--set", "subject=设备", "--set", "department=商务部", "--set",
                           "amount.value:=" + amount, "--set", "amount.currency=" + currency})
                  .exit_code,
              0);
  }
  auto out = dir_ / "own.xlsx";
  ASSERT_EQ(run("陈总", {"export", "xlsx", "--table", "ledger", "-o", out.string()}).exit_code, 0);
  int code = 0;
  std::string read = Python(R"(
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['合同台账']
head = [c.value for c in ws[3]]
amount = head.index('签订金额') + 1
for r in range(ws.max_row - 1, ws.max_row + 1):
    print('total', ws.cell(r, 1).value, ws.cell(r, amount).value)
cached = openpyxl.load_workbook(sys.argv[1], data_only=True)['合同台账']
print('values', float(cached.cell(ws.max_row - 1, amount).value), float(cached.cell(ws.max_row, amount).value))
)",
                            {out.string()}, &code);
  ASSERT_EQ(code, 0) << read;
  EXPECT_NE(read.find("total 合计（CNY） =SUMIF(L4:L6,\"CNY\",M4:M6)"), std::string::npos) << read;
  EXPECT_NE(read.find("total 合计（USD） =SUMIF(L4:L6,\"USD\",M4:M6)"), std::string::npos) << read;
  EXPECT_NE(read.find("values 150000.5 50000.0"), std::string::npos) << read;
}

TEST_F(ExportCli, RegistersExportToo) {
  auto out = dir_ / "loans.xlsx";
  ASSERT_EQ(Run("档案员", {"export", "xlsx", "--table", "loans", "-o", out.string()}).exit_code, 0);
  auto seals = dir_ / "seals.csv";
  ASSERT_EQ(Run("档案员", {"export", "csv", "--table", "seals", "-o", seals.string()}).exit_code,
            0);
  EXPECT_NE(Python(kReadCsv, {seals.string()}).find("序号|文件编号|印章|用途"), std::string::npos);
}

TEST_F(ExportCli, BadRequestsAreRefusedNamingTheProblemAndWriteNothing) {
  auto o = Run("张三", {"export", "docx", "-o", (dir_ / "x.docx").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("no installed plugin exports 'docx'"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("csv"), std::string::npos) << o.err;

  o = Run("张三", {"export", "csv", "-o", (dir_ / "x.txt").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("*.csv"), std::string::npos) << o.err;

  o = Run("张三", {"export", "csv", "--option", "delimiter=;", "-o", (dir_ / "x.csv").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("no option 'delimiter'"), std::string::npos) << o.err;

  o = Run("张三", {"export", "csv", "--labels", "fr", "-o", (dir_ / "x.csv").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("labels 'fr'"), std::string::npos) << o.err;

  o = Run("张三", {"export", "csv", "--table", "everything", "-o", (dir_ / "x.csv").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("table 'everything'"), std::string::npos) << o.err;

  // A document the clerk may not see is "not found", like one that does not exist.
  o = Run("张三",
          {"export", "csv", testing::ThisYear("WJ-2026-00001"), "-o", (dir_ / "x.csv").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find(testing::ThisYear("WJ-2026-00001")), std::string::npos) << o.err;

  // A type filter naming no type is an error listing the types, in export, list and search alike.
  for (std::vector<std::string> args :
       {std::vector<std::string>{"export", "csv", "--type", "nosuchtype", "-o",
                                 (dir_ / "x.csv").string()},
        std::vector<std::string>{"list", "--type", "nosuchtype"},
        std::vector<std::string>{"search", "合同", "--type", "nosuchtype"}}) {
    o = Run("张三", args);
    EXPECT_EQ(o.exit_code, 1) << args[0];
    EXPECT_NE(o.err.find("unknown document type 'nosuchtype'; known types: amendment"),
              std::string::npos)
        << o.err;
  }

  o = Run("张三", {"export", "csv", "-o", (dir_ / "no-such-folder" / "x.csv").string()});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.err.find("no-such-folder"), std::string::npos) << o.err;

  for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_EQ(e.path().filename().string().rfind("x.", 0), std::string::npos) << e.path();
  }
}

TEST_F(ExportCli, ListShowsTheFormatsOfTheInstalledPlugins) {
  auto o = Run("张三", {"export", "--list", "--json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto formats = o.Json().extract<Array::Ptr>();
  std::set<std::string> names;
  for (size_t i = 0; i < formats->size(); ++i) {
    names.insert(formats->getObject(static_cast<unsigned>(i))->getValue<std::string>("format"));
  }
  EXPECT_TRUE(names.count("csv"));
  EXPECT_TRUE(names.count("xlsx"));
  auto plugins = Run("张三", {"plugins"});
  EXPECT_NE(plugins.out.find("export:xlsx"), std::string::npos) << plugins.out;
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// Validates a json export (argv[2] == "json") or each line of a jsonl one
// against the shipped schema, then prints what the test checks.
constexpr const char* kValidateJson = R"(
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
if sys.argv[3] == 'json':
    data = json.load(open(sys.argv[2], encoding='utf-8'))
    jsonschema.Draft202012Validator(schema).validate(data)
    docs = data['documents']
    print('envelope', data['format'], data['exported_by'])
else:
    record = dict(schema['$defs']['document'])
    record['$defs'] = schema['$defs']
    docs = []
    for line in open(sys.argv[2], encoding='utf-8'):
        doc = json.loads(line)
        jsonschema.Draft202012Validator(record).validate(doc)
        docs.append(doc)
for d in docs:
    rel = ','.join(r['kind'] + ':' + r['to_number'] for r in d['relations'])
    files = ','.join(f['name'] + ':' + f['sha256'][:12] for f in d['versions'][-1]['files'])
    print('doc', d['number'], d['confidentiality'], 'versions', len(d['versions']), 'rel', rel or '-',
          'audit', len(d.get('audit', [])), 'files', files or '-')
)";

TEST_F(ExportCli, JsonFollowsTheShippedSchemaWithVersionsHashesAndRelations) {
  auto out = dir_ / "all.json";
  auto o = Run("张三", {"export", "json", "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::string schema =
      std::string(DOSSIER_SOURCE_DIR) + "/schemas/export/dossier-export.schema.json";
  int code = 0;
  std::string read = Python(kValidateJson, {schema, out.string(), "json"}, &code);
  ASSERT_EQ(code, 0) << read;
  EXPECT_NE(read.find("envelope dossier-export 张三"), std::string::npos) << read;
  EXPECT_NE(read.find(testing::ThisYear("doc HT-2026-SW-0001 内部 versions 3 rel - audit 0")),
            std::string::npos)
      << read;
  EXPECT_NE(read.find(testing::ThisYear(
                "doc BC-2026-SW-0001 内部 versions 1 rel amends:HT-2026-SW-0001")),
            std::string::npos)
      << read;
  EXPECT_EQ(read.find(testing::ThisYear("WJ-2026-00001")), std::string::npos)
      << read;  // above the clerk's clearance
  // The hash of the contract's text is the one the catalog holds.
  auto show = Run("张三", {"show", testing::ThisYear("HT-2026-SW-0001"), "--json"});
  auto file = show.Json().extract<Object::Ptr>()->getArray("files")->getObject(0);
  EXPECT_NE(read.find(file->getValue<std::string>("name") + ":" +
                      file->getValue<std::string>("sha256").substr(0, 12)),
            std::string::npos)
      << read;

  // The check can fail: a record with a broken hash is refused by the schema.
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto at = text.find("\"sha256\":\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 10, 2, "zz");
  auto broken = dir_.Write("broken.json", text);
  Python(kValidateJson, {schema, broken.string(), "json"}, &code);
  EXPECT_NE(code, 0);
}

TEST_F(ExportCli, JsonLinesCarryOneRecordPerLineAndTheAuditOnRequest) {
  auto out = dir_ / "contracts.jsonl";
  auto o = Run("李经理",
               {"export", "jsonl", "--type", "contract", "-O", "audit=yes", "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::string schema =
      std::string(DOSSIER_SOURCE_DIR) + "/schemas/export/dossier-export.schema.json";
  int code = 0;
  std::string read = Python(kValidateJson, {schema, out.string(), "jsonl"}, &code);
  ASSERT_EQ(code, 0) << read;
  EXPECT_NE(read.find(testing::ThisYear("doc HT-2026-SW-0001 内部 versions 3")), std::string::npos)
      << read;
  EXPECT_EQ(read.find("doc HY-"), std::string::npos) << read;  // minutes are not contracts
  auto audit_at = read.find("audit ", read.find(testing::ThisYear("doc HT-2026-SW-0001")));
  ASSERT_NE(audit_at, std::string::npos);
  EXPECT_GT(std::stoi(read.substr(audit_at + 6)), 5) << read;

  o = Run("李经理", {"export", "jsonl", "-O", "audit=maybe", "-o", (dir_ / "x.jsonl").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("audit 'maybe'"), std::string::npos) << o.err;
  o = Run("李经理", {"export", "json", "--table", "ledger", "-o", (dir_ / "x.json").string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("exports documents"), std::string::npos) << o.err;
}

TEST_F(ExportCli, OnlyDocumentsArchivedInTheYearWhenAsked) {
  auto out = dir_ / "archived.jsonl";
  std::string year = Run("张三", {"show", testing::ThisYear("HT-2026-SW-0001"), "--json"})
                         .Json()
                         .extract<Object::Ptr>()
                         ->getObject("archive")
                         ->getValue<std::string>("archived_at")
                         .substr(0, 4);
  ASSERT_EQ(Run("张三", {"export", "jsonl", "--archived-in", year, "-o", out.string()}).exit_code,
            0);
  std::string schema =
      std::string(DOSSIER_SOURCE_DIR) + "/schemas/export/dossier-export.schema.json";
  std::string read = Python(kValidateJson, {schema, out.string(), "jsonl"});
  EXPECT_NE(read.find(testing::ThisYear("doc HT-2026-SW-0001")), std::string::npos) << read;
  EXPECT_NE(read.find(testing::ThisYear("doc HY-2026-0001")), std::string::npos) << read;
  EXPECT_EQ(read.find("WJ-"), std::string::npos) << read;  // not archived
  auto none = dir_ / "none.jsonl";
  ASSERT_EQ(
      Run("张三", {"export", "jsonl", "--archived-in", "1999", "-o", none.string()}).exit_code, 0);
  EXPECT_EQ(std::filesystem::file_size(none), 0u);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

std::string CheckBagScript() {
  std::ifstream in(std::string(DOSSIER_SOURCE_DIR) + "/tests/e2e/scripts/check_bag.py");
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

TEST_F(ExportCli, BagsInEveryContainerPassAnIndependentCheck) {
  // A Chinese file name must survive every container (zip's UTF-8 flag, pax headers).
  auto file = dir_.Write("采购合同正文（盖章版）.txt", "甲方：本公司\n乙方：华信科技\n");
  ASSERT_EQ(Run("李经理", {"add", "generic", "--title", "盖章版合同", file.string()}).exit_code, 0);
  for (std::string name : {"bag", "bag.zip", "bag.tar.gz"}) {
    auto out = dir_ / name;
    auto o = Run("李经理", {"export", "bagit", "-o", out.string(), "--json"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    int code = 0;
    std::string read = Python(CheckBagScript(), {out.string()}, &code);
    ASSERT_EQ(code, 0) << name << ": " << read;
    EXPECT_NE(read.find("External-Identifier Z001-WS·2026-Y-SW-0001"), std::string::npos) << read;
    EXPECT_NE(read.find("Source-Organization 全宗 Z001"), std::string::npos) << read;
    // Every version's files, the record, and the rendition of the contract.
    for (const std::string& path : std::vector<std::string>{
             testing::ThisYear("data/HT-2026-SW-0001/v1/contract-server-purchase.txt"),
             testing::ThisYear("data/HT-2026-SW-0001/v3/contract-server-purchase.txt"),
             testing::ThisYear("data/HT-2026-SW-0001/metadata.json"),
             testing::ThisYear("data/HT-2026-SW-0001/HT-2026-SW-0001.pdf"),
             testing::ThisYear("data/WJ-2026-00001/metadata.json"),
             testing::ThisYear("data/WJ-2026-00002/v1/采购合同正文（盖章版）.txt")}) {
      EXPECT_NE(read.find(std::string("payload ") + path), std::string::npos)
          << name << " lacks " << path;
    }
  }
  // Nothing but the three packages was left beside them.
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
    if (e.path().filename().string().rfind("bag", 0) == 0) ++entries;
  }
  EXPECT_EQ(entries, 3);
}

TEST_F(ExportCli, ABagCarriesOnlyWhatTheUserMaySeeAndSecretExportsAreAudited) {
  auto out = dir_ / "clerk.zip";
  ASSERT_EQ(Run("张三", {"export", "bagit", "-o", out.string()}).exit_code, 0);
  std::string read = Python(CheckBagScript(), {out.string()});
  EXPECT_EQ(read.find(testing::ThisYear("WJ-2026-00001")), std::string::npos) << read;

  int before = ExportAuditEntries(testing::ThisYear("WJ-2026-00001"));
  ASSERT_EQ(Run("李经理", {"export", "bagit", testing::ThisYear("WJ-2026-00001"), "-o",
                           (dir_ / "secret.tar.gz").string()})
                .exit_code,
            0);
  EXPECT_EQ(ExportAuditEntries(testing::ThisYear("WJ-2026-00001")), before + 1);
}

TEST_F(ExportCli, AnArchivedDocumentGoesWithItsWholeUnit) {
  // The contract was archived with its amendment, performance record and
  // approval form under one 档号; the minutes have a 档号 of their own.
  auto out = dir_ / "unit.jsonl";
  auto o =
      Run("档案员", {"export", "jsonl", testing::ThisYear("HT-2026-SW-0001"), "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::ifstream in(out);
  std::set<std::string> numbers;
  for (std::string line; std::getline(in, line);) {
    Poco::JSON::Parser parser;
    numbers.insert(parser.parse(line).extract<Object::Ptr>()->getValue<std::string>("number"));
  }
  std::set<std::string> unit = {
      testing::ThisYear("HT-2026-SW-0001"), testing::ThisYear("BC-2026-SW-0001"),
      testing::ThisYear("LY-2026-00001"), testing::ThisYear("SP-2026-0001")};
  EXPECT_EQ(numbers, unit);
  // A piece named brings its unit too: the unit is what was archived.
  auto piece = Run("档案员", {"export", "jsonl", testing::ThisYear("SP-2026-0001"), "-o",
                              (dir_ / "piece.jsonl").string(), "--json"});
  ASSERT_EQ(piece.exit_code, 0) << piece.err;
  EXPECT_EQ(piece.Json().extract<Object::Ptr>()->getValue<int>("documents"), 4) << piece.out;
}

TEST_F(ExportCli, ABagIsNeverWrittenOverSomethingAndWithoutRenditionsOnRequest) {
  auto out = dir_ / "busy";
  std::filesystem::create_directories(out);
  dir_.Write("busy/keep.txt", "mine");
  auto o = Run("张三", {"export", "bagit", "-o", out.string()});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("exists and is not an empty folder"), std::string::npos) << o.err;
  EXPECT_TRUE(std::filesystem::exists(out / "keep.txt"));
  dir_.Write("taken.zip", "mine");
  o = Run("张三", {"export", "bagit", "-o", (dir_ / "taken.zip").string()});
  EXPECT_EQ(o.exit_code, 1);

  auto plain = dir_ / "plain.tar.gz";
  ASSERT_EQ(Run("张三", {"export", "bagit", testing::ThisYear("HT-2026-SW-0001"), "-O",
                         "rendition=no", "-o", plain.string()})
                .exit_code,
            0);
  std::string read = Python(CheckBagScript(), {plain.string()});
  EXPECT_EQ(read.find(".pdf"), std::string::npos) << read;
  EXPECT_NE(read.find("valid 7 payload files"), std::string::npos)
      << read;  // its unit: four records, three files
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// Checks each XML of an EEP export: decodes every content, compares its
// SHA-256 with the digest beside it, and prints what the test checks.
constexpr const char* kReadEep = R"(
import base64, hashlib, os, sys, xml.etree.ElementTree as ET
for name in sorted(os.listdir(sys.argv[1])):
    root = ET.parse(os.path.join(sys.argv[1], name)).getroot()
    e = root.find('被签名对象/封装内容/文件实体块/文件实体')
    d = e.find('内容描述')
    for code in e.findall('文件数据/编码'):
        data = base64.b64decode(code.find('编码数据').text)
        assert hashlib.sha256(data).hexdigest() == code.find('摘要').text, name
        assert len(data) == int(code.find('计算机文件大小').text), name
    versions = e.findall('版本链/版本')
    print(name, d.find('题名').text, d.find('文号').text, d.find('密级').text,
          (e.find('档号').text if e.find('档号') is not None else '-'),
          (d.find('保管期限').text if d.find('保管期限') is not None else '-'),
          'versions', len(versions), 'contents', len(e.findall('文件数据/编码')),
          'actions', len(e.findall('业务实体块/业务行为')))
)";

TEST_F(ExportCli, EepPackagesValidateAgainstTheShippedSchemaAndCarryTheirContent) {
  auto out = dir_ / "eep";
  auto o = Run("李经理", {"export", "eep", "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::string xsd = std::string(DOSSIER_SOURCE_DIR) + "/schemas/export/eep.xsd";
  std::string cmd =
      "xmllint --noout --schema '" + xsd + "' '" + out.string() + "'/*.xml >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  int code = 0;
  std::string read = Python(kReadEep, {out.string()}, &code);
  ASSERT_EQ(code, 0) << read;
  EXPECT_NE(read.find(testing::ThisYear("HT-2026-SW-0001.xml 服务器采购合同 HT-2026-SW-0001 内部 "
                                        "Z001-WS·2026-Y-SW-0001 永久 versions 3 "
                                        "contents 1 actions 8")),
            std::string::npos)
      << read;
  EXPECT_NE(
      read.find(testing::ThisYear("WJ-2026-00001.xml 报价底线（内部掌握） WJ-2026-00001 秘密 - -")),
      std::string::npos)
      << read;

  // The schema is not a formality: a package missing its title fails it.
  std::ifstream in(out / testing::ThisYear("HT-2026-SW-0001.xml"));
  std::string xml((std::istreambuf_iterator<char>(in)), {});
  auto at = xml.find("<题名>");
  xml.erase(at, xml.find("</题名>", at) + std::string("</题名>").size() - at);
  auto broken = dir_.Write("broken.xml", xml);
  cmd = "xmllint --noout --schema '" + xsd + "' '" + broken.string() + "' >/dev/null 2>&1";
  EXPECT_NE(std::system(cmd.c_str()), 0);

  // A clerk's package has no trace of the 秘密 document; a zip holds the same XMLs.
  auto clerk = dir_ / "clerk.zip";
  ASSERT_EQ(Run("张三", {"export", "eep", "-o", clerk.string()}).exit_code, 0);
  auto unzipped = dir_ / "unzipped";
  cmd = "cd '" + dir_.path().string() + "' && mkdir -p unzipped && cd unzipped && unzip -q '" +
        clerk.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_TRUE(std::filesystem::exists(unzipped / testing::ThisYear("HT-2026-SW-0001.xml")));
  EXPECT_FALSE(std::filesystem::exists(unzipped / testing::ThisYear("WJ-2026-00001.xml")));
}

}  // namespace
}  // namespace dossier
