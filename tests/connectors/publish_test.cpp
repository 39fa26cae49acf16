// `callwatch publish` as an outbox, and the round trip publish -> ingest --format callwatch:
// the partition store is the published log, byte for byte; re-sent records are dropped as
// duplicates by event id; an undecodable record is quarantined.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "codec/event_codec.h"
#include "kafka_fixture.h"
#include "store_reading.h"

namespace callwatch::connectors {
namespace {

using namespace kafka_test;
using ::testing::HasSubstr;

const std::string kMorning = std::string(CALLWATCH_SOURCE_DIR) + "/examples/morning-shift.jsonl";

TEST(Publish, OutboxThenIngestAsFactsRebuildsTheSameStore) {
  TempDir dir;
  auto broker = start_broker({"log"}, 1);
  const std::string source = dir.path() + "/source";
  ASSERT_EQ(run_callwatch("apply --data " + source + " --file " + kMorning).exit_code, 0);
  const auto original = log_of(source);
  ASSERT_GT(original.size(), 50u);

  const std::string publish = "publish --data " + source + " --brokers " + broker->bootstraps() + " --topic log";
  auto p = run_callwatch(publish);
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_THAT(p.err, HasSubstr(std::to_string(original.size()) + " events delivered"));
  auto again = run_callwatch(publish);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("0 events delivered")) << "the checkpoint covers what was delivered";

  auto records = read_topic(broker->bootstraps(), "log");
  ASSERT_EQ(records.size(), original.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].key, original[i].stream);
    EXPECT_EQ(records[i].value, original[i].data);
    EXPECT_EQ(records[i].headers["callwatch.event-id"], original[i].event_id);
    EXPECT_EQ(records[i].headers["callwatch.position"], std::to_string(original[i].position));
    EXPECT_EQ(records[i].headers["callwatch.type"], original[i].type);
  }

  const std::string ingest = "ingest --format callwatch --data " + dir.path() + "/copy --brokers " +
                             broker->bootstraps() + " --topic log --exit-when-idle 0.3 --kafka-config " +
                             test_kafka_config(dir.path());
  auto in = run_callwatch(ingest);
  ASSERT_EQ(in.exit_code, 0) << in.err;
  const std::string copy = dir.path() + "/copy/log.0";
  auto copied = log_of(copy);
  ASSERT_EQ(copied.size(), original.size());
  for (std::size_t i = 0; i < copied.size(); ++i) {
    EXPECT_EQ(copied[i].event_id, original[i].event_id);
    EXPECT_EQ(copied[i].stream, original[i].stream);
    EXPECT_EQ(copied[i].type, original[i].type);
    EXPECT_EQ(copied[i].data, original[i].data);
  }
  EXPECT_EQ(run_callwatch("agents --data " + copy).out, run_callwatch("agents --data " + source).out);

  // A crashed publisher re-sends its tail: the same event ids, dropped. Garbage is quarantined.
  std::vector<std::string> resent;
  for (std::size_t i = original.size() - 5; i < original.size(); ++i) resent.push_back(original[i].data);
  resent.push_back("not an envelope");
  produce(broker->bootstraps(), "log", 0, resent);
  auto dup = run_callwatch(ingest);
  ASSERT_EQ(dup.exit_code, 0) << dup.err;
  EXPECT_THAT(dup.err, HasSubstr("6 records, 0 events written, 5 duplicates, 1 quarantined"));
  EXPECT_EQ(log_of(copy).size(), original.size());
  auto q = quarantine_of(copy);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0]["code"], "UNDECODABLE_EVENT");
  EXPECT_EQ(q[0]["offset"], static_cast<std::int64_t>(original.size() + 5));
}

TEST(Publish, JsonFormatCarriesEachEventWithItsIdAndPosition) {
  TempDir dir;
  auto broker = start_broker({"events"}, 3);
  const std::string source = dir.path() + "/source";
  ASSERT_EQ(run_callwatch("apply --data " + source + " --file " + kMorning).exit_code, 0);
  auto p = run_callwatch("publish --format json --data " + source + " --brokers " + broker->bootstraps() +
                         " --topic events");
  ASSERT_EQ(p.exit_code, 0) << p.err;
  const auto original = log_of(source);
  auto records = read_topic(broker->bootstraps(), "events");
  ASSERT_EQ(records.size(), original.size());
  std::map<std::string, std::int32_t> partition_of_stream;
  std::map<std::int32_t, std::int64_t> last_position;
  for (const auto& r : records) {
    auto j = nlohmann::json::parse(r.value);
    EXPECT_EQ(j["eventId"], r.headers.at("callwatch.event-id"));
    EXPECT_EQ(j["type"], r.headers.at("callwatch.type"));
    const auto pos = j["position"].get<std::int64_t>();
    EXPECT_GT(pos, last_position[r.partition]) << "log order within a partition";
    last_position[r.partition] = pos;
    auto [it, fresh] = partition_of_stream.emplace(r.key, r.partition);
    EXPECT_EQ(it->second, r.partition) << "a stream stays in one partition";
  }
}

// A store may hold text that is not UTF-8 (a Cap'n Proto envelope ingested with --format
// callwatch is not checked as text): the JSON format replaces it (codec::json_text), it does
// not throw out of publish.
TEST(Publish, JsonFormatOfAnEventHoldingBytesThatAreNotUtf8) {
  TempDir dir;
  auto broker = start_broker({"events"}, 1);
  const std::string source = dir.path() + "/source";
  {
    auto store = eventstore::EventStore::open(source, eventstore::Options{});
    ASSERT_TRUE(store) << store.error().message;
    Event event(Timestamp{std::chrono::milliseconds(1'700'000'000'000)},
                ev::UserCreated{UserId("admin"), UserId("bad-\xff\xc0-user"), {}, 1});
    eventstore::NewEvent e{"e-1", "user-bad", "UserCreated", {}};
    codec::encode_event_into(e.event_id, e.stream, event, e.data);
    ASSERT_TRUE((*store)->append(e.stream, eventstore::ExpectedVersion::any(), {&e, 1}));
  }
  auto p = run_callwatch("publish --format json --data " + source + " --brokers " + broker->bootstraps() +
                         " --topic events");
  ASSERT_EQ(p.exit_code, 0) << p.err;
  auto records = read_topic(broker->bootstraps(), "events");
  ASSERT_EQ(records.size(), 1u);
  auto j = nlohmann::json::parse(records[0].value);  // throws (fails the test) if not UTF-8
  EXPECT_EQ(j["user"], "bad-\xEF\xBF\xBD\xEF\xBF\xBD-user");
}

TEST(Publish, RefusesAStoreThatDoesNotExist) {
  TempDir dir;
  auto broker = start_broker({"log"}, 1);
  auto p = run_callwatch("publish --data " + dir.path() + "/nothing --brokers " + broker->bootstraps() + " --topic log");
  EXPECT_EQ(p.exit_code, 1);
  EXPECT_THAT(p.err, HasSubstr("callwatch publish: store " + dir.path() + "/nothing"));
}

}  // namespace
}  // namespace callwatch::connectors
