// Seeded mutations of valid input, the ways real input goes wrong: cut short, bytes flipped,
// NUL bytes, bytes that are not UTF-8, values of the wrong type, huge and deeply nested
// values, blank lines, pieces deleted, repeated or spliced from another input. Deterministic
// for a seed (std::mt19937_64, no global state), so a failing input is reproducible from the
// test's seed and index.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>

namespace callwatch::mutation {

enum class Syntax : std::uint8_t { Json, Yaml, Binary };

class Mutator {
 public:
  Mutator(std::uint64_t seed, Syntax syntax) : rng_(seed), syntax_(syntax) {}

  // One mutated input from the seeds (one to three mutations stacked).
  [[nodiscard]] std::string next(std::span<const std::string> seeds);

 private:
  void mutate_once(std::string& s, std::span<const std::string> seeds);
  void replace_value(std::string& s);
  void binary(std::string& s, std::span<const std::string> seeds);
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

  std::mt19937_64 rng_;
  Syntax syntax_;
};

}  // namespace callwatch::mutation
