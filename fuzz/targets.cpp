// The fuzz targets, one per decoder of outside input; CMake builds this file once per target
// with CALLWATCH_FUZZ_TARGET_<name> defined.
#include "fuzz/driver.h"
#include "tests/mutation/checks.h"
#include "tests/mutation/seeds.h"

int main(int argc, char** argv) {
  using namespace callwatch::mutation;
#if defined(CALLWATCH_FUZZ_TARGET_command)
  return callwatch::fuzz::main(argc, argv, check_command, command_seeds(CALLWATCH_SOURCE_DIR));
#elif defined(CALLWATCH_FUZZ_TARGET_event_json)
  return callwatch::fuzz::main(argc, argv, check_event_json, event_json_seeds());
#elif defined(CALLWATCH_FUZZ_TARGET_envelope)
  return callwatch::fuzz::main(argc, argv, check_envelope, envelope_seeds());
#elif defined(CALLWATCH_FUZZ_TARGET_scenario)
  auto seeds = scenario_seeds();
  for (auto& s : example_scenarios(CALLWATCH_SOURCE_DIR)) seeds.push_back(std::move(s));
  return callwatch::fuzz::main(argc, argv, check_scenario, seeds);
#endif
}
