// The replay decoder agrees with the codec on every record, good or damaged; the prefetching
// reader returns exactly the log.
#include <gtest/gtest.h>

#include "codec/json.h"
#include "projections/event_reader.h"
#include "projections/log_prefetch.h"
#include "store_fixture.h"
#include "testing/day_workload.h"

namespace callwatch::projections::testing {
namespace {

std::vector<std::string> records_of_a_day() {
  World w;
  testkit::DayWorkload<World> load(w, testkit::DayWorkloadOptions{8, 3, 99, 20});
  w.at(5);
  load.setup();
  for (int i = 0; i < 3000; ++i) load.step();
  std::vector<std::string> out;
  for (const auto& pe : w.log()) out.push_back(to_new_event(pe.position, pe.event).data);
  // The one event no command produces: a finding is a fact translated from Amazon Connect.
  const Event finding{w.log().back().event.at,
                      ev::FindingRecorded{ContactId{"c-1"}, UserId{"s-1"}, "RECORDING_DISABLED",
                                          "contact c-1 is not recorded", "MonitoringStarted"}};
  out.push_back(to_new_event(w.log().back().position + 1, finding).data);
  return out;
}

TEST(EventReader, AgreesWithTheCodecOnEveryEventType) {
  const auto records = records_of_a_day();
  EventReader reader;
  std::set<std::size_t> types;
  for (const auto& r : records) {
    auto expected = codec::decode_event(r);
    ASSERT_TRUE(expected.has_value());
    types.insert(expected->event.body.index());
    // Unaligned copies too: RocksDB hands out values at any address.
    for (std::size_t shift : {0, 1, 3}) {
      std::string buf(shift, 'x');
      buf += r;
      auto got = reader.read(std::string_view(buf).substr(shift));
      ASSERT_TRUE(got.has_value()) << got.error();
      EXPECT_EQ(codec::to_json(**got), codec::to_json(expected->event));
    }
  }
  EXPECT_EQ(types.size(), std::variant_size_v<EventBody>);  // the day has every event type
  EXPECT_GT(reader.fast(), 10 * reader.delegated());
}

TEST(EventReader, DamagedRecordsGiveTheCodecsErrors) {
  const auto records = records_of_a_day();
  EventReader reader;
  std::uint64_t x = 777;
  std::size_t errors = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string& good = records[i];
    for (int k = 0; k < 12; ++k) {
      std::string bad = good;
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      switch (k % 3) {
        case 0: bad.resize((x >> 33) % bad.size()); break;
        case 1: bad[(x >> 33) % bad.size()] ^= static_cast<char>(1 + (x >> 20) % 255); break;
        case 2: bad += std::string(8, static_cast<char>(x >> 40)); break;
      }
      auto expected = codec::decode_event(bad);
      auto got = reader.read(bad);
      ASSERT_EQ(got.has_value(), expected.has_value()) << "record " << i << " damage " << k << ": " << (expected ? std::string("ok") : expected.error().message) << " / " << (got ? codec::to_json(**got).dump() : got.error());
      if (expected) {
        EXPECT_EQ(codec::to_json(**got), codec::to_json(expected->event));
      } else {
        EXPECT_EQ(got.error(), expected.error().message);
        ++errors;
      }
    }
  }
  EXPECT_GT(errors, 100u);
  EXPECT_FALSE(reader.read("").has_value());
}

TEST(LogPrefetcher, ReturnsExactlyTheRange) {
  TempDir dir;
  auto store = open_store(dir.path());
  World w;
  testkit::DayWorkload<World> load(w, testkit::DayWorkloadOptions{6, 2, 3, 10});
  load.setup();
  for (int i = 0; i < 3000; ++i) load.step();
  append(*store, w.log());
  const Position n = w.last_position();
  for (auto [from, to] : {std::pair<Position, Position>{1, ~Position{0}}, {1, 1}, {500, 4700}, {n, n + 5},
                          {n + 1, ~Position{0}}, {7, 3}}) {
    LogPrefetcher log(*store, from, to);
    Position expect = from;
    while (const LogChunk* c = log.next())
      for (std::size_t i = 0; i < c->size(); ++i) {
        ASSERT_EQ(c->position(i), expect);
        EXPECT_EQ(c->data(i), to_new_event(expect, w.log()[expect - 1].event).data);
        ++expect;
      }
    EXPECT_TRUE(log.status().has_value());
    EXPECT_EQ(expect, from > to ? from : std::min(to, n) + 1) << from << ".." << to;
  }
  // Abandoned midway: the destructor stops the reader thread.
  LogPrefetcher early(*store, 1);
  EXPECT_NE(early.next(), nullptr);
}

}  // namespace
}  // namespace callwatch::projections::testing
