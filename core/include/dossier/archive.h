// The contract file (合同档案) and archiving (归档).
//
// A contract's file is the contract with every document linked to it as an
// amendment or termination agreement or as an attachment (approval form,
// correspondence, performance record). It is archived as one unit: one
// archival reference code (档号, DA/T 22-2015) and a piece number for each
// document, a retention class, an archive date. Archived material is
// immutable.
//
// Plain values; thread-safe to copy and share.
#ifndef DOSSIER_ARCHIVE_H_
#define DOSSIER_ARCHIVE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dossier/document.h"
#include "dossier/types.h"

namespace dossier {

struct FilePiece {
  DocumentSummary document;
  std::string part;     // "main", "amends", "terminates", "attachment-of"
  std::string problem;  // empty when the piece is ready to be archived
};

struct ContractFile {
  std::vector<FilePiece> pieces;     // the main document first
  std::vector<std::string> missing;  // what the file lacks or what blocks archiving
  bool complete() const { return missing.empty(); }
};

struct ArchiveRequest {
  std::string retention;  // override of the class the rules give; needs a reason
  std::string reason;
};

struct ArchiveRecord {
  std::string document_id;
  std::string document_number;
  std::string archive_code;  // 档号 of the unit
  int piece = 0;             // 1 for the main document
  std::string retention;     // Y, D30, D10, ...
  std::string retention_reason;
  std::string archived_at;
  std::string archived_by;
};

/// An archived unit (one 档号): its pieces in order.
struct ArchiveUnit {
  std::string archive_code;
  struct Piece {
    ArchiveRecord record;
    DocumentSummary document;
  };
  std::vector<Piece> pieces;  // those the actor may see, by piece number
  int hidden = 0;             // pieces above the actor's clearance
};

/// A loan of a document's file or paper original (借阅登记).
struct Loan {
  int64_t id = 0;
  std::string document_id;
  std::string document_number;
  std::string document_title;
  std::string borrower;
  bool original = false;  // the paper original rather than the electronic file
  std::string lent_at;
  std::string lent_by;
  std::string due;          // YYYY-MM-DD
  std::string returned_at;  // empty while out
  std::string returned_by;
  std::string note;
  bool overdue = false;  // out past its due date (the machine's local date)
};

struct LoanRequest {
  std::string borrower;  // a user of the repository who may see the document
  std::string due;       // YYYY-MM-DD, today or later
  bool original = false;
  std::string note;
};

struct LoanFilter {
  bool out = false;      // only loans not returned
  bool overdue = false;  // only loans out past their due date
};

/// One use of a seal (印章使用登记): requested, decided by the seal's
/// keeper, used, returned.
struct SealUse {
  int64_t id = 0;
  std::string document_id;
  std::string document_number;
  std::string seal;
  std::string purpose;
  std::string status;  // requested, approved, rejected, used, returned
  std::string requested_by;
  std::string requested_at;
  std::string decided_by;
  std::string decided_at;
  std::string comment;
  std::string used_at;
  std::string returned_at;
  std::string
      keeper;  // the role that keeps the seal and decides on its use (from config/seals.json)
};

/// A seal use's statuses by name: 待审批, 已批准, 已拒绝, 已用印, 已归还.
std::vector<NamedCode> SealStatusNames();

/// A transfer (移交) of archived documents to another archive.
struct TransferRecord {
  int64_t seq = 0;
  std::string at;
  std::string by;
  std::string recipient;  // the receiving archive
  std::string note;
  std::vector<std::string> packages;  // the package files, as named
  std::vector<std::string> numbers;   // the documents handed over
};

struct SealFilter {
  std::string seal;  // "" for every seal
  std::string from;  // requested on or after (YYYY-MM-DD)
  std::string to;    // requested on or before
};

}  // namespace dossier

#endif  // DOSSIER_ARCHIVE_H_
