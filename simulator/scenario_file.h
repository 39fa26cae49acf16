// Scenario files: YAML or JSON, documented in docs/simulator.md.
//
// Parsing is strict: an unknown key, a value of the wrong type, a negative rate or a share
// outside [0, 1] is an error that names the key path ("queues[1].arrivals.per_day") and,
// for YAML, the line and column. Nothing is guessed and nothing is silently dropped.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "simulator/scenario.h"

namespace callwatch::sim {

struct ScenarioError {
  std::string source;   // file name, or "<text>"
  std::string path;     // key path, empty for the document itself
  int line = 0;         // 1-based; 0 when unknown (JSON input after parsing)
  int column = 0;
  std::string message;

  // "retail.yaml:12:7: queues[0].arrivals.per_day: must be a non-negative number, got -3"
  [[nodiscard]] std::string to_string() const;
};

// Parses a scenario document. JSON is recognised by a leading '{'; anything else is YAML.
[[nodiscard]] std::expected<Scenario, ScenarioError> parse_scenario(
    std::string_view text, std::string_view source = "<text>");

// Reads and parses the file at `path`.
[[nodiscard]] std::expected<Scenario, ScenarioError> load_scenario(const std::string& path);

}  // namespace callwatch::sim
