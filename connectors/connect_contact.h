// Amazon Connect's contact events (EventBridge; `--format connect-contact`): an envelope
// (`id`, `time`, `detail-type`, `source`, ...) whose `detail` says what happened to one
// contact (`eventType` INITIATED, CONNECTED_TO_SYSTEM, CONTACT_DATA_UPDATED, QUEUED,
// CONNECTED_TO_AGENT, DISCONNECTED, PAUSED, RESUMED, COMPLETED). Field by field in
// docs/connect-mapping.md.
//
// Amazon documents these events as unordered and best-effort, so each one is reconciled
// (connect_facts.h): its own time stamps each step it implies, the contact never moves
// backwards (a QUEUED after CONNECTED_TO_AGENT changes nothing), a late event fills in what
// was missed (a DISCONNECTED naming a queue and an agent connects a contact whose
// CONNECTED_TO_AGENT never came), and an event id seen before is dropped. A contact with
// initiation method MONITOR is a supervisor's session on the contact it names
// (relatedContactId, else initialContactId, else previousContactId).
#pragma once

#include <expected>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "connectors/connect_facts.h"
#include "connectors/connect_json.h"

namespace callwatch::connectors {

struct ContactEvent {
  std::string id;
  std::string type;
  Timestamp time{};
  std::string contact;
  std::optional<Channel> channel;  // nullopt: a channel callwatch does not model (TASK)
  std::string initiation;
  std::string related;  // MONITOR: the monitored contact
  std::optional<Timestamp> initiated_at, disconnected_at, enqueued_at, connected_at;
  std::optional<std::string> agent_arn, queue, disconnect_reason;
};

[[nodiscard]] std::expected<ContactEvent, RecordProblem> read_contact_event(const nlohmann::json& record,
                                                                           ConnectCounters& counters);
[[nodiscard]] std::expected<void, std::string> apply_contact_event(const ContactEvent& e, ConnectFacts& facts,
                                                                   ConnectBatch& batch, ConnectCounters& counters);

}  // namespace callwatch::connectors
