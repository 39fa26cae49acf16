// Valid inputs to mutate: the documented example commands (docs/commands.md and
// examples/morning-shift.jsonl), real encoded events (every sample event of tests/codec), the
// example scenarios (examples/*.yaml) and small scenarios in YAML and JSON.
#pragma once

#include <string>
#include <vector>

namespace callwatch::mutation {

// `source_dir` is the repository's root.
[[nodiscard]] std::vector<std::string> command_seeds(const std::string& source_dir);
[[nodiscard]] std::vector<std::string> event_json_seeds();
[[nodiscard]] std::vector<std::string> envelope_seeds();
// Small scenarios (YAML and JSON), cheap to parse; and the examples (examples/*.yaml).
[[nodiscard]] std::vector<std::string> scenario_seeds();
[[nodiscard]] std::vector<std::string> example_scenarios(const std::string& source_dir);

}  // namespace callwatch::mutation
