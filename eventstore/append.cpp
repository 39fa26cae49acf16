// The write path: validation, group commit, the single writer.
//
// LevelDB's scheme: callers queue up; the one at the front is the leader, takes everyone
// queued behind it (up to kMaxGroupEvents), validates each request against the in-memory
// stream heads and ids, writes one WriteBatch, publishes the new head and wakes the others.
// Only the leader touches the writer state, so positions are assigned by exactly one thread.
#include <fmt/format.h>


#include "eventstore/event_store.h"
#include "eventstore/format.h"
#include "eventstore/store_impl.h"

namespace callwatch::eventstore {

namespace {

constexpr std::size_t kMaxGroupEvents = 16384;

const NewEvent& event_at(const PendingAppend& w, std::size_t index) {
  for (const StreamAppend& sa : w.appends) {
    if (index < sa.events.size()) return sa.events[index];
    index -= sa.events.size();
  }
  return w.appends.back().events.back();
}

[[nodiscard]] Status validate(std::span<const StreamAppend> appends, std::size_t& count) {
  count = 0;
  for (const StreamAppend& sa : appends) {
    if (sa.events.empty())
      return store_error(StoreErrorCode::InvalidArgument,
                         fmt::format("append to stream '{}' has no events", sa.stream));
    for (const NewEvent& e : sa.events) {
      if (e.event_id.empty() || e.stream.empty() || e.type.empty())
        return store_error(StoreErrorCode::InvalidArgument,
                           "every event needs a non-empty event id, stream and type");
      if (e.event_id.size() > kMaxNameBytes || e.stream.size() > kMaxNameBytes ||
          e.type.size() > kMaxNameBytes)
        return store_error(StoreErrorCode::InvalidArgument,
                           fmt::format("event id, stream and type are limited to {} bytes",
                                       kMaxNameBytes));
      if (e.stream != sa.stream)
        return store_error(StoreErrorCode::InvalidArgument,
                           fmt::format("event '{}' names stream '{}' inside an append to '{}'",
                                       e.event_id, e.stream, sa.stream));
      ++count;
    }
  }
  if (count == 0)
    return store_error(StoreErrorCode::InvalidArgument, "an append needs at least one event");
  return {};
}

}  // namespace

Result<AppendResult> EventStore::append(std::span<const StreamAppend> appends,
                                        const AppendOptions& options) {
  if (impl_->options.read_only)
    return store_error(StoreErrorCode::ReadOnly, fmt::format("store {} is open read-only", impl_->path));
  return impl_->append(appends, options);
}

Result<AppendResult> EventStore::append(std::string_view stream, ExpectedVersion expected,
                                        std::span<const NewEvent> events,
                                        const AppendOptions& options) {
  StreamAppend sa{std::string(stream), expected, events};
  return append(std::span<const StreamAppend>(&sa, 1), options);
}

Result<AppendResult> StoreImpl::append(std::span<const StreamAppend> appends,
                                       const AppendOptions& opts) {
  std::size_t count = 0;
  if (auto s = validate(appends, count); !s) return std::unexpected(s.error());
  if (closing.load()) return store_error(StoreErrorCode::Closed, "the store is closing");

  PendingAppend w;
  w.appends = appends;
  w.options = &opts;
  w.event_count = count;
  std::unique_lock l(write_mu);
  writers.push_back(&w);
  while (!w.done && &w != writers.front()) w.cv.wait(l);
  if (w.done) return std::move(*w.result);

  // Leader: take the queue (up to a bound) and commit it with the queue unlocked, so that
  // new callers can line up for the next group meanwhile.
  group.clear();
  std::size_t events = 0;
  for (PendingAppend* p : writers) {
    if (!group.empty() && events + p->event_count > kMaxGroupEvents) break;
    group.push_back(p);
    events += p->event_count;
  }
  l.unlock();
  commit_group(group);
  l.lock();
  for (PendingAppend* p : group) {
    writers.pop_front();
    if (p != &w) {
      p->done = true;
      p->cv.notify_one();
    }
  }
  if (!writers.empty()) writers.front()->cv.notify_one();
  return std::move(*w.result);
}

void StoreImpl::commit_group(std::span<PendingAppend*> requests) {
  auto fail_all = [&](const StoreError& e) {
    for (PendingAppend* p : requests)
      if (!p->result) p->result = std::unexpected(e);
  };
  if (write_failure) return fail_all(*write_failure);
  if (auto s = indexer->status(); !s) return fail_all(s.error());

  // Back-pressure: bound how far the derived index may trail the log. If the indexer failed
  // while we waited, this batch fails as every later one will. If it is alive but still
  // behind after ten minutes (a disk that slow), the batch is written anyway: the log is the
  // truth and reads wait for the index themselves; refusing would turn a slow disk into
  // refused commands.
  Position h = head.load(std::memory_order_relaxed);
  if (h > indexer->indexed() + options.max_index_lag &&
      !indexer->wait_indexed(h - options.max_index_lag, std::chrono::minutes(10))) {
    if (auto s = indexer->status(); !s) return fail_all(s.error());
  }

  std::lock_guard state_lock(state_mu);
  batch.Clear();
  index_batch.clear();
  group_ids.clear();
  const Position first = h + 1;
  Position next = first;
  bool staged = false;
  for (PendingAppend* p : requests) staged |= stage(*p, first, next);
  if (!staged) return;

  auto s = db->Write(write_options, &batch);
  if (!s.ok()) {
    // The in-memory heads and ids already include this group: the store cannot go on.
    write_failure = rocks_status_error(s, fmt::format("appending to store {}", path));
    for (PendingAppend* p : requests)
      if (p->result && p->result->has_value() && !(*p->result)->replayed)
        p->result = std::unexpected(*write_failure);
    return;
  }
  publish(next - 1);
  indexer->submit(index_batch, next - 1);
}

namespace {

// Stages one request of a group, phase by phase; each check sets the request's result and
// returns false when the request does not go ahead (an error, or a retry's replay).
class Stager {
 public:
  Stager(StoreImpl& store, PendingAppend& w, Position group_first)
      : s_(store), w_(w), x_(store.stage_scratch), group_first_(group_first), n_(w.event_count) {}

  bool run(Position& next) {
    hash_and_prefetch();
    if (!ids_unique_within_request() || !ids_new() || !versions_expected() || !types_fit())
      return false;
    write(next);
    return true;
  }

 private:
  bool fail(StoreError e) {
    w_.result = std::unexpected(std::move(e));
    return false;
  }

  // 1. Hash every id and prefetch its slot: the table is far bigger than the caches, and
  // overlapping the misses of a whole request is what keeps idempotency cheap.
  void hash_and_prefetch() {
    x_.hashes.clear();
    x_.part_hashes.clear();
    for (const StreamAppend& sa : w_.appends) {
      x_.part_hashes.push_back(StreamHeads::hash(sa.stream));
      s_.heads.prefetch(x_.part_hashes.back());
      for (const NewEvent& e : sa.events) {
        x_.hashes.push_back(hash_id(e.event_id));
        s_.ids.prefetch(x_.hashes.back());
      }
    }
  }

  // 2. Two events of one request with the same id can never both be stored.
  bool ids_unique_within_request() {
    if (n_ < 2) return true;
    std::size_t size = 16;
    while (size < 2 * n_) size *= 2;
    x_.dedupe.assign(size, {0, 0});
    std::size_t i = 0;
    for (const StreamAppend& sa : w_.appends)
      for (const NewEvent& e : sa.events) {
        std::uint64_t h = x_.hashes[i] | 1;  // never 0: 0 marks an empty slot
        for (std::size_t slot = h & (size - 1);; slot = (slot + 1) & (size - 1)) {
          auto& [hash, index] = x_.dedupe[slot];
          if (hash == 0) {
            x_.dedupe[slot] = {h, static_cast<std::uint32_t>(i)};
            break;
          }
          if (hash == h && event_at(w_, index).event_id == e.event_id)
            return fail({StoreErrorCode::InvalidArgument,
                         fmt::format("event id '{}' appears twice in one append", e.event_id)});
        }
        ++i;
      }
    return true;
  }

  // 3. Idempotency: all ids known -> a retry, replayed with the original positions; some ->
  // refused; none -> a new append.
  bool ids_new() {
    x_.found.clear();
    std::size_t known = 0;
    const std::string* first_known = nullptr;
    std::size_t i = 0;
    for (const StreamAppend& sa : w_.appends)
      for (const NewEvent& e : sa.events) {
        auto f = s_.find_id(e.event_id, x_.hashes[i++], group_first_);
        if (!f) return fail(f.error());
        x_.found.push_back(f->value_or(0));
        if (*f && known++ == 0) first_known = &e.event_id;
      }
    if (known == 0) return true;
    if (known == n_) {
      w_.result = AppendResult{x_.found, true};
      return false;
    }
    return fail({StoreErrorCode::DuplicateEventId,
                 fmt::format("event id '{}' already exists, but {} of the {} events of this "
                             "append are new: not a retry of one append",
                             *first_known, n_ - known, n_)});
  }

  // 4. Optimistic concurrency, all parts before anything is staged. A stream new to the map
  // is added at version 0 even if the request then fails: that is what "no stream" means.
  bool versions_expected() {
    const std::uint64_t serial = ++s_.request_serial;
    x_.part_heads.clear();
    s_.heads.reserve_more(w_.appends.size());  // no growth below: the slot pointers stay valid
    for (std::size_t part = 0; part < w_.appends.size(); ++part) {
      const StreamAppend& sa = w_.appends[part];
      StreamHeads::Slot& h = s_.heads.get_or_add(sa.stream, x_.part_hashes[part]);
      if (h.stamp != serial) {  // the part's first mention in this request
        h.stamp = serial;
        h.staged = h.version;
      }
      if (!sa.expected.accepts(h.staged))
        return fail({StoreErrorCode::WrongExpectedVersion,
                     fmt::format("stream '{}': expected {}, but the stream is at version {}",
                                 sa.stream, sa.expected.describe(), h.staged)});
      h.staged += sa.events.size();
      x_.part_heads.push_back(&h);
    }
    return true;
  }

  bool types_fit() {
    if (s_.types.remaining() >= n_) return true;
    return fail({StoreErrorCode::InvalidArgument,
                 fmt::format("the store holds {} distinct event types, its limit",
                             TypeDictionary::kMaxTypes - 1)});
  }

  // 5. Records, ids, heads, the index hand-off, checkpoints. Nothing here fails.
  void write(Position& next) {
    AppendResult result;
    result.positions.reserve(n_);
    std::size_t i = 0;
    for (std::size_t part = 0; part < w_.appends.size(); ++part) {
      const StreamAppend& sa = w_.appends[part];
      StreamVersion& version = x_.part_heads[part]->version;
      Indexer::add_part(s_.index_batch, sa.stream, version + 1, next, sa.events.size());
      for (const NewEvent& e : sa.events) {
        std::uint32_t type = s_.types.code(e.type, s_.batch, s_.meta_cf);
        char header[format::kMaxRecordHeader];
        std::size_t header_size =
            format::put_record_header(header, ++version, e.event_id, e.stream, type);
        format::PositionKey key(next);
        rocksdb::Slice key_part(key.bytes, 8);
        rocksdb::Slice value_parts[2] = {rocksdb::Slice(header, header_size), e.data};
        s_.batch.Put(s_.log_cf, rocksdb::SliceParts(&key_part, 1),
                     rocksdb::SliceParts(value_parts, 2));
        Indexer::add_type(s_.index_batch, type);
        s_.ids.insert(x_.hashes[i++], next);
        s_.group_ids.push_back(e.event_id);
        result.positions.push_back(next++);
      }
    }
    for (const KeyValue& kv : w_.options->checkpoints)
      s_.batch.Put(s_.checkpoints_cf, kv.key, kv.value);
    for (const KeyValue& kv : w_.options->aux) s_.batch.Put(s_.aux_cf, kv.key, kv.value);
    w_.result = std::move(result);
  }

  StoreImpl& s_;
  PendingAppend& w_;
  StoreImpl::StageScratch& x_;
  const Position group_first_;
  const std::size_t n_;
};

}  // namespace

bool StoreImpl::stage(PendingAppend& w, Position group_first, Position& next) {
  return Stager(*this, w, group_first).run(next);
}

Result<std::optional<Position>> StoreImpl::find_id(std::string_view id, std::uint64_t hash,
                                                   Position group_first) const {
  if (!ids.contains(hash)) return std::optional<Position>{};  // the common case: a new id
  std::optional<Position> hit;
  std::optional<StoreError> error;
  ids.find(hash, [&](Position p) {
    if (p >= group_first) {  // staged earlier in this group: compare in memory
      if (group_ids[p - group_first] != id) return false;
      hit = p;
      return true;
    }
    format::PositionKey key(p);
    rocksdb::PinnableSlice value;
    auto s = db->Get(rocksdb::ReadOptions(), log_cf, rocksdb::Slice(key.bytes, 8), &value);
    RecordedEventView e;
    if (!s.ok() || !format::decode_record(std::string_view(value.data(), value.size()), e, types)) {
      error = s.ok() ? StoreError{StoreErrorCode::Corruption,
                                  fmt::format("damaged record at position {}", p)}
                     : rocks_status_error(s, "reading the log");
      return true;
    }
    if (e.event_id != id) return false;  // a hash collision, not the same id
    hit = p;
    return true;
  });
  if (error) return std::unexpected(*error);
  return hit;
}

void StoreImpl::publish(Position new_head) {
  {
    std::lock_guard l(head_mu);
    head.store(new_head, std::memory_order_release);
  }
  head_cv.notify_all();
}

Result<std::optional<Position>> EventStore::find_event(std::string_view event_id) const {
  if (impl_->options.read_only)
    return store_error(StoreErrorCode::ReadOnly, "find_event needs a store open for writing");
  std::lock_guard l(impl_->state_mu);
  return impl_->find_id(event_id, hash_id(event_id), impl_->head.load() + 1);
}

Status EventStore::find_events(std::span<const std::string> event_ids,
                               std::vector<std::optional<Position>>& out) const {
  if (impl_->options.read_only)
    return store_error(StoreErrorCode::ReadOnly, "find_events needs a store open for writing");
  std::vector<std::uint64_t> hashes(event_ids.size());
  for (std::size_t i = 0; i < event_ids.size(); ++i) hashes[i] = hash_id(event_ids[i]);
  out.assign(event_ids.size(), std::nullopt);
  std::lock_guard l(impl_->state_mu);
  for (std::uint64_t h : hashes) impl_->ids.prefetch(h);
  const Position after = impl_->head.load() + 1;
  for (std::size_t i = 0; i < event_ids.size(); ++i) {
    auto f = impl_->find_id(event_ids[i], hashes[i], after);
    if (!f) return std::unexpected(f.error());
    out[i] = *f;
  }
  return {};
}

Status EventStore::put_checkpoint(std::string_view name, std::string_view value,
                                  std::span<const KeyValue> aux) {
  if (impl_->options.read_only)
    return store_error(StoreErrorCode::ReadOnly, fmt::format("store {} is open read-only", impl_->path));
  rocksdb::WriteBatch wb;
  wb.Put(impl_->checkpoints_cf, name, value);
  for (const KeyValue& kv : aux) wb.Put(impl_->aux_cf, kv.key, kv.value);
  auto s = impl_->db->Write(impl_->write_options, &wb);
  if (!s.ok()) return std::unexpected(rocks_status_error(s, "writing a checkpoint"));
  return {};
}

Status EventStore::put_checkpoints(const AppendOptions& options) {
  if (impl_->options.read_only)
    return store_error(StoreErrorCode::ReadOnly, fmt::format("store {} is open read-only", impl_->path));
  rocksdb::WriteBatch wb;
  for (const KeyValue& kv : options.checkpoints) wb.Put(impl_->checkpoints_cf, kv.key, kv.value);
  for (const KeyValue& kv : options.aux) wb.Put(impl_->aux_cf, kv.key, kv.value);
  auto s = impl_->db->Write(impl_->write_options, &wb);
  if (!s.ok()) return std::unexpected(rocks_status_error(s, "writing checkpoints"));
  return {};
}

std::vector<StreamAppend> parts_in_order(std::span<const NewEvent> events) {
  std::vector<StreamAppend> parts;
  for (std::size_t b = 0; b < events.size();) {
    std::size_t e = b + 1;
    while (e < events.size() && events[e].stream == events[b].stream) ++e;
    parts.push_back({events[b].stream, ExpectedVersion::any(), events.subspan(b, e - b)});
    b = e;
  }
  return parts;
}

}  // namespace callwatch::eventstore
