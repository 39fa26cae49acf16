// The Prometheus registry: the exact text of a small registry, the same text parsed back
// (names, labels with escapes, values), histogram buckets, bad names, and concurrent
// observations that all count.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "server/metrics.h"

namespace callwatch::server::metrics {
namespace {

TEST(Metrics, ExactTextOfASmallRegistry) {
  Registry r;
  auto& appended = **r.counter("callwatch_events_appended_total", "Events appended to the log");
  auto& requests = **r.counter("callwatch_http_requests_total", "HTTP requests\nby route", {"route", "status"});
  auto& clients = **r.gauge("callwatch_stream_clients", "Live-feed clients connected");
  const double buckets[] = {0.001, 0.01, 0.1};
  auto& latency = **r.histogram("callwatch_append_seconds", "Append latency", buckets);
  appended.get().inc(41);
  appended.get().inc();
  requests.with({"/v1/agents", "200"}).inc(3);
  requests.with({"/v1/a\"b\\c\nd", "404"}).inc();
  clients.get().set(2.5);
  latency.get().observe(0.0005);
  latency.get().observe(0.001);  // le is inclusive
  latency.get().observe(0.05);
  latency.get().observe(7);
  EXPECT_EQ(r.render(),
            "# HELP callwatch_events_appended_total Events appended to the log\n"
            "# TYPE callwatch_events_appended_total counter\n"
            "callwatch_events_appended_total 42\n"
            "# HELP callwatch_http_requests_total HTTP requests\\nby route\n"
            "# TYPE callwatch_http_requests_total counter\n"
            "callwatch_http_requests_total{route=\"/v1/a\\\"b\\\\c\\nd\",status=\"404\"} 1\n"
            "callwatch_http_requests_total{route=\"/v1/agents\",status=\"200\"} 3\n"
            "# HELP callwatch_stream_clients Live-feed clients connected\n"
            "# TYPE callwatch_stream_clients gauge\n"
            "callwatch_stream_clients 2.5\n"
            "# HELP callwatch_append_seconds Append latency\n"
            "# TYPE callwatch_append_seconds histogram\n"
            "callwatch_append_seconds_bucket{le=\"0.001\"} 2\n"
            "callwatch_append_seconds_bucket{le=\"0.01\"} 2\n"
            "callwatch_append_seconds_bucket{le=\"0.1\"} 3\n"
            "callwatch_append_seconds_bucket{le=\"+Inf\"} 4\n"
            "callwatch_append_seconds_sum 7.0515\n"
            "callwatch_append_seconds_count 4\n");
}

// A minimal reader of the text format: sample lines into {name{labels}: value}.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  std::string value;
};
std::vector<Sample> parse(const std::string& text, std::map<std::string, std::string>& types) {
  std::vector<Sample> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    EXPECT_NE(nl, std::string::npos) << "the text ends with a newline";
    const std::string line = text.substr(at, nl - at);
    at = nl + 1;
    if (line.starts_with("# TYPE ")) {
      const auto sp = line.find(' ', 7);
      types[line.substr(7, sp - 7)] = line.substr(sp + 1);
      continue;
    }
    if (line.starts_with("#")) continue;
    Sample s;
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') s.name += line[i++];
    if (line[i] == '{') {
      ++i;
      while (line[i] != '}') {
        std::string key, value;
        while (line[i] != '=') key += line[i++];
        i += 2;  // ="
        for (; line[i] != '"'; ++i) {
          if (line[i] == '\\') {
            ++i;
            value += line[i] == 'n' ? '\n' : line[i];
          } else {
            value += line[i];
          }
        }
        ++i;
        if (line[i] == ',') ++i;
        s.labels[key] = value;
      }
      ++i;
    }
    EXPECT_EQ(line[i], ' ');
    s.value = line.substr(i + 1);
    out.push_back(std::move(s));
  }
  return out;
}

TEST(Metrics, TextParsesBackToTheSameSeries) {
  Registry r;
  auto& requests = **r.counter("requests_total", "Requests", {"route", "status"});
  auto& latency = **r.histogram("request_seconds", "Latency", kLatencyBuckets, {"route"});
  const std::string odd = "/v1/x?q=\"a\\b\"\n\xff";  // quote, backslash, newline, not UTF-8
  requests.with({odd, "500"}).inc(2);
  latency.with({"/v1/agents"}).observe(0.002);
  std::map<std::string, std::string> types;
  const auto samples = parse(r.render(), types);
  EXPECT_EQ(types["requests_total"], "counter");
  EXPECT_EQ(types["request_seconds"], "histogram");
  ASSERT_EQ(samples.size(), 1 + std::size(kLatencyBuckets) + 1 + 2);
  EXPECT_EQ(samples[0].name, "requests_total");
  EXPECT_EQ(samples[0].labels.at("route"), "/v1/x?q=\"a\\b\"\n\xef\xbf\xbd");  // U+FFFD
  EXPECT_EQ(samples[0].labels.at("status"), "500");
  EXPECT_EQ(samples[0].value, "2");
  std::uint64_t previous = 0;
  for (std::size_t i = 1; i <= std::size(kLatencyBuckets) + 1; ++i) {
    EXPECT_EQ(samples[i].name, "request_seconds_bucket");
    EXPECT_EQ(samples[i].labels.at("route"), "/v1/agents");
    const std::uint64_t v = std::stoull(samples[i].value);
    EXPECT_GE(v, previous);  // cumulative
    previous = v;
    if (samples[i].labels.at("le") == "0.0025") {
      EXPECT_EQ(v, 1u);
    }
    if (samples[i].labels.at("le") == "0.001") {
      EXPECT_EQ(v, 0u);
    }
  }
  EXPECT_EQ(samples[std::size(kLatencyBuckets) + 1].labels.at("le"), "+Inf");
  EXPECT_EQ(samples.back().name, "request_seconds_count");
  EXPECT_EQ(samples.back().value, "1");
}

TEST(Metrics, BadNamesAndBucketsAreRefused) {
  Registry r;
  EXPECT_FALSE(r.counter("", "x").has_value());
  EXPECT_FALSE(r.counter("1abc", "x").has_value());
  EXPECT_FALSE(r.counter("a-b", "x").has_value());
  EXPECT_FALSE(r.counter("ok", "x", {"__reserved"}).has_value());
  EXPECT_FALSE(r.counter("ok", "x", {"a:b"}).has_value());
  EXPECT_FALSE(r.counter("ok", "x", {"a", "a"}).has_value());
  const double b[] = {1, 2};
  const double unordered[] = {2, 1};
  EXPECT_FALSE(r.histogram("h", "x", b, {"le"}).has_value());
  EXPECT_FALSE(r.histogram("h", "x", unordered).has_value());
  EXPECT_FALSE(r.histogram("h", "x", std::span<const double>{}).has_value());
  ASSERT_TRUE(r.counter("ns:ok_total", "x").has_value());
  EXPECT_FALSE(r.gauge("ns:ok_total", "x").has_value());  // taken
  EXPECT_EQ(r.render(), "# HELP ns:ok_total x\n# TYPE ns:ok_total counter\n");  // no series yet
}

TEST(Metrics, ConcurrentObservationsAllCount) {
  Registry r;
  auto& c = **r.counter("c_total", "x", {"t"});
  auto& h = **r.histogram("h_seconds", "x", kLatencyBuckets);
  auto& g = **r.gauge("g", "x");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10'000; ++i) {
        c.with({t % 2 ? "odd" : "even"}).inc();
        h.get().observe(0.001);
        g.get().add(1);
        if (i % 1000 == 0) (void)r.render();
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(c.with({"odd"}).value() + c.with({"even"}).value(), 40'000u);
  EXPECT_EQ(h.get().snapshot().count, 40'000u);
  EXPECT_EQ(g.get().value(), 40'000.0);
}

}  // namespace
}  // namespace callwatch::server::metrics
