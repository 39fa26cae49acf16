// Faults against the mock cluster: broker errors on fetch and produce, the broker down and up
// mid-stream, a second consumer joining and leaving the group mid-stream. After each, every
// partition store holds every record's effect exactly once, in partition order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <set>

#include <thread>

#include "command_stream.h"
#include "kafka_fixture.h"
#include "store_reading.h"

namespace callwatch::connectors {
namespace {

using namespace kafka_test;
using ::testing::HasSubstr;

constexpr std::int16_t kProduceApi = 0;  // Kafka protocol ApiKeys
constexpr std::int16_t kFetchApi = 1;

std::int64_t stored_offset(const std::string& store_dir, const std::string& topic, int p) {
  eventstore::Options ro;
  ro.read_only = true;
  ro.create_if_missing = false;
  auto store = eventstore::EventStore::open(store_dir, ro);
  if (!store) return -1;
  auto cp = (*store)->get_checkpoint("kafka/" + topic + "/" + std::to_string(p));
  return cp && *cp ? std::stoll(**cp) : -1;
}

// Waits (bounded) until every partition's stored offset covers what was produced.
bool caught_up(const std::string& dir, const CommandStream& stream, int partitions) {
  for (int tries = 0; tries < 600; ++tries) {
    bool all = true;
    for (int p = 0; p < partitions && all; ++p)
      all = stored_offset(dir + "/cmds." + std::to_string(p), "cmds", p) >= stream.produced(p);
    if (all) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

bool file_contains(const std::string& path, const std::string& text, int tries = 400) {
  for (int i = 0; i < tries; ++i) {
    if (slurp(path).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::vector<std::string> ingest_args(const std::string& dir, const std::string& brokers, const std::string& conf) {
  return {"ingest", "--data", dir, "--brokers", brokers, "--topic", "cmds", "--batch", "16", "--kafka-config", conf,
          "--verbose"};
}

TEST(Faults, FetchErrorsAndTheBrokerDownAndUpMidStream) {
  TempDir dir;
  auto broker = start_broker({"cmds"}, 2);
  const std::string conf = test_kafka_config(dir.path());
  CommandStream stream(broker->bootstraps(), "cmds", 2);
  stream.produce_more(150);
  Child ingest(ingest_args(dir.path(), broker->bootstraps(), conf), dir.path() + "/ingest.err");
  ASSERT_TRUE(caught_up(dir.path(), stream, 2)) << slurp(dir.path() + "/ingest.err");

  rd_kafka_mock_push_request_errors(broker->cluster(), kFetchApi, 4, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_UNKNOWN);
  stream.produce_more(150);
  ASSERT_TRUE(caught_up(dir.path(), stream, 2)) << slurp(dir.path() + "/ingest.err");

  ASSERT_EQ(rd_kafka_mock_broker_set_down(broker->cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  ASSERT_EQ(rd_kafka_mock_broker_set_up(broker->cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
  stream.produce_more(150);
  ASSERT_TRUE(caught_up(dir.path(), stream, 2)) << slurp(dir.path() + "/ingest.err");

  ingest.signal(SIGTERM);
  const int status = ingest.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status << slurp(dir.path() + "/ingest.err");
  stream.expect_applied_once(dir.path());
}

TEST(Faults, ProduceErrorsNeitherLoseNorReorderWhatPublishSends) {
  TempDir dir;
  auto broker = start_broker({"log"}, 1);
  const std::string source = dir.path() + "/source";
  ASSERT_EQ(run_callwatch("apply --data " + source + " --file " + CALLWATCH_SOURCE_DIR "/examples/morning-shift.jsonl")
                .exit_code,
            0);
  const auto original = log_of(source);
  const std::string publish = "publish --data " + source + " --brokers " + broker->bootstraps() + " --topic log";

  // A permanent error: nothing is acknowledged, the checkpoint stays, the next run sends all.
  rd_kafka_mock_push_request_errors(broker->cluster(), kProduceApi, 1, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
  auto refused = run_callwatch(publish);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("checkpoint stays at position 0"));

  // Retriable errors: librdkafka retries, publish succeeds.
  rd_kafka_mock_push_request_errors(broker->cluster(), kProduceApi, 3, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
  auto sent = run_callwatch(publish);
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_THAT(sent.err, HasSubstr(std::to_string(original.size()) + " events delivered"));

  // The topic may hold re-sent records (the mock does not deduplicate); in order of first
  // appearance it is the log, and ingest rebuilds the store exactly.
  std::vector<std::string> first_seen;
  std::set<std::string> seen;
  for (const auto& r : read_topic(broker->bootstraps(), "log"))
    if (seen.insert(r.headers.at("callwatch.event-id")).second) first_seen.push_back(r.headers.at("callwatch.event-id"));
  std::vector<std::string> ids;
  for (const auto& e : original) ids.push_back(e.event_id);
  EXPECT_EQ(first_seen, ids);
  auto in = run_callwatch("ingest --format callwatch --data " + dir.path() + "/copy --brokers " + broker->bootstraps() +
                          " --topic log --exit-when-idle 0.3 --kafka-config " + test_kafka_config(dir.path()));
  ASSERT_EQ(in.exit_code, 0) << in.err;
  std::vector<std::string> copied;
  for (const auto& e : log_of(dir.path() + "/copy/log.0")) copied.push_back(e.event_id);
  EXPECT_EQ(copied, ids);
}

TEST(Faults, ASecondConsumerJoinsAndLeavesTheGroupMidStream) {
  TempDir dir;
  auto broker = start_broker({"cmds"}, 4);
  const std::string conf = dir.path() + "/group.conf";
  // The mock completes a rebalance about session.timeout.ms - 1 s after it starts (and never
  // below ~3 s): 3 s keeps the test short; heartbeats notice a rebalance quickly.
  std::ofstream(conf) << "fetch.wait.max.ms=10\nsession.timeout.ms=3000\nheartbeat.interval.ms=200\n";
  CommandStream stream(broker->bootstraps(), "cmds", 4);
  stream.produce_more(100);
  auto args = ingest_args(dir.path(), broker->bootstraps(), conf);
  args.insert(args.end(), {"--group", "g"});
  Child first(args, dir.path() + "/first.err");
  ASSERT_TRUE(caught_up(dir.path(), stream, 4)) << slurp(dir.path() + "/first.err");

  stream.produce_more(100);
  Child second(args, dir.path() + "/second.err");
  ASSERT_TRUE(file_contains(dir.path() + "/second.err", "ingest: partition")) << slurp(dir.path() + "/second.err");
  stream.produce_more(100);
  ASSERT_TRUE(caught_up(dir.path(), stream, 4)) << slurp(dir.path() + "/first.err") << slurp(dir.path() + "/second.err");

  second.signal(SIGTERM);  // leaves the group: its partitions move back to the first
  const int second_status = second.wait();
  EXPECT_TRUE(WIFEXITED(second_status) && WEXITSTATUS(second_status) == 0) << slurp(dir.path() + "/second.err");
  stream.produce_more(100);
  ASSERT_TRUE(caught_up(dir.path(), stream, 4)) << slurp(dir.path() + "/first.err");
  first.signal(SIGTERM);
  const int first_status = first.wait();
  EXPECT_TRUE(WIFEXITED(first_status) && WEXITSTATUS(first_status) == 0) << slurp(dir.path() + "/first.err");
  stream.expect_applied_once(dir.path());
}

}  // namespace
}  // namespace callwatch::connectors
