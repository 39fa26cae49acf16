// Simulator throughput: contacts simulated per wall second.
//
//   build/bin/simulator_bench --benchmark_counters_tabular=true
//
// Two paths, reported separately (see docs/simulator.md, "Speed"):
//   ModelOnly  the queueing model alone: arrivals, routing, supervisors, statistics; no
//              commands are built (what `simulate --model-only` runs).
//   InMemory   every command built and decided by the real decide(), events evolved into
//              State (what `simulate --no-store` runs).
// Rates are per wall-clock second (UseRealTime): on a shared machine they fall with its load.
// Baseline (same run): BM_BaselineCalendar, the event calendar alone doing the three
// push/pop pairs a contact costs at least (arrival, end, wrap-up) on a 16-event heap; the
// model's cost per contact is read against it.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "simulator/calendar.h"
#include "simulator/scenario_file.h"
#include "simulator/simulator.h"
#ifdef CALLWATCH_SIMULATOR_HAS_ENGINE
#include "engine/engine.h"
#include "engine/records.h"
#include "eventstore/event_store.h"
#include "simulator/engine_sink.h"
#endif

namespace callwatch::sim {
namespace {

Scenario stationary(int agents, double per_hour, double hours, int supervisors = 0) {
  StationaryParams p;
  p.agents = agents;
  p.arrivals_per_hour = per_hour;
  p.hours = hours;
  p.supervisors = supervisors;
  return *stationary_scenario(p);
}

Scenario example(const char* name) {
  return *load_scenario(std::string(CALLWATCH_SOURCE_DIR) + "/examples/" + name);
}

void report(benchmark::State& state, std::uint64_t contacts, std::uint64_t commands, std::uint64_t events) {
  state.counters["contacts/s"] = benchmark::Counter(static_cast<double>(contacts), benchmark::Counter::kIsRate);
  state.counters["commands/s"] = benchmark::Counter(static_cast<double>(commands), benchmark::Counter::kIsRate);
  if (events > 0)
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void run(benchmark::State& state, const Scenario& s, bool domain, bool background = false) {
  std::uint64_t contacts = 0, commands = 0, events = 0;
  for (auto _ : state) {
    InMemorySink sink(s.start);
    RunOptions o;
    if (domain) o.sink = &sink;
    if (background) {
      o.batch = 256;
      o.background_writer = true;
    }
    const Report r = *simulate(s, o);
    contacts += r.contacts_offered;
    commands += r.commands;
    events += r.events.value_or(0);
    benchmark::DoNotOptimize(r.service_level);
  }
  report(state, contacts, commands, events);
}

void BM_BaselineCalendar(benchmark::State& state) {
  Calendar cal;
  std::int64_t t = 0;
  for (std::uint32_t i = 0; i < 16; ++i) cal.push(t + i * 1000, 0, i);
  std::uint64_t contacts = 0;
  for (auto _ : state) {
    for (int k = 0; k < 3; ++k) {
      const CalendarEvent e = cal.pop();
      cal.push(e.at + 16'000 + (e.seq * 7919) % 5000, 0, e.target);
    }
    ++contacts;
  }
  state.counters["contacts/s"] = benchmark::Counter(static_cast<double>(contacts), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaselineCalendar)->UseRealTime();

// The stationary model: one voice queue, 200 calls/h, AHT 180 s, 14 agents.
void BM_Stationary14AgentsModelOnly(benchmark::State& state) {
  run(state, stationary(14, 200, 5000), false);
}
BENCHMARK(BM_Stationary14AgentsModelOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Stationary14AgentsInMemory(benchmark::State& state) {
  run(state, stationary(14, 200, 500), true);
}
BENCHMARK(BM_Stationary14AgentsInMemory)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same with the decisions on a second thread (what `simulate --no-store` runs).
void BM_Stationary14AgentsInMemoryTwoThreads(benchmark::State& state) {
  run(state, stationary(14, 200, 500), true, true);
}
BENCHMARK(BM_Stationary14AgentsInMemoryTwoThreads)->Unit(benchmark::kMillisecond)->UseRealTime();

// A large stationary queue: 1,000 agents at 95%, with 60 supervisors.
void BM_Stationary1000AgentsModelOnly(benchmark::State& state) {
  run(state, stationary(1000, 19000, 50, 60), false);
}
BENCHMARK(BM_Stationary1000AgentsModelOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Stationary1000AgentsInMemory(benchmark::State& state) {
  run(state, stationary(1000, 19000, 5, 60), true);
}
BENCHMARK(BM_Stationary1000AgentsInMemory)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RetailDayInMemory(benchmark::State& state) { run(state, example("retail-day.yaml"), true); }
BENCHMARK(BM_RetailDayInMemory)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MultiSiteDayModelOnly(benchmark::State& state) { run(state, example("multi-site-day.yaml"), false); }
BENCHMARK(BM_MultiSiteDayModelOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MultiSiteDayInMemory(benchmark::State& state) { run(state, example("multi-site-day.yaml"), true); }
BENCHMARK(BM_MultiSiteDayInMemory)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

#ifdef CALLWATCH_SIMULATOR_HAS_ENGINE
// The simulator must not be the bottleneck when it writes to the RocksDB store. In the same
// run, on fresh stores with the same options:
//   store   the retail day's events, pre-encoded, appended straight to the event store in
//           batches of the size the engine sink writes (the store's own append rate);
//   engine  the same commands, pre-built, executed by the engine in the same batches
//           (decide, evolve, encode, append): what any client of the engine gets;
//   end2end `simulate --data`: model, commands, engine, with the background writer.
// ratio = end2end / store (the target is >= 0.7); vs_engine = end2end / engine shows what
// the simulator itself costs on top of the engine.
class RecordingSink final : public CommandSink {
 public:
  explicit RecordingSink(Timestamp genesis) : inner_(genesis) {}
  Decision submit(const Command& c) override {
    commands.push_back(c);
    Decision d = inner_.submit(c);
    if (d)
      for (std::size_t n = 0; n < d->size(); ++n)
        records.push_back(engine::to_new_event(engine::event_id(c.command_id, n), (*d)[n]));
    return d;
  }
  std::string_view name() const override { return "recording"; }
  std::vector<eventstore::NewEvent> records;
  std::vector<Command> commands;

 private:
  InMemorySink inner_;
};

std::filesystem::path fresh_dir() {
  static int n = 0;
  auto dir = std::filesystem::temp_directory_path() /
             ("callwatch-simbench-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(dir);
  return dir;
}

void BM_RetailDayStoreRatio(benchmark::State& state) {
  const Scenario s = example("retail-day.yaml");
  const std::size_t batch = static_cast<std::size_t>(state.range(0));
  eventstore::Options options;
  options.durability = state.range(1) ? eventstore::Durability::Sync : eventstore::Durability::Wal;
  RecordingSink recorder(s.start);
  RunOptions record;
  record.sink = &recorder;
  const Report reference = *simulate(s, record);
  const double events_per_command = static_cast<double>(*reference.events) / static_cast<double>(reference.commands);
  const auto per_append = static_cast<std::size_t>(static_cast<double>(batch) * events_per_command);
  double store_seconds = 0, engine_seconds = 0, sim_seconds = 0, events = 0;
  for (auto _ : state) {
    {  // the store alone
      const auto dir = fresh_dir();
      auto store = eventstore::EventStore::open(dir.string(), options);
      if (!store) return state.SkipWithError(store.error().message.c_str());
      const auto t0 = std::chrono::steady_clock::now();
      for (std::size_t i = 0; i < recorder.records.size(); i += per_append) {
        const std::span<const eventstore::NewEvent> part(
            recorder.records.data() + i, std::min(per_append, recorder.records.size() - i));
        auto r = (*store)->append(eventstore::parts_in_order(part));
        if (!r) return state.SkipWithError(r.error().message.c_str());
      }
      store_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      store->reset();
      std::filesystem::remove_all(dir);
    }
    {  // the engine alone
      const auto dir = fresh_dir();
      engine::EngineOptions eo;
      eo.data_dir = dir.string();
      eo.store = options;
      eo.clock = [&] { return s.start; };
      auto e = engine::Engine::open(std::move(eo));
      if (!e) return state.SkipWithError(e.error().message.c_str());
      const auto t0 = std::chrono::steady_clock::now();
      for (std::size_t i = 0; i < recorder.commands.size(); i += batch) {
        const std::span<const Command> part(recorder.commands.data() + i,
                                            std::min(batch, recorder.commands.size() - i));
        auto r = (*e)->execute_batch(part);
        if (!r) return state.SkipWithError(r.error().message.c_str());
      }
      engine_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      e->reset();
      std::filesystem::remove_all(dir);
    }
    {  // simulate --data
      const auto dir = fresh_dir();
      auto sink = EngineSink::open(dir.string(), s.start, options);
      if (!sink) return state.SkipWithError(sink.error().c_str());
      RunOptions o;
      o.sink = sink->get();
      o.batch = batch;
      o.background_writer = true;  // as `simulate --data` runs
      const auto t0 = std::chrono::steady_clock::now();
      const Report r = *simulate(s, o);
      sim_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      events += static_cast<double>(*r.events);
      sink->reset();
      std::filesystem::remove_all(dir);
    }
  }
  const double store_rate = static_cast<double>(recorder.records.size()) * static_cast<double>(state.iterations()) / store_seconds;
  const double engine_rate = static_cast<double>(recorder.records.size()) * static_cast<double>(state.iterations()) / engine_seconds;
  const double sim_rate = events / sim_seconds;
  state.counters["store_events/s"] = store_rate;
  state.counters["engine_events/s"] = engine_rate;
  state.counters["simulate_events/s"] = sim_rate;
  state.counters["ratio"] = sim_rate / store_rate;
  state.counters["vs_engine"] = sim_rate / engine_rate;
}
// Args: batch (commands per append), durability (1 sync: fsync per append; 0 wal).
BENCHMARK(BM_RetailDayStoreRatio)
    ->Args({256, 1})
    ->Args({256, 0})
    ->Args({1024, 0})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5)
    ->UseRealTime();
#endif

}  // namespace
}  // namespace callwatch::sim

BENCHMARK_MAIN();
