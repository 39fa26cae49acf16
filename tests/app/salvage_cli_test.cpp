// `callwatch verify` and `salvage` on a simulated day whose table file was overwritten: exit
// codes, the report names the damage, the salvaged store rebuilds its read models, the old
// store is byte for byte unchanged.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "tests/app/run_process.h"

namespace callwatch::testing {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> files_of(const std::string& dir) {
  std::map<std::string, std::string> m;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) m[e.path().string()] = slurp(e.path().string());
  return m;
}

TEST(SalvageCli, DamagedTableFileIsVerifiedSalvagedAndRebuilt) {
  const std::string base = ::testing::TempDir() + "/cw-salvage-" + std::to_string(::getpid());
  fs::remove_all(base);
  fs::create_directories(base);
  const std::string store = base + "/store", fresh = base + "/new";
  ASSERT_EQ(run_callwatch("simulate --data '" + store + "' --seed 7 --agents 20 --hours 1").exit_code, 0);
  EXPECT_EQ(run_callwatch("verify --data '" + store + "'").exit_code, 0);
  fs::path biggest;
  for (auto& e : fs::directory_iterator(store))
    if (e.path().extension() == ".sst" && (biggest.empty() || fs::file_size(e.path()) > fs::file_size(biggest)))
      biggest = e.path();
  ASSERT_FALSE(biggest.empty());
  {
    std::fstream f(biggest, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(biggest) / 3));
    f.write("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", 32);
  }
  const auto before = files_of(store);
  auto v = run_callwatch("verify --data '" + store + "' --json");
  EXPECT_EQ(v.exit_code, 1) << v.err;
  auto j = nlohmann::json::parse(v.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << v.out;
  EXPECT_FALSE(j["intact"].get<bool>());
  EXPECT_GT(j["lostPositions"].get<int>(), 0);
  EXPECT_FALSE(j["contacts"].empty());

  auto s = run_callwatch("salvage --data '" + store + "' --to '" + fresh + "' --json");
  EXPECT_EQ(s.exit_code, 1) << s.err;  // written, with losses
  auto sj = nlohmann::json::parse(s.out, nullptr, false);
  ASSERT_FALSE(sj.is_discarded());
  EXPECT_EQ(sj["copiedEvents"], j["intactEvents"]);
  EXPECT_EQ(run_callwatch("verify --data '" + fresh + "'").exit_code, 0);
  EXPECT_EQ(run_callwatch("rebuild --data '" + fresh + "'").exit_code, 0);
  EXPECT_EQ(run_callwatch("agents --data '" + fresh + "'").exit_code, 0);
  EXPECT_EQ(run_callwatch("salvage --data '" + store + "' --to '" + fresh + "'").exit_code, 4);
  EXPECT_EQ(run_callwatch("verify --data '" + base + "/nothing'").exit_code, 3);
  EXPECT_TRUE(before == files_of(store)) << "the damaged store changed";
  fs::remove_all(base);
}

}  // namespace
}  // namespace callwatch::testing
