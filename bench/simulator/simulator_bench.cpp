// Simulator throughput: contacts simulated per wall second.
//
//   build/bin/simulator_bench --benchmark_counters_tabular=true
//
// Two paths, reported separately (see docs/simulator.md, "Speed"):
//   ModelOnly  the queueing model alone: arrivals, routing, supervisors, statistics; no
//              commands are built (what `simulate --model-only` runs).
//   InMemory   every command built and decided by the real decide(), events evolved into
//              State (what `simulate --no-store` runs).
// Baseline (same run): BM_BaselineCalendar, the event calendar alone doing the three
// push/pop pairs a contact costs at least (arrival, end, wrap-up) on a 16-event heap; the
// model's cost per contact is read against it.
#include <benchmark/benchmark.h>

#include <string>

#include "simulator/calendar.h"
#include "simulator/scenario_file.h"
#include "simulator/simulator.h"

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

void run(benchmark::State& state, const Scenario& s, bool domain) {
  std::uint64_t contacts = 0, commands = 0, events = 0;
  for (auto _ : state) {
    InMemorySink sink(s.start);
    RunOptions o;
    if (domain) o.sink = &sink;
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
BENCHMARK(BM_BaselineCalendar);

// The stationary model: one voice queue, 200 calls/h, AHT 180 s, 14 agents.
void BM_Stationary14AgentsModelOnly(benchmark::State& state) {
  run(state, stationary(14, 200, 5000), false);
}
BENCHMARK(BM_Stationary14AgentsModelOnly)->Unit(benchmark::kMillisecond);

void BM_Stationary14AgentsInMemory(benchmark::State& state) {
  run(state, stationary(14, 200, 500), true);
}
BENCHMARK(BM_Stationary14AgentsInMemory)->Unit(benchmark::kMillisecond);

// A large stationary queue: 1,000 agents at 95%, with 60 supervisors.
void BM_Stationary1000AgentsModelOnly(benchmark::State& state) {
  run(state, stationary(1000, 19000, 50, 60), false);
}
BENCHMARK(BM_Stationary1000AgentsModelOnly)->Unit(benchmark::kMillisecond);

void BM_Stationary1000AgentsInMemory(benchmark::State& state) {
  run(state, stationary(1000, 19000, 5, 60), true);
}
BENCHMARK(BM_Stationary1000AgentsInMemory)->Unit(benchmark::kMillisecond);

void BM_RetailDayInMemory(benchmark::State& state) { run(state, example("retail-day.yaml"), true); }
BENCHMARK(BM_RetailDayInMemory)->Unit(benchmark::kMillisecond);

void BM_MultiSiteDayModelOnly(benchmark::State& state) { run(state, example("multi-site-day.yaml"), false); }
BENCHMARK(BM_MultiSiteDayModelOnly)->Unit(benchmark::kMillisecond);

void BM_MultiSiteDayInMemory(benchmark::State& state) { run(state, example("multi-site-day.yaml"), true); }
BENCHMARK(BM_MultiSiteDayInMemory)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace callwatch::sim

BENCHMARK_MAIN();
