// crash_stress [rounds] [max_kill_ms]: the crash test of tests/engine, many rounds (default
// 20), alternating durability modes and batch sizes; exits 1 on the first failed round.
#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <random>

#include "tests/engine/crash_harness.h"

int main(int argc, char** argv) {
  using namespace callwatch::engine;
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 20;
  const int max_kill_ms = argc > 2 ? std::atoi(argv[2]) : 1500;
  std::mt19937_64 rng(std::random_device{}());
  int failed = 0;
  std::uint64_t ahead = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "cw-crash-XXXXXX").string();
    std::string dir = mkdtemp(tmpl.data());
    const char* durability = round % 3 == 1 ? "sync" : "wal";
    std::size_t batch = 1 + rng() % 256;
    auto kill_after = std::chrono::milliseconds(10 + rng() % static_cast<unsigned>(max_kill_ms));
    auto r = crash::run_round(CRASH_CHILD, dir + "/store", rng(), batch, durability, kill_after);
    if (r.found_position > r.acked_position) ++ahead;
    fmt::print("round {:2}: {:4} batch {:3} killed after {:4} ms: {:5} acks, acked {:7}, found {:7}: {}\n",
               round + 1, durability, batch, kill_after.count(), r.acks, r.acked_position,
               r.found_position, r.error.empty() ? "ok" : r.error);
    std::fflush(stdout);
    if (!r.error.empty()) ++failed;
    std::filesystem::remove_all(dir);
  }
  fmt::print("{} rounds, {} failed; {} rounds found events written but not yet acknowledged\n",
             rounds, failed, ahead);
  return failed ? 1 : 0;
}
