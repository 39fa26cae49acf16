// Amazon Connect records -> callwatch facts, for one store (a Kafka partition's, or the one
// `callwatch import` fills). The three formats: connect_agent.h, connect_contact.h,
// connect_ctr.h; how a record is reconciled with what the store holds: connect_facts.h;
// the mapping field by field: docs/connect-mapping.md.
//
// The translator's state is derived from the store, so exactly-once and restarts hold as
// for the other formats: open() folds the store's log into the decision state
// (domain/evolve.h) and reads its own keys (ARN -> username, applied CTR versions) from the
// store on demand. translate() appends a record's facts and keys to a batch and moves the
// state with them; the caller writes the batch in one atomic write (with the Kafka offset).
// If that write fails, the state is ahead of the store: reopen the translator.
//
// Records are facts: they are appended whatever callwatch's rules say, and a supervision
// fact the rules would refuse is followed by FindingRecorded facts naming the rules.
// A record is refused (nothing of it written; quarantined or dead-lettered by ingest,
// counted with its reason by import) when it is longer than 1 MiB, not UTF-8, not a JSON
// object, lacks a field the mapping needs (an id, a time) or holds a known field of the wrong
// type. Unknown fields and event types are counted, never refused. JSON comments are
// accepted (Amazon's samples have them).
#pragma once

#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/connect_ctr.h"
#include "connectors/connect_facts.h"
#include "connectors/connect_json.h"
#include "connectors/error.h"
#include <absl/container/flat_hash_map.h>
#include "eventstore/event_store.h"

namespace callwatch::connectors {

enum class ConnectFormat : unsigned char { Agent, Contact, Ctr };

inline constexpr std::size_t kMaxConnectRecordBytes = 1 << 20;

class ConnectTranslator {
 public:
  [[nodiscard]] static Result<std::unique_ptr<ConnectTranslator>> open(const eventstore::EventStore& store);

  // One record. Outer error: the store could not be read (stop). Inner: the record is refused.
  [[nodiscard]] std::expected<std::optional<RecordProblem>, std::string> translate(ConnectFormat format,
                                                                                  std::string_view text,
                                                                                  ConnectBatch& batch);
  // Import of contact records: collect() reads and admits each record (the latest version
  // of each ContactId in the import, if newer than the store's), apply_collected() applies
  // the steps of them all in time order (connect_ctr.h), calling `write` with the batch
  // every `batch_steps` steps and at the end. Memory: the collected records.
  [[nodiscard]] std::expected<std::optional<RecordProblem>, std::string> collect(std::string_view text);
  [[nodiscard]] std::expected<void, std::string> apply_collected(
      ConnectBatch& batch, std::size_t batch_steps,
      const std::function<std::expected<void, std::string>(ConnectBatch&)>& write);

  // Call before the records of a new batch (the previous one is written).
  void new_batch() { facts_.new_batch(); }

  [[nodiscard]] const ConnectCounters& counters() const { return counters_; }
  [[nodiscard]] const State& state() const { return state_; }

 private:
  explicit ConnectTranslator(const eventstore::EventStore& store) : facts_(state_, store, counters_) {}
  [[nodiscard]] std::expected<std::optional<RecordProblem>, std::string> read(ConnectFormat format,
                                                                             std::string_view text,
                                                                             nlohmann::json& record);
  State state_;
  ConnectCounters counters_;
  ConnectFacts facts_;
  std::vector<CtrStep> steps_;
  std::vector<ContactRecord> collected_;
  absl::flat_hash_map<std::string, std::size_t> chosen_;  // ContactId -> collected_ index
};

}  // namespace callwatch::connectors
