// Replay at speed: the original timing scaled, quiet stretches capped, the same result as a fold.
#include <gtest/gtest.h>

#include "projections/replay.h"
#include "projections/snapshot.h"
#include "store_fixture.h"

namespace callwatch::projections::testing {
namespace {

class ReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.at(1).routing();
    w.at(2).agent("alice");
    w.at(3).start("c1", Channel::Voice);
    w.at(4).connect("c1", "alice");
    w.at(12).end("c1", "alice");  // 10 s after the routing set-up
    w.at(1000).wrap_up("c1", "alice");  // then a quiet stretch of 988 s
    store = open_store(dir.path());
    append(*store, w.log());
  }
  TempDir dir;
  World w;
  std::unique_ptr<eventstore::EventStore> store;
};

TEST_F(ReplayTest, MaxSpeedFoldsEverything) {
  ReadModel m;
  std::vector<ReplayProgress> seen;
  ReplayOptions o;
  o.progress_every = std::chrono::milliseconds{0};
  o.progress = [&](const ReplayProgress& p) { seen.push_back(p); };
  auto r = replay(*store, m, o);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->final.events, w.log().size());
  EXPECT_EQ(r->final.position, w.last_position());
  EXPECT_EQ(r->final.log_time, at_s(1000));
  EXPECT_EQ(encode_snapshot(m), encode_snapshot(w.model()));
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().last, w.last_position());
}

TEST_F(ReplayTest, ScaledTimingWaitsAndQuietStretchesAreCapped) {
  ReadModel m;
  ReplayOptions o;
  o.speed = 50.0;                       // 1,000 s of log would take 20 s ...
  o.max_gap = std::chrono::seconds{5};  // ... but gaps over 5 s count as 5 s
  const auto t0 = std::chrono::steady_clock::now();
  auto r = replay(*store, m, o);
  const auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->final.events, w.log().size());
  // Events at 0, 1, 2, 3, 4 s; then 12 s (an 8 s gap, counted as 5); then 1000 s (988 s,
  // counted as 5): 4 + 5 + 5 = 14 s of log at 50x is 280 ms at least.
  EXPECT_GE(waited, std::chrono::milliseconds{280});
  EXPECT_EQ(encode_snapshot(m), encode_snapshot(w.model()));
}

TEST_F(ReplayTest, UntilAPositionOrATime) {
  ReadModel m;
  ReplayOptions o;
  o.until = AsOf{Position{5}};
  auto r = replay(*store, m, o);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->final.position, 5u);
  EXPECT_EQ(encode_snapshot(m), encode_snapshot(fold(w.log(), 5)));
  ReadModel t;
  o.until = AsOf{at_s(12)};
  r = replay(*store, t, o);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->final.log_time, at_s(12));
  EXPECT_EQ(t.live_contacts(), 1u);
}

}  // namespace
}  // namespace callwatch::projections::testing
