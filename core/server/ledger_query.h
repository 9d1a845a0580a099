// The contract ledger's query as a request's query string gives it
// (?from=&to=&dept=&counterparty=&as_of=&by=), for the ledger, its PDF and
// anything else that shows the ledger.
#ifndef DOSSIER_SERVER_LEDGER_QUERY_H_
#define DOSSIER_SERVER_LEDGER_QUERY_H_

#include "dossier/ledger.h"
#include "dossier/status.h"
#include "server/exchange.h"

namespace dossier::server {

/// Empty parameters count as absent; an unknown `by` is InvalidArgument.
Result<LedgerQuery> LedgerQueryOf(const Exchange& ex);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_LEDGER_QUERY_H_
