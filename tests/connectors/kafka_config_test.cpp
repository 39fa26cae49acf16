// --kafka-config files: what is accepted, and the precise error for each bad line.
#include <gtest/gtest.h>

#include "connectors/kafka_client.h"
#include "connectors/kafka_config.h"

namespace callwatch::connectors {
namespace {

TEST(KafkaConfig, KeyValueLinesWithCommentsAndBlanks) {
  auto s = parse_kafka_config("# cluster\n\n security.protocol = SASL_SSL \r\nsasl.password=a=b\nclient.id=\n", "k.conf");
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->size(), 3u);
  EXPECT_EQ((*s)[0].key, "security.protocol");
  EXPECT_EQ((*s)[0].value, "SASL_SSL");
  EXPECT_EQ((*s)[1].value, "a=b") << "only the first '=' splits";
  EXPECT_EQ((*s)[2].value, "");
}

TEST(KafkaConfig, BadLinesNameTheFileAndLine) {
  EXPECT_EQ(parse_kafka_config("a=1\nbootstrap.servers\n", "k.conf").error().message,
            "k.conf:2: expected key=value, got 'bootstrap.servers'");
  EXPECT_EQ(parse_kafka_config("=1\n", "k.conf").error().message, "k.conf:1: the key before '=' is empty");
  EXPECT_EQ(parse_kafka_config("client id=x\n", "k.conf").error().message, "k.conf:1: the key 'client id' has blanks in it");
  EXPECT_EQ(parse_kafka_config("a=1\n#\na=2\n", "k.conf").error().message, "k.conf:3: 'a' is already set on line 1");
  EXPECT_EQ(load_kafka_config("/nonexistent/k.conf").error().message,
            "cannot open the Kafka configuration '/nonexistent/k.conf'");
}

TEST(KafkaConfig, LibrdkafkaRefusesUnknownKeysWithItsOwnMessage) {
  const KafkaSetting user[] = {{"no.such.property", "1"}};
  auto conf = make_conf({}, user, {});
  ASSERT_FALSE(conf);
  EXPECT_NE(conf.error().message.find("Kafka setting 'no.such.property=1': No such configuration property"),
            std::string::npos)
      << conf.error().message;
}

TEST(KafkaConfig, LaterSettingsWin) {
  const KafkaSetting defaults[] = {{"client.id", "default"}};
  const KafkaSetting user[] = {{"client.id", "user"}};
  auto conf = make_conf(defaults, user, {});
  ASSERT_TRUE(conf);
  char value[64];
  std::size_t size = sizeof value;
  ASSERT_EQ(rd_kafka_conf_get(conf->get(), "client.id", value, &size), RD_KAFKA_CONF_OK);
  EXPECT_STREQ(value, "user");
}

}  // namespace
}  // namespace callwatch::connectors
