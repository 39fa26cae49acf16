#include "connectors/producer.h"

#include <fmt/format.h>

#include <array>
#include <vector>

namespace callwatch::connectors {

void Producer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
  if (self->failed_++ == 0)
    self->first_failure_ = fmt::format("delivery to '{}' [{}] failed: {}", rd_kafka_topic_name(m->rkt),
                                       m->partition, rd_kafka_err2str(m->err));
}

Result<std::unique_ptr<Producer>> Producer::open(const std::string& brokers, std::span<const KafkaSetting> user) {
  std::unique_ptr<Producer> p(new Producer());
  const std::array<KafkaSetting, 3> defaults{{{"enable.idempotence", "true"},
                                              {"linger.ms", "5"},
                                              {"message.timeout.ms", "60000"}}};
  const std::array<KafkaSetting, 1> required{{{"bootstrap.servers", brokers}}};
  auto conf = make_conf(defaults, user, required);
  if (!conf) return std::unexpected(conf.error());
  rd_kafka_conf_set_dr_msg_cb(conf->get(), &Producer::on_delivery);
  rd_kafka_conf_set_opaque(conf->get(), p.get());
  auto client = make_client(RD_KAFKA_PRODUCER, std::move(*conf));
  if (!client) return std::unexpected(client.error());
  p->client_ = std::move(*client);
  return p;
}

Producer::~Producer() {
  if (client_)
    ignore_error(rd_kafka_flush(client_.get(), 5000),
                 "closing: delivery was awaited by the caller");
}

Status Producer::send(const std::string& topic, std::int32_t partition, std::string_view key,
                      std::string_view value, std::span<const KafkaHeader> headers) {
  for (;;) {
    rd_kafka_headers_t* hdrs = rd_kafka_headers_new(headers.size());
    for (const KafkaHeader& h : headers)
      ignore_error(rd_kafka_header_add(hdrs, h.name, -1, h.value.data(), static_cast<ssize_t>(h.value.size())),
                   "adding to a fresh header list cannot fail");
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        client_.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
        RD_KAFKA_V_PARTITION(partition < 0 ? RD_KAFKA_PARTITION_UA : partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key.data(), key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()), RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;  // the message owns the headers now
    rd_kafka_headers_destroy(hdrs);
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
      return connector_error(kafka_error_text(fmt::format("producing to '{}'", topic), err));
    rd_kafka_poll(client_.get(), 50);  // serve delivery reports until there is room
  }
  rd_kafka_poll(client_.get(), 0);
  return {};
}

Status Producer::flush(int timeout_ms) {
  const rd_kafka_resp_err_t err = rd_kafka_flush(client_.get(), timeout_ms);
  if (failed_ > 0) {
    std::string msg = fmt::format("{} record(s) not delivered; {}", failed_, first_failure_);
    failed_ = 0;
    return connector_error(std::move(msg));
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return connector_error(kafka_error_text(fmt::format("waiting {} ms for delivery reports", timeout_ms), err));
  return {};
}

}  // namespace callwatch::connectors
