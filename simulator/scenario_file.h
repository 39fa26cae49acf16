// Scenario files: YAML or JSON, documented in docs/simulator.md.
//
// Parsing is strict: an unknown key, a value of the wrong type, a negative rate or a share
// outside [0, 1] is an error that names the key path ("queues[1].arrivals.per_day") and,
// for YAML, the line and column. Nothing is guessed and nothing is silently dropped.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "simulator/scenario.h"

namespace callwatch::sim {

// The project's one Error (code InvalidInput) with where it happened: source, key path, line
// and column as fields, and the same as context, so to_string() (and the Error it passes on
// as) reads "retail.yaml:12:7: queues[0].arrivals.per_day: must be a non-negative number,
// got -3". `message` is the sentence alone.
struct ScenarioError : Error {
  std::string source;  // file name, or "<text>"
  std::string path;    // key path, empty for the document itself
  int line = 0;        // 1-based; 0 when unknown (JSON input after parsing)
  int column = 0;

  ScenarioError() : Error(ErrorCode::InvalidInput, "") {}
  ScenarioError(std::string source, std::string message)
      : Error(ErrorCode::InvalidInput, std::move(message)), source(std::move(source)) {}
};

// Parses a scenario document. JSON is recognised by a leading '{'; anything else is YAML.
[[nodiscard]] std::expected<Scenario, ScenarioError> parse_scenario(
    std::string_view text, std::string_view source = "<text>");

// Reads and parses the file at `path`.
[[nodiscard]] std::expected<Scenario, ScenarioError> load_scenario(const std::string& path);

}  // namespace callwatch::sim
