// Counter-based random numbers keyed by stable identity.
//
// A RandomStream is a pure function from (seed, key, index) to 64 random bits: draw i of a
// stream does not depend on how many draws were taken before, nor on any other stream. The
// simulator keys streams by what a number is about (the queue "Sales", contact 1234 of that
// queue, agent "dal-0042") and gives every draw of an entity a fixed index, so
//   - the same seed and scenario give the same numbers on any compiler and library, and
//   - adding an agent or a queue does not reshuffle anyone else's randomness.
//
// The generator is SplitMix64 (Steele, Lea & Flood 2014): draw i of a stream is the SplitMix64
// output at position i from a starting point that is itself a mixed hash of seed and key.
// Its outputs pass BigCrush; two streams collide only if their 64-bit starting points fall
// within a few million steps of each other (probability ~1e-12 per pair).
#pragma once

#include <cstdint>
#include <string_view>

namespace callwatch::sim {

inline constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

// The SplitMix64 finalizer: a bijection of 64-bit words with full avalanche.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A stable 64-bit key for a name (FNV-1a, then mixed): the identity of a queue or a user.
[[nodiscard]] constexpr std::uint64_t key_of(std::string_view name) noexcept {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return mix64(h);
}

// Maps 64 random bits to a double uniform on the open interval (0, 1): 52 bits, centred in
// their cell, so neither 0 nor 1 ever comes out (1 - 2^-53 is the largest, exactly
// representable) and log(u), log(1 - u) and the normal quantile are always finite.
[[nodiscard]] constexpr double to_unit(std::uint64_t bits) noexcept {
  return (static_cast<double>(bits >> 12) + 0.5) * 0x1.0p-52;
}

class RandomStream {
 public:
  constexpr RandomStream() = default;
  // The root stream of a run.
  constexpr explicit RandomStream(std::uint64_t seed) noexcept
      : start_(mix64(seed ^ 0x5851F42D4C957F2DULL) + kGolden) {}

  // A sub-stream for one entity or purpose; independent of the parent and of its siblings.
  [[nodiscard]] constexpr RandomStream child(std::uint64_t key) const noexcept {
    return RandomStream(Start{mix64(start_ ^ mix64(key + kGolden))});
  }
  [[nodiscard]] constexpr RandomStream child(std::string_view name) const noexcept {
    return child(key_of(name));
  }

  // Draw number `index` of this stream.
  [[nodiscard]] constexpr std::uint64_t bits(std::uint64_t index) const noexcept {
    return mix64(start_ + (index + 1) * kGolden);
  }
  [[nodiscard]] constexpr double uniform(std::uint64_t index) const noexcept {
    return to_unit(bits(index));
  }

  friend constexpr bool operator==(RandomStream, RandomStream) = default;

 private:
  struct Start {
    std::uint64_t value;
  };
  constexpr explicit RandomStream(Start s) noexcept : start_(s.value) {}
  std::uint64_t start_ = kGolden;
};

}  // namespace callwatch::sim
