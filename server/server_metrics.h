// ServerMetrics: what `callwatch serve` counts, for GET /metrics (Prometheus text format
// 0.0.4): HTTP requests by route and status, request latency, events appended, append
// latency, projection lag (events) and live-feed clients. Thread-safe; every update is a
// short critical section, never I/O.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace callwatch::server {

class ServerMetrics {
 public:
  void request(std::string_view route, int status, double seconds);
  void appended(std::size_t events, double seconds);
  // The text exposition, with the gauges read at the time of the scrape.
  [[nodiscard]] std::string render(std::uint64_t log_head, std::uint64_t folded, std::int64_t feed_clients) const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> counts;  // per bucket (not cumulative), +Inf last
    double sum = 0;
    std::uint64_t count = 0;
  };
  static void observe(Histogram&, const std::vector<double>& bounds, double value);
  static void render_histogram(std::string& out, std::string_view name, std::string_view labels,
                               const std::vector<double>& bounds, const Histogram&);

  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // by route
  std::uint64_t events_ = 0;
  std::uint64_t batches_ = 0;
  Histogram append_;
};

}  // namespace callwatch::server
