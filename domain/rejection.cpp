#include "domain/rejection.h"

#include <array>

namespace callwatch {
namespace {
constexpr std::array<std::string_view, 24> kNames{
    "INVALID_COMMAND",     "UNKNOWN_CONTACT",     "UNKNOWN_USER",
    "UNKNOWN_QUEUE",       "UNKNOWN_FLOW",        "UNKNOWN_PROFILE",
    "PERMISSION_DENIED",   "CCP_NOT_OPEN",        "RECORDING_DISABLED",
    "ENHANCED_MONITORING_DISABLED", "CONTACT_NOT_ACTIVE", "OWN_CONTACT",
    "MONITOR_LIMIT_REACHED", "BARGE_LIMIT_REACHED", "ALREADY_MONITORING",
    "NOT_MONITORING",      "ALREADY_EXISTS",      "INVALID_TRANSITION",
    "CHANNEL_MISMATCH",    "AGENT_UNAVAILABLE",   "NOT_CONTACT_AGENT",
    "NOT_PARTICIPANT",     "UNKNOWN_TOKEN",       "TOKEN_ALREADY_REVOKED",
};
}  // namespace

std::string_view to_string(RejectionCode c) { return kNames[static_cast<std::size_t>(c)]; }

std::optional<RejectionCode> parse_rejection_code(std::string_view s) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return static_cast<RejectionCode>(i);
  return std::nullopt;
}

}  // namespace callwatch
