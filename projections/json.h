// The stable JSON forms of the read models (`--json` of the command line, the server's API).
// docs/projections.md documents every field; fields are only ever added.
//
// Conventions: camelCase names; enums by their wire names (domain/vocabulary.h); times as
// ISO-8601 UTC with milliseconds (codec/time.h); durations as integer milliseconds in fields
// ending in "Ms", measured to the view's "asOf" time; null for "not applicable".
#pragma once

#include <optional>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/rejection.h"
#include "projections/history.h"
#include "projections/permissions.h"
#include "projections/sessions.h"
#include "projections/views.h"

namespace callwatch::projections {

// {"position": 1234, "time": "2026-11-18T10:00:00.000Z"}
[[nodiscard]] nlohmann::json to_json(const ViewPoint&);

[[nodiscard]] nlohmann::json to_json(const AgentRow&, Timestamp now);
[[nodiscard]] nlohmann::json to_json(const QueueRow&, const ModelOptions&);
[[nodiscard]] nlohmann::json to_json(const ConversationRow&, Timestamp now);
[[nodiscard]] nlohmann::json to_json(const UserPermissionsRow&);
[[nodiscard]] nlohmann::json to_json(const PermissionHoldersRow&);
[[nodiscard]] nlohmann::json to_json(const SessionRecord&, Timestamp now);
[[nodiscard]] nlohmann::json to_json(const HistoryEntry&);
// The history's summary and timeline; `transcript` instead lists only what the customer saw.
[[nodiscard]] nlohmann::json history_json(const ContactHistory&, bool transcript);

// Whole documents, as printed by the commands: {"asOf": ..., "<name>": [rows]}.
[[nodiscard]] nlohmann::json agents_json(const ViewPoint&, std::span<const AgentRow>);
[[nodiscard]] nlohmann::json queues_json(const ViewPoint&, std::span<const QueueRow>, const ModelOptions&);
[[nodiscard]] nlohmann::json conversations_json(const ViewPoint&, std::span<const ConversationRow>);
// With "recordingAccesses": [access] (searches, listens, downloads of recordings).
[[nodiscard]] nlohmann::json sessions_json(const ViewPoint&, std::span<const SessionRecord>,
                                           std::span<const AccessRecord> accesses = {});
[[nodiscard]] nlohmann::json to_json(const AccessRecord&);

// The answer of `can`: {"user","contact","action","allowed", "code"/"reason" when not}.
[[nodiscard]] nlohmann::json can_json(const std::string& user, const std::string& contact,
                                      MonitorMode mode, const std::optional<Rejection>& no);

}  // namespace callwatch::projections
