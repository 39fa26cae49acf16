// `callwatch apply --data DIR`: durable, and a second run continues where the first stopped.
#ifdef CALLWATCH_BIN
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Run {
  int code = -1;
  std::vector<std::string> lines;
};

Run run_apply(const std::string& dir, const std::string& input, const std::string& extra = "") {
  static int n = 0;
  std::string in = dir + ".in" + std::to_string(n++);
  std::ofstream(in) << input;
  std::string cmd = std::string(CALLWATCH_BIN) + " apply --data " + dir + " " + extra + " < " + in;
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[65536];
  std::string out;
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  r.code = pclose(p);
  std::istringstream s(out);
  for (std::string l; std::getline(s, l);) r.lines.push_back(l);
  return r;
}

TEST(ApplyData, SecondRunContinuesAndRetriesAreIdempotent) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cw-apply-XXXXXX").string();
  std::string root = mkdtemp(tmpl.data());
  std::string dir = root + "/store";
  const std::string q1 = R"({"type":"CreateQueue","by":"admin","queue":"Q","channel":"VOICE","at":"2026-11-23T08:00:00Z","commandId":"q1"})";
  const std::string q2 = R"({"type":"CreateQueue","by":"admin","queue":"Q","channel":"VOICE","at":"2026-11-23T08:00:01Z","commandId":"q2"})";
  auto first = run_apply(dir, q1 + "\n");
  ASSERT_EQ(first.code, 0);
  ASSERT_EQ(first.lines.size(), 1u);
  EXPECT_NE(first.lines[0].find(R"("ok":true)"), std::string::npos);

  auto second = run_apply(dir, q2 + "\n" + q1 + "\n", "--durability wal");
  ASSERT_EQ(second.code, 0);
  ASSERT_EQ(second.lines.size(), 2u);
  EXPECT_NE(second.lines[0].find("ALREADY_EXISTS"), std::string::npos);  // the state survived
  EXPECT_EQ(second.lines[1], first.lines[0]);  // a retry answers with the original events

  std::ofstream(root + "/file") << "x";
  auto not_a_store = run_apply(root + "/file", q1 + "\n");
  EXPECT_NE(not_a_store.code, 0);
  EXPECT_TRUE(not_a_store.lines.empty());
  std::filesystem::remove_all(root);
}

// A new store's genesis takes the first command's time, not the day apply runs: the read
// models' clock (the latest event) is then the recorded time.
TEST(ApplyData, GenesisOfANewStoreTakesTheFirstCommandsTime) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cw-apply-XXXXXX").string();
  std::string root = mkdtemp(tmpl.data());
  std::string dir = root + "/store";
  const std::string q1 = R"({"type":"CreateQueue","by":"admin","queue":"Q","channel":"VOICE","at":"2020-01-02T08:00:00Z"})";
  ASSERT_EQ(run_apply(dir, q1 + "\n").code, 0);
  const std::string cmd = std::string(CALLWATCH_BIN) + " agents --data " + dir + " --json";
  FILE* p = popen(cmd.c_str(), "r");
  char buf[65536];
  std::string out;
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  ASSERT_EQ(pclose(p), 0);
  EXPECT_NE(out.find(R"("time":"2020-01-02T08:00:00.000Z")"), std::string::npos) << out;
  std::filesystem::remove_all(root);
}

}  // namespace
#endif
