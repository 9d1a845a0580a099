// A query hold's filter in words ("counterparty ~ 华东, dept = 采购部"): the
// hold's label, written when it is placed and checked against its filter by
// verify.
#ifndef DOSSIER_REPOSITORY_HOLD_QUERY_H_
#define DOSSIER_REPOSITORY_HOLD_QUERY_H_

#include <string>

#include "dossier/document.h"

namespace dossier {

std::string DescribeHoldQuery(const ListFilter& query);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_HOLD_QUERY_H_
