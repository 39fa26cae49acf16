// Projections wired to a real event store: catch-up, restart from the checkpoint, following
// live appends, rebuild = live, "as of" at several points, histories from the store.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "projections/log_queries.h"
#include "projections/runner.h"
#include "projections/snapshot.h"
#include "store_fixture.h"
#include "testing/day_workload.h"

namespace callwatch::projections::testing {
namespace {

std::string dump(const std::vector<SessionRecord>& records) {
  std::string out;
  for (const auto& r : records) {
    out += fmt::format("{} {} {} {} {} {} {}|", r.started_position, r.contact, r.supervisor, r.agent,
                       to_string(r.mode), r.started_at.time_since_epoch().count(), r.changes.size());
    for (const auto& c : r.changes) out += fmt::format("{}:{}:{},", c.position, to_string(c.mode), to_string(c.message_mode));
    if (r.ended_position)
      out += fmt::format("end {} {} {}", *r.ended_position, to_string(*r.end_reason),
                         r.ended_at->time_since_epoch().count());
    out += "\n";
  }
  return out;
}

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testkit::DayWorkload<World> load(w, testkit::DayWorkloadOptions{10, 3, 42, 20});
    w.at(5);
    load.setup();
    for (int i = 0; i < 2500; ++i) load.step();
    ASSERT_GT(w.log().size(), 2000u);
    store = open_store(dir.path());
    ASSERT_TRUE(store);
  }
  std::unique_ptr<Projections> open(RunnerOptions o = {}) {
    auto p = Projections::open(*store, o);
    EXPECT_TRUE(p.has_value()) << (p ? "" : p.error().message);
    return p ? std::move(*p) : nullptr;
  }
  std::string expected_sessions(Position upto = ~Position{0}) {
    SessionFilter f;
    f.as_of = upto;
    return dump(read_sessions(w.sessions_sink(), f));
  }

  TempDir dir;
  World w;
  std::unique_ptr<eventstore::EventStore> store;
};

TEST_F(RunnerTest, CatchUpFoldsTheWholeLog) {
  append(*store, w.log());
  auto p = open();
  auto stats = p->catch_up();
  ASSERT_TRUE(stats.has_value()) << stats.error().message;
  EXPECT_EQ(stats->events, w.log().size());
  EXPECT_EQ(stats->skipped, 0u);
  EXPECT_EQ(p->position(), w.last_position());
  EXPECT_EQ(p->committed(), w.last_position());
  EXPECT_EQ(p->storage(), StateDb::Mode::Writable);
  EXPECT_EQ(encode_snapshot(p->model()), encode_snapshot(w.model()));
  auto sessions = p->sessions({});
  ASSERT_TRUE(sessions.has_value());
  EXPECT_FALSE(sessions->empty());
  EXPECT_EQ(dump(*sessions), expected_sessions());
}

TEST_F(RunnerTest, RestartResumesFromTheCheckpoint) {
  const std::size_t half = w.log().size() / 2;
  append(*store, w.log(), 0, half);
  {
    auto p = open();
    ASSERT_TRUE(p->catch_up().has_value());
    EXPECT_EQ(p->committed(), half);
  }
  append(*store, w.log(), half);
  auto p = open();
  EXPECT_EQ(p->position(), half);  // loaded, not replayed
  EXPECT_EQ(encode_snapshot(p->model()), encode_snapshot(fold(w.log(), half)));
  auto stats = p->catch_up();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->events, w.log().size() - half);
  EXPECT_EQ(encode_snapshot(p->model()), encode_snapshot(w.model()));
  EXPECT_EQ(dump(*p->sessions({})), expected_sessions());
}

TEST_F(RunnerTest, FollowingLiveThenRebuildingGivesTheSameResult) {
  auto p = open(RunnerOptions{{}, 1'000'000, std::chrono::milliseconds{20}, true});
  std::atomic<bool> stop{false};
  std::thread follower([&] {
    auto s = p->follow([&] { return !stop.load() || p->position() < w.last_position(); },
                       std::chrono::milliseconds{10});
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
  });
  const std::size_t n = w.log().size();
  for (std::size_t from = 0; from < n; from += n / 7 + 1) {
    append(*store, w.log(), from, from + n / 7 + 1);
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  }
  stop = true;
  follower.join();
  EXPECT_EQ(p->position(), w.last_position());
  EXPECT_EQ(p->committed(), w.last_position());
  const std::string live = encode_snapshot(p->model());
  const std::string live_sessions = dump(*p->sessions({}));
  EXPECT_EQ(live, encode_snapshot(w.model()));
  EXPECT_EQ(live_sessions, expected_sessions());

  auto rebuilt = p->rebuild();
  ASSERT_TRUE(rebuilt.has_value()) << rebuilt.error().message;
  EXPECT_EQ(rebuilt->events, n);
  EXPECT_EQ(encode_snapshot(p->model()), live);
  EXPECT_EQ(dump(*p->sessions({})), live_sessions);
  // And after a restart, the rebuilt state is what is loaded.
  p.reset();
  auto again = open();
  EXPECT_EQ(encode_snapshot(again->model()), live);
  EXPECT_EQ(dump(*again->sessions({})), live_sessions);
}

TEST_F(RunnerTest, AsOfPositionsAndTimes) {
  append(*store, w.log());
  const auto& log = w.log();
  for (Position p : {Position{0}, Position{1}, Position{log.size() / 4}, Position{log.size() / 2},
                     Position{log.size()}, Position{log.size() + 10}}) {
    auto m = model_as_of(*store, AsOf{p}, {});
    ASSERT_TRUE(m.has_value()) << m.error().message;
    EXPECT_EQ(m->position, std::min<Position>(p, log.size()));
    EXPECT_EQ(encode_snapshot(m->model), encode_snapshot(fold(log, p))) << "as of " << p;
  }
  for (std::size_t i : {log.size() / 3, 2 * log.size() / 3}) {
    const Timestamp t = log[i].event.at;
    Position last = 0;
    for (const auto& pe : log) {
      if (pe.event.at > t) break;
      last = pe.position;
    }
    auto m = model_as_of(*store, AsOf{t}, {});
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->position, last);
    EXPECT_EQ(m->now, t);
    EXPECT_EQ(encode_snapshot(m->model), encode_snapshot(fold(log, last)));
    EXPECT_EQ(*resolve(*store, AsOf{t}), last);
  }
  auto parsed = AsOf::parse("2026-11-18T10:00:00Z");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(std::holds_alternative<Timestamp>(parsed->bound));
  EXPECT_EQ(std::get<Position>(AsOf::parse("1234")->bound), 1234u);
  EXPECT_FALSE(AsOf::parse("yesterday").has_value());
}

TEST_F(RunnerTest, ContactHistoryComesFromTheStore) {
  append(*store, w.log());
  for (const std::string contact : {"c-0", "c-5", "c-17"}) {
    auto events = contact_events(*store, contact);
    ASSERT_TRUE(events.has_value()) << events.error().message;
    const auto expected = w.stream(contact);
    ASSERT_EQ(events->size(), expected.size()) << contact;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ((*events)[i].position, expected[i].position);
      EXPECT_EQ(describe((*events)[i].event), describe(expected[i].event));
    }
    const Position mid = expected[expected.size() / 2].position;
    EXPECT_EQ(contact_events(*store, contact, mid)->size(), expected.size() / 2 + 1);
  }
  EXPECT_TRUE(contact_events(*store, "no-such")->empty());
}

TEST_F(RunnerTest, UndecodableEventsAreSkippedAndReported) {
  append(*store, w.log(), 0, 100);
  eventstore::NewEvent junk{"junk-1", "contact-x", "FutureEvent", "not cap'n proto"};
  ASSERT_TRUE(store->append("contact-x", eventstore::ExpectedVersion::any(), {&junk, 1}).has_value());
  auto p = open();
  auto stats = p->catch_up();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->skipped, 1u);
  EXPECT_EQ(stats->events, 100u);
  EXPECT_EQ(p->position(), 101u);
  ASSERT_EQ(p->notes().size(), 1u);
  EXPECT_NE(p->notes()[0].find("position 101 skipped"), std::string::npos) << p->notes()[0];
}

TEST_F(RunnerTest, ASecondOpenerReadsWithoutWriting) {
  append(*store, w.log(), 0, 1000);
  auto writer = open();
  ASSERT_TRUE(writer->catch_up().has_value());
  append(*store, w.log(), 1000);
  auto reader = open();
  EXPECT_EQ(reader->storage(), StateDb::Mode::ReadOnly);
  EXPECT_EQ(reader->position(), 1000u);
  ASSERT_TRUE(reader->catch_up().has_value());
  EXPECT_EQ(reader->committed(), 1000u);  // nothing written
  EXPECT_EQ(encode_snapshot(reader->model()), encode_snapshot(w.model()));
  EXPECT_EQ(dump(*reader->sessions({})), expected_sessions());  // committed + pending records
}

TEST_F(RunnerTest, ChangedOptionsFoldAgainFromTheStart) {
  append(*store, w.log());
  ASSERT_TRUE(open()->catch_up().has_value());
  RunnerOptions o;
  o.model.window = std::chrono::minutes{5};
  auto p = open(o);
  EXPECT_EQ(p->position(), 0u);
  ASSERT_FALSE(p->notes().empty());
  EXPECT_NE(p->notes()[0].find("options changed"), std::string::npos);
  ASSERT_TRUE(p->catch_up().has_value());
  EXPECT_EQ(encode_snapshot(p->model()), encode_snapshot(fold(w.log(), ~Position{0}, o.model)));
  EXPECT_EQ(dump(*p->sessions({})), expected_sessions());
}

TEST(StateDbTest, RefusesADirectoryThatIsNotOurs) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  std::ofstream(dir.path() + "/notes.txt") << "hello";
  auto db = StateDb::open(dir.path(), true);
  ASSERT_FALSE(db.has_value());
  EXPECT_NE(db.error().message.find("not a projections database"), std::string::npos);
  std::ifstream still(dir.path() + "/notes.txt");
  EXPECT_TRUE(still.good());
}

TEST(StateDbTest, MemoryModeWhenNothingCanBeCreated) {
  TempDir dir;
  auto db = StateDb::open(dir.path(), false);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ((*db)->mode(), StateDb::Mode::Memory);
  PendingRecords pending;
  pending.put("k", "v");
  EXPECT_TRUE((*db)->commit(1, "snap", pending).has_value());
  EXPECT_FALSE(pending.empty());  // kept: nothing was written
  EXPECT_FALSE((*db)->drop().has_value());
}

}  // namespace
}  // namespace callwatch::projections::testing
