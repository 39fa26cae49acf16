// Scenario files: what parses, and the precise errors for what does not.
#include <gtest/gtest.h>

#include <string>

#include "simulator/scenario_file.h"

namespace callwatch::sim {
namespace {

constexpr const char* kMinimal = R"(
name: tiny
seed: 9
start_date: 2026-11-24
interval_minutes: 15
flows:
  - name: main
queues:
  - name: support
    channel: voice
    flows: main
    arrivals: {per_hour: 120, open: "08:00", close: "18:00"}
    handle_time: {distribution: exponential, mean: 180}
agents:
  - group: team
    count: 5
    skills: [support]
    shift: {start: "08:00", end: "18:30"}
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

ScenarioError error_of(const std::string& text) {
  auto s = parse_scenario(text, "test.yaml");
  EXPECT_FALSE(s) << "parsed, but should not have";
  return s ? ScenarioError{} : s.error();
}

}  // namespace

TEST(ScenarioFile, MinimalYaml) {
  auto s = parse_scenario(kMinimal);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ(s->name, "tiny");
  EXPECT_EQ(s->seed, 9u);
  EXPECT_EQ(s->interval, std::chrono::minutes{15});
  EXPECT_EQ(s->intervals_per_day(), 96u);
  ASSERT_EQ(s->queues.size(), 1u);
  const QueueSpec& q = s->queues[0];
  EXPECT_EQ(q.rates_per_hour[31], 0.0);    // 07:45
  EXPECT_EQ(q.rates_per_hour[32], 120.0);  // 08:00
  EXPECT_EQ(q.rates_per_hour[71], 120.0);  // 17:45
  EXPECT_EQ(q.rates_per_hour[72], 0.0);    // 18:00
  EXPECT_EQ(q.handle_time.main.kind, Distribution::Kind::Exponential);
  EXPECT_FALSE(q.patience.infinite);  // exponential patience by default
  EXPECT_EQ(s->agent_groups[0].id_prefix, "team");
  EXPECT_EQ(s->agent_groups[0].shift.end, std::chrono::hours{18} + std::chrono::minutes{30});
}

TEST(ScenarioFile, JsonIsAcceptedToo) {
  const std::string json = R"({
    "flows": [{"name": "main", "recording": false}],
    "queues": [{"name": "chat", "channel": "chat", "flows": {"main": 1},
                "arrivals": {"per_day": 500, "profile": "bank"}, "patience": "none"}],
    "agents": [{"group": "g", "count": 2, "skills": ["chat"], "chat_concurrency": 4,
                "shift": {"start": "07:00", "end": "23:00"}}]
  })";
  auto s = parse_scenario(json);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_FALSE(s->flows[0].recording);
  EXPECT_EQ(s->queues[0].channel, Channel::Chat);
  EXPECT_TRUE(s->queues[0].patience.infinite);
  EXPECT_EQ(s->agent_groups[0].chat_concurrency, 4);
  double total = 0;
  for (double r : s->queues[0].rates_per_hour) total += r * 0.5;
  EXPECT_NEAR(total, 500, 1e-9);  // the day's volume, spread by the bank profile
}

TEST(ScenarioFile, UnknownKeyNamesThePathAndLine) {
  const ScenarioError e = error_of(replaced(kMinimal, "    arrivals:", "    arivals: {}\n    arrivals:"));
  EXPECT_EQ(e.path, "queues[0].arivals");
  EXPECT_EQ(e.line, 12);
  EXPECT_NE(e.message.find("unknown key"), std::string::npos) << e.message;
  EXPECT_NE(e.to_string().find("test.yaml:12:5: queues[0].arivals: unknown key"), std::string::npos)
      << e.to_string();
}

TEST(ScenarioFile, WrongTypes) {
  EXPECT_EQ(error_of(replaced(kMinimal, "count: 5", "count: five")).to_string(),
            "test.yaml:16:12: agents[0].count: must be a whole number, got 'five'");
  EXPECT_EQ(error_of(replaced(kMinimal, "skills: [support]", "skills: support")).path, "agents[0].skills");
  EXPECT_EQ(error_of(replaced(kMinimal, "- name: main", "- name: [main]")).path, "flows[0].name");
  EXPECT_EQ(error_of(replaced(kMinimal, "\"08:00\", close", "\"8h\", close")).path, "queues[0].arrivals.open");
}

TEST(ScenarioFile, NegativeAndOutOfRangeValues) {
  const ScenarioError rate = error_of(replaced(kMinimal, "per_hour: 120", "per_hour: -3"));
  EXPECT_EQ(rate.path, "queues[0].arrivals.per_hour");
  EXPECT_EQ(rate.message, "must be a non-negative number, got -3");
  EXPECT_EQ(error_of(replaced(kMinimal, "mean: 180", "mean: 0")).path, "queues[0].handle_time.mean");
  EXPECT_EQ(error_of(replaced(kMinimal, "count: 5", "count: -1")).path, "agents[0].count");
  EXPECT_EQ(error_of(replaced(kMinimal, "interval_minutes: 15", "interval_minutes: 7")).path, "interval_minutes");
  EXPECT_EQ(error_of(replaced(kMinimal, "    flows: main", "    flows: {main: 0.5}")).path, "queues[0].flows");
}

TEST(ScenarioFile, DanglingReferences) {
  const ScenarioError e = error_of(replaced(kMinimal, "skills: [support]", "skills: [sales]"));
  EXPECT_EQ(e.path, "agents[0].skills[0]");
  EXPECT_EQ(e.message, "no queue named 'sales'");
  EXPECT_EQ(error_of(replaced(kMinimal, "flows: main", "flows: other")).message, "no flow named 'other'");
}

TEST(ScenarioFile, MissingKeysAndBadDistributions) {
  EXPECT_EQ(error_of(replaced(kMinimal, "    channel: voice\n", "")).message, "missing key 'channel'");
  const ScenarioError d =
      error_of(replaced(kMinimal, "distribution: exponential, mean: 180", "distribution: gamma, mean: 180"));
  EXPECT_EQ(d.path, "queues[0].handle_time.distribution");
  const ScenarioError extra = error_of(
      replaced(kMinimal, "distribution: exponential, mean: 180", "distribution: exponential, mean: 180, max: 3"));
  EXPECT_EQ(extra.path, "queues[0].handle_time.max");
  EXPECT_EQ(extra.message, "does not apply to a exponential distribution");
}

TEST(ScenarioFile, SyntaxErrorsGiveTheLine) {
  const ScenarioError y = error_of("flows:\n  - name: [main\n");
  EXPECT_GT(y.line, 0);
  EXPECT_NE(y.message.find("not valid YAML"), std::string::npos);
  const ScenarioError j = error_of("{\"flows\": [}");
  EXPECT_NE(j.message.find("not valid JSON"), std::string::npos) << j.message;
  EXPECT_EQ(load_scenario("/nonexistent/file.yaml").error().message, "cannot open the file");
}

TEST(ScenarioFile, ChatOnlyKeysOnChatQueues) {
  const ScenarioError e = error_of(replaced(kMinimal, "    flows: main\n", "    flows: main\n    chat: {silent_leave_share: 0.1}\n"));
  EXPECT_EQ(e.path, "queues[0].chat");
  EXPECT_EQ(e.message, "applies to chat queues only");
}

TEST(ScenarioFile, TheExamplesParse) {
  for (const char* name : {"retail-day.yaml", "multi-site-day.yaml"}) {
    auto s = load_scenario(std::string(CALLWATCH_SOURCE_DIR) + "/examples/" + name);
    EXPECT_TRUE(s) << (s ? "" : s.error().to_string());
  }
}

}  // namespace callwatch::sim
