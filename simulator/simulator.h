// callwatch's contact-center simulator: the entry point.
//
//   auto scenario = sim::load_scenario("examples/retail-day.yaml");   // scenario_file.h
//   sim::InMemorySink sink(scenario->start);                           // command_sink.h
//   sim::RunOptions options;
//   options.sink = &sink;
//   auto report = sim::simulate(*scenario, options);                   // report.h
//
// simulate() runs a discrete-event model of the scenario on a simulated clock and submits
// every command it issues (set-up, routing, contact handling, supervision) to the sink, so
// the real decide() path accepts or refuses them. Without a sink it runs the model alone
// ("model only"): the same contacts, waits and sessions, no commands built; the fast path
// for load figures and statistical validation.
//
// Determinism: the same scenario and seed give the same commands, hence the same log, byte
// for byte (Report::log_digest), on any platform: randomness is counter-based and keyed by
// stable identity (rng.h), samplers are inversions over deterministic elementary functions
// (detmath.h), and simultaneous events run in scheduling order (calendar.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>

#include "simulator/command_sink.h"
#include "simulator/report.h"
#include "simulator/scenario.h"

namespace callwatch::sim {

struct Progress {
  Timestamp sim_time{};
  double done = 0;  // share of the scenario's horizon simulated
  std::uint64_t contacts = 0;
  std::uint64_t commands = 0;
  std::uint64_t model_events = 0;
  double wall_seconds = 0;
  double commands_per_second = 0;
};

struct RunOptions {
  CommandSink* sink = nullptr;  // null: model only
  // Commands per submit_all() call; the engine writes batches faster. Commands the model
  // expects to be refused are always submitted alone.
  std::size_t batch = 1;
  // Submit batches on a second thread while the model runs ahead (use with batch > 1).
  // The same log and the same report; faster when the sink is slow (the store).
  bool background_writer = false;
  // 0: as fast as possible. Otherwise simulated seconds per wall second (1: real time),
  // so a live dashboard or a Kafka consumer sees the load arrive as it would.
  double speed = 0;
  std::function<void(const Progress&)> on_progress;  // called about every progress_every
  std::chrono::milliseconds progress_every{500};
};

// Runs `scenario`. Fails if the scenario is invalid (validate()) or the sink failed (a
// store error; rejections are not failures, they are counted in the report).
[[nodiscard]] Result<Report> simulate(const Scenario& scenario,
                                                          const RunOptions& options = {});

}  // namespace callwatch::sim
