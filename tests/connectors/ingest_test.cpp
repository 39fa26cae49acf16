// `callwatch ingest` against the mock cluster: JSON commands decided into one store per
// partition, bad records quarantined exactly, or sent to the dead-letter topic with their
// reason and origin; a consumer group gets the same stores.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "connectors/partition_task.h"
#include "connectors/quarantine.h"
#include "eventstore/event_store.h"
#include "kafka_fixture.h"
#include "store_reading.h"

namespace callwatch::connectors {
namespace {

using namespace kafka_test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Ingest, JsonCommandsLandInTheirPartitionsStoreWithBadRecordsQuarantined) {
  TempDir dir;
  auto broker = start_broker({"cmds"}, 2);
  produce(broker->bootstraps(), "cmds", 0, {create_queue("a"), "not json", create_queue("b", "k-b"), create_queue("a")});
  produce(broker->bootstraps(), "cmds", 1, {create_queue("c")});
  const std::string args = "ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                           " --topic cmds --exit-when-idle 0.3 --kafka-config " + test_kafka_config(dir.path());
  auto r = run_callwatch(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("5 records, 3 events written, 0 duplicates, 2 quarantined"));

  EXPECT_THAT(command_event_ids(dir.path() + "/cmds.0"), ElementsAre("cmds/0/0#0", "k-b#0"))
      << "a record without commandId is command 'topic/partition/offset'";
  EXPECT_THAT(command_event_ids(dir.path() + "/cmds.1"), ElementsAre("cmds/1/0#0"));

  auto q = quarantine_of(dir.path() + "/cmds.0");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0]["offset"], 1);
  EXPECT_EQ(q[0]["code"], "INVALID_COMMAND");
  EXPECT_EQ(q[0]["value"], "not json");
  EXPECT_EQ(q[1]["offset"], 3);
  EXPECT_EQ(q[1]["code"], "ALREADY_EXISTS");
  EXPECT_EQ(q[1]["reason"], "queue 'a' already exists");
  EXPECT_EQ(q[1]["topic"], "cmds");
  EXPECT_EQ(q[1]["forwarded"], false);
  EXPECT_TRUE(quarantine_of(dir.path() + "/cmds.1").empty());

  // A second run resumes from the stored offsets: nothing is applied or quarantined twice.
  produce(broker->bootstraps(), "cmds", 1, {"{}"});
  auto again = run_callwatch(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("1 records, 0 events written, 0 duplicates, 1 quarantined"));
  EXPECT_EQ(quarantine_of(dir.path() + "/cmds.0").size(), 2u);
  ASSERT_EQ(quarantine_of(dir.path() + "/cmds.1").size(), 1u);

  // Any read command works on a partition store.
  auto queues = run_callwatch("queues --data " + dir.path() + "/cmds.0");
  EXPECT_EQ(queues.exit_code, 0) << queues.err;
  EXPECT_THAT(queues.out, HasSubstr("b"));
}

TEST(Ingest, DeadLetterTopicGetsEachBadRecordWithItsReasonAndOrigin) {
  TempDir dir;
  auto broker = start_broker({"cmds", "dlq"}, 1);
  produce(broker->bootstraps(), "cmds", 0, {create_queue("a"), "\x01garbage", create_queue("a")});
  auto r = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                         " --topic cmds --dead-letter dlq --exit-when-idle 0.3 --kafka-config " +
                         test_kafka_config(dir.path()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("2 dead-lettered"));
  auto dead = read_topic(broker->bootstraps(), "dlq");
  ASSERT_EQ(dead.size(), 2u);
  EXPECT_EQ(dead[0].value, "\x01garbage");
  EXPECT_EQ(dead[0].headers["callwatch.reason-code"], "INVALID_COMMAND");
  EXPECT_EQ(dead[0].headers["callwatch.source-topic"], "cmds");
  EXPECT_EQ(dead[0].headers["callwatch.source-partition"], "0");
  EXPECT_EQ(dead[0].headers["callwatch.source-offset"], "1");
  EXPECT_EQ(dead[1].value, create_queue("a"));
  EXPECT_EQ(dead[1].headers["callwatch.reason-code"], "ALREADY_EXISTS");
  EXPECT_EQ(dead[1].headers["callwatch.reason"], "queue 'a' already exists");
  EXPECT_EQ(dead[1].headers["callwatch.source-offset"], "2");
  auto q = quarantine_of(dir.path() + "/cmds.0");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0]["forwarded"], true) << "the quarantine is the dead-letter topic's outbox";
  EXPECT_EQ(q[1]["forwarded"], true);
}

TEST(Ingest, ConsumerGroupResumesFromTheStoredOffsetsNotTheGroups) {
  TempDir dir;
  auto broker = start_broker({"cmds"}, 2);
  produce(broker->bootstraps(), "cmds", 0, {create_queue("a")});
  produce(broker->bootstraps(), "cmds", 1, {create_queue("b")});
  const std::string conf = test_kafka_config(dir.path());
  // Without a group first; then the group, which has no committed offset: it must still
  // start each partition after what its store holds.
  auto first = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                             " --topic cmds --exit-when-idle 0.3 --kafka-config " + conf);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  produce(broker->bootstraps(), "cmds", 1, {create_queue("c")});
  auto grouped = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                               " --topic cmds --group g --exit-when-idle 0.3 --kafka-config " + conf);
  ASSERT_EQ(grouped.exit_code, 0) << grouped.err;
  EXPECT_THAT(grouped.err, HasSubstr("1 records, 1 events written"));
  EXPECT_THAT(command_event_ids(dir.path() + "/cmds.1"), ElementsAre("cmds/1/0#0", "cmds/1/1#0"));
}

TEST(Ingest, RefusesPreciselyWhatItCannotDo) {
  TempDir dir;
  auto broker = start_broker({"cmds"}, 1);
  auto bad_format = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                                  " --topic cmds --format xml");
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_THAT(bad_format.err, HasSubstr("--format must be json, callwatch, connect-agent, connect-contact or connect-ctr, got 'xml'"));
  std::ofstream(dir.path() + "/bad.conf") << "fetch.wait.max.ms\n";
  auto bad_conf = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                                " --topic cmds --kafka-config " + dir.path() + "/bad.conf");
  EXPECT_EQ(bad_conf.exit_code, 2);
  EXPECT_THAT(bad_conf.err, HasSubstr("bad.conf:1: expected key=value, got 'fetch.wait.max.ms'"));
}

}  // namespace
}  // namespace callwatch::connectors
