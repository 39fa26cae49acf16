// EventStore: callwatch's one append-only log, on RocksDB.
//
//   auto store = EventStore::open("/var/lib/callwatch", Options{});
//   NewEvent e{"cmd-1#0", "contact-c-1", "ContactInitiated", bytes};
//   auto r = (*store)->append("contact-c-1", ExpectedVersion::no_stream(), {&e, 1});
//
// Contract:
// - append() is atomic: every event of the call (on any number of streams) lands in one
//   RocksDB WriteBatch, or none does. Events get consecutive positions in the order given.
// - Optimistic concurrency per stream (ExpectedVersion); a mismatch fails the whole call with
//   WRONG_EXPECTED_VERSION naming the expected and the actual version.
// - Idempotent: event ids are unique in the log. If every id of a call already exists the call
//   is a retry: nothing is written and the original positions come back (replayed = true).
//   If only some exist, the call fails with DUPLICATE_EVENT_ID.
// - Group commit: concurrent append() calls are combined by one leader into a single WAL
//   write (and a single fsync in Durability::Sync); each call still succeeds or fails alone.
// - Only the leader assigns positions, and last_position() (the committed head) moves only
//   after the write has landed: a reader bounded by it never skips a position in flight.
// - Thread-safe: any number of threads may append, read and subscribe.
//
// Cost model: an append writes one RocksDB key per event (the log record). Everything else is
// derived: stream heads and event ids live in the writer's memory (rebuilt by scanning the
// log on open), the stream index is written by a background thread without WAL and is
// rebuilt from the log tail after a crash. See docs/eventstore.md.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eventstore/error.h"
#include "eventstore/log_cursor.h"
#include "eventstore/options.h"
#include "eventstore/subscription.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

struct StoreImpl;

struct StoreStats {
  std::uint64_t events = 0;
  Position last_position = 0;
  std::uint64_t streams = 0;
  std::map<std::string, std::uint64_t> events_per_type;
  std::uint64_t size_on_disk_bytes = 0;
  Durability durability = Durability::Sync;
  std::uint32_t schema_version = 0;
};

class EventStore {
 public:
  // Opens (or creates) the store in `dir`. Fails, writing nothing, when `dir` holds anything
  // else (NOT_A_STORE), a store from a newer callwatch (SCHEMA_TOO_NEW), a damaged store
  // (CORRUPTION), or a store another process has open for writing (IN_USE).
  [[nodiscard]] static Result<std::unique_ptr<EventStore>> open(const std::string& dir,
                                                                const Options& options);
  // Waits for the stream index to catch up and closes. Subscriptions outliving the store get
  // CLOSED from next().
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // ---- writing
  [[nodiscard]] Result<AppendResult> append(std::span<const StreamAppend> appends,
                                            const AppendOptions& options = {});
  [[nodiscard]] Result<AppendResult> append(std::string_view stream, ExpectedVersion expected,
                                            std::span<const NewEvent> events,
                                            const AppendOptions& options = {});
  // Stores a consumer's checkpoint; `aux` entries (the consumer's own keys) are written in the
  // same atomic batch, so a consumer keeping its state here never sees one without the other.
  [[nodiscard]] Status put_checkpoint(std::string_view name, std::string_view value,
                                      std::span<const KeyValue> aux = {});
  // The checkpoints and aux keys of `options` in one atomic batch, without events: a
  // consumer whose batch produced nothing still moves its checkpoint.
  [[nodiscard]] Status put_checkpoints(const AppendOptions& options);

  // ---- reading
  // The committed head: the last position readers may see (0 for an empty log).
  [[nodiscard]] Position last_position() const;
  // The global log from position `from` (inclusive) up to the head as of this call.
  [[nodiscard]] Result<LogCursor> read_all(Position from = 1) const;
  [[nodiscard]] Result<std::vector<RecordedEvent>> read_all(Position from,
                                                            std::size_t max_count) const;
  [[nodiscard]] Result<std::optional<RecordedEvent>> read_event(Position position) const;
  // One stream. Forward: versions from, from+1, ...; Backward: from, from-1, ... (from =
  // kEndOfStream starts at the last event). At most max_count events.
  static constexpr StreamVersion kEndOfStream = ~StreamVersion{0};
  [[nodiscard]] Result<std::vector<RecordedEvent>> read_stream(std::string_view stream,
                                                               StreamVersion from,
                                                               std::size_t max_count,
                                                               Direction direction) const;
  // The stream's current version (0 if it has no events).
  [[nodiscard]] Result<StreamVersion> stream_version(std::string_view stream) const;
  // Position of the event with this id, if it was appended. Needs a writable store.
  [[nodiscard]] Result<std::optional<Position>> find_event(std::string_view event_id) const;
  // find_event for many ids at once: `out[i]` answers `event_ids[i]`. The table probes are
  // prefetched together, so a batch costs about one memory latency, not one per id.
  [[nodiscard]] Status find_events(std::span<const std::string> event_ids,
                                   std::vector<std::optional<Position>>& out) const;
  [[nodiscard]] Result<std::optional<std::string>> get_checkpoint(std::string_view name) const;
  [[nodiscard]] Result<std::optional<std::string>> get_aux(std::string_view key) const;

  // Follow the log from just after `after`: catch up from disk, then live appends.
  [[nodiscard]] std::unique_ptr<Subscription> subscribe(Position after) const;

  // ---- inspection
  [[nodiscard]] Result<StoreStats> stats() const;
  // Full consistency check: positions without gaps, stream versions without gaps, every
  // stream index entry pointing at the event with that stream and version, counters right.
  // Reads the whole store.
  [[nodiscard]] Status verify() const;

  [[nodiscard]] Durability durability() const;
  [[nodiscard]] const std::string& path() const;
  [[nodiscard]] bool read_only() const;

 private:
  friend struct StoreTestAccess;  // testing/store_access.h: hooks for tests and benchmarks only
  explicit EventStore(std::shared_ptr<StoreImpl> impl);
  std::shared_ptr<StoreImpl> impl_;
};

}  // namespace callwatch::eventstore
