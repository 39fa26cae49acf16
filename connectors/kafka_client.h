// librdkafka handles with owners, and the few calls every connector needs.
//
// Settings are applied in order: callwatch's defaults for the role, then the user's
// `--kafka-config` file (which may override any of them), then what the command line names
// (bootstrap servers, group id), which wins. A key or value librdkafka refuses is an error
// carrying librdkafka's own message.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "connectors/error.h"
#include "connectors/kafka_config.h"

namespace callwatch::connectors {

struct ConfDeleter {
  void operator()(rd_kafka_conf_t* c) const { rd_kafka_conf_destroy(c); }
};
struct ClientDeleter {
  void operator()(rd_kafka_t* k) const { rd_kafka_destroy(k); }
};
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};
struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
using KafkaClient = std::unique_ptr<rd_kafka_t, ClientDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
using KafkaMessage = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

// A configuration from the settings, in order (later ones win).
[[nodiscard]] Result<KafkaConf> make_conf(std::span<const KafkaSetting> defaults,
                                          std::span<const KafkaSetting> user,
                                          std::span<const KafkaSetting> required);
// Takes the configuration (consumed even on failure).
[[nodiscard]] Result<KafkaClient> make_client(rd_kafka_type_t type, KafkaConf conf);

// The topic's partition count, from the cluster's metadata. A topic the cluster does not
// know is an error naming it (a cluster that auto-creates topics creates it here).
[[nodiscard]] Result<int> partition_count(rd_kafka_t* client, const std::string& topic,
                                          int timeout_ms = 10000);

// The last value of header `name`, if the message has one.
[[nodiscard]] std::optional<std::string_view> header(const rd_kafka_message_t* m, const char* name);

// "Broker: Unknown topic or partition", with the call's context in front.
[[nodiscard]] std::string kafka_error_text(std::string_view context, rd_kafka_resp_err_t err);

}  // namespace callwatch::connectors
