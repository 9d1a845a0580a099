// The clauses a document must state before an action: the company rules say
// a contract names its parties' particulars, subject, quantity, quality, price,
// term, place and method of performance, acceptance, payment, liability for
// breach and dispute resolution before it goes to review. The list is the
// workflow's data (a transition's "requires_clauses"), so a company changes
// it without a new program; this file only decides what is missing.
#ifndef DOSSIER_WORKFLOW_REQUIRED_CLAUSES_H_
#define DOSSIER_WORKFLOW_REQUIRED_CLAUSES_H_

#include <Poco/Dynamic/Var.h>

#include <string>
#include <vector>

#include "types/json_schema.h"

namespace dossier {

struct MissingClause {
  std::string pointer;  // where it is missing, "/parties/1/address"
  std::string name;     // as a reader knows it, "当事人 › 地址（乙方）"
};

/// Each of `pointers` that is absent or empty in `metadata` — empty being
/// null, text of only spaces, an empty list or an object with nothing filled
/// in. A "*" step stands for every item of a list ("/parties/*/address"); a
/// list that is itself missing or empty is reported once, at the list.
std::vector<MissingClause> MissingClauses(const Poco::Dynamic::Var& metadata,
                                          const std::vector<std::string>& pointers,
                                          const JsonSchema& schema);

/// "数量 (/quantity)、当事人 › 地址（乙方） (/parties/1/address)".
std::string DescribeMissing(const std::vector<MissingClause>& missing);

}  // namespace dossier

#endif  // DOSSIER_WORKFLOW_REQUIRED_CLAUSES_H_
