// End to end: a few thousand mutated command lines through the real `callwatch apply`, in
// memory and into a store. One JSON result line per non-blank input line (blank lines are
// skipped, as documented), a normal exit, and the store holds exactly the genesis and the
// events of accepted commands: nothing is written for a rejected one.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/app/run_process.h"
#include "tests/mutation/mutate.h"
#include "tests/mutation/seeds.h"

namespace callwatch::testing {
namespace {

using nlohmann::json;

constexpr int kLines = 3'000;

void remove_dir(const std::string& dir) {
  [[maybe_unused]] const int rc = std::system(("rm -rf '" + dir + "'").c_str());
}

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

std::vector<std::string> mutated_lines() {
  const auto seeds = mutation::command_seeds(CALLWATCH_SOURCE_DIR);
  mutation::Mutator m(20261206, mutation::Syntax::Json);
  std::vector<std::string> lines;
  // The seeds first, so that later commands find users, queues and contacts to act on.
  for (const std::string& s : seeds) lines.push_back(s);
  for (int i = 0; i < kLines; ++i) {
    std::string l = m.next(seeds);
    for (char& c : l)
      if (c == '\n') c = ' ';  // one input line stays one line
    lines.push_back(std::move(l));
  }
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// Checks one result line per non-blank input line; returns the results.
std::vector<json> results_of(const ProcessResult& r, const std::vector<std::string>& input) {
  std::size_t expected = 0;
  for (const auto& l : input) expected += !blank(l);
  const auto out = r.lines();
  EXPECT_EQ(out.size(), expected);
  std::vector<json> results;
  for (const auto& l : out) {
    const json j = json::parse(l, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << l;
    if (j.is_discarded()) continue;
    EXPECT_TRUE(j.contains("ok") && j["ok"].is_boolean()) << l;
    if (!j.value("ok", false)) {
      EXPECT_TRUE(j.contains("code") && j["code"].is_string()) << l;
      EXPECT_TRUE(j.contains("reason") && j["reason"].is_string()) << l;
    }
    results.push_back(j);
  }
  return results;
}

TEST(ApplyMutation, InMemoryEveryLineGetsOneAnswer) {
  const auto input = mutated_lines();
  auto r = run_callwatch("apply", joined(input));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto results = results_of(r, input);
  std::size_t accepted = 0;
  for (const auto& j : results) accepted += j.value("ok", false);
  EXPECT_GT(accepted, 100u) << "the mutated stream should still be partly valid";
  EXPECT_LT(accepted, results.size());
}

TEST(ApplyMutation, WithAStoreOnlyAcceptedCommandsWrite) {
  const auto input = mutated_lines();
  const std::string dir = ::testing::TempDir() + "/cw-apply-mutation-" + std::to_string(::getpid());
  remove_dir(dir);
  auto r = run_callwatch("apply --durability wal --data " + dir, joined(input));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto results = results_of(r, input);

  // Events written: the accepted commands' events, once per commandId (a repeated id answers
  // with the original events and writes nothing).
  std::size_t written = 0;
  std::set<std::string> applied_ids;
  std::size_t k = 0;
  for (const auto& line : input) {
    if (blank(line)) continue;
    ASSERT_LT(k, results.size());
    const json& res = results[k++];
    if (!res.value("ok", false)) continue;
    const json cmd = json::parse(line, nullptr, false);
    ASSERT_FALSE(cmd.is_discarded()) << "accepted but not JSON: " << line;
    if (const auto id = cmd.find("commandId"); id != cmd.end() && id->is_string())
      if (!applied_ids.insert(id->get<std::string>()).second) continue;
    written += res["events"].size();
  }
  // The genesis: what a store holds after one command that writes one event.
  const std::string genesis_dir = dir + "-genesis";
  remove_dir(genesis_dir);
  auto g = run_callwatch("apply --data " + genesis_dir, "{\"type\":\"OpenCcp\",\"by\":\"admin\"}\n");
  ASSERT_EQ(g.exit_code, 0) << g.err;
  auto gs = run_callwatch("stats --json --data " + genesis_dir);
  const std::size_t genesis = json::parse(gs.out)["events"].get<std::size_t>() - 1;

  auto st = run_callwatch("stats --json --data " + dir);
  ASSERT_EQ(st.exit_code, 0) << st.err;
  EXPECT_EQ(json::parse(st.out)["events"].get<std::size_t>(), genesis + written);
  remove_dir(dir);
  remove_dir(genesis_dir);
}

}  // namespace
}  // namespace callwatch::testing
