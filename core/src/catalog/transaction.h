// A Catalog's transactions and savepoints, whatever database is behind it:
// a move-only handle that rolls back unless committed (or released), over
// what the implementation does to commit or roll back.
#ifndef DOSSIER_CATALOG_TRANSACTION_H_
#define DOSSIER_CATALOG_TRANSACTION_H_

#include <memory>
#include <utility>

#include "dossier/status.h"

namespace dossier {

/// What an implementation does to end a transaction or a savepoint.
class TransactionWork {
 public:
  virtual ~TransactionWork() = default;
  /// Commits the transaction (releases the savepoint).
  virtual Status Commit() = 0;
  /// Undoes what was done since it began. When the handle goes without a
  /// commit its failure is not seen: the database undoes an unfinished
  /// transaction as it would after a crash.
  virtual Status RollBack() = 0;
};

/// A write or read transaction: rolled back when it goes, unless committed.
class Transaction {
 public:
  explicit Transaction(std::unique_ptr<TransactionWork> work) : work_(std::move(work)) {}
  Transaction(Transaction&&) noexcept = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() {
    if (work_) (void)work_->RollBack();
  }
  /// Commits; after a failure, what was done is rolled back when it goes.
  Status Commit() {
    Status s = work_->Commit();
    if (s.ok()) work_.reset();
    return s;
  }

 private:
  std::unique_ptr<TransactionWork> work_;
};

/// A savepoint in a write transaction: what is done after it is undone by
/// RollBack (the transaction goes on) or kept by Release; undone when the
/// Savepoint goes without either.
class Savepoint {
 public:
  explicit Savepoint(std::unique_ptr<TransactionWork> work) : work_(std::move(work)) {}
  Savepoint(Savepoint&&) noexcept = default;
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  Savepoint& operator=(Savepoint&&) = delete;
  ~Savepoint() {
    if (work_) (void)work_->RollBack();
  }
  Status Release() {
    Status s = work_->Commit();
    if (s.ok()) work_.reset();
    return s;
  }
  Status RollBack() {
    Status s = work_->RollBack();
    work_.reset();
    return s;
  }

 private:
  std::unique_ptr<TransactionWork> work_;
};

}  // namespace dossier

#endif  // DOSSIER_CATALOG_TRANSACTION_H_
