// The HTTP status of each rejection code (domain/rejection.h), in one table: every code is
// mapped deliberately, and a test walks every code so that a new one cannot go unmapped.
//   400 INVALID_COMMAND                      the request is malformed
//   403 PERMISSION_DENIED                    the caller may not
//   404 UNKNOWN_* (UNKNOWN_TOKEN too)        it names something that does not exist
//   409 every other code                     the state does not allow it now (a conflict:
//       CCP_NOT_OPEN, RECORDING_DISABLED, ENHANCED_MONITORING_DISABLED, CONTACT_NOT_ACTIVE,
//       OWN_CONTACT, MONITOR_LIMIT_REACHED, BARGE_LIMIT_REACHED, ALREADY_MONITORING,
//       NOT_MONITORING, ALREADY_EXISTS, INVALID_TRANSITION, CHANNEL_MISMATCH,
//       AGENT_UNAVAILABLE, NOT_CONTACT_AGENT, NOT_PARTICIPANT, TOKEN_ALREADY_REVOKED)
#pragma once

#include "domain/rejection.h"

namespace callwatch::server {

[[nodiscard]] int http_status(RejectionCode);

}  // namespace callwatch::server
