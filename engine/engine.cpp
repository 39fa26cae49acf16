#include "engine/engine.h"

#include <fmt/format.h>

#include <absl/container/flat_hash_map.h>

#include <chrono>

#include "domain/evolve.h"
#include "engine/records.h"

namespace callwatch::engine {

namespace es = eventstore;

namespace {

constexpr std::string_view kGenesisKey = "genesis";
constexpr const char* kMemoryStorePath = "/callwatch-in-memory";  // a name inside the memory Env

Timestamp system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

es::StoreError engine_error(es::StoreErrorCode code, std::string message) {
  return es::StoreError{code, std::move(message)};
}

}  // namespace

std::string event_id(std::string_view command_key, std::size_t n) {
  std::string out;
  event_id_into(command_key, n, out);
  return out;
}

void event_id_into(std::string_view command_key, std::size_t n, std::string& out) {
  const fmt::format_int digits(n);
  out.assign(command_key);
  out.push_back('#');
  out.append(digits.data(), digits.size());
}

Engine::Engine(EngineOptions options) : options_(std::move(options)), rng_(std::random_device{}()) {
  if (!options_.clock) options_.clock = system_now;
}

Timestamp Engine::now() const { return options_.clock(); }

Result<std::unique_ptr<Engine>> Engine::open(EngineOptions options) {
  std::unique_ptr<Engine> engine(new Engine(std::move(options)));
  // Without a directory the store lives in RocksDB's in-memory Env: one write path for both.
  es::Options store_options = engine->options_.store;
  if (!engine->options_.data_dir) {
    store_options.in_memory = true;
    store_options.create_if_missing = true;
    store_options.read_only = false;
    if (!store_options.durability) store_options.durability = es::Durability::Wal;  // no disk to sync
  }
  auto store = es::EventStore::open(engine->options_.data_dir.value_or(kMemoryStorePath), store_options);
  if (!store) return std::unexpected(store.error());
  engine->store_ = std::move(*store);
  if (auto s = engine->replay_or_create(); !s) return std::unexpected(s.error());
  return engine;
}

es::Status Engine::replay_or_create() {
  if (store_->last_position() > 0) {
    auto cursor = store_->read_all(1);
    if (!cursor) return std::unexpected(cursor.error());
    for (; cursor->valid(); cursor->next()) {
      auto envelope = from_record(cursor->event());
      if (!envelope) return std::unexpected(engine_error(es::StoreErrorCode::Corruption, envelope.error()));
      evolve(state_, envelope->event);
    }
    return cursor->status();
  }
  // A new instance: its genesis is the log's first events.
  if (options_.genesis_at_first_command) {
    genesis_pending_ = true;
    for (const auto& e : instance_genesis(now())) evolve(state_, e);  // readable until then
    return {};
  }
  return write_genesis(now());
}

es::Status Engine::write_genesis(Timestamp at) {
  std::vector<Event> genesis = instance_genesis(at);
  std::vector<es::NewEvent> records;
  for (std::size_t i = 0; i < genesis.size(); ++i)
    records.push_back(to_new_event(event_id(kGenesisKey, i), genesis[i]));
  std::vector<es::StreamAppend> appends;
  for (const auto& r : records)
    appends.push_back({r.stream, es::ExpectedVersion::no_stream(), {&r, 1}});
  auto r = store_->append(appends);
  if (!r) return std::unexpected(r.error());
  for (const auto& e : genesis) evolve(state_, e);
  return {};
}

es::Position Engine::last_position() const { return store_->last_position(); }

Result<Outcome> Engine::execute(Command command) {
  auto r = execute_batch(std::span<const Command>(&command, 1));
  if (!r) return std::unexpected(r.error());
  return std::move(r->front());
}

std::string Engine::fresh_command_key() {
  return fmt::format("{:016x}{:016x}", rng_(), rng_());
}

Result<std::optional<std::vector<Event>>> Engine::events_from(const std::string& command_id,
                                                              es::Position first) {
  // The command's events are consecutive: they were one part of one append.
  std::vector<Event> events;
  auto cursor = store_->read_all(first);
  if (!cursor) return std::unexpected(cursor.error());
  for (; cursor->valid(); cursor->next()) {
    if (cursor->event().event_id != event_id(command_id, events.size())) break;
    auto envelope = from_record(cursor->event());
    if (!envelope) return std::unexpected(engine_error(es::StoreErrorCode::Corruption, envelope.error()));
    events.push_back(std::move(envelope->event));
  }
  if (!cursor->status()) return std::unexpected(cursor->status().error());
  return std::optional<std::vector<Event>>(std::move(events));
}

Result<std::vector<Outcome>> Engine::execute_batch(std::span<const Command> commands) {
  std::vector<Outcome> results;
  if (auto s = execute_batch_into(commands, results); !s) return std::unexpected(s.error());
  return results;
}

es::Status Engine::execute_batch_into(std::span<const Command> commands, std::vector<Outcome>& results,
                                      const WithBatch& with) {
  std::lock_guard l(mu_);
  if (failed_) return std::unexpected(*failed_);

  if (genesis_pending_ && !commands.empty()) {
    state_ = State{};
    auto written = write_genesis(commands.front().at.value_or(now()));
    if (!written) {
      failed_ = written.error();
      return std::unexpected(written.error());
    }
    genesis_pending_ = false;
  }

  // Each result's event buffer from the caller's previous batch is reused (decide_into).
  results.resize(commands.size());
  // Records are reused from batch to batch: their data buffers keep their capacity.
  std::vector<es::NewEvent>& records = records_;
  std::size_t used = 0;
  std::vector<std::pair<std::size_t, std::size_t>> aliases;  // (result, earlier result)
  absl::flat_hash_map<std::string_view, std::size_t> batch_ids;
  batch_ids.reserve(commands.size());

  // Which of the batch's commands ran before: the store looks up all their first event ids
  // at once (one memory latency for the batch, not one per command).
  std::size_t with_id = 0;
  for (const Command& c : commands) {
    if (c.command_id.empty()) continue;
    if (with_id == probe_ids_.size()) probe_ids_.emplace_back();
    event_id_into(c.command_id, 0, probe_ids_[with_id++]);
  }
  if (auto s = store_->find_events(std::span(probe_ids_.data(), with_id), probe_found_); !s)
    return std::unexpected(s.error());
  std::size_t probe = 0;

  for (std::size_t i = 0; i < commands.size(); ++i) {
    const Command& original = commands[i];
    if (!original.command_id.empty()) {
      const es::Position ran_at = probe_found_[probe++].value_or(0);  // 0: never ran
      if (auto it = batch_ids.find(original.command_id); it != batch_ids.end()) {
        aliases.emplace_back(i, it->second);  // filled below
        continue;
      }
      if (ran_at > 0) {  // an idempotent retry: its original events
        auto before = events_from(original.command_id, ran_at);
        if (!before) return std::unexpected(before.error());
        results[i] = std::move(**before);
        continue;
      }
    }
    Outcome& d = results[i];
    if (!d) d.emplace();
    std::expected<void, Rejection> decided;
    if (original.at) {
      decided = decide_into(state_, original, *d);
    } else {
      Command stamped = original;
      stamped.at = now();
      decided = decide_into(state_, stamped, *d);
    }
    if (!decided) d = std::unexpected(std::move(decided.error()));
    if (d && !d->empty()) {
      std::string fresh;
      if (original.command_id.empty()) fresh = fresh_command_key();
      const std::string_view key = original.command_id.empty() ? std::string_view(fresh) : original.command_id;
      for (std::size_t n = 0; n < d->size(); ++n) {
        evolve(state_, (*d)[n]);
        if (used == records.size()) records.emplace_back();
        es::NewEvent& record = records[used++];
        event_id_into(key, n, record.event_id);  // in place: the record's strings keep their capacity
        to_new_event((*d)[n], record);
      }
      if (!original.command_id.empty()) batch_ids.emplace(original.command_id, i);
    }
  }

  for (auto [i, j] : aliases) results[i] = results[j];
  es::AppendOptions& extra = with_;
  extra.checkpoints.clear();
  extra.aux.clear();
  if (with) with(std::span<const Outcome>(results.data(), commands.size()), extra);

  if (used > 0) {
    // One append for the whole batch; consecutive events of one stream share a part, so the
    // log keeps the exact order decide() produced.
    auto r = store_->append(es::parts_in_order(std::span(records.data(), used)), extra);
    if (!r) {
      // The state already holds this batch: refuse everything until reopened.
      failed_ = r.error();
      return std::unexpected(r.error());
    }
  } else if (!extra.empty()) {
    if (auto s = store_->put_checkpoints(extra); !s) {
      failed_ = s.error();
      return std::unexpected(s.error());
    }
  }
  return {};
}

}  // namespace callwatch::engine
