// Events: facts that happened, in the past tense. The log is a sequence of these; state is
// their fold (evolve). Events are never rejected: once appended, they are the truth.
//
// Each event type is declared once, here: its struct, its wire name (kName, stable: JSON, the
// envelope's type and the store's type index use it) and its field list (fields(): each
// member with its JSON name, which is also its name in codec/events.capnp, in declaration
// order). The JSON writer and reader (codec/event_json.cpp) and the simulator's log digest
// iterate that list; the names table below and every per-type table are built from the
// EventBody variant by type, never by position. A renamed event keeps its old name readable
// with kFormerNames (old stores and logs say it). See DEVELOPERS.md, "Adding an event".
//
// Every event belongs to exactly one stream (stream_of): the contact, user, profile, queue,
// flow or the instance it is about. One command may emit events on several streams (closing
// the CCP ends sessions on several contacts); the engine appends them atomically.
#pragma once

#include <cstdint>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "domain/ids.h"
#include "domain/permissions.h"
#include "domain/time.h"
#include "domain/vocabulary.h"

namespace callwatch {
namespace ev {

// One field of an event: its JSON name and where it lives.
template <class E, class T>
struct Field {
  const char* name;
  T E::*member;
};
template <class E, class T>
Field(const char*, T E::*) -> Field<E, T>;

struct SecurityProfileCreated {
  UserId by;
  ProfileId profile;
  PermissionSet permissions;
  static constexpr std::string_view kName = "SecurityProfileCreated";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &SecurityProfileCreated::by},
                      Field{"profile", &SecurityProfileCreated::profile},
                      Field{"permissions", &SecurityProfileCreated::permissions}};
  }
  friend bool operator==(const SecurityProfileCreated&, const SecurityProfileCreated&) = default;
};
struct UserCreated {
  UserId by;
  UserId user;
  std::vector<ProfileId> profiles;
  int chat_concurrency;
  static constexpr std::string_view kName = "UserCreated";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &UserCreated::by}, Field{"user", &UserCreated::user},
                      Field{"profiles", &UserCreated::profiles},
                      Field{"chatConcurrency", &UserCreated::chat_concurrency}};
  }
  friend bool operator==(const UserCreated&, const UserCreated&) = default;
};
struct SecurityProfilesAssigned {
  UserId by;
  UserId user;
  std::vector<ProfileId> profiles;
  static constexpr std::string_view kName = "SecurityProfilesAssigned";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &SecurityProfilesAssigned::by},
                      Field{"user", &SecurityProfilesAssigned::user},
                      Field{"profiles", &SecurityProfilesAssigned::profiles}};
  }
  friend bool operator==(const SecurityProfilesAssigned&, const SecurityProfilesAssigned&) = default;
};
struct InstanceAttributeSet {
  UserId by;
  InstanceAttribute attribute;
  std::optional<std::int32_t> value;
  static constexpr std::string_view kName = "InstanceAttributeSet";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &InstanceAttributeSet::by},
                      Field{"attribute", &InstanceAttributeSet::attribute},
                      Field{"value", &InstanceAttributeSet::value}};
  }
  friend bool operator==(const InstanceAttributeSet&, const InstanceAttributeSet&) = default;
};
struct QueueCreated {
  UserId by;
  QueueId queue;
  Channel channel;
  static constexpr std::string_view kName = "QueueCreated";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &QueueCreated::by}, Field{"queue", &QueueCreated::queue},
                      Field{"channel", &QueueCreated::channel}};
  }
  friend bool operator==(const QueueCreated&, const QueueCreated&) = default;
};
struct ContactFlowPublished {
  UserId by;
  FlowId flow;
  bool recording;
  static constexpr std::string_view kName = "ContactFlowPublished";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &ContactFlowPublished::by},
                      Field{"flow", &ContactFlowPublished::flow},
                      Field{"recording", &ContactFlowPublished::recording}};
  }
  friend bool operator==(const ContactFlowPublished&, const ContactFlowPublished&) = default;
};
struct CcpOpened {
  UserId user;
  static constexpr std::string_view kName = "CcpOpened";
  static constexpr auto fields() { return std::tuple{Field{"user", &CcpOpened::user}}; }
  friend bool operator==(const CcpOpened&, const CcpOpened&) = default;
};
struct CcpClosed {
  UserId user;
  static constexpr std::string_view kName = "CcpClosed";
  static constexpr auto fields() { return std::tuple{Field{"user", &CcpClosed::user}}; }
  friend bool operator==(const CcpClosed&, const CcpClosed&) = default;
};
struct AgentStatusChanged {
  UserId user;
  std::string status;
  static constexpr std::string_view kName = "AgentStatusChanged";
  static constexpr auto fields() {
    return std::tuple{Field{"user", &AgentStatusChanged::user},
                      Field{"status", &AgentStatusChanged::status}};
  }
  friend bool operator==(const AgentStatusChanged&, const AgentStatusChanged&) = default;
};
struct ContactInitiated {
  ContactId contact;
  Channel channel;
  FlowId flow;
  std::string customer;
  static constexpr std::string_view kName = "ContactInitiated";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &ContactInitiated::contact},
                      Field{"channel", &ContactInitiated::channel},
                      Field{"flow", &ContactInitiated::flow},
                      Field{"customer", &ContactInitiated::customer}};
  }
  friend bool operator==(const ContactInitiated&, const ContactInitiated&) = default;
};
struct RecordingEnabled {  // the contact's flow ran its "Set call recording" block
  ContactId contact;
  static constexpr std::string_view kName = "RecordingEnabled";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &RecordingEnabled::contact}};
  }
  friend bool operator==(const RecordingEnabled&, const RecordingEnabled&) = default;
};
struct ContactQueued {
  ContactId contact;
  QueueId queue;
  static constexpr std::string_view kName = "ContactQueued";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &ContactQueued::contact},
                      Field{"queue", &ContactQueued::queue}};
  }
  friend bool operator==(const ContactQueued&, const ContactQueued&) = default;
};
struct AgentConnected {
  ContactId contact;
  UserId agent;
  static constexpr std::string_view kName = "AgentConnected";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &AgentConnected::contact},
                      Field{"agent", &AgentConnected::agent}};
  }
  friend bool operator==(const AgentConnected&, const AgentConnected&) = default;
};
struct ContactHeld {
  ContactId contact;
  static constexpr std::string_view kName = "ContactHeld";
  static constexpr auto fields() { return std::tuple{Field{"contact", &ContactHeld::contact}}; }
  friend bool operator==(const ContactHeld&, const ContactHeld&) = default;
};
struct ContactResumed {
  ContactId contact;
  static constexpr std::string_view kName = "ContactResumed";
  static constexpr auto fields() { return std::tuple{Field{"contact", &ContactResumed::contact}}; }
  friend bool operator==(const ContactResumed&, const ContactResumed&) = default;
};
struct ContactEnded {  // the conversation is over; the agent is in after-contact work
  ContactId contact;
  Party by;
  static constexpr std::string_view kName = "ContactEnded";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &ContactEnded::contact}, Field{"by", &ContactEnded::by}};
  }
  friend bool operator==(const ContactEnded&, const ContactEnded&) = default;
};
struct WrapUpCompleted {
  ContactId contact;
  static constexpr std::string_view kName = "WrapUpCompleted";
  static constexpr auto fields() { return std::tuple{Field{"contact", &WrapUpCompleted::contact}}; }
  friend bool operator==(const WrapUpCompleted&, const WrapUpCompleted&) = default;
};
struct ContactAbandoned {
  ContactId contact;
  static constexpr std::string_view kName = "ContactAbandoned";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &ContactAbandoned::contact}};
  }
  friend bool operator==(const ContactAbandoned&, const ContactAbandoned&) = default;
};
struct MessageSent {
  ContactId contact;
  Party from;
  std::string text;
  Visibility visibility;
  static constexpr std::string_view kName = "MessageSent";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &MessageSent::contact}, Field{"from", &MessageSent::from},
                      Field{"text", &MessageSent::text},
                      Field{"visibility", &MessageSent::visibility}};
  }
  friend bool operator==(const MessageSent&, const MessageSent&) = default;
};
struct MonitoringStarted {
  ContactId contact;
  UserId supervisor;
  MonitorMode mode;  // Silent or Barge
  static constexpr std::string_view kName = "MonitoringStarted";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &MonitoringStarted::contact},
                      Field{"supervisor", &MonitoringStarted::supervisor},
                      Field{"mode", &MonitoringStarted::mode}};
  }
  friend bool operator==(const MonitoringStarted&, const MonitoringStarted&) = default;
};
struct MonitorModeChanged {  // silent <-> barge within a session (SetMonitorMode)
  ContactId contact;
  UserId supervisor;
  MonitorMode mode;  // the new mode
  static constexpr std::string_view kName = "MonitorModeChanged";
  // Its name until schema 1's first rename: old logs and stores still say it.
  static constexpr std::array<std::string_view, 1> kFormerNames{"BargeToggled"};
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &MonitorModeChanged::contact},
                      Field{"supervisor", &MonitorModeChanged::supervisor},
                      Field{"mode", &MonitorModeChanged::mode}};
  }
  friend bool operator==(const MonitorModeChanged&, const MonitorModeChanged&) = default;
};
// A supervisor joined a chat in consult mode. Agent and customer are notified: this event is
// part of the customer's transcript (the notice, never the supervisor's internal messages).
struct ConversationJoined {
  ContactId contact;
  UserId supervisor;
  MessageMode message_mode;
  static constexpr std::string_view kName = "ConversationJoined";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &ConversationJoined::contact},
                      Field{"supervisor", &ConversationJoined::supervisor},
                      Field{"messageMode", &ConversationJoined::message_mode}};
  }
  friend bool operator==(const ConversationJoined&, const ConversationJoined&) = default;
};
struct MonitoringStopped {
  ContactId contact;
  UserId supervisor;
  StopReason reason;
  static constexpr std::string_view kName = "MonitoringStopped";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &MonitoringStopped::contact},
                      Field{"supervisor", &MonitoringStopped::supervisor},
                      Field{"reason", &MonitoringStopped::reason}};
  }
  friend bool operator==(const MonitoringStopped&, const MonitoringStopped&) = default;
};

// A supervisor searched completed contacts, or listened to or downloaded a contact's
// recording (AccessRecording). The audit trail of recorded conversations; no rule reacts.
// Stream: the contact's; a search's (no contact) is the user's.
struct RecordingAccessed {
  UserId by;
  RecordingAccess access;
  ContactId contact;   // LISTEN, DOWNLOAD: the contact; SEARCH: empty
  std::string search;  // SEARCH: the query as given; otherwise empty
  static constexpr std::string_view kName = "RecordingAccessed";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &RecordingAccessed::by},
                      Field{"access", &RecordingAccessed::access},
                      Field{"contact", &RecordingAccessed::contact},
                      Field{"search", &RecordingAccessed::search}};
  }
  friend bool operator==(const RecordingAccessed&, const RecordingAccessed&) = default;
};

// An API token was issued (IssueToken): `token` authenticates `user` until `expires_at`
// unless revoked. Only the secret's SHA-256 is kept; the secret itself never enters the log.
// Stream: the token's user's.
struct TokenIssued {
  UserId by;
  TokenId token;
  UserId user;
  Timestamp expires_at;
  std::string secret_sha256;  // 64 lowercase hex digits
  static constexpr std::string_view kName = "TokenIssued";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &TokenIssued::by}, Field{"token", &TokenIssued::token},
                      Field{"user", &TokenIssued::user},
                      Field{"expiresAt", &TokenIssued::expires_at},
                      Field{"secretSha256", &TokenIssued::secret_sha256}};
  }
  friend bool operator==(const TokenIssued&, const TokenIssued&) = default;
};

// An API token was revoked (RevokeToken): it authenticates no one from here on.
// Stream: the token's user's.
struct TokenRevoked {
  UserId by;
  TokenId token;
  UserId user;  // the token's user
  static constexpr std::string_view kName = "TokenRevoked";
  static constexpr auto fields() {
    return std::tuple{Field{"by", &TokenRevoked::by}, Field{"token", &TokenRevoked::token},
                      Field{"user", &TokenRevoked::user}};
  }
  friend bool operator==(const TokenRevoked&, const TokenRevoked&) = default;
};

// An audit finding on a fact that came from outside (an Amazon Connect stream or file:
// connectors/connect_translator.h): the instance did something callwatch's rules would have
// refused as a command. `rule` is the refusing row's code (docs/rules.md, e.g.
// RECORDING_DISABLED), `reason` its text, `event` the id of the fact it marks (recorded just
// before this one). A finding changes no decision state. Stream: the contact's.
struct FindingRecorded {
  ContactId contact;
  UserId user;
  std::string rule;
  std::string reason;
  std::string event;
  static constexpr std::string_view kName = "FindingRecorded";
  static constexpr auto fields() {
    return std::tuple{Field{"contact", &FindingRecorded::contact},
                      Field{"user", &FindingRecorded::user}, Field{"rule", &FindingRecorded::rule},
                      Field{"reason", &FindingRecorded::reason},
                      Field{"event", &FindingRecorded::event}};
  }
  friend bool operator==(const FindingRecorded&, const FindingRecorded&) = default;
};

}  // namespace ev

using EventBody =
    std::variant<ev::SecurityProfileCreated, ev::UserCreated, ev::SecurityProfilesAssigned,
                 ev::InstanceAttributeSet, ev::QueueCreated, ev::ContactFlowPublished,
                 ev::CcpOpened, ev::CcpClosed, ev::AgentStatusChanged, ev::ContactInitiated,
                 ev::RecordingEnabled, ev::ContactQueued, ev::AgentConnected, ev::ContactHeld,
                 ev::ContactResumed, ev::ContactEnded, ev::WrapUpCompleted, ev::ContactAbandoned,
                 ev::MessageSent, ev::MonitoringStarted, ev::MonitorModeChanged,
                 ev::ConversationJoined, ev::MonitoringStopped, ev::RecordingAccessed,
                 ev::TokenIssued, ev::TokenRevoked, ev::FindingRecorded>;

namespace detail {
template <class V>
struct EventNames;
template <class... E>
struct EventNames<std::variant<E...>> {
  static constexpr std::array<std::string_view, sizeof...(E)> value{E::kName...};
};
}  // namespace detail

// Wire names indexed like EventBody, made from each type's kName (so never out of step).
inline constexpr const auto& kEventNames = detail::EventNames<EventBody>::value;

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

// The EventBody index of the type named `name`, by its name or a former one (a record of an
// old store saying "BargeToggled" reads as MonitorModeChanged); nullopt if no type has it.
[[nodiscard]] std::optional<std::size_t> event_index(std::string_view name);
// Whether `name` names this body's type, by its name or a former one.
[[nodiscard]] bool names_type_of(const EventBody&, std::string_view name);

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
