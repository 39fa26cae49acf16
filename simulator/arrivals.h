// Arrivals: a non-homogeneous Poisson process per queue.
//
// The rate is piecewise constant over the scenario's intervals, scaled per day by that day's
// factor (busyness x day-of-week). Arrival times come by inversion of the cumulative rate:
// each gap is one unit-exponential draw "spent" across intervals, which is exact for
// piecewise-constant rates (no thinning, no rejected draws). Each day restarts the process
// with its own stream (memorylessness makes this equivalent), so a change to one day's
// volume does not move any other day's arrivals.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "simulator/rng.h"
#include "simulator/scenario.h"

namespace callwatch::sim {

// Every day's volume factor: a gamma "busyness" draw (mean 1, cv busyness_cv; the same for
// all queues, as a busy day is busy everywhere) times the day-of-week factor of its date.
[[nodiscard]] std::vector<double> day_factors(const Scenario& s, const RandomStream& root);

// Expected arrivals over the whole run, given the day factors.
[[nodiscard]] double expected_arrivals(const Scenario& s, const std::vector<double>& factors);

// The stream a queue's randomness comes from, keyed by the queue's name.
[[nodiscard]] RandomStream queue_stream(const RandomStream& root, const QueueSpec& q);

class ArrivalProcess {
 public:
  ArrivalProcess(const Scenario& s, std::size_t queue, const std::vector<double>& factors,
                 const RandomStream& root);

  struct Arrival {
    std::int64_t at_ms;        // from the scenario start
    std::uint32_t day;
    std::uint32_t index;       // within the day, from 0
  };
  // The next arrival, or nullopt once the last day is over.
  [[nodiscard]] std::optional<Arrival> next();

 private:
  const std::vector<double>* rates_;  // per hour, one per interval of the day
  const std::vector<double>* factors_;
  RandomStream stream_;
  double interval_ms_;
  std::size_t per_day_;
  std::size_t segments_;  // days * per_day_
  std::size_t segment_ = 0;
  double t_ = 0;  // ms from the scenario start
  std::uint32_t day_ = 0;
  std::uint32_t index_ = 0;  // arrivals so far today
  RandomStream today_;
};

}  // namespace callwatch::sim
