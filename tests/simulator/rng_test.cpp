// Counter-based randomness, deterministic elementary functions and the samplers.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

#include "simulator/detmath.h"
#include "simulator/distributions.h"
#include "simulator/rng.h"

namespace callwatch::sim {
namespace {

struct Moments {
  double mean = 0, var = 0;
};
template <class F>
Moments moments(int n, F draw) {
  double s1 = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw(i);
    s1 += x;
    s2 += x * x;
  }
  const double m = s1 / n;
  return {m, (s2 - n * m * m) / (n - 1)};
}

}  // namespace

// These values pin the generator: if one changes, every simulated log changes with it.
// They were computed by an independent implementation (a few lines of Python).
TEST(RandomStream, GoldenValues) {
  EXPECT_EQ(key_of("support"), 0xEB4BA033565ECEACULL);
  const RandomStream root(42);
  EXPECT_EQ(root.bits(0), 0x986D7B395A16E230ULL);
  EXPECT_EQ(root.child("queue").child("support").bits(7), 0x33E62DEE7A585242ULL);
}

TEST(RandomStream, DrawsArePureFunctionsOfSeedKeyAndIndex) {
  const RandomStream a = RandomStream(7).child("agent").child("dal-0001");
  const RandomStream b = RandomStream(7).child("agent").child("dal-0001");
  EXPECT_EQ(a, b);
  for (std::uint64_t i = 0; i < 100; ++i) EXPECT_EQ(a.bits(i), b.bits(i));
  // Order of access does not matter: draw 50 is draw 50.
  EXPECT_EQ(a.bits(50), RandomStream(7).child("agent").child("dal-0001").bits(50));
}

TEST(RandomStream, DifferentSeedsKeysAndIndicesDiffer) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t seed = 0; seed < 20; ++seed)
    for (const char* key : {"a", "b", "support", "sales"})
      for (std::uint64_t i = 0; i < 20; ++i) seen.insert(RandomStream(seed).child(key).bits(i));
  EXPECT_EQ(seen.size(), 20u * 4 * 20);
  EXPECT_NE(RandomStream(1).child(1), RandomStream(1).child(2));
  EXPECT_NE(RandomStream(1).child(1).child(2), RandomStream(1).child(2).child(1));
}

TEST(RandomStream, UniformsAreUniformOnTheOpenInterval) {
  const RandomStream s(3);
  constexpr int kN = 200000;
  double lo = 1, hi = 0;
  int below_tenth = 0;
  const Moments m = moments(kN, [&](int i) {
    const double u = s.uniform(static_cast<std::uint64_t>(i));
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    below_tenth += u < 0.1;
    return u;
  });
  EXPECT_GT(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  EXPECT_NEAR(m.mean, 0.5, 4 * std::sqrt(1.0 / 12 / kN));
  EXPECT_NEAR(m.var, 1.0 / 12, 4 * std::sqrt(1.0 / 180 / kN));
  EXPECT_NEAR(below_tenth, 0.1 * kN, 4 * std::sqrt(0.09 * kN));
  EXPECT_GT(to_unit(0), 0.0);
  EXPECT_LT(to_unit(~std::uint64_t{0}), 1.0);
}

TEST(DetMath, LogAndExpMatchTheLibraryToAFewUlp) {
  const RandomStream s(11);
  for (std::uint64_t i = 0; i < 20000; ++i) {
    const double x = std::ldexp(s.uniform(i), static_cast<int>(s.bits(i + 1) % 200) - 100);
    EXPECT_NEAR(det_log(x), std::log(x), 4e-16 * std::max(1.0, std::abs(std::log(x)))) << x;
    const double y = (s.uniform(i + 7) - 0.5) * 1400;
    EXPECT_NEAR(det_exp(y), std::exp(y), 4e-16 * std::exp(y)) << y;
  }
  EXPECT_EQ(det_log(1.0), 0.0);
  EXPECT_EQ(det_exp(0.0), 1.0);
  EXPECT_TRUE(std::isinf(det_log(0.0)));
  EXPECT_EQ(det_exp(-1000), 0.0);
  EXPECT_TRUE(std::isinf(det_exp(1000)));
}

TEST(DetMath, NormalQuantile) {
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-12);
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 3e-9);
  EXPECT_NEAR(normal_quantile(0.025), -1.959963984540054, 3e-9);
  EXPECT_NEAR(normal_quantile(0.8413447460685429), 1.0, 2e-9);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-8);
  for (double p = 0.001; p < 1; p += 0.001) EXPECT_NEAR(normal_quantile(p), -normal_quantile(1 - p), 1e-8);
}

TEST(Distributions, ExponentialAndUniformMoments) {
  const RandomStream s(5);
  constexpr int kN = 100000;
  const Distribution e = Distribution::exponential(180);
  const Moments me = moments(kN, [&](int i) { return e.quantile(s.uniform(static_cast<std::uint64_t>(i))); });
  EXPECT_NEAR(me.mean, 180, 4 * 180 / std::sqrt(kN));
  EXPECT_NEAR(std::sqrt(me.var), 180, 180 * 0.03);
  const Distribution u = Distribution::uniform(30, 60);
  const Moments mu = moments(kN, [&](int i) { return u.quantile(s.uniform(static_cast<std::uint64_t>(i))); });
  EXPECT_NEAR(mu.mean, 45, 4 * std::sqrt(75.0 / kN));
  EXPECT_EQ(Distribution::constant(42).quantile(0.3), 42);
}

TEST(Distributions, LognormalFitOfBankCallTimes) {
  // ln S ~ N(4.87, 0.88^2): median e^4.87 = 130 s, mean e^(4.87 + 0.88^2/2) = 192 s.
  const Distribution d = Distribution::lognormal_log(4.87, 0.88);
  EXPECT_NEAR(d.quantile(0.5), std::exp(4.87), 1e-6);
  EXPECT_NEAR(d.mean(), 191.9, 0.1);
  const RandomStream s(6);
  constexpr int kN = 200000;
  const Moments m = moments(kN, [&](int i) { return d.quantile(s.uniform(static_cast<std::uint64_t>(i))); });
  const double sd = d.mean() * std::sqrt(std::exp(0.88 * 0.88) - 1);
  EXPECT_NEAR(m.mean, d.mean(), 4 * sd / std::sqrt(kN));
  // lognormal_mean hits the requested mean.
  EXPECT_NEAR(Distribution::lognormal_mean(300, 0.7).mean(), 300, 1e-9);
}

TEST(Distributions, ShortCallSpike) {
  HandleTime h{Distribution::exponential(200), 0.04};
  const RandomStream s(8);
  constexpr int kN = 100000;
  int short_calls = 0;
  for (int i = 0; i < kN; ++i) short_calls += h.quantile(s.uniform(static_cast<std::uint64_t>(i))) < 10;
  const double expected = 0.04 + 0.96 * (1 - std::exp(-10.0 / 200));
  EXPECT_NEAR(short_calls, expected * kN, 4 * std::sqrt(expected * kN));
  EXPECT_NEAR(h.mean(), 0.04 * 6 + 0.96 * 200, 1e-9);
}

TEST(Distributions, PatienceWithAnnouncementBump) {
  Patience p = Patience::exponential(300);
  p.announcement_at = 60;
  p.announcement_share = 0.2;
  const RandomStream s(9);
  constexpr int kN = 200000;
  int before = 0, during = 0;
  for (int i = 0; i < kN; ++i) {
    const double t = p.quantile(s.uniform(static_cast<std::uint64_t>(i)));
    before += t < 60;
    during += t >= 60 && t < 70;
  }
  const double p_before = 1 - std::exp(-60.0 / 300);
  // Hang-ups during the announcement: the bump plus the exponential's own share of [60, 70).
  const double survive = std::exp(-60.0 / 300);
  const double p_during = survive * 0.2 + survive * 0.8 * (1 - std::exp(-10.0 / 300));
  EXPECT_NEAR(before, p_before * kN, 4 * std::sqrt(p_before * kN));
  EXPECT_NEAR(during, p_during * kN, 4 * std::sqrt(p_during * kN));
  EXPECT_TRUE(std::isinf(Patience::none().quantile(0.5)));
}

TEST(Distributions, GammaBusynessHasMeanOneAndTheRequestedSpread) {
  for (double cv : {0.1, 0.3, 1.5}) {
    const RandomStream s(10);
    constexpr int kN = 20000;
    const Moments m = moments(kN, [&](int i) { return gamma_mean_one(cv, s.child(static_cast<std::uint64_t>(i)), 0); });
    EXPECT_NEAR(m.mean, 1, 4 * cv / std::sqrt(kN)) << cv;
    EXPECT_NEAR(std::sqrt(m.var), cv, cv * 0.05) << cv;
  }
  EXPECT_EQ(gamma_mean_one(0, RandomStream(1), 0), 1.0);
}

TEST(Distributions, MillisecondsRoundHalfUp) {
  EXPECT_EQ(to_ms(1.0), 1000);
  EXPECT_EQ(to_ms(0.0004), 0);
  EXPECT_EQ(to_ms(0.0005), 1);
  EXPECT_EQ(to_ms(-3), 0);
  EXPECT_GT(to_ms(std::numeric_limits<double>::infinity()), std::int64_t{1} << 50);
}

}  // namespace callwatch::sim
