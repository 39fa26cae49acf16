// `callwatch simulate`: a simulated contact center, through the real decide() path.
//
//   callwatch simulate --scenario examples/retail-day.yaml --no-store
//   callwatch simulate --agents 14 --arrivals-per-hour 200 --aht 180 --hours 1000 --json
//
// Without --scenario it runs one stationary voice queue from the flags (and prints what
// Erlang C or Erlang A predicts beside the results). Sinks: --no-store decides every command
// in memory (State + decide + evolve); --data DIR writes through the engine to the store
// in DIR; --model-only runs the queueing model alone, building no commands (the fast path:
// the same statistics, no log). --kafka B --topic T also sends what is decided to a Kafka
// topic (connectors/kafka_sink.h, docs/kafka.md). See docs/simulator.md.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app/kafka_options.h"
#include "app/subcommand.h"
#include "codec/json.h"
#include "codec/speed.h"
#include "connectors/kafka_sink.h"
#include "simulator/command_sink.h"
#include "simulator/erlang.h"
#include "simulator/scenario_file.h"
#include "simulator/simulator.h"

#if __has_include("simulator/engine_sink.h") && defined(CALLWATCH_SIMULATOR_HAS_ENGINE)
#include "simulator/engine_sink.h"
#define CALLWATCH_SIMULATE_WITH_ENGINE 1
#endif

namespace callwatch::app {
namespace {

class Simulate final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--scenario", scenario_, "Scenario file (YAML or JSON); without it, one stationary voice queue from the flags below");
    auto* data = app.add_option("--data", data_dir_, "Write through the engine into the store in DIR");
    auto* no_store = app.add_flag("--no-store", no_store_, "Decide every command in memory, store nothing (default)");
    auto* model_only = app.add_flag("--model-only", model_only_, "Run the queueing model alone: no commands, no decide (fastest)");
    data->excludes(no_store)->excludes(model_only);
    no_store->excludes(model_only);
    add_durability_option(app, "With --data: sync (fsync every write) or wal; default: the store's mode (sync for a new store)");
    app.add_option("--kafka", kafka_brokers_, "Also send the decided load to Kafka at these bootstrap servers (needs --topic)");
    app.add_option("--topic", kafka_topic_, "With --kafka: the topic");
    app.add_option("--format", kafka_format_, "With --kafka: json (commands, the default) or callwatch (genesis and accepted events)");
    app.add_option("--kafka-partition", kafka_partition_, "With --kafka: the partition (one instance, one partition; default 0)");
    kafka_config_.add_to(app);
    app.add_option("--seed", seed_, "Random seed (overrides the scenario's)");
    app.add_flag("--json", json_, "Print the summary as one JSON object");
    app.add_option("--speed", speed_, "Pace against the wall clock: max (default), realtime or Nx (e.g. 60x)");
    app.add_flag("--quiet", quiet_, "No progress line on the terminal");
    app.add_option("--batch", batch_, "Commands per submission (default: 1024 with --data, 256 with --threads 2, else 1)")->check(CLI::Range(1, 100000));
    app.add_option("--threads", threads_, "1: decide on the simulating thread; 2: on a second thread while the model runs ahead (default: 2 with --data, else 1)")->check(CLI::Range(1, 2));
    // The stationary model.
    app.add_option("--agents", params_.agents, "Stationary: agents")->check(CLI::Range(1, 100000));
    app.add_option("--arrivals-per-hour", params_.arrivals_per_hour, "Stationary: arrival rate");
    app.add_option("--aht", params_.aht_seconds, "Stationary: average handle time in seconds (after-contact work included)");
    app.add_option("--handle-time", handle_time_, "Stationary: exponential or lognormal")
        ->check(CLI::IsMember({"exponential", "lognormal"}));
    app.add_option("--patience", patience_, "Stationary: none, or the mean patience in seconds (exponential)");
    app.add_option("--acw", params_.acw_seconds, "Stationary: after-contact work in seconds (constant)");
    app.add_option("--hours", params_.hours, "Stationary: hours of arrivals");
    app.add_option("--sl-threshold", sl_threshold_, "Service-level threshold in seconds (default 20)");
    app.add_option("--supervisors", params_.supervisors, "Stationary: supervisors watching the agents");
  }

  int run() override {
    sim::Scenario scenario;
    std::optional<sim::Theory> theory;
    if (!scenario_.empty()) {
      auto loaded = sim::load_scenario(scenario_);
      if (!loaded) {
        return fail(loaded.error().to_string());
      }
      scenario = std::move(*loaded);
      if (sl_threshold_) scenario.sl_threshold_seconds = *sl_threshold_;
    } else {
      params_.lognormal = handle_time_ == "lognormal";
      if (patience_ != "none") {
        const auto v = codec::parse_positive_number(patience_);
        if (!v) {
          return fail(fmt::format("--patience: none or a positive number of seconds, got '{}'", patience_),
                      kExitUsage);
        }
        params_.patience_seconds = *v;
      }
      if (sl_threshold_) params_.sl_threshold_seconds = *sl_threshold_;
      if (seed_) params_.seed = *seed_;
      auto built = sim::stationary_scenario(params_);
      if (!built) {
        return fail(built.error().message, kExitUsage);
      }
      scenario = std::move(*built);
      theory = sim::stationary_theory(params_);
    }
    if (seed_) scenario.seed = *seed_;

    sim::RunOptions options;
    std::unique_ptr<sim::CommandSink> sink;
    if (!data_dir_.empty()) {
#ifdef CALLWATCH_SIMULATE_WITH_ENGINE
      eventstore::Options store;
      if (!durability(store.durability)) return kExitUsage;
      auto engine = sim::EngineSink::open(data_dir_, scenario.start, store);
      if (!engine) {
        return fail(fmt::format("--data {}: {}", data_dir_, engine.error()));
      }
      // Command ids are "sim-1", "sim-2", ...: the engine treats a repeated id as a retry.
      // Re-running the same scenario and seed into a store is therefore a no-op; a different
      // run into a used store collides with the first one's users and contacts.
      if (const auto events = (*engine)->engine().last_position(); events > 4)
        std::fprintf(stderr,
                     "callwatch simulate: warning: %s already holds %llu events; the same scenario and "
                     "seed write nothing new, another run collides with it (use an empty directory)\n",
                     data_dir_.c_str(), static_cast<unsigned long long>(events));
      sink = std::move(*engine);
      options.batch = batch_.value_or(1024);  // one append per 1024 commands
      options.background_writer = threads_.value_or(2) == 2;  // the model runs while the store writes
#else
      return fail("--data needs the engine, which this build does not have; use --no-store", kExitUsage);
#endif
    } else if (!model_only_) {
      sink = std::make_unique<sim::InMemorySink>(scenario.start);
      // One thread unless asked: in memory a batch takes tens of microseconds, and whether
      // handing it to the other core pays depends on the host. On this project's 2-vCPU
      // machine the same binary measured 2.9 M contacts/s on two threads against 2.2 M on
      // one, and at other times 1.1 M against 1.8 M (the vCPUs far apart: every cache line
      // that crosses costs more than the work). One thread is the predictable default.
      options.background_writer = threads_.value_or(1) == 2;
      options.batch = batch_.value_or(options.background_writer ? 256 : 1);
    }
    connectors::KafkaTeeSink* kafka = nullptr;
    if (!kafka_brokers_.empty()) {
      auto format = connectors::parse_wire_format(kafka_format_);
      if (kafka_topic_.empty() || !format || connectors::is_connect(*format) || !sink) {
        return fail("--kafka needs --topic, --format json or callwatch, and a sink (not --model-only)", kExitUsage);
      }
      connectors::KafkaSinkOptions ko{kafka_brokers_, kafka_topic_, kafka_partition_, *format, {}, scenario.start};
      if (!kafka_config_.load("simulate", ko.kafka)) return kExitUsage;
      auto tee = connectors::KafkaTeeSink::open(std::move(sink), ko);
      if (!tee) {
        return fail("--kafka " + kafka_brokers_ + ": " + tee.error().message);
      }
      kafka = tee->get();
      sink = std::move(*tee);
    }
    options.sink = sink.get();
    if (speed_) {
      const auto v = codec::parse_speed(*speed_);
      if (!v) {
        return fail("--speed: " + v.error(), kExitUsage);
      }
      options.speed = v->value_or(0);  // max: no pacing
    }
    const bool tty = isatty(STDERR_FILENO) != 0;
    if (tty && !quiet_) {
      options.on_progress = [](const sim::Progress& p) {
        const auto t = std::chrono::floor<std::chrono::minutes>(p.sim_time);
        const auto day = std::chrono::floor<std::chrono::days>(t);
        const std::chrono::year_month_day ymd{day};
        const std::chrono::hh_mm_ss hms{t - day};
        std::fprintf(stderr, "\r  simulated %04d-%02u-%02u %02ld:%02ld  %5.1f%%  %llu contacts  %.2f M commands/s   ",
                     static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                     static_cast<long>(hms.minutes().count()), 100 * p.done,
                     static_cast<unsigned long long>(p.contacts), p.commands_per_second / 1e6);
        std::fflush(stderr);
      };
    }

    auto report = sim::simulate(scenario, options);
    if (options.on_progress) std::fprintf(stderr, "\r%80s\r", "");
    if (!report) {
      return fail(report.error().message);
    }
    if (kafka) {
      if (auto closed = kafka->close(); !closed) return fail("--kafka: " + closed.error().message);
      std::fprintf(stderr, "callwatch simulate: %llu records delivered to '%s' [%d]\n",
                   static_cast<unsigned long long>(kafka->records_sent()), kafka_topic_.c_str(), kafka_partition_);
    }
    report->theory = theory;
    if (json_) {
      std::printf("%s\n", codec::json_text(sim::to_json(*report)).c_str());
    } else {
      std::fputs(sim::format_report(*report).c_str(), stdout);
    }
    return 0;
  }

 private:
  std::string scenario_;
  std::string data_dir_;
  bool no_store_ = false;
  bool model_only_ = false;
  std::optional<std::uint64_t> seed_;
  bool json_ = false;
  std::optional<std::string> speed_;
  bool quiet_ = false;
  std::optional<std::size_t> batch_;
  std::optional<int> threads_;
  sim::StationaryParams params_;
  std::string handle_time_ = "exponential";
  std::string patience_ = "none";
  std::optional<double> sl_threshold_;
  std::string kafka_brokers_, kafka_topic_, kafka_format_ = "json";
  int kafka_partition_ = 0;
  KafkaConfigOption kafka_config_;
};

CALLWATCH_SUBCOMMAND(Simulate, "simulate", "Simulate a contact center's load through the real decide() path");

}  // namespace
}  // namespace callwatch::app
