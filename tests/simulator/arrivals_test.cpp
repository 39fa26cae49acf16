// Arrivals: a non-homogeneous Poisson process per interval, scaled per day by a gamma
// busyness factor and the day of the week.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "simulator/arrivals.h"
#include "simulator/simulator.h"

namespace callwatch::sim {
namespace {

Scenario one_queue(int days, double busyness_cv) {
  Scenario s;
  s.days = days;
  s.busyness_cv = busyness_cv;
  s.start = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}.time_since_epoch()};
  s.flows = {{"main", true}};
  QueueSpec q;
  q.name = "support";
  q.flows = {{0, 1.0}};
  const auto bank = *builtin_profile("bank");
  std::vector<double> weights(s.intervals_per_day());
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = bank[i / 2];
  q.rates_per_hour = spread_over_intervals(2000, weights, s.interval);
  s.queues.push_back(q);
  return s;
}

std::vector<double> daily_counts(const Scenario& s, std::uint64_t seed) {
  const RandomStream root(seed);
  const std::vector<double> factors = day_factors(s, root);
  ArrivalProcess p(s, 0, factors, root);
  std::vector<double> per_day(static_cast<std::size_t>(s.days), 0.0);
  while (auto a = p.next()) per_day[a->day] += 1;
  return per_day;
}

struct MeanVar {
  double mean, var;
};
MeanVar mean_var(const std::vector<double>& x) {
  double s1 = 0, s2 = 0;
  for (double v : x) {
    s1 += v;
    s2 += v * v;
  }
  const double n = static_cast<double>(x.size());
  const double m = s1 / n;
  return {m, (s2 - n * m * m) / (n - 1)};
}

}  // namespace

TEST(Arrivals, FollowTheIntradayRatesInterval_by_interval) {
  const Scenario s = one_queue(40, 0);
  const RandomStream root(3);
  const auto factors = day_factors(s, root);
  ArrivalProcess p(s, 0, factors, root);
  std::vector<double> counts(s.intervals_per_day(), 0.0);
  const std::int64_t interval = s.interval.count();
  std::int64_t last = -1;
  while (auto a = p.next()) {
    EXPECT_GE(a->at_ms, last);  // in time order
    last = a->at_ms;
    counts[static_cast<std::size_t>((a->at_ms / interval) % static_cast<std::int64_t>(counts.size()))] += 1;
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double expected = s.queues[0].rates_per_hour[i] * 0.5 * s.days;
    if (expected == 0) {
      EXPECT_EQ(counts[i], 0) << "arrival while closed, interval " << i;
    } else {
      EXPECT_NEAR(counts[i], expected, 4.5 * std::sqrt(expected)) << "interval " << i;
    }
  }
}

// Without busyness, daily counts are Poisson: variance = mean. With a gamma factor of
// coefficient of variation c, they are mixed Poisson: variance = mean + c^2 mean^2.
// 300 days: the sample variance has relative standard error about sqrt(2/299 + 6c^2/300)
// (gamma's excess kurtosis is 6c^2), 8.5% at c = 0.2; the check allows 4 of those.
TEST(Arrivals, DailyCountsShowTheOverDispersionOfTheBusynessFactor) {
  for (double cv : {0.0, 0.2}) {
    const Scenario s = one_queue(300, cv);
    const MeanVar mv = mean_var(daily_counts(s, 11));
    const double mean = 2000;
    const double expected_var = mean + cv * cv * mean * mean;
    const double rel_se = std::sqrt(2.0 / 299 + 6 * cv * cv / 300);
    EXPECT_NEAR(mv.mean, mean, 4 * std::sqrt(expected_var / 300)) << "cv " << cv;
    EXPECT_NEAR(mv.var / expected_var, 1.0, 4 * rel_se) << "cv " << cv << " variance " << mv.var;
    std::printf("  busyness cv %.1f: daily mean %.0f, variance %.0f (theory %.0f), dispersion index %.1f\n",
                cv, mv.mean, mv.var, expected_var, mv.var / mv.mean);
  }
}

TEST(Arrivals, DayOfWeekScalesTheVolume) {
  Scenario s = one_queue(14, 0);  // two weeks from a Monday
  s.day_of_week = {1.2, 1, 1, 1, 1, 0.5, 0.5};
  const auto counts = daily_counts(s, 5);
  EXPECT_NEAR(counts[0], 2400, 4 * std::sqrt(2400));   // Monday
  EXPECT_NEAR(counts[5], 1000, 4 * std::sqrt(1000));   // Saturday
  EXPECT_NEAR(counts[13], 1000, 4 * std::sqrt(1000));  // Sunday
}

TEST(Arrivals, TheModelOffersExactlyTheProcessArrivals) {
  Scenario s = one_queue(3, 0.2);
  AgentGroupSpec g;
  g.id_prefix = "a";
  g.count = 12;
  g.skills = {0};
  g.shift = {std::chrono::hours{7}, std::chrono::hours{24}};
  s.agent_groups.push_back(g);
  const auto r = simulate(s);
  ASSERT_TRUE(r) << r.error();
  const auto counts = daily_counts(s, s.seed);
  ASSERT_EQ(r->offered_per_day.size(), 3u);
  for (std::size_t d = 0; d < 3; ++d) EXPECT_EQ(static_cast<double>(r->offered_per_day[d]), counts[d]);
}

}  // namespace callwatch::sim
