// librdkafka properties from a file (`--kafka-config FILE`), for every Kafka command.
//
//   # production cluster
//   security.protocol = SASL_SSL
//   sasl.mechanisms=PLAIN
//   ssl.ca.location=/etc/ssl/certs/ca.pem
//
// One `key=value` a line; blanks around key and value are dropped; blank lines and lines
// starting with `#` are comments. The value may be empty and may hold `=`. A line without
// `=`, an empty key, a key with blanks in it or a key given twice is an error naming the
// file and the line. Whether librdkafka knows the key is checked when the client is made
// (kafka_client.h), with librdkafka's own message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "connectors/error.h"

namespace callwatch::connectors {

struct KafkaSetting {
  std::string key;
  std::string value;
};
using KafkaSettings = std::vector<KafkaSetting>;

// `source` names the text in errors ("kafka.conf:7: ...").
[[nodiscard]] Result<KafkaSettings> parse_kafka_config(std::string_view text, std::string_view source);
[[nodiscard]] Result<KafkaSettings> load_kafka_config(const std::string& path);

}  // namespace callwatch::connectors
