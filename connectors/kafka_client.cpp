#include "connectors/kafka_client.h"

#include <tuple>

#include <fmt/format.h>

namespace callwatch::connectors {

std::string kafka_error_text(std::string_view context, rd_kafka_resp_err_t err) {
  return fmt::format("{}: {}", context, rd_kafka_err2str(err));
}

Result<KafkaConf> make_conf(std::span<const KafkaSetting> defaults, std::span<const KafkaSetting> user,
                            std::span<const KafkaSetting> required) {
  KafkaConf conf(rd_kafka_conf_new());
  char err[512];
  for (auto settings : {defaults, user, required}) {
    for (const KafkaSetting& s : settings) {
      if (rd_kafka_conf_set(conf.get(), s.key.c_str(), s.value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
        return connector_error(fmt::format("Kafka setting '{}={}': {}", s.key, s.value, err));
    }
  }
  return conf;
}

Result<KafkaClient> make_client(rd_kafka_type_t type, KafkaConf conf) {
  char err[512];
  rd_kafka_t* k = rd_kafka_new(type, conf.get(), err, sizeof err);
  if (!k) return connector_error(fmt::format("cannot create the Kafka client: {}", err));
  std::ignore = conf.release();  // rd_kafka_new owns it now
  return KafkaClient(k);
}

Result<int> partition_count(rd_kafka_t* client, const std::string& topic, int timeout_ms) {
  rd_kafka_topic_t* t = rd_kafka_topic_new(client, topic.c_str(), nullptr);
  if (!t) return connector_error(fmt::format("topic '{}': {}", topic, rd_kafka_err2str(rd_kafka_last_error())));
  const rd_kafka_metadata_t* md = nullptr;
  const rd_kafka_resp_err_t err = rd_kafka_metadata(client, 0, t, &md, timeout_ms);
  rd_kafka_topic_destroy(t);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return connector_error(kafka_error_text(fmt::format("metadata of topic '{}'", topic), err));
  Result<int> out = connector_error(fmt::format("the cluster does not know topic '{}'", topic));
  for (int i = 0; i < md->topic_cnt; ++i) {
    const rd_kafka_metadata_topic_t& mt = md->topics[i];
    if (topic != mt.topic) continue;
    if (mt.err != RD_KAFKA_RESP_ERR_NO_ERROR)
      out = connector_error(kafka_error_text(fmt::format("topic '{}'", topic), mt.err));
    else if (mt.partition_cnt <= 0)
      out = connector_error(fmt::format("topic '{}' has no partitions", topic));
    else
      out = mt.partition_cnt;
  }
  rd_kafka_metadata_destroy(md);
  return out;
}

std::optional<std::string_view> header(const rd_kafka_message_t* m, const char* name) {
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(m, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR || !headers) return std::nullopt;
  const void* value = nullptr;
  std::size_t size = 0;
  if (rd_kafka_header_get_last(headers, name, &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR) return std::nullopt;
  if (!value) return std::string_view{};
  return std::string_view(static_cast<const char*>(value), size);
}

}  // namespace callwatch::connectors
