// Replay of a realistic log into every projection, against a raw RocksDB scan of the same
// log in the same run.
//
//   BM_RawRocksDbScan        plain RocksDB iteration over the store's "log" column family
//                            (testing/raw_baseline.h: the store's own options), every key
//                            and value touched: the ceiling for any replay.
//   BM_ReplayAllProjections  the log read by a LogPrefetcher thread; Cap'n Proto decode
//                            (EventReader) + the fold into every read model
//                            (agents, queues, conversations, permissions) + the session audit
//                            trail records: what `callwatch rebuild` and `replay --speed max` do.
//   BM_ReplaySingleThread    the same on one thread (no LogPrefetcher): reading and folding add up.
//   BM_DecodeOnly            LogCursor + codec::decode_event, no fold: where the time goes.
//   BM_FastDecodeOnly        LogCursor + EventReader (the same reader as decode_event, into one
//                            kept Event: the replay's decoder), no fold.
//   BM_CursorOnly            LogCursor alone.
//   BM_FoldOnly              the fold alone over events decoded in advance (a 1M-event slice).
// Counters: vs_raw (replay rate / raw rate, measured in this run), bytes_per_user and
// bytes_per_contact_slot after the replay (the memory budget: 2 KiB and 512 B).
//
// The log is written once by a deterministic workload (testing/day_workload.h: a
// contact center of 150 agents and 15 supervisors), through domain decide(), into a real store,
// and kept for the next run:
//   build/bin/projections_bench --events=10000000 [--log_dir=DIR] [--regenerate]
// Default: 1,000,000 events in <tmp>/callwatch-projections-bench-<events>.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "codec/event_codec.h"
#include "domain/decide.h"
#include "domain/evolve.h"
#include "eventstore/event_store.h"
#include "testing/raw_baseline.h"
#include "projections/event_reader.h"
#include "projections/log_prefetch.h"
#include "projections/model.h"
#include "projections/sessions.h"
#include "projections/state_db.h"
#include "testing/day_workload.h"
#include "testing/clock.h"

namespace callwatch::projections {
namespace {

std::uint64_t g_events = 1'000'000;
std::string g_dir;
bool g_regenerate = false;
double g_raw_rate = 0;

// Writes decided events into the store in batches; the Workload's host.
class Writer {
 public:
  explicit Writer(eventstore::EventStore& store) : store_(store) {
    for (const auto& e : instance_genesis(clock_)) push(e);
  }
  Decision run(CommandBody body) {
    Decision d = decide(state_, Command{std::move(body), clock_, {}});
    if (d)
      for (const auto& e : *d) push(e);
    return d;
  }
  void after(Duration d) { clock_ += d; }
  [[nodiscard]] const State& state() const { return state_; }
  [[nodiscard]] std::uint64_t written() const { return written_ + batch_.size(); }
  bool flush() {
    if (batch_.empty()) return true;
    auto r = store_.append(eventstore::parts_in_order(batch_));
    if (!r) {
      fmt::print(stderr, "append failed: {}\n", r.error().message);
      return false;
    }
    written_ += batch_.size();
    batch_.clear();
    return true;
  }

 private:
  void push(const Event& e) {
    evolve(state_, e);
    codec::Envelope env{fmt::format("e-{}", ++next_id_), stream_of(e.body), e};
    batch_.push_back({env.event_id, env.stream, std::string(type_name(e.body)), codec::encode_event(env)});
    if (batch_.size() >= 1024) (void)flush();
  }

  eventstore::EventStore& store_;
  State state_;
  Timestamp clock_ = testkit::kEpoch;
  std::vector<eventstore::NewEvent> batch_;
  std::uint64_t written_ = 0;
  std::uint64_t next_id_ = 0;
};

bool generate(const std::string& dir, std::uint64_t n) {
  std::filesystem::remove_all(dir);
  eventstore::Options o;
  o.durability = eventstore::Durability::Wal;
  auto store = eventstore::EventStore::open(dir, o);
  if (!store) {
    fmt::print(stderr, "cannot create {}: {}\n", dir, store.error().message);
    return false;
  }
  const auto t0 = std::chrono::steady_clock::now();
  Writer w(**store);
  testkit::DayWorkload<Writer> load(w, testkit::DayWorkloadOptions{150, 15, 2026, 80, 1.0});
  load.setup();
  std::uint64_t report = 1'000'000;
  while (w.written() < n) {
    load.step();
    if (w.written() >= report) {
      fmt::print(stderr, "  {} events written\n", w.written());
      report += 1'000'000;
    }
  }
  if (!w.flush()) return false;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "generated {} events ({} contacts) in {:.1f} s into {}\n", (*store)->last_position(),
             load.contacts_started(), s, dir);
  return true;
}

struct Fixture {
  std::unique_ptr<eventstore::EventStore> store;
  std::unique_ptr<testkit::RawScanner> raw;
};

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    bool have = false;
    if (!g_regenerate && std::filesystem::exists(g_dir + "/CURRENT")) {
      eventstore::Options o;
      o.read_only = true;
      o.create_if_missing = false;
      auto s = eventstore::EventStore::open(g_dir, o);
      have = s && (*s)->last_position() >= g_events;
      if (have) {  // and readable by this build (an older store format is not)
        auto c = (*s)->read_all(1);
        have = c && c->valid() && c->status() && codec::decode_event(c->event().data).has_value();
      }
      if (have) fmt::print(stderr, "reusing the {}-event log in {}\n", (*s)->last_position(), g_dir);
    }
    if (!have && !generate(g_dir, g_events)) std::exit(1);
    eventstore::Options o;
    o.read_only = true;
    o.create_if_missing = false;
    auto s = eventstore::EventStore::open(g_dir, o);
    if (!s) {
      fmt::print(stderr, "cannot open {}: {}\n", g_dir, s.error().message);
      std::exit(1);
    }
    x.store = std::move(*s);
    auto r = testkit::RawScanner::open(g_dir);
    if (!r) {
      fmt::print(stderr, "cannot open {} raw: {}\n", g_dir, r.error().message);
      std::exit(1);
    }
    x.raw = std::move(*r);
    return x;
  }();
  return f;
}

double rate(const benchmark::State& state, std::uint64_t items, double seconds) {
  (void)state;
  return seconds > 0 ? static_cast<double>(items) / seconds : 0;
}

void BM_RawRocksDbScan(benchmark::State& state) {
  auto& f = fixture();
  std::uint64_t n = 0;
  double seconds = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = f.raw->scan();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!r) return state.SkipWithError(r.error().message.c_str());
    n += r->events;
    benchmark::DoNotOptimize(r->bytes);
  }
  g_raw_rate = rate(state, n, seconds);
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
}

// What a replay feeds: every read model and the session audit trail, record by record.
struct Replay {
  ReadModel model;
  PendingRecords trail;
  SessionAudit audit{trail};
  EventReader reader;
  std::uint64_t n = 0, skipped = 0;

  Replay() { model.set_session_observer(&audit); }
  void feed(Position position, std::string_view bytes) {
    auto event = reader.read(bytes);
    if (!event) {
      ++skipped;
      return;
    }
    model.apply(position, **event);
    ++n;
  }
};

// Runs `once` per iteration (it feeds every record of the log to the Replay and answers the
// reader thread's CPU time), then reports the counters both replay benchmarks share.
template <class Once>
void run_replay(benchmark::State& state, Once once) {
  std::uint64_t n = 0, skipped = 0;
  std::chrono::nanoseconds reader_cpu{0};
  double seconds = 0;
  MemoryUsage memory;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    Replay r;
    const Result<std::chrono::nanoseconds> cpu = once(r);
    if (!cpu) return state.SkipWithError(cpu.error().message.c_str());
    reader_cpu += *cpu;
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    n += r.n;
    skipped += r.skipped;
    memory = r.model.memory_usage();
    state.counters["trail_bytes"] = static_cast<double>(r.trail.bytes());
  }
  const double replay_rate = rate(state, n, seconds);
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
  state.counters["skipped"] = static_cast<double>(skipped);
  if (g_raw_rate > 0) state.counters["vs_raw"] = replay_rate / g_raw_rate;
  // Thread CPU per event (the CPU column is the folding thread's): what the rate would be
  // bounded by on an idle machine, whatever else is running now.
  if (n > 0 && reader_cpu.count() > 0)
    state.counters["reader_cpu_ns_per_event"] = static_cast<double>(reader_cpu.count()) / static_cast<double>(n);
  state.counters["bytes_per_user"] = memory.users ? static_cast<double>(memory.user_bytes) / memory.users : 0;
  state.counters["bytes_per_contact_slot"] =
      memory.contact_slots ? static_cast<double>(memory.contact_bytes) / memory.contact_slots : 0;
  state.counters["contact_slots"] = static_cast<double>(memory.contact_slots);
  state.counters["users"] = static_cast<double>(memory.users);
}

void BM_ReplayAllProjections(benchmark::State& state) {
  auto& f = fixture();
  run_replay(state, [&](Replay& r) -> Result<std::chrono::nanoseconds> {
    LogPrefetcher log(*f.store, 1);
    while (const LogChunk* c = log.next())
      for (std::size_t i = 0; i < c->size(); ++i) r.feed(c->position(i), c->data(i));
    if (auto st = log.status(); !st) return std::unexpected(st.error());
    return log.reader_cpu();
  });
}

void BM_ReplaySingleThread(benchmark::State& state) {
  auto& f = fixture();
  run_replay(state, [&](Replay& r) -> Result<std::chrono::nanoseconds> {
    auto c = f.store->read_all(1);
    if (!c) return std::unexpected(c.error());
    for (; c->valid(); c->next()) r.feed(c->event().position, c->event().data);
    if (auto st = c->status(); !st) return std::unexpected(st.error());
    return std::chrono::nanoseconds{0};  // no reader thread
  });
}

// Calls `on_record` with every record of the log, the whole log once per iteration.
template <class F>
void over_log(benchmark::State& state, F on_record) {
  auto& f = fixture();
  std::uint64_t n = 0;
  for (auto _ : state) {
    auto c = f.store->read_all(1);
    if (!c) return state.SkipWithError(c.error().message.c_str());
    for (; c->valid(); c->next(), ++n) on_record(c->event().data);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
}

void BM_DecodeOnly(benchmark::State& state) {
  over_log(state, [](std::string_view record) {
    auto env = codec::decode_event(record);
    benchmark::DoNotOptimize(env);
  });
}

void BM_FastDecodeOnly(benchmark::State& state) {
  EventReader reader;
  over_log(state, [&](std::string_view record) {
    auto e = reader.read(record);
    benchmark::DoNotOptimize(e);
  });
  state.counters["refused"] = static_cast<double>(reader.delegated());
}

void BM_CursorOnly(benchmark::State& state) {
  std::uint64_t bytes = 0;
  over_log(state, [&](std::string_view record) { bytes += record.size(); });
  benchmark::DoNotOptimize(bytes);
}

void BM_FoldOnly(benchmark::State& state) {
  auto& f = fixture();
  std::vector<std::pair<Position, Event>> events;
  {
    auto c = f.store->read_all(1);
    for (; c && c->valid() && events.size() < 1'000'000; c->next())
      if (auto env = codec::decode_event(c->event().data)) events.emplace_back(c->event().position, env->event);
  }
  std::uint64_t n = 0;
  for (auto _ : state) {
    ReadModel model;
    PendingRecords trail;
    SessionAudit audit(trail);
    model.set_session_observer(&audit);
    for (const auto& [p, e] : events) model.apply(p, e);
    n += events.size();
    benchmark::DoNotOptimize(model.live_contacts());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
}

BENCHMARK(BM_RawRocksDbScan)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_ReplayAllProjections)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_ReplaySingleThread)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_DecodeOnly)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_FastDecodeOnly)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_CursorOnly)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_FoldOnly)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace
}  // namespace callwatch::projections

int main(int argc, char** argv) {
  using namespace callwatch::projections;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a.starts_with("--events=")) g_events = std::strtoull(argv[i] + 9, nullptr, 10);
    else if (a.starts_with("--log_dir=")) g_dir = std::string(a.substr(10));
    else if (a == "--regenerate") g_regenerate = true;
    else rest.push_back(argv[i]);
  }
  if (g_dir.empty())
    g_dir = (std::filesystem::temp_directory_path() / fmt::format("callwatch-projections-bench-{}", g_events)).string();
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 1;
  (void)fixture();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
