#include "eventstore/indexer.h"

#include <fmt/format.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <unordered_map>

#include "eventstore/format.h"

namespace callwatch::eventstore {

namespace {

// The indexer defers its work while the writer is busy: its RocksDB writes would queue with the
// writer's in RocksDB's write thread, and its CPU would compete on small machines (measured:
// an eager indexer costs appends about a fifth of their speed). It indexes once no commit
// came for kIdle, when the backlog reaches its threshold, or at once when someone needs the
// index (wait_indexed: stream reads, stats, close). Big batches also mean long runs (fewer
// keys).
constexpr auto kIdle = std::chrono::milliseconds(10);

StoreError rocks_error(const rocksdb::Status& s, std::string_view what) {
  return StoreError{s.IsCorruption() ? StoreErrorCode::Corruption : StoreErrorCode::IoError,
                    fmt::format("{}: {}", what, s.ToString())};
}

struct Run {
  StreamVersion first = 0;
  std::uint64_t count = 0;
  Position first_position = 0;
  Position last_position = 0;
  std::string deltas;
};

}  // namespace

bool decode_run(std::string_view value, std::vector<Position>& positions) {
  std::uint64_t count = 0;
  std::uint64_t p = 0;
  if (!format::get_varint(value, count) || !format::get_varint(value, p) || count == 0)
    return false;
  positions.push_back(p);
  for (std::uint64_t i = 1; i < count; ++i) {
    std::uint64_t d = 0;
    if (!format::get_varint(value, d) || d == 0) return false;
    p += d;
    positions.push_back(p);
  }
  return value.empty();
}

Result<IndexCounters> Indexer::load(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
  IndexCounters c;
  std::string v;
  auto s = db->Get(rocksdb::ReadOptions(), cf, format::kIndexedKey, &v);
  if (s.ok() && v.size() == 8) c.indexed = format::get_be64(v.data());
  else if (!s.IsNotFound()) return std::unexpected(rocks_error(s, "reading the index checkpoint"));
  s = db->Get(rocksdb::ReadOptions(), cf, format::kStreamsKey, &v);
  if (s.ok() && v.size() == 8) c.streams = format::get_be64(v.data());
  else if (!s.IsNotFound()) return std::unexpected(rocks_error(s, "reading the stream count"));
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf));
  std::string prefix(1, format::kTypePrefix);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (it->value().size() != 8)
      return store_error(StoreErrorCode::Corruption, "damaged type counter in the index");
    c.types.emplace(it->key().ToString().substr(1), format::get_be64(it->value().data()));
  }
  if (!it->status().ok()) return std::unexpected(rocks_error(it->status(), "reading the index"));
  return c;
}

Status Indexer::load() {
  auto c = load(db_, cf_);
  if (!c) return std::unexpected(c.error());
  indexed_.store(c->indexed, std::memory_order_release);
  std::lock_guard l(counters_mu_);
  streams_ = c->streams;
  types_ = std::move(c->types);
  return {};
}

Status Indexer::wipe() {
  rocksdb::WriteOptions wo;
  wo.disableWAL = true;
  auto s = db_->DeleteRange(wo, cf_, rocksdb::Slice("", 0), rocksdb::Slice("\xff", 1));
  if (!s.ok()) return std::unexpected(rocks_error(s, "wiping the stream index"));
  indexed_.store(0, std::memory_order_release);
  std::lock_guard l(counters_mu_);
  streams_ = 0;
  types_.clear();
  return {};
}

void Indexer::add_part(std::string& batch, std::string_view stream, StreamVersion first_version,
                       Position first_position, std::size_t count) {
  char buffer[4 * 10 + kMaxNameBytes];
  char* p = format::encode_varint(buffer, stream.size());
  std::memcpy(p, stream.data(), stream.size());
  p = format::encode_varint(p + stream.size(), first_version);
  p = format::encode_varint(p, first_position);
  p = format::encode_varint(p, count);
  batch.append(buffer, static_cast<std::size_t>(p - buffer));
}

void Indexer::add_type(std::string& batch, std::uint32_t type_code) {
  if (type_code < 0x80) batch.push_back(static_cast<char>(type_code));
  else format::put_varint(batch, type_code);
}

Status Indexer::index_now(std::string_view batch, Position last) {
  if (batch.empty()) return {};
  std::unordered_map<std::string_view, Run> runs;
  auto damaged = [] { return store_error(StoreErrorCode::Corruption, "indexer: damaged hand-off"); };
  while (!batch.empty()) {
    std::string_view stream;
    std::uint64_t version = 0, position = 0, count = 0;
    if (!format::get_field(batch, stream) || !format::get_varint(batch, version) ||
        !format::get_varint(batch, position) || !format::get_varint(batch, count) || count == 0)
      return damaged();
    Run& r = runs[stream];
    if (r.count == 0) {
      r.first = version;
      r.first_position = position;
    } else {
      if (version != r.first + r.count || position <= r.last_position)
        return store_error(StoreErrorCode::Corruption,
                           fmt::format("indexer: stream '{}' version {} out of order at position {}",
                                       stream, version, position));
      format::put_varint(r.deltas, position - r.last_position);
    }
    r.deltas.append(count - 1, '\x01');  // the part's positions are consecutive
    r.last_position = position + count - 1;
    r.count += count;
    for (std::uint64_t k = 0; k < count; ++k) {
      std::uint64_t code = 0;
      if (!format::get_varint(batch, code) || code >= TypeDictionary::kMaxTypes) return damaged();
      if (code >= code_counts_.size()) code_counts_.resize(code + 1, 0);
      ++code_counts_[code];
    }
  }

  rocksdb::WriteBatch wb;
  std::string value;
  std::uint64_t new_streams = 0;
  for (const auto& [stream, r] : runs) {
    value.clear();
    format::put_varint(value, r.count);
    format::put_varint(value, r.first_position);
    value.append(r.deltas);
    wb.Put(cf_, format::run_key(stream, r.first), value);
    if (r.first == 1) ++new_streams;
  }
  {
    std::lock_guard l(counters_mu_);
    streams_ += new_streams;
    wb.Put(cf_, format::kStreamsKey, format::be64_string(streams_));
    for (std::size_t code = 0; code < code_counts_.size(); ++code) {
      if (code_counts_[code] == 0) continue;
      const std::string* type = types_dict_->name(code);
      if (type == nullptr)
        return store_error(StoreErrorCode::Corruption, fmt::format("indexer: unknown type code {}", code));
      auto it = types_.find(*type);
      if (it == types_.end()) it = types_.emplace(*type, 0).first;
      it->second += code_counts_[code];
      code_counts_[code] = 0;
      wb.Put(cf_, std::string(1, format::kTypePrefix) + it->first, format::be64_string(it->second));
    }
  }
  wb.Put(cf_, format::kIndexedKey, format::be64_string(last));
  rocksdb::WriteOptions wo;
  wo.disableWAL = true;
  auto s = db_->Write(wo, &wb);
  if (!s.ok()) return std::unexpected(rocks_error(s, "writing the stream index"));
  indexed_.store(last, std::memory_order_release);
  return {};
}

void Indexer::start() {
  {
    std::lock_guard l(mu_);
    running_ = true;
    pending_last_ = indexed();
  }
  thread_ = std::thread([this] { run(); });
}

void Indexer::submit(std::string& batch, Position last) {
  bool wake = false;
  {
    std::lock_guard l(mu_);
    // Wake the thread only when it sleeps on an empty queue or the backlog just got big: a
    // wake-up per append costs the writer a context switch per append.
    const bool was_empty = pending_.empty();
    if (was_empty) pending_.swap(batch);
    else pending_.append(batch);
    const bool was_below = backlog() < backlog_threshold_;
    pending_last_ = last;
    ++submissions_;
    wake = was_empty || (was_below && backlog() >= backlog_threshold_);
  }
  batch.clear();
  if (wake) work_cv_.notify_one();
}

void Indexer::stop() {
  {
    std::lock_guard l(mu_);
    if (!running_) return;
    stopping_ = true;
  }
  work_cv_.notify_one();
  thread_.join();
}

void Indexer::run() {
  std::unique_lock l(mu_);
  for (;;) {
    work_cv_.wait(l, [&] { return stopping_ || urgent_ || !pending_.empty(); });
    if (pending_.empty()) {
      if (stopping_) break;
      urgent_ = false;
      done_cv_.notify_all();
      continue;
    }
    // Defer while commits keep coming (see kIdle).
    while (!urgent_ && !stopping_ && backlog() < backlog_threshold_) {
      const std::uint64_t seen = submissions_;
      work_cv_.wait_for(l, kIdle, [&] {
        return stopping_ || urgent_ || backlog() >= backlog_threshold_;
      });
      if (submissions_ == seen) break;  // the writer paused
    }
    std::string work;
    work.swap(pending_);
    Position last = pending_last_;
    urgent_ = false;
    l.unlock();
    Status s = failed_ ? Status{} : index_now(work, last);
    l.lock();
    if (!s) failed_ = s.error();
    done_cv_.notify_all();
  }
  running_ = false;
  done_cv_.notify_all();
}

bool Indexer::wait_indexed(Position position, std::chrono::milliseconds timeout) {
  if (indexed() >= position) return true;
  std::unique_lock l(mu_);
  urgent_ = true;
  work_cv_.notify_one();
  return done_cv_.wait_for(l, timeout, [&] {
    if (indexed() >= position || failed_ || !running_) return true;
    if (!urgent_ && !pending_.empty()) {  // keep pushing while we wait
      urgent_ = true;
      work_cv_.notify_one();
    }
    return false;
  }) && indexed() >= position;
}

IndexCounters Indexer::counters() const {
  IndexCounters c;
  c.indexed = indexed();
  std::lock_guard l(counters_mu_);
  c.streams = streams_;
  c.types = types_;
  return c;
}

Status Indexer::status() const {
  std::lock_guard l(mu_);
  if (failed_) return std::unexpected(*failed_);
  return {};
}

}  // namespace callwatch::eventstore
