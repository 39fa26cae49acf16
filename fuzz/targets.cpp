// The fuzz targets, one per decoder of outside input; CMake builds this file once per target
// with CALLWATCH_FUZZ_TARGET_<name> defined.
#include "fuzz/driver.h"
#include "tests/mutation/checks.h"
#include "tests/mutation/seeds.h"

namespace {
using namespace callwatch::mutation;

#if defined(CALLWATCH_FUZZ_TARGET_command)
constexpr auto kCheck = check_command;
std::vector<std::string> seeds() { return command_seeds(CALLWATCH_SOURCE_DIR); }
#elif defined(CALLWATCH_FUZZ_TARGET_event_json)
constexpr auto kCheck = check_event_json;
std::vector<std::string> seeds() { return event_json_seeds(); }
#elif defined(CALLWATCH_FUZZ_TARGET_envelope)
constexpr auto kCheck = check_envelope;
std::vector<std::string> seeds() { return envelope_seeds(); }
#elif defined(CALLWATCH_FUZZ_TARGET_scenario)
constexpr auto kCheck = check_scenario;
std::vector<std::string> seeds() {
  auto out = scenario_seeds();
  for (auto& s : example_scenarios(CALLWATCH_SOURCE_DIR)) out.push_back(std::move(s));
  return out;
}
#endif

}  // namespace

int main(int argc, char** argv) { return callwatch::fuzz::main(argc, argv, kCheck, seeds); }
