// The tables of the tabular exports (csv, xlsx), built from what the core's
// reading calls return. Pure functions: no catalog, no permissions (the
// caller has already kept only what the actor may see).
#ifndef DOSSIER_REPOSITORY_EXPORT_TABLES_H_
#define DOSSIER_REPOSITORY_EXPORT_TABLES_H_

#include <optional>
#include <utility>
#include <vector>

#include "dossier/archive.h"
#include "dossier/export.h"
#include "dossier/ledger.h"

namespace dossier {

/// 文件清单: one row per document, with its archive code when archived.
Table ListTable(const std::vector<DocumentSummary>& documents,
                const std::vector<std::optional<ArchiveRecord>>& archives);
/// 合同台账: one row per contract.
Table LedgerRowsTable(const Ledger& ledger);
/// The ledger's statistics grouped by `by` (kNone: the totals), a count and
/// an amount per currency for every stage.
Table LedgerStatisticsTable(const Ledger& grouped, LedgerGrouping by);
/// 借阅登记: the circulation register.
Table LoansTable(const std::vector<Loan>& loans);
/// 用印登记: the seal register.
Table SealsTable(const std::vector<SealUse>& uses);
/// 到期档案清单: what falls due, by action.
Table DueTable(const DueReport& report);
/// 档案销毁清册: a destruction list's lines.
Table DestructionTable(const DisposalList& list);

/// Names the columns of document types (by the types' names) and of the
/// ledger's states (by the contract workflow's), which come from the data.
void NameTypesAndStates(std::vector<Table>& tables, const std::vector<DocumentTypeInfo>& types);

}  // namespace dossier

#endif  // DOSSIER_REPOSITORY_EXPORT_TABLES_H_
