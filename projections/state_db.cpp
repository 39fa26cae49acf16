#include "projections/state_db.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "projections/bytes.h"

namespace callwatch::projections {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kFormatKey = "format";
constexpr std::string_view kFormatValue = "callwatch-projections 1";
constexpr std::string_view kCheckpointKey = "checkpoint";
constexpr std::string_view kSnapshotKey = "snapshot";
constexpr std::string_view kSessionsCf = "sessions";

rocksdb::Slice slice(std::string_view s) { return {s.data(), s.size()}; }
std::string_view view(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

rocksdb::DBOptions db_options(bool writable) {
  rocksdb::DBOptions o;
  o.create_if_missing = writable;
  o.create_missing_column_families = writable;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.keep_log_file_num = 2;
  return o;
}

std::vector<rocksdb::ColumnFamilyDescriptor> families() {
  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = 16 << 20;
  return {{rocksdb::kDefaultColumnFamilyName, cf}, {std::string(kSessionsCf), cf}};
}

struct Record {
  std::string_view key, value;
};

}  // namespace

// ---- pending records: a RocksDB WriteBatch used as a flat, append-only buffer ------------

PendingRecords::PendingRecords() : batch_(std::make_unique<rocksdb::WriteBatch>()) {}
PendingRecords::~PendingRecords() = default;

void PendingRecords::put(std::string_view key, std::string_view value) {
  ignore_error(batch_->Put(slice(key), slice(value)),
               "a WriteBatch without max_bytes never refuses");
}
bool PendingRecords::empty() const { return batch_->Count() == 0; }
std::size_t PendingRecords::bytes() const { return batch_->GetDataSize(); }
void PendingRecords::clear() { batch_->Clear(); }

void PendingRecords::for_each(const std::function<void(std::string_view, std::string_view)>& f) const {
  struct Each final : rocksdb::WriteBatch::Handler {
    const std::function<void(std::string_view, std::string_view)>& f;
    explicit Each(const std::function<void(std::string_view, std::string_view)>& fn) : f(fn) {}
    rocksdb::Status PutCF(std::uint32_t, const rocksdb::Slice& k, const rocksdb::Slice& v) override {
      f(view(k), view(v));
      return rocksdb::Status::OK();
    }
  } each(f);
  ignore_error(batch_->Iterate(&each), "the handler never fails");
}

// ---- the database ------------------------------------------------------------------------

StateDb::~StateDb() {
  if (db_) {
    for (auto* h : {meta_, sessions_})
      if (h)
        ignore_error(db_->DestroyColumnFamilyHandle(h),
                     "closing: the state was committed by its writes");
    ignore_error(db_->Close(), "closing: the state was committed by its writes");
  }
}

std::string_view to_string(StateDb::Mode m) {
  switch (m) {
    case StateDb::Mode::Writable: return "writable";
    case StateDb::Mode::ReadOnly: return "read-only";
    case StateDb::Mode::Memory: return "memory";
  }
  return "memory";
}

Result<std::unique_ptr<StateDb>> StateDb::open(const std::string& dir, bool writable) {
  std::unique_ptr<StateDb> s(new StateDb());
  s->dir_ = dir;
  std::error_code ec;
  const auto st = fs::status(dir, ec);
  const bool exists = fs::exists(st);
  if (exists && !fs::is_directory(st))
    return error(fmt::format("{} is not a projections database: it is not a directory", dir));
  // error_code overloads throughout: a directory we may not read is an error, not a throw.
  const bool has_current = exists && fs::exists(fs::path(dir) / "CURRENT", ec);
  if (exists && !fs::is_empty(dir, ec) && !has_current)
    return error(fmt::format("{} is not a projections database: it holds other files; nothing "
                             "was changed",
                             dir));
  const bool has_db = has_current;

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status;
  if (writable) {
    status = rocksdb::DB::Open(db_options(true), dir, families(), &handles, &raw);
    if (status.ok()) {
      s->mode_ = Mode::Writable;
    } else if (!status.IsIOError()) {
      // (An I/O error, such as the lock held by another process or a read-only file system,
      // falls back to reading below.)
      return error(fmt::format("projections database {} cannot be opened: {} (run `callwatch "
                               "rebuild` to recreate it)",
                               dir, status.ToString()));
    }
  }
  if (!raw && has_db) {
    status = rocksdb::DB::OpenForReadOnly(db_options(false), dir, families(), &handles, &raw);
    if (!status.ok())
      return error(fmt::format("projections database {} cannot be opened: {} (run `callwatch "
                               "rebuild` to recreate it)",
                               dir, status.ToString()));
    s->mode_ = Mode::ReadOnly;
  }
  if (!raw) return s;  // Memory: nothing on disk and nothing can be created
  s->db_.reset(raw);
  s->meta_ = handles[0];
  s->sessions_ = handles[1];

  std::string format;
  auto f = s->db_->Get(rocksdb::ReadOptions(), s->meta_, slice(kFormatKey), &format);
  if (f.IsNotFound() && s->mode_ == Mode::Writable) {
    // A new database (or one whose creation was interrupted): it must be empty.
    std::unique_ptr<rocksdb::Iterator> it(s->db_->NewIterator(rocksdb::ReadOptions(), s->meta_));
    it->SeekToFirst();
    if (it->Valid())
      return error(fmt::format("{} is a RocksDB database but not a projections database", dir));
    f = s->db_->Put(rocksdb::WriteOptions(), s->meta_, slice(kFormatKey), slice(kFormatValue));
    if (!f.ok()) return error(fmt::format("cannot initialise {}: {}", dir, f.ToString()));
  } else if (!f.ok() && !f.IsNotFound()) {
    return error(fmt::format("cannot read {}: {}", dir, f.ToString()));
  } else if (f.ok() && format != kFormatValue) {
    return error(fmt::format("{} holds '{}', not '{}': written by another callwatch version; run "
                             "`callwatch rebuild`",
                             dir, format, kFormatValue));
  }
  return s;
}

Result<std::optional<StateDb::Committed>> StateDb::load() const {
  if (!db_) return std::optional<Committed>{};
  std::string cp;
  auto s = db_->Get(rocksdb::ReadOptions(), meta_, slice(kCheckpointKey), &cp);
  if (s.IsNotFound()) return std::optional<Committed>{};
  if (!s.ok()) return error(fmt::format("cannot read the checkpoint in {}: {}", dir_, s.ToString()));
  Committed c;
  ByteReader r(cp);
  c.checkpoint = r.be64();
  if (r.failed() || !r.at_end())
    return error(fmt::format("damaged checkpoint in {}; run `callwatch rebuild`", dir_));
  s = db_->Get(rocksdb::ReadOptions(), meta_, slice(kSnapshotKey), &c.snapshot);
  if (!s.ok() && !s.IsNotFound())
    return error(fmt::format("cannot read the snapshot in {}: {}", dir_, s.ToString()));
  return std::optional<Committed>(std::move(c));
}

Status StateDb::commit(Position checkpoint, std::string_view snapshot, PendingRecords& pending) {
  if (mode_ != Mode::Writable) return {};
  rocksdb::WriteBatch batch;
  pending.for_each([&](std::string_view k, std::string_view v) {
    ignore_error(batch.Put(sessions_, slice(k), slice(v)),
                 "a WriteBatch without max_bytes never refuses");
  });
  std::string cp;
  ByteWriter(cp).be64(checkpoint);
  ignore_error(batch.Put(meta_, slice(kSnapshotKey), slice(snapshot)),
               "a WriteBatch without max_bytes never refuses");
  ignore_error(batch.Put(meta_, slice(kCheckpointKey), slice(cp)),
               "a WriteBatch without max_bytes never refuses");
  // No fsync: everything here can be folded again from the log; a commit lost to a power cut
  // only means replaying a little more after restart.
  auto s = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) return error(fmt::format("cannot commit projections to {}: {}", dir_, s.ToString()));
  pending.clear();
  return {};
}

Status StateDb::drop() {
  if (mode_ != Mode::Writable)
    return error(fmt::format("projections database {} is in use by another process (or read-only): "
                             "stop it before rebuilding",
                             dir_));
  rocksdb::WriteBatch batch;
  const std::string all(17, '\xff');  // keys are 8 or 16 bytes
  ignore_error(batch.DeleteRange(sessions_, rocksdb::Slice(), slice(all)),
               "a WriteBatch without max_bytes never refuses");
  ignore_error(batch.Delete(meta_, slice(kCheckpointKey)),
               "a WriteBatch without max_bytes never refuses");
  ignore_error(batch.Delete(meta_, slice(kSnapshotKey)),
               "a WriteBatch without max_bytes never refuses");
  rocksdb::WriteOptions wo;
  wo.sync = true;
  auto s = db_->Write(wo, &batch);
  if (!s.ok()) return error(fmt::format("cannot drop projections in {}: {}", dir_, s.ToString()));
  return {};
}

Status StateDb::scan_sessions(
    const PendingRecords& pending,
    const std::function<Status(std::string_view, std::string_view)>& f) const {
  std::vector<Record> extra;
  pending.for_each([&](std::string_view k, std::string_view v) { extra.push_back({k, v}); });
  std::stable_sort(extra.begin(), extra.end(), [](const Record& a, const Record& b) { return a.key < b.key; });
  auto e = extra.begin();
  if (db_) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), sessions_));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string_view k = view(it->key());
      for (; e != extra.end() && e->key < k; ++e)
        if (auto s = f(e->key, e->value); !s) return s;
      if (auto s = f(k, view(it->value())); !s) return s;
    }
    if (!it->status().ok())
      return error(fmt::format("cannot read sessions in {}: {}", dir_, it->status().ToString()));
  }
  for (; e != extra.end(); ++e)
    if (auto s = f(e->key, e->value); !s) return s;
  return {};
}

Status StateDb::destroy(const std::string& dir) {
  auto s = rocksdb::DestroyDB(dir, rocksdb::Options());
  if (!s.ok()) return error(fmt::format("cannot remove {}: {}", dir, s.ToString()));
  std::error_code ec;
  fs::remove(dir, ec);  // only if empty: never remove what is not ours
  return {};
}

}  // namespace callwatch::projections
