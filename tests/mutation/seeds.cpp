#include "tests/mutation/seeds.h"

#include <fstream>
#include <sstream>

#include "codec/event_codec.h"
#include "codec/json.h"
#include "tests/codec/samples.h"

namespace callwatch::mutation {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* kSmallYaml = R"(name: tiny
seed: 9
start_date: 2026-11-24
flows:
  - name: main
    recording: true
queues:
  - name: support
    channel: voice
    flows: main
    arrivals: {per_hour: 120, open: "08:00", close: "09:00"}
    handle_time: {distribution: lognormal, mean: 180, sd_log: 0.5}
    patience: {distribution: exponential, mean: 60}
  - name: web
    channel: chat
    flows: {main: 1.0}
    arrivals: {per_day: 40, profile: flat}
agents:
  - group: team
    count: 5
    skills: [support, web]
    shift: {start: "08:00", end: "09:30"}
    breaks: [{status: Lunch, at: "08:30", minutes: 10}]
supervisors:
  - group: leads
    count: 1
    watches: [team]
    shift: {start: "08:00", end: "09:30"}
    monitor_share: 0.5
)";

constexpr const char* kSmallJson =
    R"({"name":"tiny","seed":1,"start_date":"2026-11-24","flows":[{"name":"main"}],)"
    R"("queues":[{"name":"q","channel":"voice","flows":"main","arrivals":{"per_hour":60},)"
    R"("handle_time":{"distribution":"constant","value":120}}],)"
    R"("agents":[{"group":"a","count":2,"skills":["q"],"shift":{"start":"08:00","end":"10:00"}}]})";

}  // namespace

std::vector<std::string> command_seeds(const std::string& source_dir) {
  std::vector<std::string> out;
  for (const char* file : {"/docs/commands.md", "/examples/morning-shift.jsonl"}) {
    std::istringstream in(slurp(source_dir + file));
    for (std::string line; std::getline(in, line);)
      if (line.starts_with("{\"type\"")) out.push_back(line);
  }
  return out;
}

std::vector<std::string> event_json_seeds() {
  std::vector<std::string> out;
  for (const Event& e : codec::testing::sample_events())
    out.push_back(codec::json_text(codec::to_json(e)));
  return out;
}

std::vector<std::string> envelope_seeds() {
  std::vector<std::string> out;
  int n = 0;
  for (const Event& e : codec::testing::sample_events())
    out.push_back(codec::encode_event(
        codec::Envelope{"cmd-" + std::to_string(++n) + "#0", stream_of(e.body), e}));
  return out;
}

std::vector<std::string> scenario_seeds() {
  return {kSmallYaml, kSmallJson};
}

std::vector<std::string> example_scenarios(const std::string& source_dir) {
  return {slurp(source_dir + "/examples/retail-day.yaml"),
          slurp(source_dir + "/examples/multi-site-day.yaml")};
}

}  // namespace callwatch::mutation
