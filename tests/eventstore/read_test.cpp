// Reads: the global log with bounds, single events, streams forward and backward.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/store_access.h"
#include "tests/eventstore/helpers.h"

namespace callwatch::eventstore {
namespace {

// Names are built with fmt::format, not "e" + std::to_string(i): at -O3 GCC 12 inlines that
// operator+ and reports a false -Wrestrict inside libstdc++ (GCC bug 105329).

using testing::TempDir;
using testing::ev;
using testing::ids_of;
using testing::open_store;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Positions 1..30; stream "even" holds the even positions, "odd" the odd ones.
std::unique_ptr<EventStore> filled(const std::string& dir, Options o = {}) {
  auto store = open_store(dir, o);
  for (int i = 1; i <= 30; ++i) {
    std::string stream = i % 2 ? "odd" : "even";
    std::vector<NewEvent> e{ev(fmt::format("e{}", i), stream, i % 3 ? "A" : "B")};
    EXPECT_TRUE(store->append(stream, ExpectedVersion::any(), e));
  }
  return store;
}

TEST(Read, GlobalLogFromAnyPositionWithBounds) {
  TempDir dir;
  auto store = filled(dir.path());
  auto r = store->read_all(28, 100);
  ASSERT_TRUE(r);
  EXPECT_THAT(ids_of(*r), ElementsAre("e28", "e29", "e30"));
  r = store->read_all(5, 2);
  EXPECT_THAT(ids_of(*r), ElementsAre("e5", "e6"));
  EXPECT_THAT(*store->read_all(31, 10), IsEmpty());
  EXPECT_EQ(store->read_all(0, 1)->front().position, 1u);

  auto cursor = store->read_all(1);
  ASSERT_TRUE(cursor);
  Position n = 0;
  for (; cursor->valid(); cursor->next()) EXPECT_EQ(cursor->event().position, ++n);
  EXPECT_TRUE(cursor->status());
  EXPECT_EQ(n, 30u);
}

TEST(Read, CursorStopsAtTheHeadOfItsCreation) {
  TempDir dir;
  auto store = filled(dir.path());
  auto cursor = store->read_all(1);
  std::vector<NewEvent> e{ev("late", "odd")};
  ASSERT_TRUE(store->append("odd", ExpectedVersion::any(), e));
  Position n = 0;
  for (; cursor->valid(); cursor->next()) ++n;
  EXPECT_EQ(n, 30u);
  EXPECT_EQ(cursor->end(), 30u);
}

TEST(Read, SingleEvent) {
  TempDir dir;
  auto store = filled(dir.path());
  auto e = store->read_event(7);
  ASSERT_TRUE(e && *e);
  EXPECT_EQ((*e)->event_id, "e7");
  EXPECT_EQ((*e)->stream_version, 4u);
  EXPECT_EQ(*store->read_event(31), std::nullopt);
  EXPECT_EQ(*store->read_event(0), std::nullopt);
}

TEST(Read, StreamForwardAndBackward) {
  TempDir dir;
  auto store = filled(dir.path());
  auto f = store->read_stream("even", 1, 3, Direction::Forward);
  ASSERT_TRUE(f);
  EXPECT_THAT(ids_of(*f), ElementsAre("e2", "e4", "e6"));
  f = store->read_stream("even", 14, 10, Direction::Forward);
  EXPECT_THAT(ids_of(*f), ElementsAre("e28", "e30"));
  auto b = store->read_stream("odd", EventStore::kEndOfStream, 2, Direction::Backward);
  ASSERT_TRUE(b);
  EXPECT_THAT(ids_of(*b), ElementsAre("e29", "e27"));
  b = store->read_stream("odd", 2, 10, Direction::Backward);
  EXPECT_THAT(ids_of(*b), ElementsAre("e3", "e1"));
  EXPECT_THAT(*store->read_stream("none", 1, 10, Direction::Forward), IsEmpty());
  EXPECT_THAT(*store->read_stream("odd", 16, 10, Direction::Forward), IsEmpty());
}

// Streams spread over many index runs (one run per indexing batch) read seamlessly.
TEST(Read, StreamAcrossManyIndexRuns) {
  TempDir dir;
  auto store = open_store(dir.path());
  for (int i = 1; i <= 50; ++i) {
    std::vector<NewEvent> e{ev(fmt::format("x{}", i), "s"), ev(fmt::format("y{}", i), "t")};
    ASSERT_TRUE(store->append(std::vector<StreamAppend>{{"s", ExpectedVersion::any(), {&e[0], 1}},
                                                        {"t", ExpectedVersion::any(), {&e[1], 1}}}));
    if (i % 7 == 0) {
      ASSERT_TRUE(testkit::wait_indexed(*store, std::chrono::seconds(5)));
    }
  }
  auto all = store->read_stream("s", 1, 1000, Direction::Forward);
  ASSERT_EQ(all->size(), 50u);
  for (std::size_t i = 0; i < 50; ++i) {
    EXPECT_EQ((*all)[i].event_id, fmt::format("x{}", i + 1));
    EXPECT_EQ((*all)[i].stream_version, i + 1);
  }
  auto mid = store->read_stream("s", 20, 3, Direction::Backward);
  EXPECT_THAT(ids_of(*mid), ElementsAre("x20", "x19", "x18"));
  auto fwd = store->read_stream("t", 13, 3, Direction::Forward);
  EXPECT_THAT(ids_of(*fwd), ElementsAre("y13", "y14", "y15"));
  EXPECT_TRUE(store->verify());
}

// A read-only opener sees what was committed; the part of the log the index had not covered
// is read from the log itself.
TEST(Read, ReadOnlyStoreReadsStreamsAndStats) {
  TempDir dir;
  auto store = filled(dir.path());
  Options o;
  o.read_only = true;
  auto reader = open_store(dir.path(), o);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->last_position(), 30u);
  auto f = reader->read_stream("even", 1, 100, Direction::Forward);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->size(), 15u);
  EXPECT_EQ(*reader->stream_version("odd"), 15u);
  auto st = reader->stats();
  ASSERT_TRUE(st);
  EXPECT_EQ(st->events, 30u);
  EXPECT_EQ(st->streams, 2u);
  EXPECT_EQ(st->events_per_type["A"], 20u);
  EXPECT_EQ(st->events_per_type["B"], 10u);
}

TEST(Read, Stats) {
  TempDir dir;
  Options o;
  o.durability = Durability::Sync;
  auto store = filled(dir.path(), o);
  auto st = store->stats();
  ASSERT_TRUE(st);
  EXPECT_EQ(st->events, 30u);
  EXPECT_EQ(st->last_position, 30u);
  EXPECT_EQ(st->streams, 2u);
  EXPECT_EQ(st->events_per_type.size(), 2u);
  EXPECT_EQ(st->events_per_type["B"], 10u);
  EXPECT_EQ(st->durability, Durability::Sync);
  EXPECT_EQ(st->schema_version, 1u);
  EXPECT_GT(st->size_on_disk_bytes, 0u);
}

TEST(Read, InMemoryStore) {
  Options o;
  o.in_memory = true;
  auto store = open_store("/mem/test", o);
  ASSERT_TRUE(store);
  std::vector<NewEvent> e{ev("a", "s")};
  ASSERT_TRUE(store->append("s", ExpectedVersion::no_stream(), e));
  EXPECT_EQ(store->read_stream("s", 1, 5, Direction::Forward)->size(), 1u);
  EXPECT_FALSE(std::filesystem::exists("/mem/test"));
}

}  // namespace
}  // namespace callwatch::eventstore
