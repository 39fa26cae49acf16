// Subscriptions: catch up from disk, then follow live appends; many subscribers; a slow one
// never holds the writer back.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/follower.h"
#include "tests/eventstore/helpers.h"

namespace callwatch::eventstore {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;
using testing::ev;
using testing::open_store;

// Names are built with fmt::format, not "e" + std::to_string(i): at -O3 GCC 12 inlines that
// operator+ and reports a false -Wrestrict inside libstdc++ (GCC bug 105329).
void append_n(EventStore& store, int from, int n) {
  for (int i = from; i < from + n; ++i) {
    std::vector<NewEvent> e{ev(fmt::format("e{}", i), fmt::format("s{}", i % 5))};
    ASSERT_TRUE(store.append(e[0].stream, ExpectedVersion::any(), e));
  }
}

TEST(Subscription, CatchesUpThenFollowsLive) {
  TempDir dir;
  auto store = open_store(dir.path());
  append_n(*store, 1, 10);
  auto sub = store->subscribe(3);
  auto first = sub->next(100, 1s);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->size(), 7u);
  EXPECT_EQ(first->front().position, 4u);
  EXPECT_EQ(sub->position(), 10u);

  std::thread writer([&] {
    std::this_thread::sleep_for(50ms);
    append_n(*store, 11, 1);
  });
  auto live = sub->next(100, 10s);  // blocks until the append lands
  writer.join();
  ASSERT_TRUE(live) << live.error().message;
  ASSERT_EQ(live->size(), 1u);
  EXPECT_EQ(live->front().event_id, "e11");
}

TEST(Subscription, TimesOutWhenNothingHappens) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto sub = store->subscribe(0);
  auto r = sub->next(10, 20ms);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::Timeout);
}

TEST(Subscription, CancelAndCloseWakeABlockedReader) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto sub = store->subscribe(0);
  std::thread canceller([&] {
    std::this_thread::sleep_for(30ms);
    sub->cancel();
  });
  auto r = sub->next(10, 30s);
  canceller.join();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::Closed);

  auto sub2 = store->subscribe(0);
  std::thread closer([&] {
    std::this_thread::sleep_for(30ms);
    store.reset();  // the subscription keeps what it needs alive
  });
  auto r2 = sub2->next(10, 30s);
  closer.join();
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, StoreErrorCode::Closed);
}

// Several live followers each see every event exactly once and in order, while one stalled
// subscriber (never reading) does not slow the writer or the others.
TEST(Subscription, ManySubscribersAndASlowOne) {
  TempDir dir;
  auto store = open_store(dir.path());
  append_n(*store, 1, 20);
  constexpr int kFollowers = 4;
  constexpr Position kTotal = 20 + 500;
  std::atomic<int> in_order_failures{0};
  std::vector<std::atomic<Position>> seen(kFollowers);
  std::vector<std::unique_ptr<testkit::Follower>> followers;
  for (int f = 0; f < kFollowers; ++f) {
    seen[f] = 0;
    followers.push_back(std::make_unique<testkit::Follower>(store->subscribe(0), [&, f](const RecordedEvent& e) {
      if (e.position != seen[f] + 1) ++in_order_failures;
      seen[f] = e.position;
      return true;
    }));
  }
  auto stalled = store->subscribe(0);  // never reads until the end
  std::atomic<Position> slow_seen{0};
  testkit::Follower slow(store->subscribe(0), [&](const RecordedEvent& e) {
    std::this_thread::sleep_for(1ms);
    slow_seen = e.position;
    return true;
  });
  append_n(*store, 21, 500);
  EXPECT_EQ(store->last_position(), kTotal);
  for (int f = 0; f < kFollowers; ++f) {
    for (int i = 0; i < 1000 && seen[f] < kTotal; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(seen[f], kTotal);
  }
  EXPECT_EQ(in_order_failures, 0);
  EXPECT_LT(slow_seen.load(), kTotal);  // still far behind: the writer did not wait for it
  slow.stop();
  followers.clear();
  // The stalled subscriber catches up from disk in one go.
  auto all = stalled->next(10000, 1s);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), kTotal);
}

TEST(Subscription, HandlerCanStopTheFollower) {
  TempDir dir;
  auto store = open_store(dir.path());
  append_n(*store, 1, 10);
  std::atomic<int> calls{0};
  testkit::Follower f(store->subscribe(0), [&](const RecordedEvent&) { return ++calls < 3; });
  for (int i = 0; i < 200 && calls < 3; ++i) std::this_thread::sleep_for(5ms);
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace callwatch::eventstore
