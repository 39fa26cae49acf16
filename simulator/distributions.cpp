#include "simulator/distributions.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "simulator/detmath.h"

namespace callwatch::sim {

Distribution Distribution::lognormal_mean(double mean, double sigma) {
  return {Kind::Lognormal, det_log(mean) - sigma * sigma / 2, sigma};
}

double Distribution::quantile(double u) const noexcept {
  switch (kind) {
    case Kind::Constant:
      return a;
    case Kind::Exponential:
      return -a * det_log(u);  // 1 - u and u are equally uniform; this keeps u = 1 - tiny finite
    case Kind::Lognormal:
      return det_exp(a + b * normal_quantile(u));
    case Kind::Uniform:
      return a + (b - a) * u;
  }
  return a;
}

double Distribution::mean() const noexcept {
  switch (kind) {
    case Kind::Constant:
    case Kind::Exponential:
      return a;
    case Kind::Lognormal:
      return std::exp(a + b * b / 2);
    case Kind::Uniform:
      return (a + b) / 2;
  }
  return a;
}

std::string Distribution::describe() const {
  switch (kind) {
    case Kind::Constant:
      return fmt::format("constant {:g} s", a);
    case Kind::Exponential:
      return fmt::format("exponential (mean {:g} s)", a);
    case Kind::Lognormal:
      return fmt::format("lognormal (ln mean {:.3g}, ln sd {:.3g}; mean {:.0f} s)", a, b, mean());
    case Kind::Uniform:
      return fmt::format("uniform {:g}-{:g} s", a, b);
  }
  return "?";
}

namespace {
constexpr double kShortMin = 2;
constexpr double kShortMax = 10;
}  // namespace

double HandleTime::quantile(double u) const noexcept {
  // One uniform decides both the branch and the value inside it (inversion of the mixture).
  if (u < short_share) return kShortMin + (kShortMax - kShortMin) * (u / short_share);
  return main.quantile((u - short_share) / (1 - short_share));
}

double HandleTime::mean() const noexcept {
  return short_share * (kShortMin + kShortMax) / 2 + (1 - short_share) * main.mean();
}

double Patience::quantile(double u) const noexcept {
  if (infinite) return std::numeric_limits<double>::infinity();
  // Survival: S(t) = exp(-t/mean) before the announcement, times (1 - share) after it.
  // u plays the role of S(T): invert piecewise.
  if (announcement_share <= 0 || announcement_at <= 0) return -mean * det_log(u);
  const double s_at = det_exp(-announcement_at / mean);
  if (u > s_at) return -mean * det_log(u);
  const double v = u / s_at;  // uniform on (0, 1) given survival to the announcement
  if (v > 1 - announcement_share)  // hangs up while the announcement plays
    return announcement_at + announcement_window * (v - (1 - announcement_share)) / announcement_share;
  return announcement_at - mean * det_log(v / (1 - announcement_share));
}

double gamma_mean_one(double cv, const RandomStream& stream, std::uint64_t first) {
  if (cv <= 0) return 1;
  const double shape = 1 / (cv * cv);
  // Shapes below 1: G(k) = G(k + 1) * U^(1/k); the extra uniform is draw `first`.
  double boost = 1;
  double k = shape;
  if (k < 1) {
    boost = det_exp(det_log(stream.uniform(first)) / k);
    k += 1;
    first += 1;
  }
  const double d = k - 1.0 / 3;
  const double c = 1 / std::sqrt(9 * d);
  for (std::uint64_t i = first;; i += 2) {
    const double x = normal_quantile(stream.uniform(i));
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = stream.uniform(i + 1);
    if (det_log(u) < 0.5 * x * x + d - d * v + d * det_log(v)) return d * v * boost / shape;
  }
}

std::int64_t to_ms(double seconds) noexcept {
  if (!(seconds < 9.0e12)) return std::numeric_limits<std::int64_t>::max() / 4;
  if (seconds <= 0) return 0;
  return static_cast<std::int64_t>(std::floor(seconds * 1000 + 0.5));
}

}  // namespace callwatch::sim
