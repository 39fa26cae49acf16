// The RocksDB settings of the store, public so that benchmarks can measure raw RocksDB with
// exactly the same ones (a baseline with other options would prove nothing).
//
// Why these values (measured with bench/eventstore, see docs/eventstore.md):
// - the log is written in key order, so memtable inserts use a hint (one prefix for all keys)
//   and flushed files never overlap: compaction mostly moves files down without rewriting;
// - no compression on the log: flush and compaction compete with the writer for the same
//   cores, and decompression slows replay;
// - 64 MB memtables and 32 KB blocks: fewer flushes, fewer block boundaries in scans;
// - the index is small and written in the background: LZ4 there.
#pragma once

#include <rocksdb/options.h>

#include "eventstore/options.h"

namespace callwatch::eventstore::tuning {

[[nodiscard]] rocksdb::DBOptions db_options(const Options& options);
// db_options for opening read-only without writing anything into the directory: RocksDB
// otherwise writes its info log (LOG, rotating an existing one to LOG.old.*) there even for a
// read-only open, which would change a store that a check then refuses (or the live writer's
// LOG, when a reader opens beside it).
[[nodiscard]] rocksdb::DBOptions read_only_db_options(const Options& options);
[[nodiscard]] rocksdb::ColumnFamilyOptions log_cf_options(const Options& options);
[[nodiscard]] rocksdb::ColumnFamilyOptions index_cf_options(const Options& options);
[[nodiscard]] rocksdb::ColumnFamilyOptions small_cf_options(const Options& options);
// For long forward scans of the log (read_all, subscriptions catching up).
[[nodiscard]] rocksdb::ReadOptions scan_read_options();
[[nodiscard]] rocksdb::WriteOptions write_options(Durability durability);

}  // namespace callwatch::eventstore::tuning
