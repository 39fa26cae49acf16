// Reproducibility: the same scenario and seed write the same log, byte for byte; another
// seed writes another; the fast path computes the same statistics as the domain path; and
// randomness follows identity, not creation order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/json.h"
#include "simulator/arrivals.h"
#include "simulator/scenario_file.h"
#include "simulator/simulator.h"

namespace callwatch::sim {
namespace {

// Decides in memory and keeps the accepted events as JSON Lines: the log, as bytes.
class RecordingSink final : public CommandSink {
 public:
  explicit RecordingSink(Timestamp genesis) : inner_(genesis) {}
  Decision submit(const Command& c) override {
    Decision d = inner_.submit(c);
    if (d)
      for (const Event& e : *d) {
        log_ += codec::to_json(e).dump();
        log_ += '\n';
        if (std::holds_alternative<ev::ContactInitiated>(e.body)) initiated_ += codec::to_json(e).dump() + '\n';
      }
    return d;
  }
  std::string_view name() const override { return "recording"; }
  const std::string& log() const { return log_; }
  const std::string& initiated() const { return initiated_; }

 private:
  InMemorySink inner_;
  std::string log_;
  std::string initiated_;
};

Scenario retail() {
  auto s = load_scenario(std::string(CALLWATCH_SOURCE_DIR) + "/examples/retail-day.yaml");
  EXPECT_TRUE(s) << (s ? "" : s.error().to_string());
  return *s;
}

// The same day at a quarter of the volume: every feature, a quarter of the work (the
// suite also runs under sanitizers).
Scenario retail_quarter() {
  Scenario s = retail();
  for (auto& q : s.queues)
    for (double& r : q.rates_per_hour) r /= 4;
  return s;
}

struct Outcome {
  Report report;
  std::string log;
  std::string initiated;
};

Outcome run(const Scenario& s, std::size_t batch = 1, bool background = false) {
  RecordingSink sink(s.start);
  RunOptions o;
  o.sink = &sink;
  o.batch = batch;
  o.background_writer = background;
  auto r = simulate(s, o);
  EXPECT_TRUE(r) << r.error();
  EXPECT_EQ(r->divergences, 0u);
  return {*r, sink.log(), sink.initiated()};
}

}  // namespace

TEST(Determinism, SameSeedSameLogByteForByte) {
  const Scenario s = retail();
  const Outcome a = run(s);
  const Outcome b = run(s);
  ASSERT_GT(a.log.size(), 1'000'000u);  // a real day, not an empty log
  EXPECT_TRUE(a.log == b.log) << "the two logs differ";
  EXPECT_EQ(a.report.log_digest, b.report.log_digest);
  EXPECT_EQ(a.report.events, b.report.events);
}

TEST(Determinism, BatchingAndTheBackgroundWriterDoNotChangeTheLog) {
  const Scenario s = retail_quarter();
  const std::string one = run(s, 1).log;
  EXPECT_TRUE(one == run(s, 64).log);
  EXPECT_TRUE(one == run(s, 256, true).log);
}

TEST(Determinism, DifferentSeedsDiffer) {
  Scenario s = retail_quarter();
  const Outcome a = run(s);
  s.seed += 1;
  const Outcome b = run(s);
  EXPECT_NE(a.report.log_digest, b.report.log_digest);
  EXPECT_FALSE(a.log == b.log);
  EXPECT_NE(a.report.contacts_offered, b.report.contacts_offered);
}

TEST(Determinism, ModelOnlyComputesTheSameStatisticsAsTheDomainPath) {
  const Scenario s = retail_quarter();
  const Report fast = *simulate(s);
  const Report full = run(s).report;
  EXPECT_EQ(fast.sink, "model-only");
  EXPECT_EQ(fast.contacts_offered, full.contacts_offered);
  EXPECT_EQ(fast.contacts_answered, full.contacts_answered);
  EXPECT_EQ(fast.contacts_abandoned, full.contacts_abandoned);
  EXPECT_EQ(fast.service_level, full.service_level);
  EXPECT_EQ(fast.asa_seconds, full.asa_seconds);
  EXPECT_EQ(fast.occupancy, full.occupancy);
  EXPECT_EQ(fast.monitor_sessions, full.monitor_sessions);
  EXPECT_EQ(fast.barge_sessions, full.barge_sessions);
  EXPECT_EQ(fast.consult_sessions, full.consult_sessions);
  EXPECT_EQ(fast.rejections, full.rejections);  // predicted == decided
  EXPECT_EQ(fast.commands, full.commands);
  EXPECT_FALSE(fast.events.has_value());
  EXPECT_FALSE(fast.log_digest.has_value());
}

// Randomness is keyed by identity: one more agent changes who answers what and when, but
// not which customers call when, nor who they are.
TEST(Determinism, AddingAnAgentDoesNotReshuffleArrivals) {
  Scenario s = retail_quarter();
  const Outcome a = run(s);
  s.agent_groups[0].count += 1;
  const Outcome b = run(s);
  EXPECT_TRUE(a.initiated == b.initiated);
  EXPECT_NE(a.report.log_digest, b.report.log_digest);
}

TEST(Determinism, AddingAQueueDoesNotMoveTheOthersArrivals) {
  Scenario s = retail();
  s.supervisor_groups.clear();
  Scenario more = s;
  QueueSpec extra = more.queues[1];
  extra.name = "vip";
  more.queues.push_back(extra);
  more.agent_groups[0].skills.push_back(more.queues.size() - 1);
  const std::vector<double> factors = day_factors(s, RandomStream(s.seed));
  const std::vector<double> factors_more = day_factors(more, RandomStream(more.seed));
  ArrivalProcess x(s, 0, factors, RandomStream(s.seed));
  ArrivalProcess y(more, 0, factors_more, RandomStream(more.seed));
  for (int i = 0; i < 500; ++i) {
    auto ax = x.next();
    auto ay = y.next();
    ASSERT_TRUE(ax && ay);
    EXPECT_EQ(ax->at_ms, ay->at_ms);
  }
}

}  // namespace callwatch::sim
