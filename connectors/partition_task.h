// One Kafka partition's task (the Kafka Streams task model): it owns the partition's store,
// DIR/<topic>.<partition>/, an ordinary callwatch store, and the offset consumption resumes
// from, kept in that store.
//
// process() turns a batch of consecutive records of the partition into ONE store write that
// carries, atomically, the events the records produced, the records it quarantined and the
// checkpoint "kafka/<topic>/<partition>" = the offset after the batch's last record. After a
// crash the store holds a batch whole or not at all, and consumption restarts right after the
// last batch that landed: every record has its effect exactly once, in partition order.
//
// - json: each value is a callwatch JSON command, decided against the store's state as
//   `apply` decides it. A record without a commandId gets "<topic>/<partition>/<offset>",
//   so a re-delivered record is an idempotent retry either way. A value that does not parse
//   (INVALID_COMMAND) or a command the rules reject is quarantined with its code and reason.
// - callwatch: each value is an event envelope, appended as a fact unless its event id is
//   already in the store (a duplicate: dropped). A value that does not decode, or names an
//   id or stream the store cannot hold, is quarantined as UNDECODABLE_EVENT.
// - connect-agent, connect-contact, connect-ctr: each value is an Amazon Connect record,
//   translated into facts (connect_translator.h), whose state is derived from this store;
//   its own keys go into the same write. A record that is not one is quarantined as
//   INVALID_CONNECT_RECORD.
// Records at offsets below the stored checkpoint are skipped (already applied).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/connect_translator.h"
#include "connectors/error.h"
#include "connectors/quarantine.h"
#include "connectors/wire_format.h"
#include "engine/engine.h"
#include "eventstore/event_store.h"

namespace callwatch::connectors {

struct InRecord {
  std::int64_t offset = 0;
  std::string_view key;
  std::string_view value;
};

struct TaskCounters {
  std::uint64_t records = 0;
  std::uint64_t events = 0;
  std::uint64_t duplicates = 0;   // callwatch: facts already in the store; json: retried commands
  std::uint64_t quarantined = 0;
  std::uint64_t findings = 0;     // connect-*: FindingRecorded facts written
};

struct TaskOptions {
  std::string data_dir;  // the parent: the store is data_dir/<topic>.<partition>
  std::string topic;
  std::int32_t partition = 0;
  WireFormat format = WireFormat::Json;
  std::optional<eventstore::Durability> durability;
};

[[nodiscard]] std::string partition_store_dir(const std::string& data_dir, const std::string& topic,
                                              std::int32_t partition);
[[nodiscard]] std::string offset_checkpoint_key(const std::string& topic, std::int32_t partition);

class PartitionTask {
 public:
  [[nodiscard]] static Result<std::unique_ptr<PartitionTask>> open(const TaskOptions& options);

  // The offset to resume from; nullopt for a store that never consumed (read from earliest).
  [[nodiscard]] std::optional<std::int64_t> next_offset() const { return next_offset_; }
  // Records of this partition in offset order. One store write (none for an empty batch).
  [[nodiscard]] Status process(std::span<const InRecord> records);

  [[nodiscard]] eventstore::EventStore& store() const;
  [[nodiscard]] const TaskCounters& counters() const { return counters_; }
  [[nodiscard]] const QuarantineState& quarantine() const { return quarantine_; }
  // Records that the dead-letter topic has all entries below `forwarded` (one atomic write).
  [[nodiscard]] Status mark_forwarded(std::uint64_t forwarded);

 private:
  explicit PartitionTask(TaskOptions options) : options_(std::move(options)) {}
  [[nodiscard]] Status process_json(std::span<const InRecord> records);
  [[nodiscard]] Status process_facts(std::span<const InRecord> records);
  [[nodiscard]] Status process_connect(std::span<const InRecord> records);
  void quarantine(const InRecord& r, std::string_view code, std::string_view reason,
                  eventstore::AppendOptions& with);
  void finish(std::int64_t next, eventstore::AppendOptions& with) const;

  TaskOptions options_;
  std::string checkpoint_key_;
  std::unique_ptr<engine::Engine> engine_;             // json
  std::unique_ptr<eventstore::EventStore> store_;      // callwatch, connect-*
  std::unique_ptr<ConnectTranslator> translator_;      // connect-*
  ConnectBatch connect_batch_;
  std::optional<std::int64_t> next_offset_;
  QuarantineState quarantine_;
  std::uint64_t staged_quarantine_ = 0;  // count once the write in progress lands
  TaskCounters counters_;
  // Reused from batch to batch.
  std::vector<Command> commands_;
  std::vector<std::size_t> record_of_command_;
  std::vector<engine::Outcome> outcomes_;
  std::vector<eventstore::NewEvent> facts_;
  std::vector<std::string> fact_ids_;
  std::vector<std::optional<eventstore::Position>> found_;
};

}  // namespace callwatch::connectors
