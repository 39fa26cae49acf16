// `callwatch ingest`: a topic into one callwatch store per partition, exactly once.
//
// The Kafka Streams task model: each assigned partition p has its task (partition_task.h)
// owning DIR/<topic>.<p>/ and the offset consumption resumes from, stored in the same atomic
// write as the events. Records are consumed in batches; each partition's share of a batch is
// one store write (group commit).
//
// - Without a group, every partition of the topic is assigned to this process at once (no
//   group join: starts at once). With `group`, the partitions are split among the group's
//   members; on revocation the in-flight batch is written and the stores are closed before
//   the partitions are let go; on assignment each store is opened (or created, and rebuilt
//   from the earliest offset: the topic is the changelog) and consumption starts at its
//   stored offset, whatever the group's committed offset says (it is committed too, for
//   monitoring only).
// - Bad records are quarantined in the partition store (quarantine.h); with `dead_letter`
//   they are also sent to that topic, with headers callwatch.reason-code, callwatch.reason,
//   callwatch.source-topic, callwatch.source-partition, callwatch.source-offset, and marked
//   forwarded once delivered. A crash between delivery and the mark re-sends them: the
//   dead-letter topic is at-least-once; (source-topic, partition, offset) identifies a record.
// - Stops when `stop` becomes true (after the batch in hand is written), or, with
//   `exit_when_idle_ms`, once every assigned partition has been read to its end and nothing
//   arrived for that long.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "connectors/error.h"
#include "connectors/kafka_config.h"
#include "connectors/wire_format.h"
#include "eventstore/options.h"

namespace callwatch::connectors {

struct IngestOptions {
  std::string data_dir;
  std::string brokers;
  std::string topic;
  std::optional<std::string> group;
  WireFormat format = WireFormat::Json;
  std::optional<std::string> dead_letter;
  std::optional<std::int64_t> exit_when_idle_ms;
  KafkaSettings kafka;  // --kafka-config
  std::optional<eventstore::Durability> durability;
  std::size_t batch_records = 4096;
  const std::atomic<bool>* stop = nullptr;
  // Partition assignments on stderr.
  bool verbose = false;
};

struct IngestReport {
  std::uint64_t records = 0;
  std::uint64_t events = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t quarantined = 0;
  std::uint64_t dead_lettered = 0;
  std::uint64_t findings = 0;     // connect-*: audit findings written
  std::uint64_t assignments = 0;  // partitions assigned over the run
};

[[nodiscard]] Result<IngestReport> run_ingest(const IngestOptions& options);

}  // namespace callwatch::connectors
