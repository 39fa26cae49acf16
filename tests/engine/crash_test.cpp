// Crash safety: a child appends as fast as it can and is killed with SIGKILL at a random
// moment; every acknowledged event must be there, without gaps, the stream index must point
// at the right events, and the state rebuilt from the log must be the acknowledged state.
// A few rounds here; bench/eventstore's crash_stress runs many more.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "tests/engine/crash_harness.h"

namespace callwatch::engine {
namespace {

TEST(Crash, SigkillLosesNothingAcknowledged) {
  std::mt19937_64 rng(std::random_device{}());
  const char* durabilities[] = {"wal", "sync", "wal"};
  for (int round = 0; round < 3; ++round) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "cw-crash-XXXXXX").string();
    std::string dir = mkdtemp(tmpl.data());
    auto kill_after = std::chrono::milliseconds(20 + rng() % 300);
    auto r = crash::run_round(CRASH_CHILD, dir + "/store", rng(), 1 + rng() % 64,
                              durabilities[round], kill_after);
    EXPECT_EQ(r.error, "") << "round " << round << " (" << durabilities[round] << ", killed after "
                           << kill_after.count() << " ms)";
    EXPECT_GT(r.acks, 0u);
    std::printf("round %d (%s): killed after %lld ms, %llu acks, acked position %llu, store has %llu\n", round,
                durabilities[round], static_cast<long long>(kill_after.count()),
                static_cast<unsigned long long>(r.acks), static_cast<unsigned long long>(r.acked_position),
                static_cast<unsigned long long>(r.found_position));
    EXPECT_GE(r.found_position, r.acked_position);
    std::filesystem::remove_all(dir);
  }
}

}  // namespace
}  // namespace callwatch::engine
