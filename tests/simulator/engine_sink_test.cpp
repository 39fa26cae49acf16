// Through the engine into a RocksDB store: the same log as in memory, idempotent re-runs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "simulator/scenario_file.h"
#include "simulator/simulator.h"

#ifdef CALLWATCH_SIMULATOR_HAS_ENGINE
#include "simulator/engine_sink.h"
#include "testing/temp_dir.h"

namespace callwatch::sim {
namespace {
using testkit::TempDir;

// The retail day at a quarter of its volume: a few thousand commands, quick under ASan.
Scenario small_day() {
  auto s = load_scenario(std::string(CALLWATCH_SOURCE_DIR) + "/examples/retail-day.yaml");
  EXPECT_TRUE(s);
  for (auto& q : s->queues)
    for (double& r : q.rates_per_hour) r /= 4;
  return *s;
}


Report run(const Scenario& s, CommandSink& sink, std::size_t batch, bool background) {
  RunOptions o;
  o.sink = &sink;
  o.batch = batch;
  o.background_writer = background;
  auto r = simulate(s, o);
  EXPECT_TRUE(r) << r.error();
  return *r;
}

}  // namespace

TEST(EngineSink, WritesTheSameLogAsInMemoryAndReRunsAreIdempotent) {
  const Scenario s = small_day();
  InMemorySink memory(s.start);
  const Report reference = run(s, memory, 1, false);

  TempDir dir;
  {
    auto sink = EngineSink::open(dir.path(), s.start);
    ASSERT_TRUE(sink) << sink.error();
    const Report r = run(s, **sink, 256, true);
    EXPECT_EQ(r.divergences, 0u);
    EXPECT_EQ(r.log_digest, reference.log_digest);
    EXPECT_EQ(r.events, reference.events);
    EXPECT_EQ((*sink)->engine().last_position(), 4 + *reference.events);  // genesis + the day
  }
  {  // the same scenario and seed again: every command id is known, nothing new is written
    auto sink = EngineSink::open(dir.path(), s.start);
    ASSERT_TRUE(sink) << sink.error();
    const Report again = run(s, **sink, 256, true);
    EXPECT_EQ(again.log_digest, reference.log_digest);
    EXPECT_EQ((*sink)->engine().last_position(), 4 + *reference.events);
  }
}

TEST(EngineSink, AStoreThatCannotOpenIsAnErrorNotACrash) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  { std::ofstream(dir.sub("not-a-store.txt")) << "hello"; }
  auto sink = EngineSink::open(dir.path(), Timestamp{});
  ASSERT_FALSE(sink);
  EXPECT_FALSE(sink.error().empty());
}

}  // namespace callwatch::sim
#endif
