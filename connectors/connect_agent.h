// Amazon Connect's agent event stream (Kinesis; `--format connect-agent`): one record per
// LOGIN, LOGOUT, STATE_CHANGE or HEART_BEAT, with the agent's current and previous
// snapshots (status, configuration, contacts). Field by field in docs/connect-mapping.md.
//
// Each record is reconciled against what callwatch knows (connect_facts.h): the user is
// created if new, the CCP opened (LOGIN, or any snapshot of a logged-in agent) or closed
// (LOGOUT), the status set, and the snapshot's contacts brought to the snapshot's states;
// contacts the agent had that are gone from the snapshot are completed. A contact with
// initiation method MONITOR is the agent's monitoring session on the contact it names
// (InitialContactId, else RelatedContactId); a monitor contact gone from the snapshot is a
// stopped session. A HEART_BEAT that says what callwatch knows writes nothing.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "connectors/connect_facts.h"
#include "connectors/connect_json.h"

namespace callwatch::connectors {

struct AgentContact {
  std::string id;
  std::string related;  // MONITOR: the monitored contact
  std::optional<Channel> channel;  // nullopt: a channel callwatch does not model (TASK)
  std::string initiation;
  std::string state;
  std::optional<std::string> queue;  // the queue's id (ARN tail) or name
  MonitorMode mode = MonitorMode::Silent;
};

struct AgentSnapshot {
  std::optional<std::string> status;
  std::optional<std::string> username;
  std::optional<int> chat_slots;
  std::optional<std::vector<AgentContact>> contacts;  // nullopt: the snapshot lists none
};

struct AgentEvent {
  std::string event_id;
  std::string type;
  std::string agent_arn;
  Timestamp at{};
  std::optional<AgentSnapshot> current, previous;
};

// Reads and checks a record (unknown keys counted in `counters`); nothing is written.
[[nodiscard]] std::expected<AgentEvent, RecordProblem> read_agent_event(const nlohmann::json& record,
                                                                       ConnectCounters& counters);
// The record's facts. Error: the store could not be read.
[[nodiscard]] std::expected<void, std::string> apply_agent_event(const AgentEvent& e, ConnectFacts& facts,
                                                                 ConnectBatch& batch, ConnectCounters& counters);

// Shared by the readers: VOICE / CHAT in any casing; nullopt for anything else.
[[nodiscard]] std::optional<Channel> connect_channel(std::string_view text);

}  // namespace callwatch::connectors
