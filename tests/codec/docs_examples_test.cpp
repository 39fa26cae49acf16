// Every command example in docs/commands.md and examples/*.jsonl parses, and prints back to
// an equivalent command: the docs and the codec cannot drift apart unnoticed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "codec/json.h"

namespace callwatch::codec {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = CALLWATCH_SOURCE_DIR;

// JSON lines inside ```json fences of a Markdown file.
std::vector<std::string> json_blocks(const fs::path& md) {
  std::ifstream in(md);
  std::vector<std::string> out;
  bool fenced = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("```")) {
      fenced = line == "```json";
      continue;
    }
    if (fenced && line.starts_with("{")) out.push_back(line);
  }
  return out;
}

void expect_parses(const std::string& line) {
  auto c = parse_command(line);
  ASSERT_TRUE(c.has_value()) << line << "\n  -> " << c.error().reason;
  auto again = command_from_json(to_json(*c));
  ASSERT_TRUE(again.has_value()) << again.error().reason;
  EXPECT_EQ(*again, *c) << line;
}

TEST(DocsExamples, CommandsMarkdown) {
  const fs::path md = kRoot / "docs" / "commands.md";
  if (!fs::exists(md)) GTEST_SKIP() << md << " not found";
  const auto lines = json_blocks(md);
  EXPECT_GE(lines.size(), 21u) << "at least one example per command type";
  for (const auto& line : lines) expect_parses(line);
}

TEST(DocsExamples, ExampleScenarios) {
  const fs::path dir = kRoot / "examples";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " not found";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".jsonl") continue;
    SCOPED_TRACE(entry.path().string());
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line.front() == '{') expect_parses(line);
  }
}

}  // namespace
}  // namespace callwatch::codec
