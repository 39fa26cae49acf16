// Events: facts that happened, in the past tense. The log is a sequence of these; state is
// their fold (evolve). Events are never rejected: once appended, they are the truth.
//
// Every event belongs to exactly one stream (stream_of): the contact, user, profile, queue,
// flow or the instance it is about. One command may emit events on several streams (closing
// the CCP ends sessions on several contacts); the engine appends them atomically.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/ids.h"
#include "domain/permissions.h"
#include "domain/time.h"
#include "domain/vocabulary.h"

namespace callwatch {
namespace ev {

struct SecurityProfileCreated {
  UserId by;
  ProfileId profile;
  PermissionSet permissions;
  friend bool operator==(const SecurityProfileCreated&, const SecurityProfileCreated&) = default;
};
struct UserCreated {
  UserId by;
  UserId user;
  std::vector<ProfileId> profiles;
  int chat_concurrency;
  friend bool operator==(const UserCreated&, const UserCreated&) = default;
};
struct SecurityProfilesAssigned {
  UserId by;
  UserId user;
  std::vector<ProfileId> profiles;
  friend bool operator==(const SecurityProfilesAssigned&, const SecurityProfilesAssigned&) = default;
};
struct InstanceAttributeSet {
  UserId by;
  InstanceAttribute attribute;
  std::optional<std::int32_t> value;
  friend bool operator==(const InstanceAttributeSet&, const InstanceAttributeSet&) = default;
};
struct QueueCreated {
  UserId by;
  QueueId queue;
  Channel channel;
  friend bool operator==(const QueueCreated&, const QueueCreated&) = default;
};
struct ContactFlowPublished {
  UserId by;
  FlowId flow;
  bool recording;
  friend bool operator==(const ContactFlowPublished&, const ContactFlowPublished&) = default;
};
struct CcpOpened {
  UserId user;
  friend bool operator==(const CcpOpened&, const CcpOpened&) = default;
};
struct CcpClosed {
  UserId user;
  friend bool operator==(const CcpClosed&, const CcpClosed&) = default;
};
struct AgentStatusChanged {
  UserId user;
  std::string status;
  friend bool operator==(const AgentStatusChanged&, const AgentStatusChanged&) = default;
};
struct ContactInitiated {
  ContactId contact;
  Channel channel;
  FlowId flow;
  std::string customer;
  friend bool operator==(const ContactInitiated&, const ContactInitiated&) = default;
};
struct RecordingEnabled {  // the contact's flow ran its "Set call recording" block
  ContactId contact;
  friend bool operator==(const RecordingEnabled&, const RecordingEnabled&) = default;
};
struct ContactQueued {
  ContactId contact;
  QueueId queue;
  friend bool operator==(const ContactQueued&, const ContactQueued&) = default;
};
struct AgentConnected {
  ContactId contact;
  UserId agent;
  friend bool operator==(const AgentConnected&, const AgentConnected&) = default;
};
struct ContactHeld {
  ContactId contact;
  friend bool operator==(const ContactHeld&, const ContactHeld&) = default;
};
struct ContactResumed {
  ContactId contact;
  friend bool operator==(const ContactResumed&, const ContactResumed&) = default;
};
struct ContactEnded {  // the conversation is over; the agent is in after-contact work
  ContactId contact;
  Party by;
  friend bool operator==(const ContactEnded&, const ContactEnded&) = default;
};
struct WrapUpCompleted {
  ContactId contact;
  friend bool operator==(const WrapUpCompleted&, const WrapUpCompleted&) = default;
};
struct ContactAbandoned {
  ContactId contact;
  friend bool operator==(const ContactAbandoned&, const ContactAbandoned&) = default;
};
struct MessageSent {
  ContactId contact;
  Party from;
  std::string text;
  Visibility visibility;
  friend bool operator==(const MessageSent&, const MessageSent&) = default;
};
struct MonitoringStarted {
  ContactId contact;
  UserId supervisor;
  MonitorMode mode;  // Silent or Barge
  friend bool operator==(const MonitoringStarted&, const MonitoringStarted&) = default;
};
struct BargeToggled {  // monitor <-> barge within a session
  ContactId contact;
  UserId supervisor;
  MonitorMode mode;  // the new mode
  friend bool operator==(const BargeToggled&, const BargeToggled&) = default;
};
// A supervisor joined a chat in consult mode. Agent and customer are notified: this event is
// part of the customer's transcript (the notice, never the supervisor's internal messages).
struct ConversationJoined {
  ContactId contact;
  UserId supervisor;
  MessageMode message_mode;
  friend bool operator==(const ConversationJoined&, const ConversationJoined&) = default;
};
struct MonitoringStopped {
  ContactId contact;
  UserId supervisor;
  StopReason reason;
  friend bool operator==(const MonitoringStopped&, const MonitoringStopped&) = default;
};

}  // namespace ev

using EventBody =
    std::variant<ev::SecurityProfileCreated, ev::UserCreated, ev::SecurityProfilesAssigned,
                 ev::InstanceAttributeSet, ev::QueueCreated, ev::ContactFlowPublished,
                 ev::CcpOpened, ev::CcpClosed, ev::AgentStatusChanged, ev::ContactInitiated,
                 ev::RecordingEnabled, ev::ContactQueued, ev::AgentConnected, ev::ContactHeld,
                 ev::ContactResumed, ev::ContactEnded, ev::WrapUpCompleted, ev::ContactAbandoned,
                 ev::MessageSent, ev::MonitoringStarted, ev::BargeToggled, ev::ConversationJoined,
                 ev::MonitoringStopped>;

struct Event {
  Event();  // user-provided (below): `vector::emplace_back()` must not zero-fill first
  Event(Timestamp t, EventBody b) : at(t), body(std::move(b)) {}
  // Makes the body E from its fields in place (decide() writes every event this way).
  template <class E, class... Fields>
  Event(Timestamp t, std::in_place_type_t<E> type, Fields&&... fields)
      : at(t), body(type, std::forward<Fields>(fields)...) {}

  Timestamp at;
  EventBody body;
  friend bool operator==(const Event&, const Event&) = default;
};
inline Event::Event() = default;

// The event's wire name ("MonitoringStarted"); stable, used in JSON and the store's index.
[[nodiscard]] std::string_view type_name(const EventBody&);

// The stream an event belongs to: "contact-<id>", "user-<id>", "profile-<id>",
// "queue-<id>", "flow-<id>" or "instance".
[[nodiscard]] std::string stream_of(const EventBody&);
// The same, written into `out` (whose capacity is reused).
void stream_of_into(const EventBody&, std::string& out);

// Whether the customer of a chat sees this event in their transcript: public messages and
// the notice that a supervisor joined or barged in. Internal messages and silent monitoring
// never reach the customer.
[[nodiscard]] bool visible_to_customer(const EventBody&);

}  // namespace callwatch
