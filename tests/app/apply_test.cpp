#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "tests/app/run_process.h"

namespace callwatch::testing {
namespace {

using nlohmann::json;

TEST(Apply, MorningShiftExampleRunsCleanly) {
  auto r = run_callwatch(std::string("apply --fail-on-reject --file ") + CALLWATCH_SOURCE_DIR +
                         "/examples/morning-shift.jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  auto lines = r.lines();
  ASSERT_GT(lines.size(), 50u);
  for (const auto& l : lines) EXPECT_TRUE(json::parse(l).at("ok").get<bool>()) << l;
}

TEST(Apply, OneResultLinePerCommandAndBadLinesDoNotStopProcessing) {
  const std::string input =
      "{\"type\":\"CreateQueue\",\"by\":\"admin\",\"queue\":\"q\",\"channel\":\"VOICE\"}\n"
      "{not json\n"
      "\n"
      "{\"type\":\"Teleport\",\"by\":\"admin\"}\n"
      "{\"type\":\"PublishContactFlow\",\"by\":\"admin\",\"flow\":\"f\",\"recording\":false}\n"
      "{\"type\":\"StartContact\",\"contact\":\"c-17\",\"channel\":\"VOICE\",\"queue\":\"q\","
      "\"flow\":\"f\",\"customer\":\"+1\"}\n";
  auto r = run_callwatch("apply", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = r.lines();
  ASSERT_EQ(lines.size(), 5u) << r.out;  // the blank line is skipped
  EXPECT_TRUE(json::parse(lines[0])["ok"].get<bool>());
  auto bad = json::parse(lines[1]);
  EXPECT_FALSE(bad["ok"].get<bool>());
  EXPECT_EQ(bad["code"], "INVALID_COMMAND");
  EXPECT_NE(bad["reason"].get<std::string>().find("line 2"), std::string::npos) << bad;
  auto unknown = json::parse(lines[2]);
  EXPECT_EQ(unknown["code"], "INVALID_COMMAND");
  EXPECT_NE(unknown["reason"].get<std::string>().find("Teleport"), std::string::npos) << unknown;
  auto started = json::parse(lines[4]);
  ASSERT_TRUE(started["ok"].get<bool>()) << started;
  EXPECT_EQ(started["events"][0]["type"], "ContactInitiated");
  EXPECT_EQ(started["events"].size(), 2u) << "no recording block, no RecordingEnabled";
}

TEST(Apply, RejectionCarriesCodeAndReason) {
  const std::string input =
      "{\"type\":\"CreateQueue\",\"by\":\"admin\",\"queue\":\"q\",\"channel\":\"VOICE\"}\n"
      "{\"type\":\"PublishContactFlow\",\"by\":\"admin\",\"flow\":\"inbound\",\"recording\":false}\n"
      "{\"type\":\"CreateUser\",\"by\":\"admin\",\"user\":\"ana\",\"profiles\":[\"Agent\"]}\n"
      "{\"type\":\"OpenCcp\",\"by\":\"ana\"}\n"
      "{\"type\":\"SetAgentStatus\",\"by\":\"ana\",\"status\":\"Available\"}\n"
      "{\"type\":\"OpenCcp\",\"by\":\"admin\"}\n"
      "{\"type\":\"SetAgentStatus\",\"by\":\"admin\",\"status\":\"Available\"}\n"
      "{\"type\":\"StartContact\",\"contact\":\"c-17\",\"channel\":\"VOICE\",\"queue\":\"q\","
      "\"flow\":\"inbound\",\"customer\":\"+1\"}\n"
      "{\"type\":\"ConnectAgent\",\"contact\":\"c-17\",\"agent\":\"ana\"}\n"
      "{\"type\":\"MonitorContact\",\"contact\":\"c-17\",\"by\":\"admin\"}\n";
  auto r = run_callwatch("apply --fail-on-reject", input);
  EXPECT_EQ(r.exit_code, 1);
  auto last = json::parse(r.lines().back());
  EXPECT_EQ(last, json::parse(R"({"ok":false,"code":"RECORDING_DISABLED",
      "reason":"contact c-17 is not recorded: flow 'inbound' has no Set call recording block"})"));
}

TEST(Apply, PrintStateShowsLiveConversationsAndSupervisors) {
  auto r = run_callwatch(std::string("apply --print-state --file ") + CALLWATCH_SOURCE_DIR +
                         "/examples/morning-shift.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("maria.manager(SILENT)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Monitoring"), std::string::npos);
}

TEST(Apply, MissingFileIsAClearError) {
  auto r = run_callwatch("apply --file /nonexistent/commands.jsonl");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot open '/nonexistent/commands.jsonl'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace callwatch::testing
