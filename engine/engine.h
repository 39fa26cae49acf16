// Engine: the single writer of callwatch.
//
//   auto engine = Engine::open({.data_dir = "/var/lib/callwatch"});
//   auto outcome = (*engine)->execute(command);   // Result<Outcome>
//   if (!outcome)        -> the store failed (disk): nothing was decided durably
//   else if (!*outcome)  -> the command was rejected (a Rejection, nothing written)
//   else                 -> the events it produced, durable per the store's mode
//
// The engine owns the decision State. On open it replays the whole log (decode + evolve); an
// empty log gets the instance's genesis events first. execute_batch() decides each command
// against the state as the earlier ones in the batch left it, then writes every accepted
// event of the batch in ONE append (one WAL write, one fsync in sync mode): group commit.
// Results come back in command order, only after the append has landed.
//
// Event ids: "<command_id>#<n>" when the command has an id, so a deterministic command stream
// writes a byte-identical log; otherwise a random 128-bit id. A command whose id was already
// executed is not decided again: its original events are returned (an idempotent retry).
// Rejected commands write nothing, so retrying one decides it again.
//
// Without a data directory the store lives in memory (RocksDB's in-memory Env): the same
// decisions, ids, reads and subscriptions, nothing on disk, gone when the engine closes.
// Thread-safe: calls are serialized on the writer mutex.
#pragma once

#include <expected>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "domain/commands.h"
#include "domain/decide.h"
#include "domain/events.h"
#include "domain/state.h"
#include "eventstore/event_store.h"

namespace callwatch::engine {

using Outcome = Decision;  // std::expected<std::vector<Event>, Rejection>

template <class T>
using Result = eventstore::Result<T>;

struct EngineOptions {
  // The store's directory; nullopt runs in memory.
  std::optional<std::string> data_dir;
  eventstore::Options store;
  // Stamps commands without `at`, and the genesis of a new instance. Default: system clock.
  std::function<Timestamp()> clock;
  // A new instance's genesis is written with the first batch executed, stamped with the
  // first command's `at` (or the clock if it has none), instead of at open with the clock.
  // Replaying a recorded day into an empty store then measures every duration in that day,
  // not against the day the replay ran. Until then last_position() is 0 and state() is a
  // new instance.
  bool genesis_at_first_command = false;
};

class Engine {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Engine>> open(EngineOptions options);

  [[nodiscard]] Result<Outcome> execute(Command command);
  [[nodiscard]] Result<std::vector<Outcome>> execute_batch(std::span<const Command> commands);
  // execute_batch into `results` (resized to one per command), reusing the event buffers
  // its outcomes hold from the previous call: for callers that execute batch after batch.
  // When it returns an error, `results` holds nothing meaningful.
  // `with`, when given, is called once the batch is decided and before it is written, with
  // the outcomes: what it puts in the AppendOptions (checkpoints and aux keys, e.g. the Kafka
  // offset the batch was consumed up to and the records it rejected) lands in the same atomic
  // write as the batch's events, or alone when the batch writes no event.
  using WithBatch = std::function<void(std::span<const Outcome>, eventstore::AppendOptions&)>;
  [[nodiscard]] eventstore::Status execute_batch_into(std::span<const Command> commands,
                                                      std::vector<Outcome>& results,
                                                      const WithBatch& with = {});

  // The decision state. Not synchronized: only while no execute runs (single-threaded
  // callers, tests). Concurrent readers use with_state().
  [[nodiscard]] const State& state() const { return state_; }
  template <class F>
  auto with_state(F&& f) const {
    std::lock_guard l(mu_);
    return f(state_);
  }

  // The store (in memory without a data directory). Subscribe to it to follow the engine.
  [[nodiscard]] eventstore::EventStore* store() const { return store_.get(); }
  [[nodiscard]] eventstore::Position last_position() const;
  [[nodiscard]] bool in_memory() const { return !options_.data_dir; }

 private:
  explicit Engine(EngineOptions options);
  [[nodiscard]] eventstore::Status replay_or_create();
  [[nodiscard]] eventstore::Status write_genesis(Timestamp at);
  // The events of `command_id`, whose first event is at `first`.
  [[nodiscard]] Result<std::optional<std::vector<Event>>> events_from(const std::string& command_id,
                                                                      eventstore::Position first);
  [[nodiscard]] std::string fresh_command_key();
  [[nodiscard]] Timestamp now() const;

  EngineOptions options_;
  std::unique_ptr<eventstore::EventStore> store_;
  mutable std::mutex mu_;
  State state_;
  std::optional<eventstore::StoreError> failed_;
  bool genesis_pending_ = false;  // genesis_at_first_command, and nothing executed yet
  std::vector<eventstore::NewEvent> records_;  // execute_batch's, reused from batch to batch
  std::vector<std::string> probe_ids_;                          // execute_batch's, reused
  std::vector<std::optional<eventstore::Position>> probe_found_;  // execute_batch's, reused
  eventstore::AppendOptions with_;  // execute_batch_into's, filled by its caller's WithBatch
  std::mt19937_64 rng_;
};

// The event ids a command's events get: "<command_id>#<n>".
[[nodiscard]] std::string event_id(std::string_view command_key, std::size_t n);
void event_id_into(std::string_view command_key, std::size_t n, std::string& out);

}  // namespace callwatch::engine
