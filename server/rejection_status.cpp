#include "server/rejection_status.h"

namespace callwatch::server {

int http_status(RejectionCode code) {
  switch (code) {  // no default: -Werror=switch makes a new code a build error here
    case RejectionCode::InvalidCommand: return 400;
    case RejectionCode::PermissionDenied: return 403;
    case RejectionCode::UnknownContact:
    case RejectionCode::UnknownUser:
    case RejectionCode::UnknownQueue:
    case RejectionCode::UnknownFlow:
    case RejectionCode::UnknownProfile:
    case RejectionCode::UnknownToken: return 404;
    case RejectionCode::CcpNotOpen:
    case RejectionCode::RecordingDisabled:
    case RejectionCode::EnhancedMonitoringDisabled:
    case RejectionCode::ContactNotActive:
    case RejectionCode::OwnContact:
    case RejectionCode::MonitorLimitReached:
    case RejectionCode::BargeLimitReached:
    case RejectionCode::AlreadyMonitoring:
    case RejectionCode::NotMonitoring:
    case RejectionCode::AlreadyExists:
    case RejectionCode::InvalidTransition:
    case RejectionCode::ChannelMismatch:
    case RejectionCode::AgentUnavailable:
    case RejectionCode::NotContactAgent:
    case RejectionCode::NotParticipant:
    case RejectionCode::TokenAlreadyRevoked: return 409;
  }
  return 500;
}

}  // namespace callwatch::server
