// `callwatch publish`: the store's log to a topic, as an outbox.
//
// From the checkpoint "publish/<topic>" (the last position delivered; nothing at first),
// the log is read in chunks; each event is produced with key = its stream id, headers
// callwatch.event-id, callwatch.position and callwatch.type, and value = the event's
// envelope (format callwatch) or its JSON with "eventId" and "position" (json). Once every
// record of a chunk has its delivery report the checkpoint moves to the chunk's end: it only
// ever covers delivered records. The producer is idempotent, so within a partition records
// land once and in log order; a stream's events all go to one partition (by key, or the one
// `partition` names). After a crash the undelivered tail is sent again with the same event
// ids, which `ingest --format callwatch` drops as duplicates.
//
// With `follow`, publishing goes on as the log grows, until `stop`.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "connectors/error.h"
#include "connectors/kafka_config.h"
#include "connectors/wire_format.h"

namespace callwatch::connectors {

struct PublishOptions {
  std::string data_dir;
  std::string brokers;
  std::string topic;
  WireFormat format = WireFormat::Callwatch;
  std::optional<std::int32_t> partition;  // all records to this partition (one instance, one partition)
  bool follow = false;
  KafkaSettings kafka;
  std::size_t chunk_events = 8192;
  const std::atomic<bool>* stop = nullptr;
};

struct PublishReport {
  std::uint64_t events = 0;
  std::uint64_t from = 0;  // first position sent
  std::uint64_t to = 0;    // last position delivered (the new checkpoint)
};

[[nodiscard]] std::string publish_checkpoint_key(const std::string& topic);
[[nodiscard]] Result<PublishReport> run_publish(const PublishOptions& options);

}  // namespace callwatch::connectors
