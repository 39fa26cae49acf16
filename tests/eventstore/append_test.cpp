// Appends: atomicity, optimistic concurrency, idempotency, group commit under contention.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/eventstore/helpers.h"

namespace callwatch::eventstore {
namespace {

using testing::TempDir;
using testing::ev;
using testing::open_store;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Append, AssignsConsecutivePositionsAndStreamVersions) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> a{ev("a1", "s-a"), ev("a2", "s-a")};
  std::vector<NewEvent> b{ev("b1", "s-b")};
  auto r1 = store->append("s-a", ExpectedVersion::no_stream(), a);
  ASSERT_TRUE(r1) << r1.error().message;
  EXPECT_THAT(r1->positions, ElementsAre(1, 2));
  EXPECT_FALSE(r1->replayed);
  auto r2 = store->append("s-b", ExpectedVersion::any(), b);
  ASSERT_TRUE(r2);
  EXPECT_THAT(r2->positions, ElementsAre(3));
  EXPECT_EQ(store->last_position(), 3u);
  EXPECT_EQ(*store->stream_version("s-a"), 2u);
  EXPECT_EQ(*store->stream_version("s-b"), 1u);
  EXPECT_EQ(*store->stream_version("nothing"), 0u);

  auto all = store->read_all(1, 100);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[1].event_id, "a2");
  EXPECT_EQ((*all)[1].stream, "s-a");
  EXPECT_EQ((*all)[1].stream_version, 2u);
  EXPECT_EQ((*all)[1].type, "Thing");
  EXPECT_EQ((*all)[1].data, "payload");
  EXPECT_EQ((*all)[2].position, 3u);
}

TEST(Append, ExpectedVersionKinds) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> e1{ev("1", "s")}, e2{ev("2", "s")}, e3{ev("3", "s")}, e4{ev("4", "s")};
  auto r = store->append("s", ExpectedVersion::stream_exists(), e1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::WrongExpectedVersion);
  ASSERT_TRUE(store->append("s", ExpectedVersion::no_stream(), e1));
  r = store->append("s", ExpectedVersion::no_stream(), e2);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::WrongExpectedVersion);
  ASSERT_TRUE(store->append("s", ExpectedVersion::stream_exists(), e2));
  ASSERT_TRUE(store->append("s", ExpectedVersion::exact(2), e3));
  ASSERT_TRUE(store->append("s", ExpectedVersion::any(), e4));
  EXPECT_EQ(*store->stream_version("s"), 4u);
}

TEST(Append, WrongExpectedVersionNamesBothVersions) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> e{ev("1", "contact-c-1"), ev("2", "contact-c-1"), ev("3", "contact-c-1")};
  ASSERT_TRUE(store->append("contact-c-1", ExpectedVersion::any(), e));
  std::vector<NewEvent> late{ev("4", "contact-c-1")};
  auto r = store->append("contact-c-1", ExpectedVersion::exact(1), late);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::WrongExpectedVersion);
  EXPECT_EQ(to_string(r.error().code), "WRONG_EXPECTED_VERSION");
  EXPECT_THAT(r.error().message, HasSubstr("contact-c-1"));
  EXPECT_THAT(r.error().message, HasSubstr("expected version 1"));
  EXPECT_THAT(r.error().message, HasSubstr("at version 3"));
  EXPECT_EQ(store->last_position(), 3u);
}

TEST(Append, MultiStreamAppendIsAtomic) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> x{ev("x1", "x")};
  ASSERT_TRUE(store->append("x", ExpectedVersion::any(), x));

  std::vector<NewEvent> c{ev("c1", "contact-1")}, u{ev("u1", "user-a")};
  std::vector<StreamAppend> bad{{"contact-1", ExpectedVersion::no_stream(), c},
                                {"user-a", ExpectedVersion::exact(5), u}};
  auto r = store->append(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::WrongExpectedVersion);
  EXPECT_EQ(store->last_position(), 1u);
  EXPECT_EQ(*store->stream_version("contact-1"), 0u);

  std::vector<StreamAppend> good{{"contact-1", ExpectedVersion::no_stream(), c},
                                 {"user-a", ExpectedVersion::no_stream(), u}};
  r = store->append(good);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_THAT(r->positions, ElementsAre(2, 3));
}

TEST(Append, SameStreamTwiceKeepsOrderAndChecksProgressively) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> c1{ev("c1", "c")}, u1{ev("u1", "u")}, c2{ev("c2", "c")};
  std::vector<StreamAppend> parts{{"c", ExpectedVersion::no_stream(), c1},
                                  {"u", ExpectedVersion::any(), u1},
                                  {"c", ExpectedVersion::exact(1), c2}};
  auto r = store->append(parts);
  ASSERT_TRUE(r) << r.error().message;
  auto all = store->read_all(1, 10);
  EXPECT_THAT(testing::ids_of(*all), ElementsAre("c1", "u1", "c2"));
  EXPECT_EQ((*all)[2].stream_version, 2u);
}

TEST(Append, RetryReturnsOriginalPositionsWithoutWriting) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> e{ev("cmd-1#0", "s"), ev("cmd-1#1", "t")};
  std::vector<StreamAppend> parts{{"s", ExpectedVersion::no_stream(), {e.data(), 1}},
                                  {"t", ExpectedVersion::no_stream(), {e.data() + 1, 1}}};
  auto r1 = store->append(parts);
  ASSERT_TRUE(r1);
  std::vector<NewEvent> other{ev("other", "s")};
  ASSERT_TRUE(store->append("s", ExpectedVersion::any(), other));
  // The retry's expectations no longer hold, but it is recognised as the same append.
  auto r2 = store->append(parts);
  ASSERT_TRUE(r2) << r2.error().message;
  EXPECT_TRUE(r2->replayed);
  EXPECT_EQ(r2->positions, r1->positions);
  EXPECT_EQ(store->last_position(), 3u);
  EXPECT_EQ(*store->find_event("cmd-1#1"), std::optional<Position>(2));
  EXPECT_EQ(*store->find_event("nope"), std::nullopt);
}

TEST(Append, FindEventsAnswersEachIdAsFindEventDoes) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> events;
  for (int i = 0; i < 3000; ++i) events.push_back(ev(fmt::format("cmd-{}#0", i), fmt::format("s{}", i % 7)));
  for (std::size_t i = 0; i < events.size(); i += 500)
    ASSERT_TRUE(store->append(parts_in_order(std::span(events).subspan(i, 500))));
  // Known ids in a scrambled order, unknown ones, a near miss and a repeat.
  std::vector<std::string> ids{"cmd-2999#0", "cmd-0#0", "cmd-3000#0", "cmd-17#1", "", "cmd-1500#0",
                               "cmd-0#0"};
  for (int i = 0; i < 3000; i += 97) ids.push_back(fmt::format("cmd-{}#0", i));
  std::vector<std::optional<Position>> found{Position{42}};  // overwritten, not appended to
  ASSERT_TRUE(store->find_events(ids, found));
  ASSERT_EQ(found.size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(found[i], *store->find_event(ids[i])) << ids[i];
  EXPECT_EQ(found[0], std::optional<Position>(3000));
  EXPECT_EQ(found[1], std::optional<Position>(1));
  EXPECT_EQ(found[2], std::nullopt);
  EXPECT_EQ(found[3], std::nullopt);
  EXPECT_EQ(found[4], std::nullopt);
  EXPECT_EQ(found[6], std::optional<Position>(1));
  ASSERT_TRUE(store->find_events({}, found));
  EXPECT_TRUE(found.empty());
}

TEST(Append, PartialOverlapIsRefused) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> e{ev("a", "s")};
  ASSERT_TRUE(store->append("s", ExpectedVersion::any(), e));
  std::vector<NewEvent> mixed{ev("a", "s"), ev("b", "s")};
  auto r = store->append("s", ExpectedVersion::any(), mixed);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::DuplicateEventId);
  EXPECT_THAT(r.error().message, HasSubstr("'a'"));
  EXPECT_EQ(store->last_position(), 1u);
}

TEST(Append, InvalidInputIsRefused) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> twice{ev("a", "s"), ev("a", "s")};
  auto r = store->append("s", ExpectedVersion::any(), twice);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::InvalidArgument);
  std::vector<NewEvent> wrong_stream{ev("a", "other")};
  r = store->append("s", ExpectedVersion::any(), wrong_stream);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::InvalidArgument);
  std::vector<NewEvent> empty_id{ev("", "s")};
  EXPECT_FALSE(store->append("s", ExpectedVersion::any(), empty_id));
  EXPECT_FALSE(store->append("s", ExpectedVersion::any(), std::span<const NewEvent>{}));
  std::vector<NewEvent> huge{ev(std::string(kMaxNameBytes + 1, 'x'), "s")};
  EXPECT_FALSE(store->append("s", ExpectedVersion::any(), huge));
  EXPECT_EQ(store->last_position(), 0u);
}

TEST(Append, CheckpointsCommitWithTheEvents) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> e{ev("k1", "s")};
  AppendOptions o;
  o.checkpoints.push_back({"kafka/topic/0", "42"});
  ASSERT_TRUE(store->append("s", ExpectedVersion::any(), e, o));
  EXPECT_EQ(*store->get_checkpoint("kafka/topic/0"), std::optional<std::string>("42"));
  // A failed append writes none of its checkpoints.
  std::vector<NewEvent> f{ev("k2", "s")};
  AppendOptions o2;
  o2.checkpoints.push_back({"kafka/topic/0", "43"});
  ASSERT_FALSE(store->append("s", ExpectedVersion::no_stream(), f, o2));
  EXPECT_EQ(*store->get_checkpoint("kafka/topic/0"), std::optional<std::string>("42"));
}

TEST(Append, ConsumerCheckpointWithAuxIsAtomic) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<KeyValue> aux{{"proj/users/alice", "{...}"}};
  ASSERT_TRUE(store->put_checkpoint("projection.users", "17", aux));
  EXPECT_EQ(*store->get_checkpoint("projection.users"), std::optional<std::string>("17"));
  EXPECT_EQ(*store->get_aux("proj/users/alice"), std::optional<std::string>("{...}"));
  EXPECT_EQ(*store->get_checkpoint("unknown"), std::nullopt);
}

TEST(Append, AuxKeysCommitWithTheEventsAndAlone) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<NewEvent> e{ev("k1", "s")};
  AppendOptions o;
  o.checkpoints.push_back({"kafka/t/0", "5"});
  o.aux.push_back({"quarantine/t/0/3", "bad"});
  ASSERT_TRUE(store->append("s", ExpectedVersion::any(), e, o));
  EXPECT_EQ(*store->get_aux("quarantine/t/0/3"), std::optional<std::string>("bad"));
  // A failed append writes none of its aux keys.
  std::vector<NewEvent> f{ev("k2", "s")};
  AppendOptions o2;
  o2.aux.push_back({"quarantine/t/0/4", "lost"});
  ASSERT_FALSE(store->append("s", ExpectedVersion::no_stream(), f, o2));
  EXPECT_EQ(*store->get_aux("quarantine/t/0/4"), std::nullopt);
  // Without events: checkpoints and aux together.
  AppendOptions o3;
  o3.checkpoints.push_back({"kafka/t/0", "9"});
  o3.aux.push_back({"quarantine/t/0/8", "worse"});
  ASSERT_TRUE(store->put_checkpoints(o3));
  EXPECT_EQ(*store->get_checkpoint("kafka/t/0"), std::optional<std::string>("9"));
  EXPECT_EQ(*store->get_aux("quarantine/t/0/8"), std::optional<std::string>("worse"));
  EXPECT_EQ(store->last_position(), 1u);
}

// Many writers race for the same stream with exact expected versions: every version is won
// by exactly one of them, and the log has no gaps.
TEST(Append, ConcurrentWritersConflictCleanly) {
  TempDir dir;
  auto store = open_store(dir.path());
  constexpr int kThreads = 6, kRounds = 150;
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        auto v = store->stream_version("hot");
        ASSERT_TRUE(v);
        std::vector<NewEvent> e{ev(std::to_string(t) + "-" + std::to_string(i), "hot")};
        auto r = store->append("hot", ExpectedVersion::exact(*v), e);
        if (r) ++wins;
        else if (r.error().code == StoreErrorCode::WrongExpectedVersion) ++conflicts;
        else FAIL() << r.error().message;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wins + conflicts, kThreads * kRounds);
  EXPECT_EQ(store->last_position(), static_cast<Position>(wins.load()));
  EXPECT_EQ(*store->stream_version("hot"), static_cast<StreamVersion>(wins.load()));
  auto events = store->read_stream("hot", 1, 100000, Direction::Forward);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), static_cast<std::size_t>(wins.load()));
  for (std::size_t i = 0; i < events->size(); ++i) {
    EXPECT_EQ((*events)[i].stream_version, i + 1);
    EXPECT_EQ((*events)[i].position, i + 1);
  }
  EXPECT_TRUE(store->verify());
}

// Group commit: many threads, many streams, retries of each other's appends mixed in.
TEST(Append, ConcurrentAppendsAndRetriesKeepEveryEventOnce) {
  TempDir dir;
  auto store = open_store(dir.path());
  constexpr int kThreads = 8, kPerThread = 300;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string stream = "s-" + std::to_string((t * 7 + i) % 13);
        std::vector<NewEvent> e{ev(fmt::format("{}-{}", t, i), stream),
                                ev(fmt::format("{}-{}b", t, i), stream)};
        auto r = store->append(stream, ExpectedVersion::any(), e);
        ASSERT_TRUE(r) << r.error().message;
        auto again = store->append(stream, ExpectedVersion::any(), e);
        ASSERT_TRUE(again);
        EXPECT_TRUE(again->replayed);
        EXPECT_EQ(again->positions, r->positions);
        EXPECT_EQ(r->positions[1], r->positions[0] + 1);
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(store->last_position(), static_cast<Position>(kThreads * kPerThread * 2));
  EXPECT_TRUE(store->verify());
}

TEST(Append, ReadOnlyStoreRefusesWrites) {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    std::vector<NewEvent> e{ev("a", "s")};
    ASSERT_TRUE(store->append("s", ExpectedVersion::any(), e));
  }
  Options o;
  o.read_only = true;
  auto store = open_store(dir.path(), o);
  ASSERT_TRUE(store);
  std::vector<NewEvent> e{ev("b", "s")};
  auto r = store->append("s", ExpectedVersion::any(), e);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrorCode::ReadOnly);
  EXPECT_EQ(store->last_position(), 1u);
}

}  // namespace
}  // namespace callwatch::eventstore
