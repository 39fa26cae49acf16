// Opening a possibly damaged store for reading only, as far as it opens. Internal to eventstore/
// (verify_store and salvage_store).
//
// The ladder, each step read-only and never writing to the directory:
//   1. "direct":   paranoid checks on, WAL with kTolerateCorruptedTailRecords;
//   2. "tolerant": paranoid checks off, WAL with kSkipAnyCorruptedRecords;
//   3. "repaired-copy": the directory's files are copied to a scratch directory and
//      rocksdb::RepairDB rebuilds the copy's MANIFEST from its table files and WAL; the copy is
//      opened as in 2 and deleted when the DamagedDb goes away.
// Each step that failed leaves a Finding naming RocksDB's reason.
#pragma once

#include <rocksdb/db.h>

#include <memory>
#include <string>
#include <vector>

#include "eventstore/error.h"
#include "eventstore/verify.h"

namespace callwatch::eventstore {

struct DamagedDb {
  ~DamagedDb();
  DamagedDb() = default;
  DamagedDb(const DamagedDb&) = delete;
  DamagedDb& operator=(const DamagedDb&) = delete;

  std::string opened_as;
  std::string read_dir;     // the directory RocksDB reads: the store, or the repaired copy
  std::string copy_dir;     // the scratch copy to delete, if any
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // owned
  // Null when the store's MANIFEST no longer lists that column family.
  rocksdb::ColumnFamilyHandle* meta_cf = nullptr;
  rocksdb::ColumnFamilyHandle* log_cf = nullptr;
  rocksdb::ColumnFamilyHandle* index_cf = nullptr;
  std::vector<Finding> findings;
};

// NOT_A_STORE when `dir` holds no RocksDB database (nor its remains); CORRUPTION when no step
// of the ladder opens it.
[[nodiscard]] Result<std::unique_ptr<DamagedDb>> open_damaged(const std::string& dir,
                                                              const std::string& scratch_dir);

}  // namespace callwatch::eventstore
