#include "eventstore/tuning.h"

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <cstdarg>
#include <thread>

namespace callwatch::eventstore::tuning {

namespace {
std::shared_ptr<rocksdb::Cache> shared_block_cache() {
  static std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(64 << 20);
  return cache;
}
class NullLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char*, va_list) override {}
};

// Block-based tables reading through the one block cache of the process.
void use_shared_cache(rocksdb::ColumnFamilyOptions& o, std::size_t block_size = 4 << 10) {
  rocksdb::BlockBasedTableOptions t;
  t.block_size = block_size;
  t.block_cache = shared_block_cache();
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
}
}  // namespace

rocksdb::DBOptions read_only_db_options(const Options& options) {
  static const std::shared_ptr<rocksdb::Logger> null_logger = std::make_shared<NullLogger>();
  rocksdb::DBOptions o = db_options(options);
  o.info_log = null_logger;
  o.create_if_missing = false;
  o.skip_stats_update_on_db_open = true;
  return o;
}

rocksdb::DBOptions db_options(const Options&) {
  rocksdb::DBOptions o;
  o.max_background_jobs = 2;
  o.bytes_per_sync = 1 << 20;
  o.max_total_wal_size = 512ull << 20;
  o.keep_log_file_num = 4;
  o.max_manifest_file_size = 64 << 20;
  // A crash leaves a torn last WAL record at worst; recover everything before it.
  o.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  o.paranoid_checks = true;
  return o;
}

rocksdb::ColumnFamilyOptions log_cf_options(const Options& options) {
  rocksdb::ColumnFamilyOptions o;
  o.write_buffer_size = options.write_buffer_bytes;
  o.max_write_buffer_number = 4;
  o.compression = rocksdb::kNoCompression;
  o.level_compaction_dynamic_level_bytes = true;
  o.target_file_size_base = 64 << 20;
  o.max_bytes_for_level_base = 256 << 20;
  // Keys arrive in order: an insert hint makes each memtable insert O(1).
  o.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(0));
  use_shared_cache(o, 32 << 10);
  return o;
}

rocksdb::ColumnFamilyOptions index_cf_options(const Options&) {
  rocksdb::ColumnFamilyOptions o;
  o.write_buffer_size = 32 << 20;
  o.compression = rocksdb::kLZ4Compression;
  o.level_compaction_dynamic_level_bytes = true;
  use_shared_cache(o);
  return o;
}

rocksdb::ColumnFamilyOptions small_cf_options(const Options&) {
  rocksdb::ColumnFamilyOptions o;
  o.write_buffer_size = 4 << 20;
  o.compression = rocksdb::kLZ4Compression;
  use_shared_cache(o);
  return o;
}

rocksdb::ReadOptions scan_read_options() {
  rocksdb::ReadOptions r;
  r.readahead_size = 2 << 20;
  r.fill_cache = false;  // a replay must not evict the working set
  return r;
}

rocksdb::WriteOptions write_options(Durability durability) {
  rocksdb::WriteOptions w;
  w.sync = durability == Durability::Sync;
  return w;
}

}  // namespace callwatch::eventstore::tuning
