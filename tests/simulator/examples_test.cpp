// The example scenarios parse, run through the real decide() path without a single answer
// the model did not predict, and produce a day that reads like a contact center's.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "simulator/scenario_file.h"
#include "simulator/simulator.h"

namespace callwatch::sim {
namespace {

Scenario example(const std::string& name) {
  auto s = load_scenario(std::string(CALLWATCH_SOURCE_DIR) + "/examples/" + name);
  EXPECT_TRUE(s) << (s ? "" : s.error().to_string());
  return s ? *s : Scenario{};
}

}  // namespace

TEST(Examples, RetailDayThroughTheDomain) {
  const Scenario s = example("retail-day.yaml");
  InMemorySink sink(s.start);
  RunOptions o;
  o.sink = &sink;
  auto r = simulate(s, o);
  ASSERT_TRUE(r) << r.error();
  fmt::print("{}\n", format_report(*r));
  EXPECT_EQ(r->divergences, 0u);
  for (const auto& d : r->divergence_examples) ADD_FAILURE() << d;
  EXPECT_GT(r->contacts_offered, 3000u);
  EXPECT_GT(r->monitor_sessions, 0u);
  EXPECT_GT(r->barge_sessions, 0u);
  EXPECT_GT(r->consult_sessions, 0u);
  EXPECT_TRUE(r->rejections.contains("RECORDING_DISABLED"));
  EXPECT_TRUE(r->rejections.contains("PERMISSION_DENIED"));
}

TEST(Examples, MultiSiteDayModelOnly) {
  const Scenario s = example("multi-site-day.yaml");
  int agents = 0;
  for (const auto& g : s.agent_groups) agents += g.count;
  EXPECT_EQ(agents, 5000);
  auto r = simulate(s);
  ASSERT_TRUE(r) << r.error();
  fmt::print("{}\n", format_report(*r));
}

}  // namespace callwatch::sim
