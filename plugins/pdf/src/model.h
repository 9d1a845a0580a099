// The data a template sees. For a document:
//   document  {number, title, type, type_name, marking, status, state_name, date, version,
//   created_by, created_at} metadata  the newest version's metadata, as registered steps     the
//   review trail [{action, action_name, actor, role, role_name, at, comment, from, to}] derived
//   what templates should not compute: line_items with amount, line_items_total,
//             amount_capital (大写金额), party_a / party_b (our company and the counterparty)
//   contract  for a document attached to a contract (the approval form): the contract's
//             document, metadata and steps
// For the ledger: ledger {as_of, from, to, by, rows[...], groups[...], totals} in display text.
#ifndef DOSSIER_PDF_MODEL_H_
#define DOSSIER_PDF_MODEL_H_

#include <Poco/Dynamic/Var.h>

#include <string>

#include "dossier/repository.h"
#include "pdf_writer.h"

namespace dossier::pdf {

struct DataModel {
  Poco::Dynamic::Var data;
  std::string type;  // the document's type; "" for a register
  PdfInfo info;
  bool confidential = false;  // 秘密 or 机密
  std::string marking;        // 公开, 内部, 秘密, 机密
  std::string file_stem;      // "HT-2026-SW-0001"
  std::string stamp;  // on every page: 已作废 (void), the terminated state's name; "" when in force
};

Result<DataModel> DocumentModel(const Repository& repo, const Actor& actor, const std::string& ref);
Result<DataModel> LedgerModel(const Repository& repo, const Actor& actor, const LedgerQuery& query);

}  // namespace dossier::pdf

#endif  // DOSSIER_PDF_MODEL_H_
