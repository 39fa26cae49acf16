// The read side: the global log, single events, streams, checkpoints.
#include <fmt/format.h>

#include <algorithm>

#include "eventstore/event_store.h"
#include "eventstore/format.h"
#include "eventstore/store_impl.h"
#include "eventstore/tuning.h"

namespace callwatch::eventstore {

// ---- LogCursor

LogCursor::LogCursor(std::shared_ptr<const StoreImpl> store, Position from, Position end)
    : store_(std::move(store)), end_(end), expected_(std::max<Position>(from, 1)) {
  if (expected_ > end_) return;
  // No iterate_upper_bound: the iterator's implicit snapshot already hides later writes, and
  // load() stops at end_ itself, which saves RocksDB a key comparison per step.
  it_.reset(store_->db->NewIterator(tuning::scan_read_options(), store_->log_cf));
  format::PositionKey key(expected_);
  it_->Seek(rocksdb::Slice(key.bytes, 8));
  load();
}

LogCursor::LogCursor(LogCursor&&) noexcept = default;
LogCursor& LogCursor::operator=(LogCursor&&) noexcept = default;
LogCursor::~LogCursor() = default;

void LogCursor::next() {
  if (!valid_) return;
  it_->Next();
  load();
}

void LogCursor::load() {
  valid_ = false;
  if (expected_ > end_) return;
  if (!it_->Valid()) {
    if (!it_->status().ok())
      status_ = std::unexpected(rocks_status_error(it_->status(), "reading the log"));
    else if (expected_ <= end_)
      status_ = store_error(StoreErrorCode::Corruption,
                            fmt::format("the log ends at position {}, before the head {}",
                                        expected_ - 1, end_));
    return;
  }
  rocksdb::Slice k = it_->key();
  Position p = k.size() == 8 ? format::get_be64(k.data()) : 0;
  if (p != expected_) {
    status_ = store_error(StoreErrorCode::Corruption,
                          fmt::format("the log has a gap: position {} is missing", expected_));
    return;
  }
  rocksdb::Slice v = it_->value();
  if (!format::decode_record(std::string_view(v.data(), v.size()), event_, store_->types)) {
    status_ = store_error(StoreErrorCode::Corruption,
                          fmt::format("damaged record at position {}", p));
    return;
  }
  event_.position = p;
  ++expected_;
  valid_ = true;
}

// ---- StoreImpl helpers

Result<LogCursor> StoreImpl::cursor(Position from) const {
  return LogCursor(shared_from_this(), from, head.load(std::memory_order_acquire));
}

Result<std::optional<RecordedEvent>> StoreImpl::get(Position position) const {
  if (position == 0 || position > head.load(std::memory_order_acquire))
    return std::optional<RecordedEvent>{};
  format::PositionKey key(position);
  rocksdb::PinnableSlice value;
  auto s = db->Get(rocksdb::ReadOptions(), log_cf, rocksdb::Slice(key.bytes, 8), &value);
  if (s.IsNotFound())
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("position {} is missing from the log", position));
  if (!s.ok()) return std::unexpected(rocks_status_error(s, "reading the log"));
  RecordedEventView v;
  if (!format::decode_record(std::string_view(value.data(), value.size()), v, types))
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("damaged record at position {}", position));
  v.position = position;
  return std::optional<RecordedEvent>(RecordedEvent(v));
}

Position StoreImpl::indexed_position() const {
  return indexer ? indexer->indexed() : readonly_index.indexed;
}

namespace {

// A reader right after an append finds the index a moment behind; this long it waits for it.
// Past that the log tail covers the gap, so the wait only ever changes speed, not answers.
constexpr auto kIndexGrace = std::chrono::seconds(5);

// The stream index's runs for one stream: key = prefix + BE64 first version, value = the
// positions of consecutive versions.
class IndexRuns {
 public:
  IndexRuns(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* cf, std::string_view stream)
      : stream_(stream), prefix_(format::stream_prefix(stream)), upper_(prefix_) {
    upper_.append(9, '\xff');  // after prefix + any BE64 version
    lower_slice_ = rocksdb::Slice(prefix_);
    upper_slice_ = rocksdb::Slice(upper_);
    rocksdb::ReadOptions ro;
    ro.iterate_lower_bound = &lower_slice_;
    ro.iterate_upper_bound = &upper_slice_;
    it_.reset(db.NewIterator(ro, cf));
  }

  // Calls visit(first_version, positions) for each run from the one holding `from`, in
  // `direction`, until visit returns false or the runs end.
  template <class Visit>
  [[nodiscard]] Status walk(StreamVersion from, Direction direction, Visit&& visit) {
    const bool forward = direction == Direction::Forward;
    it_->SeekForPrev(prefix_ + format::be64_string(std::min<StreamVersion>(from, ~0ull >> 1)));
    if (forward && !it_->Valid()) it_->SeekToFirst();
    for (; it_->Valid(); forward ? it_->Next() : it_->Prev()) {
      rocksdb::Slice k = it_->key();
      run_.clear();
      if (k.size() != prefix_.size() + 8 ||
          !decode_run(std::string_view(it_->value().data(), it_->value().size()), run_))
        return store_error(StoreErrorCode::Corruption,
                           fmt::format("damaged stream index entry for '{}'", stream_));
      if (!visit(format::get_be64(k.data() + prefix_.size()), run_)) break;
    }
    if (!it_->status().ok())
      return std::unexpected(rocks_status_error(it_->status(), "reading the index"));
    return {};
  }

 private:
  std::string_view stream_;
  std::string prefix_, upper_;
  rocksdb::Slice lower_slice_, upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
  std::vector<Position> run_;
};

}  // namespace

Status StoreImpl::stream_positions(std::string_view stream, StreamVersion from, std::size_t max,
                                   Direction direction, std::vector<Position>& out) const {
  const Position h = head.load(std::memory_order_acquire);
  if (indexer) ignore_error(indexer->wait_indexed(h, kIndexGrace), "speed only: see above");
  const Position indexed = std::min(indexed_position(), h);

  // The part of the log the index does not cover yet (empty unless the indexer lags).
  std::vector<std::pair<StreamVersion, Position>> tail;
  if (indexed < h) {
    auto c = cursor(indexed + 1);
    if (!c) return std::unexpected(c.error());
    for (; c->valid() && c->event().position <= h; c->next())
      if (c->event().stream == stream) tail.emplace_back(c->event().stream_version, c->event().position);
    if (!c->status()) return c->status();
  }

  // Versions from `from` on (forward) or down from it (backward): the indexed runs, then the
  // tail after them; backward, the tail comes first.
  const bool forward = direction == Direction::Forward;
  auto wanted = [&](StreamVersion v) { return forward ? v >= from : v <= from; };
  auto take_tail = [&](auto begin, auto end) {
    for (auto t = begin; t != end && out.size() < max; ++t)
      if (wanted(t->first)) out.push_back(t->second);
  };
  if (!forward) take_tail(tail.rbegin(), tail.rend());
  IndexRuns runs(*db, index_cf, stream);
  auto s = runs.walk(from, direction, [&](StreamVersion first, const std::vector<Position>& run) {
    for (std::size_t k = 0; k < run.size() && out.size() < max; ++k) {
      const std::size_t i = forward ? k : run.size() - 1 - k;
      if (wanted(first + i) && run[i] <= indexed) out.push_back(run[i]);
    }
    return out.size() < max;
  });
  if (!s) return s;
  if (forward) take_tail(tail.begin(), tail.end());
  return {};
}

// ---- EventStore reads

Result<LogCursor> EventStore::read_all(Position from) const { return impl_->cursor(from); }

Result<std::vector<RecordedEvent>> EventStore::read_all(Position from, std::size_t max) const {
  auto c = impl_->cursor(from);
  if (!c) return std::unexpected(c.error());
  std::vector<RecordedEvent> out;
  for (; c->valid() && out.size() < max; c->next()) out.emplace_back(c->event());
  if (!c->status()) return std::unexpected(c->status().error());
  return out;
}

Result<std::optional<RecordedEvent>> EventStore::read_event(Position position) const {
  return impl_->get(position);
}

Result<std::vector<RecordedEvent>> EventStore::read_stream(std::string_view stream,
                                                           StreamVersion from, std::size_t max,
                                                           Direction direction) const {
  std::vector<Position> positions;
  if (auto s = impl_->stream_positions(stream, from, max, direction, positions); !s)
    return std::unexpected(s.error());
  std::vector<RecordedEvent> out;
  out.reserve(positions.size());
  for (Position p : positions) {
    auto e = impl_->get(p);
    if (!e) return std::unexpected(e.error());
    if (!*e || (*e)->stream != stream)
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("stream index of '{}' points at position {}, which is not "
                                     "one of its events",
                                     stream, p));
    out.push_back(std::move(**e));
  }
  return out;
}

Result<StreamVersion> EventStore::stream_version(std::string_view stream) const {
  if (!impl_->options.read_only) {
    std::lock_guard l(impl_->state_mu);
    const StreamHeads::Slot* h = impl_->heads.find(stream);
    return h ? h->version : 0;
  }
  auto last = read_stream(stream, kEndOfStream, 1, Direction::Backward);
  if (!last) return std::unexpected(last.error());
  return last->empty() ? 0 : last->front().stream_version;
}

namespace {
[[nodiscard]] Result<std::optional<std::string>> get_key(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                                           std::string_view key) {
  std::string v;
  auto s = db->Get(rocksdb::ReadOptions(), cf, key, &v);
  if (s.IsNotFound()) return std::optional<std::string>{};
  if (!s.ok()) return std::unexpected(rocks_status_error(s, "reading a checkpoint"));
  return std::optional<std::string>(std::move(v));
}
}  // namespace

Result<std::optional<std::string>> EventStore::get_checkpoint(std::string_view name) const {
  return get_key(impl_->db.get(), impl_->checkpoints_cf, name);
}

Result<std::optional<std::string>> EventStore::get_aux(std::string_view key) const {
  return get_key(impl_->db.get(), impl_->aux_cf, key);
}

std::unique_ptr<Subscription> EventStore::subscribe(Position after) const {
  return std::make_unique<Subscription>(impl_, after);
}

}  // namespace callwatch::eventstore
