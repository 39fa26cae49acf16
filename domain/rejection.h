// Why a command was refused: a stable code and a human sentence naming the things involved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace callwatch {

// Codes in the order rules are checked: malformed input, unknown references, then the
// supervision rules in the order of the table in docs/rules.md.
enum class RejectionCode : std::uint8_t {
  InvalidCommand,              // not JSON, missing field, wrong type, unknown command type
  UnknownContact,
  UnknownUser,
  UnknownQueue,
  UnknownFlow,
  UnknownProfile,
  PermissionDenied,
  CcpNotOpen,
  RecordingDisabled,
  EnhancedMonitoringDisabled,
  ContactNotActive,
  OwnContact,
  MonitorLimitReached,
  BargeLimitReached,
  AlreadyMonitoring,
  NotMonitoring,
  // Rules of contact handling and administration that the supervision table does not cover.
  AlreadyExists,       // a user, profile, queue or contact id is taken
  InvalidTransition,   // the contact or CCP is not in a state where this action makes sense
  ChannelMismatch,     // voice-only or chat-only action on the other channel
  AgentUnavailable,    // routing to an agent who is offline, not Available, or at capacity
  NotContactAgent,     // hold / resume / end / wrap-up by someone other than the contact's agent
  NotParticipant,      // a message from someone who is not in the conversation
  // API tokens.
  UnknownToken,        // revoking a token id that was never issued
  TokenAlreadyRevoked, // revoking a token that is revoked already
};

struct Rejection {
  RejectionCode code;
  std::string reason;
};

[[nodiscard]] std::string_view to_string(RejectionCode);  // "RECORDING_DISABLED"
[[nodiscard]] std::optional<RejectionCode> parse_rejection_code(std::string_view);

}  // namespace callwatch
