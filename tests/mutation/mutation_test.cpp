// Every decoder of outside input gives one well-formed answer (tests/mutation/checks.h) for
// 100,000 seeded mutations of valid input each. A failure prints the input (as JSON-escaped
// text) and its index; the same seed reproduces it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "codec/json.h"
#include "tests/mutation/checks.h"
#include "tests/mutation/mutate.h"
#include "tests/mutation/seeds.h"

namespace callwatch::mutation {
namespace {

constexpr int kInputs = 100'000;

std::string shown(const std::string& input) {
  std::string s = nlohmann::json(input).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  return s.size() > 600 ? s.substr(0, 600) + "..." : s;
}

template <class Check>
void run(std::uint64_t seed, Syntax syntax, const std::vector<std::string>& seeds, Check check,
         int inputs = kInputs) {
  ASSERT_FALSE(seeds.empty());
  // The seeds themselves first: valid input is accepted, or the checks prove nothing.
  for (const std::string& s : seeds) ASSERT_EQ(check(s), "") << shown(s);
  Mutator m(seed, syntax);
  int failures = 0;
  for (int i = 0; i < inputs && failures < 5; ++i) {
    const std::string input = m.next(seeds);
    const std::string problem = check(input);
    if (!problem.empty()) {
      ++failures;
      ADD_FAILURE() << "input " << i << " (seed " << seed << "): " << problem << "\n  " << shown(input);
    }
  }
}

TEST(Mutation, CommandJson) {
  const auto seeds = command_seeds(CALLWATCH_SOURCE_DIR);
  EXPECT_GT(seeds.size(), 80u);
  run(20261201, Syntax::Json, seeds, check_command);
}

TEST(Mutation, EventJson) { run(20261202, Syntax::Json, event_json_seeds(), check_event_json); }

TEST(Mutation, CapnProtoEnvelopes) {
  run(20261203, Syntax::Binary, envelope_seeds(), check_envelope);
}

// yaml-cpp reads a document in ~100 us: the 100,000 scenario inputs run as four tests of
// 25,000 that ctest runs in parallel, each a few seconds under ASan.
class ScenarioShard : public ::testing::TestWithParam<int> {};
TEST_P(ScenarioShard, ScenarioFiles) {
  run(20261204 + 1000 * static_cast<std::uint64_t>(GetParam()), Syntax::Yaml, scenario_seeds(),
      check_scenario, kInputs / 4);
}
INSTANTIATE_TEST_SUITE_P(Mutation, ScenarioShard, ::testing::Range(0, 4));

// The examples are 5-9 KB: fewer inputs, each larger (a few seconds under ASan).
TEST(Mutation, ExampleScenarioFiles) {
  run(20261205, Syntax::Yaml, example_scenarios(CALLWATCH_SOURCE_DIR), check_scenario, 3'000);
}

// The mutations reach past the first check of each decoder: a share of the mutated inputs
// is still accepted, and a share is refused (a mutator that only ever broke the framing, or
// never broke anything, would make the tests above pass without testing much).
TEST(Mutation, MutationsAreAcceptedSometimesAndRefusedSometimes) {
  Mutator m(1, Syntax::Json);
  const auto seeds = command_seeds(CALLWATCH_SOURCE_DIR);
  int accepted = 0;
  for (int i = 0; i < 2'000; ++i) accepted += codec::parse_command(m.next(seeds)).has_value();
  EXPECT_GT(accepted, 100);
  EXPECT_LT(accepted, 1'800);
}

}  // namespace
}  // namespace callwatch::mutation
