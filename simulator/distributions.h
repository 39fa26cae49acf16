// The simulator's distributions, sampled by inversion from uniforms of a RandomStream.
//
// Inversion maps one uniform to one value through the quantile function, so a value is a
// pure function of its draw: reproducible on any platform (no std:: distributions, whose
// algorithms differ between standard libraries) and monotone in u. All values in seconds.
#pragma once

#include <cstdint>
#include <string>

#include "simulator/rng.h"

namespace callwatch::sim {

struct Distribution {
  enum class Kind : std::uint8_t {
    Constant,     // a
    Exponential,  // mean a
    Lognormal,    // ln X ~ N(a, b^2)
    Uniform,      // on [a, b]
  };
  Kind kind = Kind::Constant;
  double a = 0;
  double b = 0;

  static Distribution constant(double value) { return {Kind::Constant, value, 0}; }
  static Distribution exponential(double mean) { return {Kind::Exponential, mean, 0}; }
  static Distribution lognormal_log(double mu, double sigma) { return {Kind::Lognormal, mu, sigma}; }
  // The lognormal with this mean and log-scale sigma: mu = ln(mean) - sigma^2 / 2.
  static Distribution lognormal_mean(double mean, double sigma);
  static Distribution uniform(double lo, double hi) { return {Kind::Uniform, lo, hi}; }

  // The u-quantile, u in (0, 1).
  [[nodiscard]] double quantile(double u) const noexcept;
  [[nodiscard]] double mean() const noexcept;
  // "exponential(mean 180 s)", for reports.
  [[nodiscard]] std::string describe() const;
};

// Talk time: a main distribution plus a spike of very short contacts (misdials, hang-ups:
// about 4% under 10 s in published bank data), uniform on [2 s, 10 s].
struct HandleTime {
  Distribution main = Distribution::exponential(180);
  double short_share = 0;

  [[nodiscard]] double quantile(double u) const noexcept;
  [[nodiscard]] double mean() const noexcept;
};

// How long a customer waits in queue before giving up.
// Exponential with a hazard bump: when the queue announcement plays at `announcement_at`,
// a share of those still waiting hang up within the next `announcement_window` seconds.
struct Patience {
  bool infinite = true;
  double mean = 0;  // of the exponential part
  double announcement_at = 0;
  double announcement_share = 0;  // of the customers still waiting then
  double announcement_window = 10;

  static Patience none() { return {}; }
  static Patience exponential(double mean_seconds) { return {false, mean_seconds, 0, 0, 10}; }
  // The u-quantile; +infinity when patience is infinite.
  [[nodiscard]] double quantile(double u) const noexcept;
};

// A gamma variate with mean 1 and coefficient of variation `cv` (shape 1/cv^2), for the
// day's "busyness": Marsaglia & Tsang's method with normals by inversion, drawing from
// `stream` at indices [first, first + 2 * tries). cv <= 0 gives exactly 1.
[[nodiscard]] double gamma_mean_one(double cv, const RandomStream& stream, std::uint64_t first);

// Seconds to whole milliseconds, rounding half up (the clock's resolution).
[[nodiscard]] std::int64_t to_ms(double seconds) noexcept;

}  // namespace callwatch::sim
