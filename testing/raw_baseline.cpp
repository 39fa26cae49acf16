#include "testing/raw_baseline.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <filesystem>

#include "eventstore/format.h"
#include "eventstore/store_impl.h"
#include "eventstore/tuning.h"

namespace callwatch::testkit {
using namespace eventstore;  // the baseline speaks the store's vocabulary

struct RawLog::Impl {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::WriteOptions write_options;
  ~Impl() {
    for (auto* h : handles) ignore_error(db->DestroyColumnFamilyHandle(h), "closing");
  }
};

RawLog::RawLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RawLog::~RawLog() = default;

Result<std::unique_ptr<RawLog>> RawLog::open(const std::string& dir, Durability durability) {
  Options o;
  rocksdb::DBOptions dbo = tuning::db_options(o);
  dbo.create_if_missing = true;
  dbo.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs{
      {rocksdb::kDefaultColumnFamilyName, tuning::small_cf_options(o)},
      {std::string(format::kLogCf), tuning::log_cf_options(o)}};
  auto impl = std::make_unique<Impl>();
  rocksdb::DB* raw = nullptr;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto s = rocksdb::DB::Open(dbo, dir, cfs, &impl->handles, &raw);
  if (!s.ok()) return std::unexpected(rocks_status_error(s, "opening the raw baseline"));
  impl->db.reset(raw);
  impl->write_options = tuning::write_options(durability);
  return std::unique_ptr<RawLog>(new RawLog(std::move(impl)));
}

Status RawLog::write(std::span<const NewEvent> events, Position first) {
  rocksdb::WriteBatch batch;
  for (std::size_t i = 0; i < events.size(); ++i) {
    format::PositionKey key(first + i);
    batch.Put(impl_->handles[1], rocksdb::Slice(key.bytes, 8), events[i].data);
  }
  auto s = impl_->db->Write(impl_->write_options, &batch);
  if (!s.ok()) return std::unexpected(rocks_status_error(s, "raw write"));
  return {};
}

struct RawScanner::Impl {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  ~Impl() {
    for (auto* h : handles) ignore_error(db->DestroyColumnFamilyHandle(h), "closing");
  }
};

RawScanner::RawScanner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RawScanner::~RawScanner() = default;

Result<std::unique_ptr<RawScanner>> RawScanner::open(const std::string& store_dir) {
  Options o;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs{
      {rocksdb::kDefaultColumnFamilyName, tuning::small_cf_options(o)},
      {std::string(format::kLogCf), tuning::log_cf_options(o)},
      {std::string(format::kIndexCf), tuning::index_cf_options(o)},
      {std::string(format::kCheckpointsCf), tuning::small_cf_options(o)},
      {std::string(format::kAuxCf), tuning::small_cf_options(o)}};
  auto impl = std::make_unique<Impl>();
  rocksdb::DB* raw = nullptr;
  auto s = rocksdb::DB::OpenForReadOnly(tuning::db_options(o), store_dir, cfs, &impl->handles, &raw);
  if (!s.ok()) return std::unexpected(rocks_status_error(s, "opening the store read-only"));
  impl->db.reset(raw);
  return std::unique_ptr<RawScanner>(new RawScanner(std::move(impl)));
}

Result<ScanResult> RawScanner::scan() const {
  ScanResult r;
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(tuning::scan_read_options(), impl_->handles[1]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++r.events;
    r.bytes += it->key().size() + it->value().size();
  }
  if (!it->status().ok()) return std::unexpected(rocks_status_error(it->status(), "raw scan"));
  return r;
}

}  // namespace callwatch::testkit
