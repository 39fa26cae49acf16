// Interoperability with Debian's kcat against `callwatch kafka-broker`: listing the
// cluster, producing commands for ingest, consuming what publish sent.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kafka_fixture.h"
#include "store_reading.h"

namespace callwatch::connectors {
namespace {

using namespace kafka_test;
using ::testing::HasSubstr;

TEST(Kcat, ListsProducesToAndConsumesFromTheKafkaBrokerCommand) {
  if (std::string(KCAT_BIN).empty() || std::string(KCAT_BIN).find("NOTFOUND") != std::string::npos)
    GTEST_SKIP() << "kcat is not installed (./dev installs it)";
  TempDir dir;
  Child broker({"kafka-broker", "--topic", "cmds", "--topic", "log", "--partitions", "3"});
  const std::string b = broker.first_line();
  ASSERT_THAT(b, HasSubstr("127.0.0.1:"));
  const std::string kcat = std::string(KCAT_BIN) + " -b " + b;

  auto listed = run_shell(kcat + " -L");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("topic \"cmds\" with 3 partitions"));
  EXPECT_THAT(listed.out, HasSubstr("topic \"log\" with 3 partitions"));

  // kcat produces commands to partition 2; ingest decides them into cmds.2.
  std::ofstream(dir.path() + "/cmds.jsonl") << create_queue("a") << '\n' << create_queue("b", "k-b") << '\n';
  auto produced = run_shell(kcat + " -P -t cmds -p 2 -l " + dir.path() + "/cmds.jsonl");
  ASSERT_EQ(produced.exit_code, 0) << produced.err;
  auto in = run_callwatch("ingest --data " + dir.path() + " --brokers " + b + " --topic cmds --exit-when-idle 0.3 " +
                          "--kafka-config " + test_kafka_config(dir.path()));
  ASSERT_EQ(in.exit_code, 0) << in.err;
  EXPECT_EQ(command_event_ids(dir.path() + "/cmds.2"), (std::vector<std::string>{"cmds/2/0#0", "k-b#0"}));

  // kcat consumes what publish sent: one line per event, keyed by stream.
  auto pub = run_callwatch("publish --format json --partition 1 --data " + dir.path() + "/cmds.2 --brokers " + b +
                           " --topic log");
  ASSERT_EQ(pub.exit_code, 0) << pub.err;
  auto consumed = run_shell(kcat + " -C -t log -p 1 -e -q -f '%k %h\\n'");
  ASSERT_EQ(consumed.exit_code, 0) << consumed.err;
  EXPECT_THAT(consumed.out, HasSubstr("queue-a callwatch.event-id=cmds/2/0#0,"));
  EXPECT_THAT(consumed.out, HasSubstr("queue-b callwatch.event-id=k-b#0,"));

  broker.signal(SIGTERM);
  const int status = broker.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "kafka-broker stops cleanly on SIGTERM: " << status;
}

}  // namespace
}  // namespace callwatch::connectors
