// A document record with something in every field, as a package carries
// it: for the tests of the interchange form and of record signatures.
#ifndef DOSSIER_TESTS_SUPPORT_SAMPLE_RECORD_H_
#define DOSSIER_TESTS_SUPPORT_SAMPLE_RECORD_H_

#include <string>

#include "dossier/export.h"

namespace dossier::testing {

inline ExportDocument SampleRecord() {
  ExportDocument d;
  d.summary.id = std::string(32, 'a');
  d.summary.number = "HT-2026-SW-0001";
  d.summary.type = "contract";
  d.summary.title = "服务器采购合同";
  d.summary.confidentiality = Confidentiality::kSecret;
  d.summary.status = "archived";
  d.summary.dept = "商务部";
  d.summary.counterparty = "北京华信科技有限公司";
  d.summary.doc_date = "2026-02-20";
  d.summary.created_at = "2026-02-01T08:00:00.000Z";
  d.summary.created_by = "张三";
  d.summary.current_version = 2;
  for (int n = 1; n <= 2; ++n) {
    Version v;
    v.number = n;
    v.parent = n - 1;
    v.title = "服务器采购合同";
    v.metadata_json = R"({"amount":{"currency":"CNY","value":1250000},"quantity":"20台"})";
    v.author = "张三";
    v.created_at = "2026-02-0" + std::to_string(n) + "T08:00:00.000Z";
    v.comment = n == 1 ? "起草" : "谈判后调价";
    v.digest = std::string(64, static_cast<char>('0' + n));
    v.files.push_back({"合同正文.txt", std::string(64, 'b'), 685});
    d.versions.push_back(v);
  }
  d.relations.push_back({RelationKind::kAmends, std::string(32, 'c'), "HT-2025-SW-0009",
                         "2026-02-03T00:00:00Z", "张三"});
  d.archive = ArchiveRecord{d.summary.id, d.summary.number,   "Z001-WS·2026-Y-SW-0001", 1,
                            "Y",          "重大合同永久保存", "2026-10-01T00:00:00Z",   "档案员"};
  d.number_scope = "HT-2026-SW";
  d.number_seq = 1;
  d.round = 2;
  d.steps.push_back(
      {0, 1, "submit", "draft", "review", "张三", "clerk", "2026-02-02T00:00:00Z", "", false});
  d.steps.push_back({0, 2, "approve", "review", "approved", "李经理", "manager",
                     "2026-02-03T00:00:00Z", "条款齐全", true});
  d.distributions.push_back({"财务部", "2026-02-21T00:00:00Z", "张三", "纸质副本"});
  Resolution r;
  r.item = 1;
  r.text = "三月底前完成到货验收";
  r.owner = "张三";
  r.due = "2026-03-31";
  r.status = "done";
  r.done_at = "2026-03-30T00:00:00Z";
  r.done_by = "张三";
  d.resolutions.push_back(r);
  d.archive_unit_id = d.summary.id;
  d.archive_code_scope = "Z001-WS·2026-Y-SW";
  d.archive_code_item = 1;
  d.audit.push_back({1, "2026-02-01T08:00:00.000Z", "张三", "register", d.summary.id,
                     R"({"number":"HT-2026-SW-0001","version":1})", std::string(64, '0'),
                     std::string(64, 'e')});
  return d;
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SUPPORT_SAMPLE_RECORD_H_
