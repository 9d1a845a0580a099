// Sample metadata for tests: a contract and a set of minutes, in Chinese.
#ifndef DOSSIER_TESTS_SUPPORT_SAMPLES_H_
#define DOSSIER_TESTS_SUPPORT_SAMPLES_H_

#include <string>

namespace dossier::testing {

inline std::string ContractMeta(const std::string& department = "商务部", double amount = 120000,
                                const std::string& counterparty = "北京华信科技有限公司") {
  return R"({"parties":[{"role":"甲方","name":"本公司","address":"上海市浦东新区张江路100号","self":true},)"
         R"({"role":"乙方","name":")" +
         counterparty +
         R"(","address":"北京市海淀区中关村大街8号"}],)"
         R"("subject":"服务器采购","quantity":"10台","quality":"符合国家标准","amount":{"value":)" +
         std::to_string(amount) +
         R"(,"currency":"CNY"},"term":{"start":"2026-03-01","end":"2026-12-31"},)" +
         R"("place":"北京","method":"分批交付","acceptance_criteria":"到货后十日内按技术协议验收",)"
         R"("payment_terms":{"method":"银行转账","instalments":[{"trigger":"验收合格后","percentage":100}]},)"
         R"("breach_liability":"逾期交付每日按合同金额千分之一支付违约金",)" +
         R"("dispute_resolution":"提交北京仲裁委员会仲裁","signing_date":"2026-03-01","department":")" +
         department + R"(","owner":"张三"})";
}

inline std::string MinutesMeta() {
  return R"({"date":"2026-04-02","place":"三楼会议室","chair":"李经理","attendees":["李经理","张三","王五"],)"
         R"("agenda":["服务器采购进度"],"discussion":"讨论交付计划。",)"
         R"("resolutions":[{"text":"本周内确认交付时间","owner":"张三","due":"2026-04-09"}],"distribution":["商务部","财务部"]})";
}

/// `text` `times` times over: a long title, a long query.
inline std::string Repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SUPPORT_SAMPLES_H_
