// Exports: what the core hands to the export plugins, and the interface they
// implement. The core chooses what leaves the repository (only what the
// actor may see) and records it (an audit entry for every 秘密/机密 document
// exported); a plugin only decides how it is written.
//
// Two shapes of data:
//   tables     (the list, the contract ledger and its statistics, the
//              circulation and seal registers) for csv and xlsx;
//   documents  (metadata, every version with its files, relations, archive
//              record and audit entries, one at a time so that memory stays
//              flat) for json, jsonl and the archival packages.
#ifndef DOSSIER_EXPORT_H_
#define DOSSIER_EXPORT_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/archive.h"
#include "dossier/audit.h"
#include "dossier/disposal.h"
#include "dossier/document.h"
#include "dossier/keys.h"
#include "dossier/ledger.h"
#include "dossier/lifecycle.h"
#include "dossier/retention.h"
#include "dossier/status.h"
#include "dossier/types.h"

namespace dossier {

class Repository;
class Renderer;
struct Actor;

/// Which documents: by reference, else by the filters of `list`, optionally
/// only those archived in a year.
struct ExportSelection {
  std::vector<std::string>
      refs;  // numbers, ids or id prefixes; when given, the filters are not used
  /// A ref that is archived brings every piece of its 档号 unit, as archiving
  /// made them one. A plugin that splits a selection it already expanded
  /// into parts (by ids) turns it off for the parts.
  bool whole_units = true;
  ListFilter filter;
  std::optional<int> archived_in;  // only documents archived in this year (UTC date of archiving)
};

/// Where the data goes, recorded in the audit entry of each 秘密/机密
/// document exported.
struct ExportPurpose {
  std::string format;       // "csv"
  std::string destination;  // the output as the user named it
};

// --- Tables ------------------------------------------------------------------

/// How a column's cells read. Cells are text in a fixed form per kind, so
/// that every format parses them the same way.
enum class CellKind {
  kText,
  kInteger,   // "12"
  kAmount,    // "1234.50": exact decimal in major units
  kDate,      // "2026-03-01"
  kDateTime,  // "2026-03-01T08:30:00Z" (UTC)
  kPercent,   // "70" or "72.5": percent points
};

struct TableColumn {
  std::string key;       // "number": stable, English
  std::string label_zh;  // "合同编号"
  std::string label_en;  // "Contract number"
  CellKind kind = CellKind::kText;
  /// Amounts: the currency of every cell ("CNY"), or the key of the column
  /// holding each row's currency.
  std::string currency;
  std::string currency_column;
  /// Added up in a totals row where a format has one: counts are (amounts
  /// always are, per currency); numbers that are no quantity (a version, an
  /// id) are not.
  bool counted = false;
  /// A column of codes (a state, a type, yes/no): the names of its codes,
  /// which the formats write in place of the codes (CellText).
  std::vector<NamedCode> names;
};

struct Table {
  std::string name;   // "ledger", "ledger-by-month": a sheet or file name
  std::string title;  // "合同台账"
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::string>> rows;  // one cell per column; "" is empty
};

enum class TableKind { kList, kLedger, kLoans, kSeals, kCatalogue, kDue, kDestruction };
/// "list", "ledger", "loans", "seals", "catalogue" (归档文件目录: the archived
/// documents of the selection by 档号 and piece), "due" (what falls due,
/// by action), "destruction" (a destruction list's lines, 销毁清册)
std::string_view TableKindCode(TableKind kind);
std::optional<TableKind> ParseTableKind(std::string_view code);
const std::vector<TableKind>& AllTableKinds();

/// The `labels` option of the tabular formats: "zh" (default) or "en";
/// InvalidArgument for anything else.
Result<std::string> TableLabelsOption(const std::map<std::string, std::string>& options);
/// A column's header in those labels.
const std::string& ColumnLabel(const TableColumn& column, std::string_view labels);
/// A cell as a person reads it in those labels: a code by its name (已签订,
/// 是), a time in the zone times are shown in, with its offset
/// ("2026-03-01 16:30:00 +08:00"); anything else as it is.
std::string CellText(const TableColumn& column, const std::string& cell, std::string_view labels);

/// 归档文件目录 of archived documents, by 档号 and piece: the table of
/// `--table catalogue`, and the catalogue a transfer's packages carry.
Table ArchiveCatalogue(std::vector<std::pair<DocumentSummary, ArchiveRecord>> archived);

/// True when a spreadsheet would evaluate `cell` as a formula: it starts
/// with =, +, -, @, a tab or a CR (CSV injection).
bool LooksLikeFormula(std::string_view cell);

/// `cell` as a spreadsheet should get it: prefixed with an apostrophe when
/// it looks like a formula (numbers of numeric columns excepted: -12.50 is a
/// number), so that opening the file never runs it. Excel shows the text
/// without the apostrophe and does not write it back when saving as CSV.
std::string NeutraliseFormula(std::string_view cell, CellKind kind);

/// One CSV record as RFC 4180 writes it, every field quoted, ending in CRLF.
/// (The csv plugin writes tables for spreadsheets, neutralising formulas;
/// this is for files a program writes beside its own output.)
std::string CsvRecord(const std::vector<std::string>& fields);

struct TableRequest {
  TableKind kind = TableKind::kList;
  ExportSelection selection;  // kList
  LedgerQuery ledger;         // kLedger: rows, then one table per statistic
  LoanFilter loans;           // kLoans
  SealFilter seals;           // kSeals
  DueQuery due;               // kDue
  std::string list;           // kDestruction: the list's number
};

// --- Documents ---------------------------------------------------------------

/// A relation as recorded: from the exported document to another one.
struct ExportRelation {
  RelationKind kind = RelationKind::kAmends;
  std::string to_id;
  std::string to_number;
  std::string created_at;
  std::string created_by;
};

/// One document as exported: everything a package needs to rebuild it.
struct ExportDocument {
  DocumentSummary summary;
  std::vector<Version> versions;          // oldest first, with metadata and files
  std::vector<ExportRelation> relations;  // outgoing ones, to documents the actor may see
  std::optional<ArchiveRecord> archive;   // when archived
  /// The document's history, oldest first: the entries it came with when
  /// imported (provenance), then this repository's entries about it (a link
  /// is its source's entry, carried by the source's record), without
  /// the access log (view, download, export) and the import entry.
  std::vector<AuditEntry> audit;

  // What another repository needs to rebuild the document exactly: where
  // its number sits in its numbering scope, its workflow trail (the state
  // it is in, and the review record), copies distributed, resolutions of
  // minutes, and where its archive record sits in its unit and code scope.
  std::string number_scope;
  int64_t number_seq = 0;
  int round = 1;
  std::vector<LifecycleStep> steps;
  std::vector<DistributionRecord> distributions;
  std::vector<Resolution> resolutions;
  std::string archive_unit_id;  // the unit's main document
  std::string archive_code_scope;
  int64_t archive_code_item = 0;

  /// The exporting repository's signature over all of the above (keys.h);
  /// none when it has no signing key.
  std::optional<RecordSignature> signature;
};

/// Streams the content of a file of the document being visited; the bytes
/// are checked against the file's SHA-256 as they pass (Corruption if not).
using ContentSink = std::function<Status(const char* data, size_t size)>;
class ExportContent {
 public:
  virtual ~ExportContent() = default;
  virtual Status Read(const FileEntry& file, const ContentSink& sink) const = 0;
};

/// The interchange form of a document record, as json, jsonl and the
/// packages carry it (schemas/export/dossier-export.schema.json, #/$defs/
/// document): compact JSON with sorted keys, so that the same record always
/// gives the same bytes. With `with_audit`, the document's audit entries and
/// its signature too (the signature covers the record with its audit).
std::string ExportDocumentJson(const ExportDocument& document, bool with_audit);
/// Reads a record back, naming the first field that is missing or of the
/// wrong type.
Result<ExportDocument> ParseExportDocumentJson(std::string_view json);

/// Called once per document, in the selection's order.
using ExportVisitor =
    std::function<Status(const ExportDocument& document, const ExportContent& content)>;

// --- The plugin interface -----------------------------------------------------

struct ExportOptionInfo {
  std::string name;    // "labels"
  std::string values;  // "zh|en"
  std::string help;
};

struct ExportRequest {
  ExportSelection selection;
  /// Tabular formats: the table to write (its `selection` is the one above).
  TableRequest table;
  std::filesystem::path output;
  std::map<std::string, std::string> options;  // validated against Options()
  /// The PDF renderer when its plugin is present: packages then carry each
  /// document's rendition.
  std::shared_ptr<Renderer> renderer;
  std::string exported_by;  // the actor's name
  std::string exported_at;  // ISO 8601 UTC, "2026-11-23T14:05:09Z"
};

/// An export as its user asks for it, in the words of `dossier export` and
/// of GET /api/v1/exports/{format}: one place turns it into a request, so
/// that both front ends read the filters alike.
struct ExportAsk {
  std::vector<std::string> refs;  // when given, the filters are not used
  std::string table = "list";     // list | ledger | loans | seals | catalogue | due | destruction
  std::string type, status, dept, counterparty;
  std::string from, to;  // the document's date; the ledger's; a seal request's
  std::string as_of;     // ledger: the day overdue is judged on; due: due by then
  std::string seal;      // seals: only this seal
  std::string destruction_list;
  int limit = 0, archived_in = 0, within = 0;
  bool out_only = false, overdue = false;  // loans
  std::vector<std::string> options;        // NAME=VALUE, checked against the format's
};

/// NAME=VALUE options checked against those a plugin declares (`what`:
/// "format csv", "bagit import"), naming the one it does not have.
Result<std::map<std::string, std::string>> CheckPluginOptions(
    const std::string& what, const std::vector<ExportOptionInfo>& declared,
    const std::vector<std::string>& given);

struct ExportReport {
  int64_t documents = 0;  // documents, or table rows for tabular formats
  int64_t files = 0;      // content files written
  uint64_t bytes = 0;     // bytes written
  std::vector<std::filesystem::path> outputs;
};

class Exporter;
/// The request `ask` makes of `exporter`: the table known and one the format
/// writes, the options declared. `output`, `renderer` and who/when are left
/// to the caller.
Result<ExportRequest> MakeExportRequest(const Exporter& exporter, const ExportAsk& ask);

/// Thread-safe: a registered exporter may be used by many threads at once.
class Exporter {
 public:
  virtual ~Exporter() = default;
  virtual std::string Format() const = 0;                   // "csv"
  virtual std::vector<std::string> Extensions() const = 0;  // {".csv"}
  virtual std::string Description() const = 0;
  virtual std::vector<ExportOptionInfo> Options() const = 0;
  /// True for formats that write a table (csv, xlsx); false for documents.
  virtual bool Tabular() const = 0;
  /// Writes the export. The output appears whole or not at all: it is
  /// written beside its final name and renamed when complete.
  virtual Result<ExportReport> Export(const Repository& repo, const Actor& actor,
                                      const ExportRequest& request) const = 0;
};

}  // namespace dossier

#endif  // DOSSIER_EXPORT_H_
