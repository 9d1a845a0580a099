// Amounts in Chinese capital numerals (大写金额), as banks and contracts
// write them: 壹拾贰万叁仟肆佰伍拾陆元柒角捌分.
#ifndef DOSSIER_PDF_CAPITAL_AMOUNT_H_
#define DOSSIER_PDF_CAPITAL_AMOUNT_H_

#include <cstdint>
#include <string>

namespace dossier::pdf {

/// `fen` is the amount in fen (1/100 yuan). Rules (中国人民银行《支付结算办法》):
/// one 零 for any run of zeros inside the number, none at the end of a
/// section; 零 after 元 when the 角 (or the 元 digit) is zero and a smaller
/// unit follows; 整 after 元 or 角 when there are no 分. Negative: 负….
/// Up to 9,999,999,999,999,999.99.
std::string CapitalAmount(int64_t fen);

/// A count in capital numerals, as a contract writes how many copies it is
/// made in (一式肆份): 肆, 壹拾贰; 零 for none.
std::string CapitalCount(uint64_t n);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_CAPITAL_AMOUNT_H_
