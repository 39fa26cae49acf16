#include "simulator/detmath.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace callwatch::sim {
namespace {
// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (fdlibm's constants).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
}  // namespace

namespace {

// log(m) for m in [sqrt(1/2), sqrt(2)): 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716;
// the series to z^12 / 25 (< 1e-20). Slow but exact enough to build the table below.
constexpr double log_near_one(double m) {
  const double s = (m - 1) / (m + 1);
  const double z = s * s;
  double p = 1.0 / 25;
  for (int k = 23; k >= 3; k -= 2) p = p * z + 1.0 / k;
  return 2 * s + 2 * s * (z * p);
}

constexpr double log_by_series(double x) {  // x normal, positive
  const auto bits = std::bit_cast<std::uint64_t>(x);
  int e = static_cast<int>((bits >> 52) & 0x7FF) - 1023;
  double m = std::bit_cast<double>((bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL);  // [1, 2)
  if (m > 1.4142135623730951) {
    m /= 2;  // exact
    e += 1;
  }
  const double k = e;
  return k * kLn2Hi + (log_near_one(m) + k * kLn2Lo);
}

// m in [1, 2) is split into 128 cells by its top 7 mantissa bits; in cell i,
// log m = log(1 / inv[i]) + log1p(m * inv[i] - 1), with |m * inv[i] - 1| < 2^-8.
struct LogTable {
  std::array<double, 128> inv{};
  std::array<double, 128> log_c{};  // -log(inv[i]), for the rounded inv[i]
};
constexpr LogTable make_log_table() {
  LogTable t;
  for (int i = 0; i < 128; ++i) {
    t.inv[i] = 1 / (1 + (i + 0.5) / 128);
    t.log_c[i] = -log_by_series(t.inv[i]);
  }
  return t;
}
constexpr LogTable kLogTable = make_log_table();

}  // namespace

double det_log(double x) noexcept {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const int biased = static_cast<int>(bits >> 52);  // sign bit included: negatives are >= 2048
  if (biased == 0 || biased >= 0x7FF) {
    if (x == 0) return -std::numeric_limits<double>::infinity();
    if (!(x > 0)) return std::numeric_limits<double>::quiet_NaN();
    if (x == std::numeric_limits<double>::infinity()) return x;
    return det_log(x * 0x1.0p54) - 54 * kLn2Hi - 54 * kLn2Lo;  // subnormal
  }
  const double k = biased - 1023;
  const auto i = static_cast<std::size_t>((bits >> 45) & 127);
  const double m = std::bit_cast<double>((bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL);
  const double r = m * kLogTable.inv[i] - 1;
  // log1p(r) to r^8 / 8 (|r| < 2^-8: the next term is < 2^-72 / 9).
  const double p =
      r * (1 + r * (-1.0 / 2 + r * (1.0 / 3 + r * (-1.0 / 4 + r * (1.0 / 5 + r * (-1.0 / 6 + r * (1.0 / 7 - r / 8)))))));
  return k * kLn2Hi + (kLogTable.log_c[i] + (p + k * kLn2Lo));
}

double det_exp(double x) noexcept {
  if (std::isnan(x)) return x;
  if (x > 709.78) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0;
  // x = k ln2 + r, |r| <= ln2/2.
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // Taylor series to r^15/15! (< 1e-19 for |r| <= 0.347).
  double p = 1.0 / 1307674368000.0;  // 1/15!
  p = p * r + 1.0 / 87178291200.0;   // 1/14!
  p = p * r + 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  const int ki = static_cast<int>(k);
  // ldexp is exact except in the subnormal range; split the scaling so 2^k never overflows
  // on the way to a representable result.
  if (ki < -1000) return std::ldexp(std::ldexp(p, ki + 1000), -1000);
  return std::ldexp(p, ki);
}

double normal_quantile(double p) noexcept {
  // Peter J. Acklam's algorithm (2003): rational approximations in three regions.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  if (!(p > 0)) return -std::numeric_limits<double>::infinity();
  if (!(p < 1)) return std::numeric_limits<double>::infinity();
  if (p < kLow) {
    const double q = std::sqrt(-2 * det_log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - kLow) {
    const double q = std::sqrt(-2 * det_log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

}  // namespace callwatch::sim
