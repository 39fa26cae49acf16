// A strict reader over yaml-cpp nodes for scenario files (internal to scenario_file.cpp).
//
// Every accessor checks type and range and, on failure, throws Failure with the key path
// and the node's position; parse_scenario() catches it and returns a ScenarioError. The
// exception never leaves the simulator.
#pragma once

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/scenario.h"

namespace callwatch::sim::yaml {


struct Failure {
  std::string path;
  YAML::Mark mark;
  std::string message;
};

[[noreturn]] inline void fail(const YAML::Node& n, const std::string& path, std::string message) {
  throw Failure{path, n.IsDefined() ? n.Mark() : YAML::Mark::null_mark(), std::move(message)};
}

inline std::string shown(const YAML::Node& n) {
  if (n.IsScalar()) return "'" + n.Scalar() + "'";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a mapping";
  return "nothing";
}

inline double number(const YAML::Node& n, const std::string& path) {
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v))
    fail(n, path, fmt::format("must be a number, got {}", shown(n)));
  return v;
}
inline double nonneg(const YAML::Node& n, const std::string& path) {
  const double v = number(n, path);
  if (v < 0) fail(n, path, fmt::format("must be a non-negative number, got {:g}", v));
  return v;
}
inline double positive(const YAML::Node& n, const std::string& path) {
  const double v = number(n, path);
  if (!(v > 0)) fail(n, path, fmt::format("must be a positive number, got {:g}", v));
  return v;
}
inline double share(const YAML::Node& n, const std::string& path) {
  const double v = number(n, path);
  if (v < 0 || v > 1) fail(n, path, fmt::format("must be a share between 0 and 1, got {:g}", v));
  return v;
}
inline long long integer(const YAML::Node& n, const std::string& path, long long lo, long long hi) {
  long long v = 0;
  if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v))
    fail(n, path, fmt::format("must be a whole number, got {}", shown(n)));
  if (v < lo || v > hi) fail(n, path, fmt::format("must be between {} and {}, got {}", lo, hi, v));
  return v;
}
inline bool boolean(const YAML::Node& n, const std::string& path) {
  bool v = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
    fail(n, path, fmt::format("must be true or false, got {}", shown(n)));
  return v;
}
inline std::string text(const YAML::Node& n, const std::string& path) {
  if (!n.IsScalar() || n.Scalar().empty()) fail(n, path, fmt::format("must be a non-empty string, got {}", shown(n)));
  return n.Scalar();
}

// "HH:MM" (HH may exceed 23 for ends past midnight, up to 48:00).
inline Duration time_of_day(const YAML::Node& n, const std::string& path) {
  const std::string s = n.IsScalar() ? n.Scalar() : "";
  int h = 0, m = 0;
  char colon = 0;
  std::istringstream in(s);
  if (!(in >> h >> colon >> m) || colon != ':' || !in.eof() || h < 0 || h > 48 || m < 0 || m > 59 ||
      (h == 48 && m > 0))
    fail(n, path, fmt::format("must be a time of day \"HH:MM\", got {}", shown(n)));
  return std::chrono::hours{h} + std::chrono::minutes{m};
}

// A mapping whose keys are checked against the ones allowed here.
class Map {
 public:
  Map(const YAML::Node& n, std::string path, std::initializer_list<std::string_view> keys)
      : n_(n), path_(std::move(path)) {
    if (!n.IsMap()) fail(n, path_, fmt::format("must be a mapping, got {}", shown(n)));
    for (const auto& kv : n) {
      const std::string key = kv.first.Scalar();
      bool known = false;
      for (auto k : keys) known |= (k == key);
      if (!known) {
        std::string expected;
        for (auto k : keys) expected += fmt::format("{}{}", expected.empty() ? "" : ", ", k);
        fail(kv.first, at(key), fmt::format("unknown key (expected one of: {})", expected));
      }
    }
  }
  [[nodiscard]] bool has(std::string_view key) const { return static_cast<bool>(n_[std::string(key)]); }
  [[nodiscard]] YAML::Node operator[](std::string_view key) const { return n_[std::string(key)]; }
  [[nodiscard]] YAML::Node required(std::string_view key) const {
    YAML::Node v = n_[std::string(key)];
    if (!v) fail(n_, path_, fmt::format("missing key '{}'", key));
    return v;
  }
  [[nodiscard]] std::string at(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
  }
  [[nodiscard]] const YAML::Node& node() const { return n_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  YAML::Node n_;
  std::string path_;
};

inline const YAML::Node& sequence(const YAML::Node& n, const std::string& path) {
  if (!n.IsSequence()) fail(n, path, fmt::format("must be a list, got {}", shown(n)));
  return n;
}
inline std::string item(const std::string& path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

inline Distribution distribution(const YAML::Node& n, const std::string& path) {
  if (n.IsScalar()) return Distribution::constant(nonneg(n, path));
  Map m(n, path, {"distribution", "mean", "sd_log", "log_mean", "log_sd", "min", "max", "value"});
  const std::string kind = text(m.required("distribution"), m.at("distribution"));
  auto only = [&](std::initializer_list<std::string_view> allowed) {
    for (const auto& kv : n) {
      const std::string key = kv.first.Scalar();
      bool ok = key == "distribution";
      for (auto a : allowed) ok |= (a == key);
      if (!ok) fail(kv.first, m.at(key), fmt::format("does not apply to a {} distribution", kind));
    }
  };
  if (kind == "exponential") {
    only({"mean"});
    return Distribution::exponential(positive(m.required("mean"), m.at("mean")));
  }
  if (kind == "constant") {
    only({"value"});
    return Distribution::constant(nonneg(m.required("value"), m.at("value")));
  }
  if (kind == "uniform") {
    only({"min", "max"});
    const double lo = nonneg(m.required("min"), m.at("min"));
    const double hi = nonneg(m.required("max"), m.at("max"));
    if (hi < lo) fail(m["max"], m.at("max"), "must not be less than min");
    return Distribution::uniform(lo, hi);
  }
  if (kind == "lognormal") {
    only({"mean", "sd_log", "log_mean", "log_sd"});
    if (m.has("log_mean")) {
      if (m.has("mean")) fail(m["mean"], m.at("mean"), "give either mean or log_mean, not both");
      const double sd = nonneg(m.required("log_sd"), m.at("log_sd"));
      return Distribution::lognormal_log(number(m["log_mean"], m.at("log_mean")), sd);
    }
    const double mean = positive(m.required("mean"), m.at("mean"));
    const double sd = m.has("sd_log") ? nonneg(m["sd_log"], m.at("sd_log")) : 0.88;
    if (sd > 5) fail(m["sd_log"], m.at("sd_log"), "must be at most 5");
    return Distribution::lognormal_mean(mean, sd);
  }
  fail(m["distribution"], m.at("distribution"),
       fmt::format("unknown distribution '{}' (exponential, lognormal, uniform, constant)", kind));
}

inline ShiftSpec shift(const YAML::Node& n, const std::string& path) {
  Map m(n, path, {"start", "end"});
  ShiftSpec s{time_of_day(m.required("start"), m.at("start")), time_of_day(m.required("end"), m.at("end"))};
  if (s.end <= s.start) fail(m["end"], m.at("end"), "must be later than start");
  return s;
}

// Reads a list of names and maps each to its index among `names`.
inline std::vector<std::size_t> references(const YAML::Node& n, const std::string& path,
                                    const std::vector<std::string>& names, std::string_view what) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < sequence(n, path).size(); ++i) {
    const std::string name = text(n[i], item(path, i));
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) fail(n[i], item(path, i), fmt::format("no {} named '{}'", what, name));
    out.push_back(static_cast<std::size_t>(it - names.begin()));
  }
  if (out.empty()) fail(n, path, fmt::format("needs at least one {}", what));
  return out;
}


}  // namespace callwatch::sim::yaml
