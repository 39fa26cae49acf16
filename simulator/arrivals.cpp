#include "simulator/arrivals.h"

#include <chrono>
#include <cmath>

#include "simulator/detmath.h"

namespace callwatch::sim {

std::vector<double> day_factors(const Scenario& s, const RandomStream& root) {
  const RandomStream busyness = root.child("busyness");
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(s.days));
  for (int d = 0; d < s.days; ++d) {
    const double b = gamma_mean_one(s.busyness_cv, busyness.child(static_cast<std::uint64_t>(d)), 0);
    double dow = 1;
    if (s.day_length == std::chrono::hours{24}) {
      const auto day = std::chrono::floor<std::chrono::days>(s.start) + std::chrono::days{d};
      const unsigned iso = std::chrono::weekday{day}.iso_encoding();  // Monday 1 .. Sunday 7
      dow = s.day_of_week[iso - 1];
    }
    out.push_back(b * dow);
  }
  return out;
}

double expected_arrivals(const Scenario& s, const std::vector<double>& factors) {
  const double hours = std::chrono::duration<double, std::ratio<3600>>(s.interval).count();
  double per_day = 0;
  for (const auto& q : s.queues)
    for (double r : q.rates_per_hour) per_day += r * hours;
  double total = 0;
  for (double f : factors) total += per_day * f;
  return total;
}

RandomStream queue_stream(const RandomStream& root, const QueueSpec& q) {
  return root.child("queue").child(q.name);
}

ArrivalProcess::ArrivalProcess(const Scenario& s, std::size_t queue,
                               const std::vector<double>& factors, const RandomStream& root)
    : rates_(&s.queues[queue].rates_per_hour),
      factors_(&factors),
      stream_(queue_stream(root, s.queues[queue]).child("arrivals")),
      interval_ms_(static_cast<double>(s.interval.count())),
      per_day_(s.intervals_per_day()),
      segments_(per_day_ * static_cast<std::size_t>(s.days)),
      today_(stream_.child(0)) {}

std::optional<ArrivalProcess::Arrival> ArrivalProcess::next() {
  // One unit exponential, spent against the cumulative rate until it runs out.
  double need = -det_log(today_.uniform(index_));
  while (segment_ < segments_) {
    const std::size_t day = segment_ / per_day_;
    if (day != day_) {
      // A new day: a fresh process from midnight with that day's stream.
      day_ = static_cast<std::uint32_t>(day);
      index_ = 0;
      today_ = stream_.child(day);
      need = -det_log(today_.uniform(index_));
    }
    const double rate = (*rates_)[segment_ % per_day_] * (*factors_)[day] / 3.6e6;  // per ms
    const double end = interval_ms_ * static_cast<double>(segment_ + 1);
    const double mass = rate * (end - t_);
    if (rate > 0 && need < mass) {
      t_ += need / rate;
      if (t_ >= end) t_ = std::nextafter(end, 0.0);  // rounding at the boundary
      return Arrival{static_cast<std::int64_t>(std::floor(t_)), day_, index_++};
    }
    need -= mass;
    t_ = end;
    ++segment_;
  }
  return std::nullopt;
}

}  // namespace callwatch::sim
