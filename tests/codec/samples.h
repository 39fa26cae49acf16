// Sample values of every event and command type, with the variations that matter to codecs
// (customer vs user party, set vs unset attribute values, empty lists, odd text).
#pragma once

#include <chrono>
#include <set>
#include <vector>

#include "domain/commands.h"
#include "domain/events.h"

namespace callwatch::codec::testing {

inline Timestamp at_ms(std::int64_t ms) { return Timestamp{Duration{ms}}; }

inline std::vector<EventBody> sample_event_bodies() {
  const PermissionSet manager = kCallCenterManagerPermissions;
  return {
      ev::SecurityProfileCreated{UserId("admin"), ProfileId("Supervisors"), manager},
      ev::SecurityProfileCreated{UserId("admin"), ProfileId("Nothing"), PermissionSet{}},
      ev::SecurityProfileCreated{UserId("system"), ProfileId("Admin"), PermissionSet::all()},
      ev::UserCreated{UserId("admin"), UserId("alice"),
                      {ProfileId("Agent"), ProfileId("CallCenterManager")}, 3},
      ev::UserCreated{UserId("admin"), UserId("bob"), {}, 10},
      ev::SecurityProfilesAssigned{UserId("admin"), UserId("alice"), {ProfileId("Agent")}},
      ev::InstanceAttributeSet{UserId("admin"), InstanceAttribute::EnhancedContactMonitoring, 0},
      ev::InstanceAttributeSet{UserId("admin"), InstanceAttribute::EnhancedChatMonitoring, 1},
      ev::InstanceAttributeSet{UserId("admin"), InstanceAttribute::MaxSupervisorsPerContact, 5},
      ev::InstanceAttributeSet{UserId("admin"), InstanceAttribute::MaxSupervisorsBarged,
                               std::nullopt},
      ev::QueueCreated{UserId("admin"), QueueId("Sales"), Channel::Voice},
      ev::QueueCreated{UserId("admin"), QueueId("Support chat"), Channel::Chat},
      ev::ContactFlowPublished{UserId("admin"), FlowId("inbound"), true},
      ev::ContactFlowPublished{UserId("admin"), FlowId("plain"), false},
      ev::CcpOpened{UserId("alice")},
      ev::CcpClosed{UserId("alice")},
      ev::AgentStatusChanged{UserId("alice"), "Available"},
      ev::AgentStatusChanged{UserId("alice"), "Break"},
      ev::ContactInitiated{ContactId("c-1"), Channel::Voice, FlowId("inbound"), "+1 555 0100"},
      ev::ContactInitiated{ContactId("c-2"), Channel::Chat, FlowId("plain"), "Zoë Ünicode"},
      ev::RecordingEnabled{ContactId("c-1")},
      ev::ContactQueued{ContactId("c-1"), QueueId("Sales")},
      ev::AgentConnected{ContactId("c-1"), UserId("alice")},
      ev::ContactHeld{ContactId("c-1")},
      ev::ContactResumed{ContactId("c-1")},
      ev::ContactEnded{ContactId("c-1"), Party::customer()},
      ev::ContactEnded{ContactId("c-1"), Party::of(UserId("alice"))},
      ev::WrapUpCompleted{ContactId("c-1")},
      ev::ContactAbandoned{ContactId("c-3")},
      ev::MessageSent{ContactId("c-2"), Party::customer(), "Hello?\nAnyone \"there\"?",
                      Visibility::Public},
      ev::MessageSent{ContactId("c-2"), Party::of(UserId("sup")), "", Visibility::Internal},
      ev::MessageSent{ContactId("c-2"), Party::of(UserId("sup")), std::string("nul\0byte", 8),
                      Visibility::Internal},
      ev::MonitoringStarted{ContactId("c-1"), UserId("sup"), MonitorMode::Silent},
      ev::MonitoringStarted{ContactId("c-1"), UserId("sup"), MonitorMode::Barge},
      ev::MonitorModeChanged{ContactId("c-1"), UserId("sup"), MonitorMode::Barge},
      ev::MonitorModeChanged{ContactId("c-1"), UserId("sup"), MonitorMode::Silent},
      ev::ConversationJoined{ContactId("c-2"), UserId("sup"), MessageMode::Internal},
      ev::ConversationJoined{ContactId("c-2"), UserId("sup"), MessageMode::Public},
      ev::MonitoringStopped{ContactId("c-1"), UserId("sup"), StopReason::Requested},
      ev::MonitoringStopped{ContactId("c-1"), UserId("sup"), StopReason::ContactEnded},
      ev::MonitoringStopped{ContactId("c-1"), UserId("sup"), StopReason::CcpClosed},
      ev::MonitoringStopped{ContactId("c-1"), UserId("sup"), StopReason::PermissionRevoked},
      ev::RecordingAccessed{UserId("sup"), RecordingAccess::Search, ContactId(), "Zoë"},
      ev::RecordingAccessed{UserId("sup"), RecordingAccess::Listen, ContactId("c-1"), ""},
      ev::RecordingAccessed{UserId("sup"), RecordingAccess::Download, ContactId("c-1"), ""},
      ev::TokenIssued{UserId("admin"), TokenId("0123456789ab"), UserId("sup"),
                      at_ms(1'800'000'000'000), std::string(64, 'e')},
      ev::TokenRevoked{UserId("sup"), TokenId("0123456789ab"), UserId("sup")},
      ev::FindingRecorded{ContactId("c-1"), UserId("sup"), "RECORDING_DISABLED",
                          "contact c-1 is not recorded", "connect/e-1/2"},
  };
}

inline std::vector<Event> sample_events() {
  std::vector<Event> out;
  std::int64_t t = 1'795'424'400'000;  // 2026-11-23T09:00:00Z
  for (auto& b : sample_event_bodies()) out.push_back(Event{at_ms(t += 1'234), std::move(b)});
  return out;
}

inline std::vector<CommandBody> sample_command_bodies() {
  return {
      cmd::CreateSecurityProfile{UserId("admin"), ProfileId("Supervisors"),
                                 kCallCenterManagerPermissions},
      cmd::CreateSecurityProfile{UserId("admin"), ProfileId("Empty"), PermissionSet{}},
      cmd::CreateUser{UserId("admin"), UserId("alice"), {ProfileId("Agent")}, 3},
      cmd::CreateUser{UserId("admin"), UserId("sup"),
                      {ProfileId("CallCenterManager"), ProfileId("Agent")}, 10},
      cmd::AssignSecurityProfiles{UserId("admin"), UserId("alice"), {ProfileId("Admin")}},
      cmd::SetInstanceAttribute{UserId("admin"), InstanceAttribute::EnhancedContactMonitoring, 0},
      cmd::SetInstanceAttribute{UserId("admin"), InstanceAttribute::EnhancedChatMonitoring, 1},
      cmd::SetInstanceAttribute{UserId("admin"), InstanceAttribute::MaxSupervisorsPerContact, 4},
      cmd::SetInstanceAttribute{UserId("admin"), InstanceAttribute::MaxSupervisorsBarged,
                                std::nullopt},
      cmd::CreateQueue{UserId("admin"), QueueId("Sales"), Channel::Voice},
      cmd::CreateQueue{UserId("admin"), QueueId("Chat"), Channel::Chat},
      cmd::PublishContactFlow{UserId("admin"), FlowId("inbound"), true},
      cmd::PublishContactFlow{UserId("admin"), FlowId("plain"), false},
      cmd::OpenCcp{UserId("alice")},
      cmd::CloseCcp{UserId("alice")},
      cmd::SetAgentStatus{UserId("alice"), "Available"},
      cmd::StartContact{ContactId("c-1"), Channel::Voice, QueueId("Sales"), FlowId("inbound"),
                        "+1 555 0100"},
      cmd::ConnectAgent{ContactId("c-1"), UserId("alice")},
      cmd::HoldContact{ContactId("c-1"), UserId("alice")},
      cmd::ResumeContact{ContactId("c-1"), UserId("alice")},
      cmd::EndContact{ContactId("c-1"), Party::customer()},
      cmd::EndContact{ContactId("c-1"), Party::of(UserId("alice"))},
      cmd::CompleteWrapUp{ContactId("c-1"), UserId("alice")},
      cmd::AbandonContact{ContactId("c-9")},
      cmd::SendMessage{ContactId("c-2"), Party::customer(), "hi", Visibility::Public},
      cmd::SendMessage{ContactId("c-2"), Party::of(UserId("sup")), "psst", Visibility::Internal},
      cmd::MonitorContact{ContactId("c-1"), UserId("sup"), MonitorMode::Silent},
      cmd::MonitorContact{ContactId("c-1"), UserId("sup"), MonitorMode::Barge},
      cmd::SetMonitorMode{ContactId("c-1"), UserId("sup"), MonitorMode::Barge},
      cmd::JoinConversation{ContactId("c-2"), UserId("sup"), MessageMode::Internal},
      cmd::JoinConversation{ContactId("c-2"), UserId("sup"), MessageMode::Public},
      cmd::StopMonitoring{ContactId("c-1"), UserId("sup")},
      cmd::AccessRecording{UserId("sup"), RecordingAccess::Search, ContactId(), "Zoë"},
      cmd::AccessRecording{UserId("sup"), RecordingAccess::Download, ContactId("c-1"), ""},
      cmd::IssueToken{UserId("admin"), TokenId("0123456789ab"), UserId("sup"),
                      at_ms(1'800'000'000'000), std::string(64, 'e')},
      cmd::RevokeToken{UserId("sup"), TokenId("0123456789ab")},
  };
}

// Every alternative of the variant appears at least once.
template <class Body>
bool covers_every_type(const std::vector<Body>& bodies) {
  std::set<std::size_t> seen;
  for (const auto& b : bodies) seen.insert(b.index());
  return seen.size() == std::variant_size_v<Body>;
}

}  // namespace callwatch::codec::testing
